// Strings of the inbox's short status labels, the notification centre and the draft deletion (merged into i18n.ts).
import type { DossierStatus } from '../../domain/dossier/model.ts';

// Where the short name would be the full one, it is left out: the domain's status name stands (i18n-domain.ts).
const statusShortVi: Partial<Record<DossierStatus, string>> = {
  draft: 'Nháp',
  submitted: 'Chờ tiếp nhận',
  supplement_requested_at_intake: 'Chờ bổ sung (tiếp nhận)',
  refused: 'Từ chối',
  supplement_requested: 'Chờ bổ sung',
  financial_obligation: 'Chờ nộp NVTC',
  withdrawal_requested: 'Xin rút',
  stopped: 'Đã dừng',
  resolved: 'Chờ trả kết quả',
  returned: 'Đã trả kết quả',
};

const statusShortEn: Partial<Record<DossierStatus, string>> = {
  draft: 'Draft',
  submitted: 'To receive',
  supplement_requested_at_intake: 'Supplement (intake)',
  refused: 'Refused',
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
  notices: {
    bell: 'Thông báo',
    // Vietnamese nouns do not change with the count; the _one keys are there because English needs them.
    bellUnread: 'Thông báo: {{count}} chưa đọc',
    bellUnread_one: 'Thông báo: {{count}} chưa đọc',
    heading: 'Thông báo',
    loginFirst: 'Vui lòng đăng nhập để xem thông báo của bạn.',
    unreadOnly: 'Chỉ thông báo chưa đọc',
    markAll: 'Đánh dấu tất cả là đã đọc',
    markOne: 'Đánh dấu đã đọc',
    markOneOf: 'Đánh dấu đã đọc: {{title}}',
    new: 'Chưa đọc',
    none: 'Bạn chưa có thông báo nào.',
    noneUnread: 'Không có thông báo chưa đọc.',
    count: '{{count}} thông báo',
    count_one: '{{count}} thông báo',
    unread: '{{count}} chưa đọc',
    unread_one: '{{count}} chưa đọc',
  },
  draftDelete: {
    button: 'Xóa hồ sơ nháp',
    buttonOf: 'Xóa hồ sơ nháp: {{name}}',
    title: 'Xóa hồ sơ nháp?',
    body: 'Hồ sơ nháp và các tệp đã tải lên sẽ bị xóa, không khôi phục được.',
    confirm: 'Xóa hồ sơ nháp',
    cancel: 'Không xóa',
  },
};

export type UiResources = typeof uiVi;

export const uiEn: UiResources = {
  statusShort: statusShortEn,
  inboxColumns: {
    submittedAt: 'Submitted at',
  },
  notices: {
    bell: 'Notifications',
    bellUnread: 'Notifications: {{count}} unread',
    bellUnread_one: 'Notifications: {{count}} unread',
    heading: 'Notifications',
    loginFirst: 'Please log in to see your notifications.',
    unreadOnly: 'Unread only',
    markAll: 'Mark all as read',
    markOne: 'Mark as read',
    markOneOf: 'Mark as read: {{title}}',
    new: 'Unread',
    none: 'You have no notifications.',
    noneUnread: 'No unread notifications.',
    count: '{{count}} notifications',
    count_one: '{{count}} notification',
    unread: '{{count}} unread',
    unread_one: '{{count}} unread',
  },
  draftDelete: {
    button: 'Delete draft',
    buttonOf: 'Delete the draft: {{name}}',
    title: 'Delete this draft?',
    body: 'The draft and the files uploaded to it will be deleted; this cannot be undone.',
    confirm: 'Delete draft',
    cancel: 'Keep it',
  },
};
