/**
 * What the forms call each request field, in Vietnamese and English, so that a refusal names the field as
 * the user knows it ("Địa chỉ", not "applicant/address"). Keyed by the field's own name, the last part of
 * its path that is not a list index; the path itself stays in `error.field` for programs.
 */
export interface FieldLabel {
  vi: string;
  en: string;
}

export const fieldLabels: Readonly<Record<string, FieldLabel>> = {
  address: { vi: 'Địa chỉ', en: 'Address' },
  agencies: { vi: 'Cơ quan', en: 'Agencies' },
  agency: { vi: 'Cơ quan', en: 'Agency' },
  amount: { vi: 'Thời hạn', en: 'Amount' },
  amountVnd: { vi: 'Số tiền (đồng)', en: 'Amount (VND)' },
  applicant: { vi: 'Người nộp', en: 'Applicant' },
  assignedToMe: { vi: 'Giao cho tôi', en: 'Assigned to me' },
  assigneeId: { vi: 'Người thụ lý', en: 'Handling officer' },
  assignmentId: { vi: 'Phân quyền', en: 'Role assignment' },
  attachments: { vi: 'Tệp đính kèm', en: 'Attachments' },
  authorisation: { vi: 'Giấy ủy quyền', en: 'Authorisation' },
  capacity: { vi: 'Tư cách người nộp', en: 'Filing capacity' },
  caseIndex: { vi: 'Trường hợp', en: 'Procedure case' },
  cell: { vi: 'Chỉ tiêu của báo cáo', en: 'Report figure' },
  channel: { vi: 'Kênh nộp', en: 'Channel' },
  code: { vi: 'Mã', en: 'Code' },
  comment: { vi: 'Ý kiến', en: 'Comment' },
  components: { vi: 'Thành phần hồ sơ', en: 'Dossier components' },
  content: { vi: 'Nội dung', en: 'Content' },
  criteria: { vi: 'Tiêu chí đánh giá', en: 'Rating criteria' },
  currentPassword: { vi: 'Mật khẩu hiện tại', en: 'Current password' },
  date: { vi: 'Ngày', en: 'Date' },
  daysOff: { vi: 'Ngày nghỉ', en: 'Days off' },
  deadline: { vi: 'Thời hạn giải quyết', en: 'Deadline' },
  description: { vi: 'Mô tả', en: 'Description' },
  disabled: { vi: 'Khóa tài khoản', en: 'Disabled' },
  dryRun: { vi: 'Chỉ kiểm tra', en: 'Dry run' },
  dueBefore: { vi: 'Hẹn trả trước', en: 'Due before' },
  effectiveFrom: { vi: 'Ngày hiệu lực', en: 'Effective from' },
  electronic: { vi: 'Kết quả điện tử', en: 'Electronic result' },
  email: { vi: 'Thư điện tử', en: 'Email' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  fileId: { vi: 'Tệp', en: 'File' },
  fileName: { vi: 'Tên tệp', en: 'File name' },
  form: { vi: 'Mẫu', en: 'Form' },
  format: { vi: 'Định dạng', en: 'Format' },
  from: { vi: 'Từ', en: 'From' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  group: { vi: 'Dòng của báo cáo', en: 'Report row' },
  groupBy: { vi: 'Nhóm theo', en: 'Group by' },
  id: { vi: 'Mã định danh', en: 'Identifier' },
  ids: { vi: 'Thông báo', en: 'Notifications' },
  idx: { vi: 'Thành phần hồ sơ', en: 'Dossier component' },
  intakeAgency: { vi: 'Nơi tiếp nhận', en: 'Intake agency' },
  issuer: { vi: 'Cơ quan cấp', en: 'Issuer' },
  items: { vi: 'Nội dung', en: 'Items' },
  kind: { vi: 'Loại', en: 'Kind' },
  lastFour: { vi: '4 số cuối', en: 'Last four digits' },
  legalBasis: { vi: 'Căn cứ pháp lý', en: 'Legal basis' },
  level: { vi: 'Cấp', en: 'Level' },
  login: { vi: 'Tên đăng nhập', en: 'Username' },
  makeUpWorkingDays: { vi: 'Ngày làm bù', en: 'Make-up working days' },
  mine: { vi: 'Của tôi', en: 'Mine' },
  mode: { vi: 'Cách tính', en: 'Mode' },
  name: { vi: 'Tên', en: 'Name' },
  nationalDayDaysOff: { vi: 'Ngày nghỉ Quốc khánh', en: 'National Day days off' },
  newDueAt: { vi: 'Ngày hẹn trả mới', en: 'New appointment' },
  newPassword: { vi: 'Mật khẩu mới', en: 'New password' },
  note: { vi: 'Ghi chú', en: 'Note' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  noticeNumber: { vi: 'Số thông báo', en: 'Notice number' },
  number: { vi: 'Số', en: 'Number' },
  officeHours: { vi: 'Giờ làm việc', en: 'Office hours' },
  on: { vi: 'Ngày áp dụng', en: 'On date' },
  online: { vi: 'Dịch vụ công trực tuyến', en: 'Online service' },
  onlineLevel: { vi: 'Mức độ trực tuyến', en: 'Online level' },
  organizationName: { vi: 'Tên tổ chức', en: 'Organisation name' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  page: { vi: 'Trang', en: 'Page' },
  pageSize: { vi: 'Số dòng mỗi trang', en: 'Page size' },
  parentCode: { vi: 'Cơ quan cấp trên', en: 'Parent agency' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  periods: { vi: 'Buổi làm việc', en: 'Working periods' },
  personalId: { vi: 'Số định danh cá nhân', en: 'Personal ID number' },
  phone: { vi: 'Số điện thoại', en: 'Phone number' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  provided: { vi: 'Thành phần đã nộp', en: 'Components provided' },
  purpose: { vi: 'Loại tệp', en: 'File purpose' },
  q: { vi: 'Từ khóa', en: 'Search text' },
  question: { vi: 'Nội dung xin ý kiến', en: 'Question' },
  reason: { vi: 'Lý do', en: 'Reason' },
  reasons: { vi: 'Lý do', en: 'Reasons' },
  receivedAt: { vi: 'Thời điểm tiếp nhận', en: 'Received at' },
  receivedFrom: { vi: 'Tiếp nhận từ', en: 'Received from' },
  receivedTo: { vi: 'Tiếp nhận đến', en: 'Received to' },
  ref: { vi: 'Hồ sơ', en: 'Dossier' },
  representative: { vi: 'Người được ủy quyền', en: 'Authorised representative' },
  replyDueAt: { vi: 'Hạn cho ý kiến', en: 'Reply due' },
  replyWorkingDays: { vi: 'Thời hạn cho ý kiến (ngày làm việc)', en: 'Reply time (working days)' },
  result: { vi: 'Kết quả', en: 'Result' },
  resultNumber: { vi: 'Số kết quả', en: 'Result number' },
  role: { vi: 'Vai trò', en: 'Role' },
  roles: { vi: 'Vai trò', en: 'Roles' },
  seasons: { vi: 'Mùa', en: 'Seasons' },
  shortName: { vi: 'Tên viết tắt', en: 'Short name' },
  sort: { vi: 'Sắp xếp', en: 'Sort' },
  source: { vi: 'Nguồn', en: 'Source' },
  start: { vi: 'Bắt đầu', en: 'Start' },
  status: { vi: 'Trạng thái', en: 'Status' },
  steps: { vi: 'Các bước', en: 'Steps' },
  subtree: { vi: 'Gồm cơ quan trực thuộc', en: 'Include subordinate agencies' },
  taxCode: { vi: 'Mã số thuế', en: 'Tax code' },
  tetDaysOff: { vi: 'Ngày nghỉ Tết', en: 'Tết days off' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  to: { vi: 'Đến', en: 'To' },
  token: { vi: 'Mã xác nhận', en: 'Token' },
  transactionId: { vi: 'Mã giao dịch', en: 'Transaction ID' },
  under: { vi: 'Trực thuộc', en: 'Under' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  unitId: { vi: 'Phòng, đơn vị', en: 'Unit' },
  unread: { vi: 'Chưa đọc', en: 'Unread' },
  url: { vi: 'Đường dẫn', en: 'Address (URL)' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  version: { vi: 'Phiên bản', en: 'Version' },
  waybill: { vi: 'Mã vận đơn', en: 'Waybill' },
  year: { vi: 'Năm', en: 'Year' },
};

/** The label of a field given by its path (applicant/address, ids/0), if it has one. */
export function fieldLabel(path: string): FieldLabel | undefined {
  const name = path
    .split('/')
    .filter((part) => !/^\d+$/.test(part))
    .at(-1);
  return name !== undefined && Object.hasOwn(fieldLabels, name) ? fieldLabels[name] : undefined;
}

/**
 * How a message names a field: by its label in quotes, `"Địa chỉ"`. Paths (applicant/address) and property
 * names are for programs: they stay in `error.field`, never in what a person reads (defect 8). A field
 * without a label is "a field"; every field a form sends has one (test/server/ui-items.test.ts).
 */
export function fieldName(path: string): FieldLabel {
  const label = fieldLabel(path);
  return label ? { vi: `"${label.vi}"`, en: `"${label.en}"` } : { vi: 'một trường dữ liệu', en: 'a field' };
}

/** Where in a request a value was, in words ("(tham số truy vấn)"), for anything but the body. */
export function requestPart(context: string | undefined): FieldLabel {
  switch (context) {
    case undefined:
    case 'body':
      return { vi: '', en: '' };
    case 'querystring':
      return { vi: ' (tham số truy vấn)', en: ' (query parameter)' };
    case 'params':
      return { vi: ' (đường dẫn)', en: ' (in the address)' };
    case 'headers':
      return { vi: ' (tiêu đề yêu cầu)', en: ' (request header)' };
    default:
      return { vi: '', en: '' };
  }
}
