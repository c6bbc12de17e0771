/**
 * Catalog metrics of an agency (domain.md section 9): procedures implemented, offered fully online, with
 * online dossiers, with fees, payable online, and the sentences a department writes in its report
 * ("110/118 TTHC trực tuyến toàn trình, đạt 93,22%"). Pure: the caller passes one row per procedure.
 */
import type { OnlineLevel } from '../catalog/model.ts';
import { percentText, share } from './shares.ts';

interface Text {
  vi: string;
  en: string;
}

/** A fee as the catalog states it: a fixed sum in VND, or null for a sum that is not fixed (a percentage). */
export interface FeeAmount {
  amountVnd: number | null;
}

/**
 * A procedure has a fee when any fee of its own, of a case variant or of a filing method is charged:
 * a positive sum, or a sum that is not fixed (null, e.g. a percentage of a value — still a fee).
 * "Miễn lệ phí" is stored as 0 and is no fee.
 */
export function hasFee(fees: readonly FeeAmount[]): boolean {
  return fees.some((f) => f.amountVnd === null || f.amountVnd > 0);
}

/**
 * The catalog does not say whether a fee can be paid online. Derived rule: a fee procedure offered fully
 * online (toàn trình: filing, processing and result online, which includes paying) is payable online.
 */
export function payableOnline(p: { onlineLevel: OnlineLevel; hasFee: boolean }): boolean {
  return p.hasFee && p.onlineLevel === 'full';
}

export const onlinePaymentRule: Text = {
  vi: 'Quy tắc suy ra: danh mục chưa ghi việc thanh toán trực tuyến; TTHC có phí, lệ phí và cung cấp trực tuyến toàn trình được coi là thanh toán được trực tuyến.',
  en: 'Derived rule: the catalog does not record online payment; a fee procedure offered fully online is taken as payable online.',
};

/** One procedure the agency implements, with its dossiers of the period. */
export interface CatalogProcedureRow {
  procedureId: number;
  code: string;
  name: string;
  onlineLevel: OnlineLevel;
  hasFee: boolean;
  /** Dossiers received online in the period (the daily aggregates, imported history included). */
  receivedOnline: number;
  /** Dossiers received in the period, all channels. */
  received: number;
}

export interface CountAndShare {
  count: number;
  /** count ÷ `of`, 4 places; null when `of` is 0. */
  share: number | null;
  of: number;
}

export interface CatalogFigures {
  implemented: number;
  /** Of the procedures implemented. */
  fullyOnline: CountAndShare;
  /** Fully online procedures with at least one online dossier in the period, of the fully online. */
  fullyOnlineWithOnlineDossiers: CountAndShare;
  /** Of the procedures implemented. */
  withFees: CountAndShare;
  /** Fee procedures payable online (derived rule), of the fee procedures. */
  onlinePayment: CountAndShare & { derived: true; rule: Text };
  /** The figures as a department writes them in its report. */
  summary: { vi: string[]; en: string[] };
}

const countAndShare = (count: number, of: number): CountAndShare => ({ count, share: share(count, of), of });

export function catalogFigures(rows: readonly CatalogProcedureRow[]): CatalogFigures {
  const implemented = rows.length;
  const full = rows.filter((r) => r.onlineLevel === 'full');
  const fullWithOnline = full.filter((r) => r.receivedOnline > 0);
  const withFees = rows.filter((r) => r.hasFee);
  const payable = withFees.filter((r) => payableOnline(r));
  const figures = {
    implemented,
    fullyOnline: countAndShare(full.length, implemented),
    fullyOnlineWithOnlineDossiers: countAndShare(fullWithOnline.length, full.length),
    withFees: countAndShare(withFees.length, implemented),
    onlinePayment: {
      ...countAndShare(payable.length, withFees.length),
      derived: true as const,
      rule: onlinePaymentRule,
    },
  };
  return { ...figures, summary: catalogSummary(figures) };
}

/** English nouns agree with their number ("1 procedure"); Vietnamese ones do not change. */
const procedures = (n: number) => (n === 1 ? 'procedure' : 'procedures');

/** "110/118 TTHC cung cấp dịch vụ công trực tuyến toàn trình (93,22%)" and the like, vi and en. */
export function catalogSummary(f: Omit<CatalogFigures, 'summary'>): { vi: string[]; en: string[] } {
  const pv = (s: CountAndShare) => percentText(s.share, 'vi');
  const pe = (s: CountAndShare) => percentText(s.share, 'en');
  return {
    vi: [
      `${f.implemented} thủ tục hành chính đang thực hiện.`,
      `${f.fullyOnline.count}/${f.implemented} TTHC cung cấp dịch vụ công trực tuyến toàn trình (${pv(f.fullyOnline)}).`,
      `${f.fullyOnlineWithOnlineDossiers.count}/${f.fullyOnline.count} TTHC trực tuyến toàn trình có phát sinh hồ sơ trực tuyến trong kỳ (${pv(f.fullyOnlineWithOnlineDossiers)}).`,
      `${f.withFees.count} TTHC có phí, lệ phí; ${f.onlinePayment.count}/${f.withFees.count} TTHC thanh toán được trực tuyến (${pv(f.onlinePayment)}; quy tắc suy ra).`,
    ],
    en: [
      `${f.implemented} ${procedures(f.implemented)} implemented.`,
      `${f.fullyOnline.count} of ${f.implemented} ${procedures(f.implemented)} offered fully online (${pe(f.fullyOnline)}).`,
      `${f.fullyOnlineWithOnlineDossiers.count} of ${f.fullyOnline.count} fully online procedures had online dossiers in the period (${pe(f.fullyOnlineWithOnlineDossiers)}).`,
      `${f.withFees.count} ${procedures(f.withFees.count)} with fees; ${f.onlinePayment.count} of ${f.withFees.count} payable online (${pe(f.onlinePayment)}; derived rule).`,
    ],
  };
}
