/**
 * Refusals of the dossier rules. Every refusal has a stable code, a kind and messages in Vietnamese
 * (what officers and citizens read) and English. The kind tells the edge how to answer:
 * - `forbidden`: this actor may not do this (HTTP 403 at the edge);
 * - `conflict`: not possible in the dossier's current state (HTTP 409);
 * - `invalid`: the input is wrong (HTTP 400).
 * Domain code never speaks HTTP; the server maps kinds in its one table.
 */
import { fieldLabel } from '../field-labels.ts';
export type RefusalKind = 'forbidden' | 'conflict' | 'invalid';

export const refusalMessages = {
  // forbidden
  role_not_allowed: {
    kind: 'forbidden',
    vi: 'Vai trò của bạn không được thực hiện thao tác này đối với hồ sơ.',
    en: 'Your role may not take this action on a dossier.',
  },
  not_applicant: {
    kind: 'forbidden',
    vi: 'Chỉ chủ hồ sơ mới được thực hiện thao tác này.',
    en: 'Only the dossier’s applicant may do this.',
  },
  not_assignee: {
    kind: 'forbidden',
    vi: 'Hồ sơ được phân công cho chuyên viên khác.',
    en: 'The dossier is assigned to another handling officer.',
  },
  not_cooperating_agency: {
    kind: 'forbidden',
    vi: 'Cơ quan của bạn không được đề nghị phối hợp giải quyết hồ sơ này.',
    en: 'Your agency was not asked to cooperate on this dossier.',
  },
  // conflict
  invalid_state: {
    kind: 'conflict',
    vi: 'Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.',
    en: 'This action is not possible in the dossier’s current status.',
  },
  result_already_issued: {
    kind: 'conflict',
    vi: 'Hồ sơ đã có kết quả giải quyết, không thể rút.',
    en: 'A result has already been issued; the dossier can no longer be withdrawn.',
  },
  draft_not_saved: {
    kind: 'conflict',
    vi: 'Hồ sơ chưa được lưu.',
    en: 'The draft has not been saved yet.',
  },
  not_online: {
    kind: 'conflict',
    vi: 'Chỉ hồ sơ trực tuyến mới được nộp qua mạng.',
    en: 'Only an online dossier can be submitted online.',
  },
  online_must_be_submitted: {
    kind: 'conflict',
    vi: 'Hồ sơ trực tuyến phải được công dân nộp trước khi tiếp nhận.',
    en: 'An online dossier must be submitted by the applicant before it is checked.',
  },
  supplement_already_requested: {
    kind: 'conflict',
    vi: 'Hồ sơ đã được yêu cầu bổ sung một lần; không được yêu cầu bổ sung lần thứ hai.',
    en: 'A supplement was already requested once; a second request is not allowed.',
  },
  not_assigned: {
    kind: 'conflict',
    vi: 'Hồ sơ chưa được phân công chuyên viên thụ lý.',
    en: 'No handling officer has been assigned yet.',
  },
  no_previous_step: {
    kind: 'conflict',
    vi: 'Hồ sơ đang ở bước đầu tiên, không có bước trước để chuyển lại.',
    en: 'The dossier is at the first step; there is no previous step.',
  },
  cooperation_pending: {
    kind: 'conflict',
    vi: 'Còn cơ quan phối hợp chưa trả kết quả.',
    en: 'A cooperating agency has not answered yet.',
  },
  no_pending_cooperation: {
    kind: 'conflict',
    vi: 'Không có đề nghị phối hợp nào đang chờ kết quả.',
    en: 'No cooperation request is waiting for an answer.',
  },
  already_handled: {
    kind: 'conflict',
    vi: 'Chuyên viên đã xử lý xong hồ sơ; muốn phân công lại, hãy chuyển lại bước trước.',
    en: 'The handling officer has finished; to assign someone else, return the dossier to the previous step first.',
  },
  already_approved: {
    kind: 'conflict',
    vi: 'Hồ sơ đã được phê duyệt.',
    en: 'The dossier is already approved.',
  },
  not_approved: {
    kind: 'conflict',
    vi: 'Kết quả chưa được lãnh đạo phê duyệt.',
    en: 'The result has not been approved yet.',
  },
  already_rescheduled: {
    kind: 'conflict',
    vi: 'Ngày hẹn trả chỉ được điều chỉnh một lần.',
    en: 'The appointment may be reset only once.',
  },
  apology_too_late: {
    kind: 'conflict',
    vi: 'Văn bản xin lỗi phải gửi trước hạn ít nhất 01 ngày làm việc.',
    en: 'The apology letter must be sent at least one working day before the due time.',
  },
  already_rated: {
    kind: 'conflict',
    vi: 'Hồ sơ đã được đánh giá.',
    en: 'This dossier has already been rated.',
  },
  inconsistent_history: {
    kind: 'conflict',
    vi: 'Lịch sử xử lý hồ sơ không nhất quán.',
    en: 'The dossier’s history is inconsistent.',
  },
  // invalid
  unknown_action: { kind: 'invalid', vi: 'Thao tác không tồn tại.', en: 'Unknown action.' },
  invalid_input: { kind: 'invalid', vi: 'Dữ liệu không hợp lệ.', en: 'The input is not valid.' },
  unknown_field: {
    kind: 'invalid',
    vi: 'Trường dữ liệu không được hỗ trợ.',
    en: 'This field is not allowed.',
  },
  required: { kind: 'invalid', vi: 'Trường này là bắt buộc.', en: 'This field is required.' },
  too_long: { kind: 'invalid', vi: 'Nội dung quá dài.', en: 'The text is too long.' },
  invalid_value: { kind: 'invalid', vi: 'Giá trị không hợp lệ.', en: 'The value is not valid.' },
  empty_list: {
    kind: 'invalid',
    vi: 'Phải liệt kê ít nhất một mục.',
    en: 'At least one item must be listed.',
  },
  duplicate_item: {
    kind: 'invalid',
    vi: 'Danh sách có mục bị trùng.',
    en: 'The list contains the same item twice.',
  },
  channel_not_allowed: {
    kind: 'invalid',
    vi: 'Kênh nộp hồ sơ không phù hợp với người tạo hồ sơ.',
    en: 'This channel is not allowed for who creates the dossier.',
  },
  invalid_dossier_code: {
    kind: 'invalid',
    vi: 'Mã hồ sơ không đúng định dạng <mã cơ quan>-<YYMMDD>-<NNNN>.',
    en: 'The dossier code does not follow <agency identifier>-<YYMMDD>-<NNNN>.',
  },
  invalid_agency_code: {
    kind: 'invalid',
    vi: 'Mã định danh cơ quan không đúng định dạng QCVN 102 (ví dụ 000.00.12.H18).',
    en: 'The agency identifier does not follow QCVN 102 (e.g. 000.00.12.H18).',
  },
  invalid_deadline: {
    kind: 'invalid',
    vi: 'Thời hạn giải quyết không hợp lệ.',
    en: 'The processing time is not valid.',
  },
  appointment_not_later: {
    kind: 'invalid',
    vi: 'Ngày hẹn mới phải sau ngày hẹn cũ.',
    en: 'The new appointment must be later than the current one.',
  },
  appointment_not_working_time: {
    kind: 'invalid',
    vi: 'Ngày hẹn mới phải rơi vào giờ làm việc.',
    en: 'The new appointment must fall within working time.',
  },
  paper_details_required: {
    kind: 'invalid',
    vi: 'Trả kết quả bản giấy phải ghi hình thức trả và người nhận.',
    en: 'A paper result needs the delivery method and who received it.',
  },
  received_at_out_of_range: {
    kind: 'invalid',
    vi: 'Thời điểm nhận kết quả phải sau khi có kết quả và không sau thời điểm hiện tại.',
    en: 'The result must be received after it was issued and not in the future.',
  },
} as const satisfies Record<string, { kind: RefusalKind; vi: string; en: string }>;

export type RefusalCode = keyof typeof refusalMessages;

/** A refusal of the dossier rules: returned by `decide`, thrown by `replay` on a corrupt history. */
export class DossierRuleError extends Error {
  readonly code: RefusalCode;
  readonly kind: RefusalKind;
  readonly field: string | undefined;
  readonly message_en: string;

  constructor(code: RefusalCode, field?: string, detail?: { vi: string; en: string }) {
    const plain = refusalMessages[code];
    // A refusal of bad input names its field by its label (never by its path: defect 8).
    const label = field !== undefined && plain.kind === 'invalid' ? fieldLabel(field) : undefined;
    const base = label
      ? { ...plain, vi: `"${label.vi}": ${plain.vi}`, en: `"${label.en}": ${plain.en}` }
      : plain;
    super(detail ? `${base.vi} ${detail.vi}` : base.vi);
    this.name = 'DossierRuleError';
    this.code = code;
    this.kind = base.kind;
    this.field = field;
    this.message_en = detail ? `${base.en} ${detail.en}` : base.en;
  }
}
