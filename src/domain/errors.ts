import { fieldLabel, type FieldLabel } from './field-labels.ts';

/**
 * Every error a user can meet has a stable code and a message in Vietnamese and English.
 * Domain and feature code throw AppError; the server maps codes to HTTP statuses in one table.
 */
export const errorMessages = {
  VALIDATION_FAILED: { vi: 'Dữ liệu không hợp lệ.', en: 'The input is not valid.' },
  UNKNOWN_FIELD: { vi: 'Trường dữ liệu không được hỗ trợ.', en: 'This field is not allowed.' },
  REQUIRED_FIELD: { vi: 'Trường này là bắt buộc.', en: 'This field is required.' },
  INVALID_PERSONAL_ID: {
    vi: 'Số định danh cá nhân phải gồm 12 chữ số và có mã tỉnh hợp lệ.',
    en: 'The personal ID number must have 12 digits and a valid province code.',
  },
  INVALID_TAX_CODE: {
    vi: 'Mã số thuế phải gồm 10 chữ số (có thể kèm -XXX cho chi nhánh).',
    en: 'The tax code must have 10 digits (optionally -XXX for a branch).',
  },
  INVALID_PHONE: { vi: 'Số điện thoại không hợp lệ.', en: 'The phone number is not valid.' },
  INVALID_EMAIL: { vi: 'Địa chỉ thư điện tử không hợp lệ.', en: 'The email address is not valid.' },
  INVALID_AGENCY_CODE: {
    vi: 'Mã định danh cơ quan không đúng định dạng QCVN 102 (ví dụ 000.00.12.H18).',
    en: 'The agency identifier does not follow QCVN 102 (e.g. 000.00.12.H18).',
  },
  WEAK_PASSWORD: {
    vi: 'Mật khẩu phải có ít nhất 10 ký tự.',
    en: 'The password must be at least 10 characters long.',
  },
  RESET_TOKEN_INVALID: {
    vi: 'Liên kết đặt lại mật khẩu không hợp lệ hoặc đã được thay bằng liên kết mới hơn. Vui lòng yêu cầu lại.',
    en: 'This password reset link is not valid or was replaced by a newer one. Please ask for a new link.',
  },
  RESET_TOKEN_EXPIRED: {
    vi: 'Liên kết đặt lại mật khẩu đã hết hạn. Vui lòng yêu cầu liên kết mới.',
    en: 'This password reset link has expired. Please ask for a new one.',
  },
  RESET_TOKEN_USED: {
    vi: 'Liên kết đặt lại mật khẩu đã được sử dụng. Vui lòng yêu cầu liên kết mới nếu cần.',
    en: 'This password reset link was already used. Ask for a new one if needed.',
  },
  UNAUTHENTICATED: { vi: 'Vui lòng đăng nhập.', en: 'Please log in.' },
  INVALID_CREDENTIALS: {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'The username or password is incorrect.',
  },
  LOGIN_LOCKED: {
    vi: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.',
    en: 'Too many failed login attempts. Please try again in a few minutes.',
  },
  RATE_LIMITED: {
    vi: 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau.',
    en: 'Too many requests. Please try again later.',
  },
  CSRF_INVALID: {
    vi: 'Phiên làm việc không hợp lệ. Vui lòng tải lại trang.',
    en: 'The request could not be verified. Please reload the page.',
  },
  FORBIDDEN: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  NOT_FOUND: { vi: 'Không tìm thấy dữ liệu.', en: 'Not found.' },
  DOSSIER_NOT_FOUND: { vi: 'Không tìm thấy hồ sơ.', en: 'Dossier not found.' },
  CHANNEL_NOT_OFFERED: {
    vi: 'Thủ tục này không tiếp nhận hồ sơ theo hình thức đã chọn.',
    en: 'This procedure does not accept dossiers through the chosen channel.',
  },
  INVALID_CASE: {
    vi: 'Trường hợp giải quyết không có trong thủ tục.',
    en: 'The procedure has no such case.',
  },
  AGENCY_REQUIRED: {
    vi: 'Thủ tục do nhiều cơ quan thực hiện: vui lòng chọn cơ quan giải quyết.',
    en: 'Several agencies implement this procedure: choose the resolving agency.',
  },
  NOT_AT_DESK: {
    vi: 'Bạn không phải cán bộ tiếp nhận của cơ quan này.',
    en: 'You are not a receiving officer of this agency.',
  },
  WAYBILL_REQUIRED: {
    vi: 'Hồ sơ qua bưu chính phải có số vận đơn.',
    en: 'A postal dossier needs the waybill number.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    vi: 'Khóa Idempotency-Key đã được dùng cho một yêu cầu khác.',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  ASSIGNEE_NOT_HANDLING_OFFICER: {
    vi: 'Người được phân công phải là chuyên viên thụ lý của cơ quan giải quyết.',
    en: 'The assignee must be a handling officer of the resolving agency.',
  },
  COMPONENT_NOT_FOUND: {
    vi: 'Hồ sơ không có thành phần này.',
    en: 'The dossier has no such component.',
  },
  FILE_NOT_FOUND: { vi: 'Không tìm thấy tệp.', en: 'File not found.' },
  SUPPLEMENT_ITEM_NOT_FOUND: {
    vi: 'Yêu cầu bổ sung hiện tại không có mục giấy tờ này.',
    en: 'The current supplement request has no such item.',
  },
  SUPPLEMENT_FILES_MISSING: {
    vi: 'Chưa tải lên tệp cho mọi giấy tờ được yêu cầu bổ sung.',
    en: 'Not every paper the supplement request asks for has a file yet.',
  },
  ATTACHMENT_NOT_AVAILABLE: {
    vi: 'Tệp đính kèm không có trong hồ sơ, không do bạn tải lên hoặc đã được gửi kèm trước đó.',
    en: 'The attachment is not in the dossier, was not uploaded by you, or was already sent.',
  },
  FORM_NOT_AVAILABLE: {
    vi: 'Hồ sơ chưa có biểu mẫu này.',
    en: 'This form does not exist for the dossier yet.',
  },
  TOO_MANY_FILES: {
    vi: 'Thành phần hồ sơ đã có đủ số tệp tối đa. Xóa bớt tệp trước khi tải thêm.',
    en: 'The component already holds the most files allowed. Remove one before adding another.',
  },
  FILE_OF_APPLICANT: {
    vi: 'Tệp do người nộp hồ sơ tải lên chỉ người nộp được xóa; nếu tệp không đạt, hãy yêu cầu bổ sung.',
    en: 'Only the applicant may remove a file they uploaded; if it is not acceptable, request a supplement.',
  },
  DOSSIER_CLOSED_FOR_FILES: {
    vi: 'Không thể thay đổi tệp của hồ sơ ở trạng thái hiện tại.',
    en: 'Files cannot be changed in the dossier’s current status.',
  },
  RATING_NOT_ALLOWED: { vi: 'Không thể đánh giá hồ sơ này.', en: 'This dossier cannot be rated.' },
  AGENCY_NOT_FOUND: { vi: 'Không tìm thấy cơ quan.', en: 'Agency not found.' },
  USER_NOT_FOUND: { vi: 'Không tìm thấy người dùng.', en: 'User not found.' },
  DUPLICATE: { vi: 'Dữ liệu đã tồn tại.', en: 'This already exists.' },
  USERNAME_TAKEN: { vi: 'Tên đăng nhập đã được sử dụng.', en: 'This username is already taken.' },
  SITE_URL_UNKNOWN: {
    vi:
      'Máy chủ chưa được cấu hình địa chỉ trang (PUBLIC_URL) nên không thể in mã QR tra cứu. Vui lòng báo ' +
      'quản trị hệ thống.',
    en: 'The server has no site address configured (PUBLIC_URL), so the tracking QR code cannot be printed.',
  },
  ACCOUNT_EXISTS: {
    vi:
      'Không thể tạo tài khoản với số định danh, mã số thuế hoặc địa chỉ thư điện tử này. Nếu bạn đã có ' +
      'tài khoản, hãy đăng nhập hoặc dùng chức năng quên mật khẩu.',
    en:
      'An account cannot be created with this ID number, tax code or email address. If you already have ' +
      'an account, log in or use the forgotten password page.',
  },
  EMAIL_TAKEN: { vi: 'Địa chỉ thư điện tử đã được sử dụng.', en: 'This email address is already in use.' },
  AGENCY_CODE_TAKEN: { vi: 'Mã định danh cơ quan đã tồn tại.', en: 'This agency identifier already exists.' },
  AGENCY_CYCLE: {
    vi: 'Không thể đặt cơ quan làm cấp dưới của chính nó.',
    en: 'An agency cannot be placed under itself.',
  },
  UNIT_NOT_IN_AGENCY: {
    vi: 'Phòng, đơn vị không thuộc cơ quan này.',
    en: 'The unit does not belong to this agency.',
  },
  ROLE_NEEDS_AGENCY: {
    vi: 'Vai trò này phải gắn với một cơ quan.',
    en: 'This role must be tied to an agency.',
  },
  INVALID_OFFICE_HOURS: { vi: 'Giờ làm việc không hợp lệ.', en: 'The office hours are not valid.' },
  INVALID_NOTICE: {
    vi: 'Thông báo nghỉ lễ, làm bù của năm không hợp lệ.',
    en: 'The year’s official notice of days off and make-up days is not valid.',
  },
  VERSION_CONFLICT: {
    vi: 'Dữ liệu đã được người khác thay đổi. Vui lòng tải lại.',
    en: 'Someone else changed this meanwhile. Please reload.',
  },
  PROCEDURE_NOT_FOUND: { vi: 'Không tìm thấy thủ tục hành chính.', en: 'Procedure not found.' },
  PROCEDURE_CODE_TAKEN: {
    vi: 'Mã thủ tục hành chính đã tồn tại.',
    en: 'This procedure code already exists.',
  },
  PROCEDURE_FIELD_NOT_FOUND: { vi: 'Lĩnh vực không có trong danh mục.', en: 'Unknown field (lĩnh vực).' },
  PROCEDURE_FIELD_CODE_TAKEN: {
    vi: 'Mã lĩnh vực đã tồn tại.',
    en: 'This field (lĩnh vực) code already exists.',
  },
  PROCEDURE_FIELD_IN_USE: {
    vi: 'Lĩnh vực đang được dùng cho thủ tục hành chính: không thể đổi mã hoặc xóa.',
    en: 'Procedures are filed under this field (lĩnh vực): its code cannot be changed or deleted.',
  },
  UNKNOWN_AGENCY: { vi: 'Cơ quan không có trong danh mục.', en: 'Unknown agency.' },
  FORM_TEMPLATE_NOT_FOUND: { vi: 'Không tìm thấy mẫu đơn, tờ khai.', en: 'Form template not found.' },
  NOT_A_DRAFT_DOSSIER: {
    vi: 'Chỉ xóa được hồ sơ nháp chưa nộp.',
    en: 'Only a draft dossier that was never submitted can be deleted.',
  },
  DRAFT_NOT_FOUND: {
    vi: 'Thủ tục không có bản dự thảo nào.',
    en: 'This procedure has no draft.',
  },
  EFFECTIVE_DATE_IN_PAST: {
    vi: 'Ngày có hiệu lực không được trước ngày hôm nay.',
    en: 'The effective date must not be before today.',
  },
  EFFECTIVE_DATE_TAKEN: {
    vi: 'Đã có phiên bản có hiệu lực từ ngày này.',
    en: 'Another version takes effect on this date.',
  },
  NOT_IMPLEMENTING_AGENCY: {
    vi: 'Cơ quan không thực hiện thủ tục này.',
    en: 'This agency does not implement this procedure.',
  },
  PROCEDURE_INCOMPLETE: {
    vi: 'Nội dung thủ tục còn thiếu hoặc mâu thuẫn, chưa thể công bố.',
    en: 'The procedure is incomplete or contradicts itself; it cannot be published yet.',
  },
  PROCESS_OVER_BUDGET: {
    vi: 'Tổng thời gian các bước vượt thời hạn giải quyết.',
    en: 'The steps take longer than the legal deadline.',
  },
  STEP_UNIT_INCOMPARABLE: {
    vi: 'Thời hạn của bước không so sánh được với thời hạn giải quyết (ngày làm việc và ngày lịch).',
    en: 'This step’s time cannot be compared with the deadline (working time against calendar time).',
  },
  PARALLEL_GROUP_SPLIT: {
    vi: 'Các bước song song cùng nhóm phải liền nhau.',
    en: 'The steps of one parallel group must follow one another.',
  },
  IMPORT_INVALID: {
    vi: 'Tệp danh mục có lỗi; chưa có dữ liệu nào được nhập.',
    en: 'The catalog file has errors; nothing was imported.',
  },
  INVALID_JSON_LINE: {
    vi: 'Dòng không phải là một đối tượng JSON hợp lệ.',
    en: 'The line is not a valid JSON object.',
  },
  INVALID_TIMESTAMP: {
    vi: 'Thời điểm không hợp lệ: dùng dạng ISO 8601 có múi giờ, ví dụ 2023-01-02T08:15:00+07:00.',
    en: 'The instant is not valid: use ISO 8601 with an offset, e.g. 2023-01-02T08:15:00+07:00.',
  },
  TIMESTAMP_OFFSET_REQUIRED: {
    vi: 'Thời điểm phải ghi rõ múi giờ (ví dụ +07:00 hoặc Z).',
    en: 'The instant must state its offset (e.g. +07:00 or Z).',
  },
  DATES_OUT_OF_ORDER: {
    vi: 'Các thời điểm của hồ sơ không đúng thứ tự.',
    en: 'The dossier’s instants are out of order.',
  },
  DUPLICATE_IN_FILE: {
    vi: 'Mã này đã xuất hiện ở dòng trước trong tệp.',
    en: 'This code already appears on an earlier line of the file.',
  },
  HISTORY_CONFLICT: {
    vi: 'Hồ sơ có mã này đã được nhập trước đó với nội dung khác.',
    en: 'A dossier with this code was imported earlier with different content.',
  },
  INVALID_SPREADSHEET: {
    vi: 'Tệp Excel không đúng mẫu.',
    en: 'The Excel file does not follow the template.',
  },
  FILE_TYPE_NOT_ALLOWED: {
    vi: 'Chỉ chấp nhận tệp PDF, JPEG, PNG, DOCX hoặc XLSX.',
    en: 'Only PDF, JPEG, PNG, DOCX or XLSX files are accepted.',
  },
  FILE_TOO_LARGE: {
    vi: 'Tệp vượt quá dung lượng cho phép.',
    en: 'The file is larger than allowed.',
  },
  FILE_EMPTY: { vi: 'Tệp không có nội dung.', en: 'The file is empty.' },
  PAYLOAD_TOO_LARGE: { vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    vi: 'Định dạng dữ liệu gửi lên không được hỗ trợ.',
    en: 'This content type is not supported.',
  },
  INTERNAL: {
    vi: 'Đã có lỗi xảy ra. Vui lòng thử lại sau.',
    en: 'Something went wrong. Please try again later.',
  },
  SERVICE_UNAVAILABLE: {
    vi: 'Hệ thống tạm thời không sẵn sàng.',
    en: 'The service is temporarily unavailable.',
  },
  COMMIT_OUTCOME_UNKNOWN: {
    vi: 'Mất kết nối tới cơ sở dữ liệu trong lúc lưu nên chưa biết thao tác đã được ghi nhận hay chưa. Vui lòng gửi lại sau giây lát với cùng khóa Idempotency-Key (trên trang: bấm gửi lại, không tải lại trang) để không tạo bản ghi trùng.',
    en: 'The connection to the database was lost while saving, so it is not known whether this was recorded. Please send it again in a moment with the same Idempotency-Key (on the page: press submit again without reloading) so that nothing is recorded twice.',
  },
  PRINT_BUSY: {
    vi: 'Hệ thống đang in nhiều văn bản. Vui lòng thử lại sau ít giây.',
    en: 'Too many documents are being printed right now. Please try again in a few seconds.',
  },
  DATABASE_UNAVAILABLE: {
    vi: 'Cơ sở dữ liệu tạm thời không truy cập được. Vui lòng thử lại sau ít phút.',
    en: 'The database is temporarily unreachable. Please try again in a moment.',
  },
  STORAGE_FULL: {
    vi: 'Máy chủ đã hết dung lượng lưu trữ nên chưa lưu được dữ liệu. Vui lòng thử lại sau hoặc báo cho quản trị hệ thống.',
    en: 'The server has run out of storage space, so nothing was saved. Please try again later or tell the system administrator.',
  },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ErrorCode = keyof typeof errorMessages;

/**
 * Codes whose message is about one field: given the field, the message names it by its label, so a
 * refusal shown away from its input (an alert above a form, a list of errors) still says which field.
 */
const aboutOneField: Partial<Record<ErrorCode, (label: FieldLabel) => { vi: string; en: string }>> = {
  REQUIRED_FIELD: (l) => ({ vi: `Trường "${l.vi}" là bắt buộc.`, en: `"${l.en}" is required.` }),
  VALIDATION_FAILED: (l) => ({
    vi: `Giá trị của "${l.vi}" không hợp lệ.`,
    en: `The value of "${l.en}" is not valid.`,
  }),
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    options: {
      field?: string;
      vi?: string;
      en?: string;
      details?: Record<string, unknown>;
      /** What went wrong underneath, for the log (never sent). */
      cause?: unknown;
    } = {},
  ) {
    const label = options.field === undefined ? undefined : fieldLabel(options.field);
    const named = label ? aboutOneField[code]?.(label) : undefined;
    const base = named ?? errorMessages[code];
    super(options.en ?? base.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.messageVi = options.vi ?? base.vi;
    this.messageEn = options.en ?? base.en;
    this.details = options.details;
  }
}
