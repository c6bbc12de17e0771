/**
 * Dossier codes `<agency identifier>-<YYMMDD>-<NNNN>` (TT 03/2025, common practice): the receiving agency's
 * QCVN 102 identifier, the date in Vietnam, and a per-agency counter reset daily, at least four digits.
 */
import { formatVnIso } from '../calendar/index.ts';
import { isValidAgencyCode } from '../identifiers.ts';

export interface DossierCodeParts {
  agencyCode: string;
  /** 'YYYY-MM-DD' in Vietnam (years 2000–2099: the code has two digits). */
  date: string;
  counter: number;
}

export type DossierCodeResult =
  | { ok: true; value: DossierCodeParts }
  | { ok: false; reason: 'format' | 'agency_code' | 'date' | 'counter' };

/** The Vietnam (UTC+7) date of an instant, 'YYYY-MM-DD', whatever the process time zone. */
export function vnDateOf(instant: number): string {
  return formatVnIso(instant).slice(0, 10);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  const t = Date.UTC(year, month - 1, day);
  const d = new Date(t);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The counter has at least this many digits, zero-padded. */
const COUNTER_DIGITS = 4;

/** `<agency identifier>-<YYMMDD>-`; throws RangeError on a bad agency identifier or date (2000–2099). */
export function dossierCodePrefix(agencyCode: string, dateInVietnam: string): string {
  if (!isValidAgencyCode(agencyCode)) throw new RangeError(`invalid agency identifier: ${agencyCode}`);
  const m = DATE.exec(dateInVietnam);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || year < 2000 || year > 2099 || !isRealDate(year, month, day))
    throw new RangeError(`invalid date: ${dateInVietnam}`);
  return `${agencyCode}-${m[1]!.slice(2)}${m[2]}${m[3]}-`;
}

/** Throws RangeError on a bad agency identifier, date (2000–2099) or counter (1 … 2^53 − 1). */
export function formatDossierCode(agencyCode: string, dateInVietnam: string, counter: number): string {
  const prefix = dossierCodePrefix(agencyCode, dateInVietnam);
  if (!Number.isSafeInteger(counter) || counter < 1) throw new RangeError(`invalid counter: ${counter}`);
  return prefix + String(counter).padStart(COUNTER_DIGITS, '0');
}

/**
 * The counter part of `formatDossierCode` in SQL, for intake's shared write, which numbers many dossiers in
 * one statement (`lpad` alone would cut a longer number). A database test checks both agree.
 */
export const dossierCounterSql = (counter: string): string =>
  `CASE WHEN ${counter} < 1${'0'.repeat(COUNTER_DIGITS)} THEN lpad(${counter}::text, ${COUNTER_DIGITS}, '0') ELSE ${counter}::text END`;

const CODE = /^(.+)-(\d{2})(\d{2})(\d{2})-(\d+)$/;

/** Reads a code; only the canonical form is accepted (four digits, or more without a leading zero). */
export function parseDossierCode(code: string): DossierCodeResult {
  const m = typeof code === 'string' && code.length <= 40 ? CODE.exec(code) : null;
  if (!m) return { ok: false, reason: 'format' };
  const agencyCode = m[1]!;
  if (!isValidAgencyCode(agencyCode)) return { ok: false, reason: 'agency_code' };
  const year = 2000 + Number(m[2]);
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (!isRealDate(year, month, day)) return { ok: false, reason: 'date' };
  const digits = m[5]!;
  const counter = Number(digits);
  if (
    counter < 1 ||
    !Number.isSafeInteger(counter) ||
    (digits.length > 4 && digits.startsWith('0')) ||
    digits.length < 4
  )
    return { ok: false, reason: 'counter' };
  return { ok: true, value: { agencyCode, date: `${year}-${m[3]}-${m[4]}`, counter } };
}
