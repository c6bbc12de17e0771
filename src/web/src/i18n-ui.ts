// Strings of the inbox's short status labels, the notification centre and the draft deletion (merged into i18n.ts).
import type { DossierStatus } from '../../domain/dossier/model.ts';

const statusShortVi: Record<DossierStatus, string> = {
  draft: 'Nháp',
  submitted: 'Chờ tiếp nhận',
  supplement_requested_at_intake: 'Chờ bổ sung (tiếp nhận)',
  refused: 'Từ chối',
  received: 'Đã tiếp nhận',
  processing: 'Đang xử lý',
  supplement_requested: 'Chờ bổ sung',
  financial_obligation: 'Chờ nộp NVTC',
  withdrawal_requested: 'Xin rút',
  stopped: 'Đã dừng',
  resolved: 'Chờ trả kết quả',
  returned: 'Đã trả kết quả',
};

const statusShortEn: Record<DossierStatus, string> = {
  draft: 'Draft',
  submitted: 'To receive',
  supplement_requested_at_intake: 'Supplement (intake)',
  refused: 'Refused',
  received: 'Received',
  processing: 'Processing',
  supplement_requested: 'Supplement',
  financial_obligation: 'Awaiting fees',
  withdrawal_requested: 'Withdrawal',
  stopped: 'Stopped',
  resolved: 'Result ready',
  returned: 'Returned',
};

export const uiVi = {
  /** Short status names for narrow table cells; the full name is in the badge's title. */
  statusShort: statusShortVi,
  inboxColumns: {
    submittedAt: 'Nộp lúc',
  },
};

export type UiResources = typeof uiVi;

export const uiEn: UiResources = {
  statusShort: statusShortEn,
  inboxColumns: {
    submittedAt: 'Submitted at',
  },
};
