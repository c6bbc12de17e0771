import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useReceiptTime } from '../api/dossiers.ts';
import { formatDateTime } from '../format.ts';

/**
 * Shown beside "receive" at the desk: received outside the agency's office hours, the processing time
 * only starts at the next opening; received after 15:00, the dossier goes on the next working day
 * (NĐ 118/2025). The officer sees it before confirming, and can tell the applicant.
 */
export function ReceiptTimeWarning({ agency }: { agency: string | null }) {
  const { t } = useTranslation();
  const timing = useReceiptTime(agency);
  const data = timing.data;
  if (!data) return null;
  const message = !data.open
    ? t('receiptTime.closed', { at: formatDateTime(data.countsFrom) })
    : data.forwardAt !== data.at
      ? t('receiptTime.late', { at: formatDateTime(data.forwardAt) })
      : null;
  if (!message) return null;
  return (
    <Alert
      color="yellow"
      title={t('receiptTime.title')}
      data-testid="receipt-time-warning"
      // The light variant's yellow title is 2:1 on its background; dark brown is above 7:1.
      styles={{ title: { color: '#4a3200' } }}
    >
      {message}
    </Alert>
  );
}
