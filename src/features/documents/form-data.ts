/**
 * The data each printable form takes (TT 03/2025/TT-VPCP Appendix I, forms 01–07). Plain JSON-able
 * objects: the caller loads the dossier and its agency and fills these in, so the renderers never touch
 * the database. Times are epoch milliseconds and are printed in Vietnam time (UTC+7) whatever the
 * process time zone. A `null` in an optional field prints a dotted blank ("……") where the paper form
 * has a line for it, so an officer can fill it in by hand; optional blocks (an authorised
 * representative, a cooperating agency) simply disappear.
 */
import type { DurationUnit, Outcome } from '../../domain/calendar/index.ts';
import type { PaperDelivery, ResultMethod } from '../../domain/dossier/index.ts';

/** Epoch milliseconds. */
export type Instant = number;

/** The top of every form (NĐ 30/2020 layout): issuing agency on the left, national name on the right. */
export interface FormHeader {
  /** Cơ quan chủ quản, e.g. "Ủy ban nhân dân tỉnh Đồng Tháp"; printed in capitals. */
  parentAgencyName?: string | null;
  /** The issuing agency, e.g. "Sở Văn hóa, Thể thao và Du lịch"; printed in bold capitals. */
  agencyName: string;
  /** Document number and symbol without "Số:", e.g. "12/TNHS"; null prints "Số: ……". */
  number: string | null;
  /** Địa danh, e.g. "Đồng Tháp". */
  place: string;
  /** Date of the document: "Đồng Tháp, ngày 22 tháng 11 năm 2026". Also the PDF's creation date. */
  issuedAt: Instant;
}

export interface Applicant {
  /** Person or organisation. */
  name: string;
  /** Personal ID number (12 digits) or organisation code. */
  idNumber?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** A person filing on the applicant's behalf under a written authorisation (ủy quyền). */
export interface AuthorisedRepresentative {
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  /** The authorising document, e.g. "Giấy ủy quyền số 15/2026/GUQ ngày 20/11/2026". */
  authorisation: string;
}

/** A signature block. The hint under the title is chosen by the form. */
export interface Signer {
  /** The signing capacity, e.g. "Người tiếp nhận hồ sơ", "Giám đốc"; printed in bold capitals. */
  title: string;
  /** Signing on behalf of the head (NĐ 30/2020 Art. 13): "KT. GIÁM ĐỐC", "TL. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN". */
  authority?: string | null;
  /** Full name; null leaves the space for a handwritten name. */
  name: string | null;
}

/** The legal processing time of a procedure case, as the catalog stores it. */
export interface FormDuration {
  amount: number;
  unit: DurationUnit;
}

/** "Nơi nhận" at the bottom left of a letter, e.g. ["Như trên", "Lưu: VT"]; punctuation is added. */
export type Recipients = readonly string[];

// ---------------------------------------------------------------------------------------------------

export interface DossierComponentLine {
  name: string;
  originals: number;
  copies: number;
}

/** 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export interface Form01Data {
  header: FormHeader;
  dossierCode: string;
  applicant: Applicant;
  representative?: AuthorisedRepresentative | null;
  /** Nội dung yêu cầu giải quyết: the procedure (and case) requested. */
  procedureName: string;
  components: readonly DossierComponentLine[];
  processingTime: FormDuration;
  receivedAt: Instant;
  appointmentAt: Instant;
  /** Where the result is collected, e.g. "Bộ phận Một cửa Sở …" or "Qua dịch vụ bưu chính công ích". */
  resultPickup: string;
  /** Register volume and entry (Sổ theo dõi hồ sơ, Quyển số … Số thứ tự …). */
  register?: { volume: string | null; entry: string | null } | null;
  /** Public tracking page of this dossier, printed as a QR code. */
  trackingUrl: string;
  /** Defaults to "Người nộp hồ sơ" with the applicant's (or representative's) name. */
  applicantSigner?: Signer | null;
  receivingOfficer: Signer;
}

/** 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export interface Form02Data {
  header: FormHeader;
  /** Present when the request comes during appraisal (the dossier already has a code). */
  dossierCode?: string | null;
  applicant: Applicant;
  procedureName: string;
  /** Everything to supplement, in one go (NĐ 118/2025 allows one request). */
  items: readonly string[];
  reason: string;
  contactOfficer: { name: string; phone: string | null };
  signer: Signer;
}

/** 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface Form03Data {
  header: FormHeader;
  dossierCode?: string | null;
  applicant: Applicant;
  procedureName: string;
  reasons: readonly string[];
  signer: Signer;
}

/** 04 Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết. */
export interface Form04Data {
  header: FormHeader;
  /** Kính gửi: …, usually "Ông/Bà Nguyễn Thị Hồng Nhung". */
  addressee: string;
  receivedAt: Instant;
  procedureName: string;
  dossierCode: string;
  originalAppointmentAt: Instant;
  reason: string;
  newAppointmentAt: Instant;
  /** The agency head (or the deputy signing for the head). */
  signer: Signer;
  recipients?: Recipients | null;
}

/** 05 Thông báo dừng giải quyết hồ sơ. */
export interface Form05Data {
  header: FormHeader;
  applicant: Applicant;
  /** Kính gửi: …; defaults to the applicant's name. */
  addressee?: string | null;
  dossierCode: string;
  procedureName: string;
  receivedAt?: Instant | null;
  /** Same values as the dossier's `stopReason`: the applicant withdrew, or the agency stops it. */
  stopReason: 'withdrawal' | 'agency';
  /** When the applicant asked to withdraw (for `withdrawal`). */
  withdrawalRequestedAt?: Instant | null;
  /** The reason in words (the applicant's or the agency's). */
  reason: string;
  signer: Signer;
  recipients?: Recipients | null;
}

export interface HandoverParty {
  /** Person, e.g. "Trần Văn Bình"; null when only the unit is known. */
  person: string | null;
  /** Unit or agency, e.g. "Bộ phận Một cửa", "Phòng Quản lý văn hóa". */
  unit: string;
}

export interface HandoverRow {
  from: HandoverParty;
  to: HandoverParty;
  at: Instant;
  /** Early / on time / late against the step's budget; null while the step is pending. */
  result: Outcome | null;
  note?: string | null;
}

/** 06 Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export interface Form06Data {
  header: FormHeader;
  dossierCode: string;
  /** Number of the receipt (form 01) this slip accompanies, if any. */
  receiptNumber?: string | null;
  procedureName: string;
  applicantName: string;
  resolvingAgency: string;
  cooperatingAgencies: readonly string[];
  receivedAt: Instant;
  appointmentAt: Instant;
  handovers: readonly HandoverRow[];
}

/** How the result is (to be) received, as the dossier's `return_result` records it. */
export interface ResultDelivery {
  methods: readonly ResultMethod[];
  delivery: PaperDelivery | null;
}

export interface RegisterRow {
  dossierCode: string;
  procedureName: string;
  applicantName: string;
  address: string | null;
  phone: string | null;
  leadAgency: string;
  receivedAt: Instant;
  appointmentAt: Instant;
  /** Null while the result has not been returned. */
  returnedAt: Instant | null;
  resultDelivery: ResultDelivery | null;
  /** Who signed for the result, when recorded electronically; otherwise the column is left to sign. */
  receivedBy?: string | null;
}

/** 07 Sổ theo dõi hồ sơ, for one agency and one period. */
export interface Form07Data {
  header: FormHeader;
  /** The period, inclusive, as Vietnam dates of these instants. */
  period: { from: Instant; to: Instant };
  /** Quyển số, when the register is kept in volumes. */
  volume?: string | null;
  rows: readonly RegisterRow[];
}
