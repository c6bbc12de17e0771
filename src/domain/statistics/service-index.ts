/**
 * The QĐ 766/QĐ-TTg service-quality index (domain.md section 10): the indicator table as data, and the
 * scoring. Pure: the caller passes the counts it read from the database.
 *
 * Score of an indicator = min(1, rate ÷ threshold) × points (threshold 100% where the decision gives none).
 * An indicator the system cannot measure is `no_data`, never zero and never full marks: the totals give
 * the points earned out of the points that have data, and out of 100.
 */
import { roundPoints, share } from './shares.ts';

export const indicatorGroupIds = [
  'transparency',
  'progress',
  'online',
  'digitization',
  'satisfaction',
] as const;
export type IndicatorGroupId = (typeof indicatorGroupIds)[number];

interface Text {
  vi: string;
  en: string;
}

export interface IndicatorGroup {
  id: IndicatorGroupId;
  no: number;
  maxPoints: number;
  name: Text;
}

export const indicatorGroups: readonly IndicatorGroup[] = [
  { id: 'transparency', no: 1, maxPoints: 18, name: { vi: 'Công khai, minh bạch', en: 'Transparency' } },
  {
    id: 'progress',
    no: 2,
    maxPoints: 20,
    name: { vi: 'Tiến độ, kết quả giải quyết', en: 'Progress and results' },
  },
  {
    id: 'online',
    no: 3,
    maxPoints: 22,
    name: { vi: 'Cung cấp dịch vụ trực tuyến', en: 'Online service' },
  },
  { id: 'digitization', no: 4, maxPoints: 22, name: { vi: 'Số hóa hồ sơ', en: 'Digitization' } },
  { id: 'satisfaction', no: 5, maxPoints: 18, name: { vi: 'Mức độ hài lòng', en: 'Satisfaction' } },
];

/**
 * What the system counts for the index. Each is a ratio; the features fill them from the period report,
 * the catalog metrics, payments, files and ratings.
 */
export interface ServiceIndexCounts {
  /** Finished or open dossiers whose end ≤ appointment (early + on time + open within deadline), of resolved + open. */
  onTime: Ratio;
  /** Received online, of received in the period. */
  onlineDossiers: Ratio;
  /** Procedures offering full online service, of procedures implemented. */
  fullOnlineProcedures: Ratio;
  /** Fee procedures payable online (derived rule, see catalog-metrics.ts), of fee procedures. */
  onlinePaymentProcedures: Ratio;
  /** Fee procedures with at least one dossier paid online in the period, of fee procedures. */
  proceduresWithOnlinePayment: Ratio;
  /** Dossiers received in the period and paid online, of those that carry a fee. */
  dossiersPaidOnline: Ratio;
  /** Results issued in the period that are electronic, of results issued (this system's dossiers). */
  electronicResults: Ratio;
  /** In-person and postal dossiers received in the period with a scanned component, of those received. */
  digitizedDossiers: Ratio;
  /** Ratings given in the period that are "not satisfied", of ratings given. */
  notSatisfied: Ratio;
}

export interface Ratio {
  numerator: number;
  denominator: number;
}

export type IndicatorKey =
  | 'published_on_time'
  | 'catalog_updated_on_time'
  | 'complete_publication'
  | 'synced_to_national_portal'
  | 'on_time'
  | 'online_dossiers'
  | 'full_online_procedures'
  | 'online_payment_procedures'
  | 'procedures_with_online_payment'
  | 'dossiers_paid_online'
  | 'electronic_results'
  | 'digitized_dossiers'
  | 'electronic_certified_copies'
  | 'reused_digitized_data'
  | 'personal_data_store'
  | 'population_db_dossiers'
  | 'population_db_procedures'
  | 'feedback_on_time'
  | 'feedback_satisfaction'
  | 'resolution_satisfaction';

export interface IndicatorDefinition {
  /** Number within the table, e.g. "3.2". */
  no: string;
  key: IndicatorKey;
  group: IndicatorGroupId;
  maxPoints: number;
  /** Rate at which the indicator earns full points, in (0, 1]. */
  threshold: number;
  name: Text;
  /** How the rate is computed. */
  rate: Text;
  /** Where the decision is vague, the rule this system applies (shown beside the figure). */
  rule?: Text;
  /** Set when the system holds no data for the indicator: why. */
  notTracked?: Text;
}

const NOT_TRACKED_PORTAL: Text = {
  vi: 'Cần dữ liệu của Cổng Dịch vụ công quốc gia và Cơ sở dữ liệu quốc gia về thủ tục hành chính; hệ thống chưa kết nối.',
  en: 'Needs data from the National Public Service Portal and the National Database of Administrative Procedures; not connected yet.',
};

/** The index's twenty indicators (100 points), in the order of QĐ 766 (domain.md section 10). */
export const indicators: readonly IndicatorDefinition[] = [
  {
    no: '1.1',
    key: 'published_on_time',
    group: 'transparency',
    maxPoints: 6,
    threshold: 1,
    name: { vi: 'Công bố, công khai thủ tục hành chính đúng hạn', en: 'Procedures published on time' },
    rate: {
      vi: 'Số TTHC được công bố đúng hạn ÷ tổng số TTHC phải công bố',
      en: 'Procedures published on time ÷ procedures to publish',
    },
    notTracked: {
      vi: 'Hệ thống không lưu thời hạn công bố theo văn bản quy phạm pháp luật của từng thủ tục.',
      en: 'The system does not hold the publication deadline the legal documents set for each procedure.',
    },
  },
  {
    no: '1.2',
    key: 'catalog_updated_on_time',
    group: 'transparency',
    maxPoints: 4,
    threshold: 1,
    name: {
      vi: 'Cập nhật, công khai TTHC trên Cơ sở dữ liệu quốc gia đúng hạn',
      en: 'Catalog updated on the national database on time',
    },
    rate: {
      vi: 'Số TTHC cập nhật đúng hạn ÷ tổng số TTHC phải cập nhật',
      en: 'Procedures updated on time ÷ procedures to update',
    },
    notTracked: NOT_TRACKED_PORTAL,
  },
  {
    no: '1.3',
    key: 'complete_publication',
    group: 'transparency',
    maxPoints: 2,
    threshold: 1,
    name: {
      vi: 'Công khai đầy đủ thông tin TTHC',
      en: 'Complete publication of procedures',
    },
    rate: {
      vi: 'Số TTHC công khai đầy đủ (tại Bộ phận Một cửa và trên Cổng Dịch vụ công) ÷ tổng số TTHC',
      en: 'Procedures fully published (at the one-stop desk and on the portal) ÷ procedures',
    },
    notTracked: {
      vi: 'Hệ thống không ghi nhận việc niêm yết tại Bộ phận Một cửa và trên Cổng Dịch vụ công quốc gia.',
      en: 'The system does not record posting at the one-stop desk or on the National Public Service Portal.',
    },
  },
  {
    no: '1.4',
    key: 'synced_to_national_portal',
    group: 'transparency',
    maxPoints: 6,
    threshold: 1,
    name: {
      vi: 'Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia',
      en: 'Dossiers synced to the national portal',
    },
    rate: {
      vi: 'Số hồ sơ được đồng bộ đầy đủ trạng thái ÷ tổng số hồ sơ',
      en: 'Dossiers synced with every status ÷ dossiers',
    },
    notTracked: {
      vi: 'Chưa có kết nối đồng bộ hồ sơ với Cổng Dịch vụ công quốc gia.',
      en: 'Dossiers are not synced with the National Public Service Portal yet.',
    },
  },
  {
    no: '2.1',
    key: 'on_time',
    group: 'progress',
    maxPoints: 20,
    threshold: 1,
    name: { vi: 'Giải quyết hồ sơ đúng hạn', en: 'Dossiers handled on time' },
    rate: {
      vi: '(Đã giải quyết trước hạn + đúng hạn + đang giải quyết trong hạn) ÷ (đã giải quyết + đang giải quyết); yêu cầu bổ sung quá một lần hoặc hẹn lại ngày trả tính là quá hạn (Biểu 06)',
      en: '(Resolved early + on time + open within deadline) ÷ (resolved + open); more than one supplement request or a reset appointment counts as late (Biểu 06)',
    },
  },
  {
    no: '3.1',
    key: 'online_dossiers',
    group: 'online',
    maxPoints: 6,
    threshold: 0.5,
    name: { vi: 'Hồ sơ nộp trực tuyến', en: 'Dossiers filed online' },
    rate: {
      vi: 'Số hồ sơ tiếp nhận trực tuyến ÷ tổng số hồ sơ tiếp nhận trong kỳ',
      en: 'Dossiers received online ÷ dossiers received in the period',
    },
    rule: {
      vi: 'QĐ 766 gộp 12 điểm cho hồ sơ trực tuyến và TTHC trực tuyến; hệ thống chia đều 6 + 6.',
      en: 'QĐ 766 gives 12 points to online dossiers and online procedures together; split evenly 6 + 6.',
    },
  },
  {
    no: '3.2',
    key: 'full_online_procedures',
    group: 'online',
    maxPoints: 6,
    threshold: 0.8,
    name: {
      vi: 'TTHC cung cấp dịch vụ công trực tuyến toàn trình',
      en: 'Procedures offered fully online',
    },
    rate: {
      vi: 'Số TTHC trực tuyến toàn trình ÷ tổng số TTHC đang thực hiện (phiên bản có hiệu lực cuối kỳ)',
      en: 'Fully online procedures ÷ procedures implemented (versions in force at the end of the period)',
    },
    rule: {
      vi: 'QĐ 766 gộp 12 điểm cho hồ sơ trực tuyến và TTHC trực tuyến; hệ thống chia đều 6 + 6.',
      en: 'QĐ 766 gives 12 points to online dossiers and online procedures together; split evenly 6 + 6.',
    },
  },
  {
    no: '3.3',
    key: 'online_payment_procedures',
    group: 'online',
    maxPoints: 2,
    threshold: 0.8,
    name: {
      vi: 'TTHC có phí, lệ phí được thanh toán trực tuyến',
      en: 'Fee procedures payable online',
    },
    rate: {
      vi: 'Số TTHC có phí, lệ phí cho phép thanh toán trực tuyến ÷ tổng số TTHC có phí, lệ phí',
      en: 'Fee procedures payable online ÷ fee procedures',
    },
    rule: {
      vi: 'Danh mục chưa ghi việc thanh toán trực tuyến; hệ thống coi TTHC có phí, lệ phí và trực tuyến toàn trình là thanh toán được trực tuyến (quy tắc suy ra).',
      en: 'The catalog does not record online payment; a fee procedure offered fully online is taken as payable online (derived rule).',
    },
  },
  {
    no: '3.4',
    key: 'procedures_with_online_payment',
    group: 'online',
    maxPoints: 2,
    threshold: 1,
    name: {
      vi: 'TTHC có phát sinh giao dịch thanh toán trực tuyến',
      en: 'Procedures with an online payment transaction',
    },
    rate: {
      vi: 'Số TTHC có phí, lệ phí có ít nhất một hồ sơ thanh toán trực tuyến trong kỳ ÷ tổng số TTHC có phí, lệ phí',
      en: 'Fee procedures with at least one dossier paid online in the period ÷ fee procedures',
    },
  },
  {
    no: '3.5',
    key: 'dossiers_paid_online',
    group: 'online',
    maxPoints: 6,
    threshold: 1,
    name: { vi: 'Hồ sơ thanh toán trực tuyến', en: 'Dossiers paid online' },
    rate: {
      vi: 'Số hồ sơ tiếp nhận trong kỳ đã thanh toán trực tuyến ÷ số hồ sơ tiếp nhận trong kỳ có phí, lệ phí',
      en: 'Dossiers received in the period and paid online ÷ dossiers received in the period that carry a fee',
    },
    rule: {
      vi: 'Hồ sơ có phí, lệ phí: hồ sơ của TTHC có phí, lệ phí hoặc đã thanh toán trực tuyến; thanh toán trực tuyến: ghi nhận qua cổng thanh toán (hồ sơ trên hệ thống) hoặc cờ paidOnline (dữ liệu chuyển đổi).',
      en: 'A dossier carries a fee when its procedure has one or it was paid online; paid online: recorded by the payment gateway (dossiers of this system) or flagged paidOnline (imported history).',
    },
  },
  {
    no: '4.1',
    key: 'electronic_results',
    group: 'digitization',
    maxPoints: 6,
    threshold: 1,
    name: { vi: 'Cấp kết quả giải quyết TTHC điện tử', en: 'Electronic results' },
    rate: {
      vi: 'Số kết quả phát hành trong kỳ có bản điện tử ÷ tổng số kết quả phát hành trong kỳ',
      en: 'Results issued in the period with an electronic copy ÷ results issued in the period',
    },
    rule: {
      vi: 'Kết quả điện tử: phát hành với "kết quả điện tử" hoặc có tệp kết quả đính kèm. Chỉ tính hồ sơ trên hệ thống (dữ liệu chuyển đổi không có thông tin này).',
      en: 'Electronic: issued as electronic or with a result file attached. Dossiers of this system only (imported history does not carry it).',
    },
  },
  {
    no: '4.2',
    key: 'digitized_dossiers',
    group: 'digitization',
    maxPoints: 4,
    threshold: 0.8,
    name: { vi: 'Số hóa hồ sơ tiếp nhận', en: 'Digitized dossiers' },
    rate: {
      vi: 'Số hồ sơ trực tiếp, qua bưu chính tiếp nhận trong kỳ có thành phần được số hóa ÷ tổng số hồ sơ trực tiếp, qua bưu chính tiếp nhận trong kỳ',
      en: 'In-person and postal dossiers received in the period with a scanned component ÷ in-person and postal dossiers received in the period',
    },
    rule: {
      vi: 'Hồ sơ trực tuyến không phải số hóa (TT 01/2023); chỉ tính hồ sơ trên hệ thống, tệp tải lên trước cuối kỳ.',
      en: 'Online dossiers need no scanning (TT 01/2023); dossiers of this system only, files uploaded before the end of the period.',
    },
  },
  {
    no: '4.3',
    key: 'electronic_certified_copies',
    group: 'digitization',
    maxPoints: 2,
    threshold: 1,
    name: { vi: 'Chứng thực bản sao điện tử', en: 'Electronic certified copies' },
    rate: {
      vi: 'Số bản sao chứng thực điện tử ÷ tổng số yêu cầu chứng thực',
      en: 'Electronic certified copies ÷ certification requests',
    },
    notTracked: {
      vi: 'Hệ thống chưa có chức năng chứng thực bản sao điện tử.',
      en: 'The system has no electronic certification of copies yet.',
    },
  },
  {
    no: '4.4',
    key: 'reused_digitized_data',
    group: 'digitization',
    maxPoints: 2,
    threshold: 0.8,
    name: { vi: 'Tái sử dụng dữ liệu số hóa', en: 'Reuse of digitized data' },
    rate: {
      vi: 'Số hồ sơ sử dụng lại kết quả số hóa ÷ tổng số hồ sơ',
      en: 'Dossiers reusing digitized results ÷ dossiers',
    },
    notTracked: {
      vi: 'Hệ thống chưa có kho dữ liệu số hóa để tái sử dụng.',
      en: 'The system has no store of digitized data to reuse yet.',
    },
  },
  {
    no: '4.5',
    key: 'personal_data_store',
    group: 'digitization',
    maxPoints: 4,
    threshold: 1,
    name: {
      vi: 'Kết quả được đưa vào kho dữ liệu cá nhân, tổ chức',
      en: 'Results linked to the personal data store',
    },
    rate: {
      vi: 'Số kết quả điện tử được đồng bộ vào kho dữ liệu cá nhân ÷ tổng số kết quả điện tử',
      en: 'Electronic results stored in the personal data store ÷ electronic results',
    },
    notTracked: {
      vi: 'Chưa kết nối kho dữ liệu cá nhân, tổ chức trên Cổng Dịch vụ công quốc gia.',
      en: 'Not connected to the personal data store of the national portal.',
    },
  },
  {
    no: '4.6',
    key: 'population_db_dossiers',
    group: 'digitization',
    maxPoints: 2,
    threshold: 1,
    name: {
      vi: 'Hồ sơ khai thác Cơ sở dữ liệu quốc gia về dân cư',
      en: 'Dossiers using the population database',
    },
    rate: {
      vi: 'Số hồ sơ có khai thác dữ liệu dân cư ÷ tổng số hồ sơ',
      en: 'Dossiers that used population data ÷ dossiers',
    },
    notTracked: {
      vi: 'Chưa kết nối Cơ sở dữ liệu quốc gia về dân cư.',
      en: 'Not connected to the national population database.',
    },
  },
  {
    no: '4.7',
    key: 'population_db_procedures',
    group: 'digitization',
    maxPoints: 2,
    threshold: 1,
    name: {
      vi: 'TTHC kết nối Cơ sở dữ liệu quốc gia về dân cư',
      en: 'Procedures connected to the population database',
    },
    rate: {
      vi: 'Số TTHC đã kết nối ÷ số TTHC cần kết nối',
      en: 'Procedures connected ÷ procedures to connect',
    },
    notTracked: {
      vi: 'Danh mục chỉ ghi thành phần có thể lấy từ cơ sở dữ liệu quốc gia; chưa có kết nối thực tế.',
      en: 'The catalog only marks components that may come from the national databases; no connection exists yet.',
    },
  },
  {
    no: '5.1',
    key: 'feedback_on_time',
    group: 'satisfaction',
    maxPoints: 6,
    threshold: 1,
    name: { vi: 'Xử lý phản ánh, kiến nghị đúng hạn', en: 'Feedback handled on time' },
    rate: {
      vi: 'Số phản ánh, kiến nghị xử lý đúng hạn ÷ tổng số phản ánh, kiến nghị',
      en: 'Feedback handled on time ÷ feedback received',
    },
    notTracked: {
      vi: 'Hệ thống chưa có chức năng tiếp nhận, xử lý phản ánh, kiến nghị.',
      en: 'The system has no feedback (PAKN) handling yet.',
    },
  },
  {
    no: '5.2',
    key: 'feedback_satisfaction',
    group: 'satisfaction',
    maxPoints: 6,
    threshold: 1,
    name: {
      vi: 'Mức độ hài lòng về xử lý phản ánh, kiến nghị',
      en: 'Satisfaction with feedback handling',
    },
    rate: {
      vi: 'Số đánh giá hài lòng về xử lý phản ánh, kiến nghị ÷ tổng số đánh giá',
      en: 'Satisfied ratings of feedback handling ÷ ratings',
    },
    notTracked: {
      vi: 'Hệ thống chưa có chức năng tiếp nhận, xử lý phản ánh, kiến nghị.',
      en: 'The system has no feedback (PAKN) handling yet.',
    },
  },
  {
    no: '5.3',
    key: 'resolution_satisfaction',
    group: 'satisfaction',
    maxPoints: 6,
    threshold: 0.9,
    name: {
      vi: 'Mức độ hài lòng trong tiếp nhận, giải quyết TTHC',
      en: 'Satisfaction with receipt and resolution',
    },
    rate: {
      vi: '100% − tỷ lệ hồ sơ quá hạn (1 − chỉ số 2.1) − tỷ lệ đánh giá "không hài lòng" trong kỳ',
      en: '100% − late rate (1 − indicator 2.1) − share of "not satisfied" ratings in the period',
    },
    rule: {
      vi: 'Tỷ lệ "không hài lòng" tính trên số đánh giá trong kỳ (0 khi chưa có đánh giá); chưa tính phản ánh, kiến nghị; tỷ lệ âm tính là 0.',
      en: 'The "not satisfied" share is taken over the ratings of the period (0 when there are none); feedback is not counted yet; a negative rate counts as 0.',
    },
  },
];

/** "Điểm = min(1, tỷ lệ ÷ 50%) × 6" for an indicator. */
export function scoringText(def: IndicatorDefinition): Text {
  const pct = `${Math.round(def.threshold * 100)}%`;
  return {
    vi: `Điểm = min(1, tỷ lệ ÷ ${pct}) × ${def.maxPoints}`,
    en: `Points = min(1, rate ÷ ${pct}) × ${def.maxPoints}`,
  };
}

/** min(1, rate ÷ threshold) × points, rounded to two decimals; a negative rate scores 0. */
export function pointsFor(def: Pick<IndicatorDefinition, 'maxPoints' | 'threshold'>, rate: number): number {
  return roundPoints(Math.min(1, Math.max(0, rate) / def.threshold) * def.maxPoints);
}

export type NoDataReason = 'not_tracked' | 'nothing_to_measure';

interface IndicatorResultBase {
  no: string;
  key: IndicatorKey;
  group: IndicatorGroupId;
  name: Text;
  maxPoints: number;
  threshold: number;
  formula: { rate: Text; scoring: Text };
  rule: Text | null;
}

export interface MeasuredIndicator extends IndicatorResultBase {
  status: 'ok';
  /** In [0, 1], rounded to 4 places. */
  rate: number;
  numerator: number | null;
  denominator: number | null;
  /** Parts of a composite rate (indicator 5.3). */
  parts: Record<string, number> | null;
  points: number;
}

export interface UnmeasuredIndicator extends IndicatorResultBase {
  status: 'no_data';
  reason: NoDataReason;
  note: Text;
}

export type IndicatorResult = MeasuredIndicator | UnmeasuredIndicator;

export interface GroupResult {
  id: IndicatorGroupId;
  no: number;
  name: Text;
  maxPoints: number;
  /** Sum of the maximum points of the group's indicators that have data. */
  availablePoints: number;
  /** Points earned (sum of the rounded points shown). */
  points: number;
}

export interface ServiceIndexScore {
  indicators: IndicatorResult[];
  groups: GroupResult[];
  totals: {
    /** Points earned, of `maxPoints` (100). */
    points: number;
    maxPoints: number;
    /** Maximum points of the indicators that have data. */
    availablePoints: number;
    /** points ÷ availablePoints, 4 places; null when nothing has data. */
    shareOfAvailable: number | null;
    measured: number;
    noData: number;
  };
}

const NOTHING_TO_MEASURE: Text = {
  vi: 'Không có số liệu để tính trong kỳ (mẫu số bằng 0).',
  en: 'Nothing to measure in the period (the denominator is zero).',
};

type Measurement =
  | { kind: 'ratio'; ratio: Ratio }
  | { kind: 'composite'; rate: number; parts: Record<string, number> }
  | { kind: 'none' };

/** The measurement of each computed indicator from the counts. */
function measure(key: IndicatorKey, c: ServiceIndexCounts): Measurement {
  const ratio = (r: Ratio): Measurement =>
    r.denominator > 0 ? { kind: 'ratio', ratio: r } : { kind: 'none' };
  switch (key) {
    case 'on_time':
      return ratio(c.onTime);
    case 'online_dossiers':
      return ratio(c.onlineDossiers);
    case 'full_online_procedures':
      return ratio(c.fullOnlineProcedures);
    case 'online_payment_procedures':
      return ratio(c.onlinePaymentProcedures);
    case 'procedures_with_online_payment':
      return ratio(c.proceduresWithOnlinePayment);
    case 'dossiers_paid_online':
      return ratio(c.dossiersPaidOnline);
    case 'electronic_results':
      return ratio(c.electronicResults);
    case 'digitized_dossiers':
      return ratio(c.digitizedDossiers);
    case 'resolution_satisfaction': {
      if (c.onTime.denominator === 0 && c.notSatisfied.denominator === 0) return { kind: 'none' };
      const lateRate =
        c.onTime.denominator === 0 ? 0 : (c.onTime.denominator - c.onTime.numerator) / c.onTime.denominator;
      const notSatisfiedShare =
        c.notSatisfied.denominator === 0 ? 0 : c.notSatisfied.numerator / c.notSatisfied.denominator;
      return {
        kind: 'composite',
        rate: Math.max(0, 1 - lateRate - notSatisfiedShare),
        parts: {
          lateRate: share(c.onTime.denominator - c.onTime.numerator, c.onTime.denominator) ?? 0,
          notSatisfiedShare: share(c.notSatisfied.numerator, c.notSatisfied.denominator) ?? 0,
          ratings: c.notSatisfied.denominator,
          notSatisfied: c.notSatisfied.numerator,
        },
      };
    }
    // Not tracked: the table says so before any measurement is asked for.
    case 'published_on_time':
    case 'catalog_updated_on_time':
    case 'complete_publication':
    case 'synced_to_national_portal':
    case 'electronic_certified_copies':
    case 'reused_digitized_data':
    case 'personal_data_store':
    case 'population_db_dossiers':
    case 'population_db_procedures':
    case 'feedback_on_time':
    case 'feedback_satisfaction':
      return { kind: 'none' };
  }
}

/** Scores every indicator of the table from the counts, with the group and overall totals. */
export function scoreServiceIndex(counts: ServiceIndexCounts): ServiceIndexScore {
  const results: IndicatorResult[] = indicators.map((def) => {
    const base: IndicatorResultBase = {
      no: def.no,
      key: def.key,
      group: def.group,
      name: def.name,
      maxPoints: def.maxPoints,
      threshold: def.threshold,
      formula: { rate: def.rate, scoring: scoringText(def) },
      rule: def.rule ?? null,
    };
    if (def.notTracked) return { ...base, status: 'no_data', reason: 'not_tracked', note: def.notTracked };
    const m = measure(def.key, counts);
    if (m.kind === 'none')
      return { ...base, status: 'no_data', reason: 'nothing_to_measure', note: NOTHING_TO_MEASURE };
    const exact = m.kind === 'ratio' ? m.ratio.numerator / m.ratio.denominator : m.rate;
    return {
      ...base,
      status: 'ok',
      rate: Math.round(exact * 10_000) / 10_000,
      numerator: m.kind === 'ratio' ? m.ratio.numerator : null,
      denominator: m.kind === 'ratio' ? m.ratio.denominator : null,
      parts: m.kind === 'composite' ? m.parts : null,
      points: pointsFor(def, exact),
    };
  });
  const groups: GroupResult[] = indicatorGroups.map((g) => {
    const mine = results.filter((r) => r.group === g.id);
    const measured = mine.filter((r): r is MeasuredIndicator => r.status === 'ok');
    return {
      id: g.id,
      no: g.no,
      name: g.name,
      maxPoints: g.maxPoints,
      availablePoints: measured.reduce((sum, r) => sum + r.maxPoints, 0),
      points: roundPoints(measured.reduce((sum, r) => sum + r.points, 0)),
    };
  });
  const points = roundPoints(groups.reduce((sum, g) => sum + g.points, 0));
  const availablePoints = groups.reduce((sum, g) => sum + g.availablePoints, 0);
  const measuredCount = results.filter((r) => r.status === 'ok').length;
  return {
    indicators: results,
    groups,
    totals: {
      points,
      maxPoints: groups.reduce((sum, g) => sum + g.maxPoints, 0),
      availablePoints,
      shareOfAvailable: share(points, availablePoints),
      measured: measuredCount,
      noData: results.length - measuredCount,
    },
  };
}
