import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Duration, Fee, LegalDocument, ProcedureComponent } from '../api/dossiers.ts';
import { formatDate, formatFileSize, formatMoney } from '../format.ts';

/**
 * The value of the radio for a procedure's own deadline and components (no case index): the usual case,
 * listed first and chosen until the applicant picks one of the special cases.
 */
export const NORMAL_CASE = 'normal';

/** "10 ngày làm việc", "1 working day", "0,5 ngày làm việc"; a deadline of 0 is "Trong ngày" (same day). */
export function useDuration() {
  const { t, i18n } = useTranslation();
  return (d: Duration) =>
    d.amount === 0
      ? t('units.sameDay')
      : `${d.amount.toLocaleString(i18n.language === 'en' ? 'en-US' : 'vi-VN')} ${t(`units.${d.unit}`, { count: d.amount })}`;
}

/**
 * "Bản chính: 1 · Bản sao: 2", leaving out a count of 0: an identity paper is shown or read from the
 * national databases, not handed in, and "Bản chính: 0 · Bản sao: 0" said nothing useful. '' when both are 0.
 */
export function useQuantities() {
  const { t } = useTranslation();
  return (c: { originals: number; copies: number }, separator = ' · ') =>
    [
      c.originals > 0 ? `${t('procedure.originals')}: ${c.originals}` : null,
      c.copies > 0 ? `${t('procedure.copies')}: ${c.copies}` : null,
    ]
      .filter((part) => part !== null)
      .join(separator);
}

export function Fees({ fees }: { fees: Fee[] }) {
  const { t } = useTranslation();
  if (fees.length === 0) return <Text size="sm">{t('procedure.noFee')}</Text>;
  return (
    <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {fees.map((f, i) => (
        <Text component="li" size="sm" key={i}>
          {f.name}:{' '}
          <strong>{f.amountVnd === null ? t('procedure.feeByNote') : formatMoney(f.amountVnd)}</strong>
          {f.note ? ` (${f.note})` : ''}
        </Text>
      ))}
    </Stack>
  );
}

export function Components({ components }: { components: ProcedureComponent[] }) {
  const { t, i18n } = useTranslation();
  const quantities = useQuantities();
  return (
    <Stack gap="xs" component="ol" style={{ paddingLeft: 0, margin: 0, listStyle: 'none' }}>
      {components.map((c, i) => (
        <Card key={i} component="li" withBorder padding="sm">
          <Text fw={500}>
            {i + 1}. {c.name}
          </Text>
          <Group gap="xs" mt={4} wrap="wrap">
            <Badge
              variant="filled"
              styles={{
                root: {
                  background: c.required ? '#a61e4d' : '#495057',
                  color: '#fff',
                  textTransform: 'none',
                },
              }}
            >
              {c.required ? t('procedure.required') : t('procedure.optional')}
            </Badge>
            {quantities(c) && <Text size="sm">{quantities(c)}</Text>}
            {c.fromNationalDb && (
              <Text size="sm" c="dimmed">
                {t('procedure.fromNationalDb')}
              </Text>
            )}
          </Group>
          {c.note && (
            <Text size="sm" mt={4}>
              {c.note}
            </Text>
          )}
          {c.formTemplate && (
            <Anchor href={c.formTemplate.url} download={c.formTemplate.fileName} size="sm" mt={4}>
              {t('procedure.downloadForm', { name: c.formTemplate.fileName })} (
              {formatFileSize(c.formTemplate.size, i18n.language)})
            </Anchor>
          )}
        </Card>
      ))}
    </Stack>
  );
}

export function LegalDocuments({ documents }: { documents: LegalDocument[] }) {
  return (
    <Stack gap={4} component="ul" style={{ paddingLeft: 20, margin: 0 }}>
      {documents.map((d, i) => (
        <Text component="li" size="sm" key={i}>
          <strong>{d.number}</strong>
          {d.date ? ` (${formatDate(d.date)})` : ''}
          {d.issuer ? ` — ${d.issuer}` : ''}
          {d.title ? `: ${d.title}` : ''}
        </Text>
      ))}
    </Stack>
  );
}
