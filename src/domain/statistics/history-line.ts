/**
 * One line of a history import (NDJSON, one dossier handled by the system this one replaces): its strict
 * reading, every problem it has (field by field, with a stable code and a message in Vietnamese and
 * English), and the placeholder an unknown agency becomes. Pure: the caller passes `now`.
 *
 * Instants are kept as integer microseconds since the epoch (exact in a double until the year 2255),
 * so a file written with microseconds round-trips and a re-import compares equal.
 */
import type { AgencyLevel } from '../access/roles.ts';
import { channels, type Channel } from '../dossier/model.ts';
import { errorMessages, type ErrorCode } from '../errors.ts';
import { findNul } from '../formats.ts';
import { isValidAgencyCode } from '../identifiers.ts';

export const historyOutcomes = ['resolved', 'refused', 'withdrawn', 'stopped', 'open'] as const;
export type HistoryOutcome = (typeof historyOutcomes)[number];
export const historyChannels = channels;

/** A valid line. Instants in microseconds since the epoch; `null` when absent. */
export interface HistoryLine {
  code: string;
  agency: string;
  procedure: string;
  channel: Channel;
  receivedAt: number;
  dueAt: number | null;
  finishedAt: number | null;
  returnedAt: number | null;
  outcome: HistoryOutcome;
  supplementRequests: number;
  paidOnline: boolean;
  applicantName: string | null;
}

export interface LineIssue {
  /** 1-based line of the file. */
  line: number;
  /** The offending field as a path (`applicant/name`), or null for the whole line. */
  field: string | null;
  code: ErrorCode;
  message: string;
  message_en: string;
}

export type LineResult = { ok: true; value: HistoryLine } | { ok: false; issues: LineIssue[] };

const FIELDS = new Set([
  'code',
  'agency',
  'procedure',
  'channel',
  'receivedAt',
  'dueAt',
  'finishedAt',
  'returnedAt',
  'outcome',
  'supplementRequests',
  'paidOnline',
  'applicant',
]);
const APPLICANT_FIELDS = new Set(['name']);

/** Dossier codes of the old system: printable, no spaces. */
const DOSSIER_CODE = /^[^\s\p{Cc}]{1,100}$/u;
/**
 * Procedure codes: today's national codes (`1.001234`, `1.001234.H20`) and the older ones a decade of
 * history carries (`T-DTH-287483-TT`, `BTP-DTH-123`).
 */
export const HISTORY_PROCEDURE_CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,59}$/;
export const MAX_APPLICANT_NAME = 300;
export const MAX_SUPPLEMENT_REQUESTS = 1000;
/** Nothing in an electronic one-stop shop predates this; earlier years are typing mistakes. */
export const EARLIEST_YEAR = 1990;

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

export type InstantResult =
  { ok: true; us: number } | { ok: false; code: 'INVALID_TIMESTAMP' | 'TIMESTAMP_OFFSET_REQUIRED' };

const INVALID: InstantResult = { ok: false, code: 'INVALID_TIMESTAMP' };
const NO_OFFSET: InstantResult = { ok: false, code: 'TIMESTAMP_OFFSET_REQUIRED' };

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a civil date (proleptic Gregorian; Howard Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * An ISO 8601 / RFC 3339 instant with an explicit offset (`Z`, `+07:00`, `+0700`), seconds and up to six
 * fractional digits optional, `T` or a space between date and time. Calendar-checked (no 30 February).
 */
export function parseInstant(text: string): InstantResult {
  const m = INSTANT.exec(text);
  if (!m) return INVALID;
  if (m[8] === undefined) return NO_OFFSET;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = +m[4]!;
  const minute = +m[5]!;
  const second = m[6] === undefined ? 0 : +m[6];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return INVALID;
  if (hour > 23 || minute > 59 || second > 59) return INVALID;
  let offsetMinutes = 0;
  const offset = m[8];
  if (offset !== 'Z' && offset !== 'z') {
    const colon = offset.length === 6 ? 1 : 0;
    const oh = +offset.slice(1, 3);
    const om = +offset.slice(3 + colon, 5 + colon);
    if (oh > 14 || om > 59) return INVALID;
    offsetMinutes = (offset.charCodeAt(0) === 45 ? -1 : 1) * (oh * 60 + om);
  }
  const fraction = m[7] === undefined ? 0 : +m[7].padEnd(6, '0');
  const seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
  return { ok: true, us: (seconds - offsetMinutes * 60) * 1_000_000 + fraction };
}

/** The instant as PostgreSQL and JavaScript read it back: UTC, microseconds only when there are some. */
export function formatInstant(us: number): string {
  const ms = Math.floor(us / 1000);
  const rest = us - ms * 1000;
  const iso = new Date(ms).toISOString();
  return rest === 0 ? iso : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}

const FIELD_NAMES_VI: Record<string, string> = {
  receivedAt: 'thời điểm tiếp nhận',
  dueAt: 'thời điểm hẹn trả',
  finishedAt: 'thời điểm kết thúc',
  returnedAt: 'thời điểm trả kết quả',
};

function show(v: unknown): string {
  const s = typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

// The checks below are module functions, not closures: a million lines must not allocate a dozen
// functions each.

function addIssue(
  issues: LineIssue[],
  line: number,
  field: string | null,
  code: ErrorCode,
  vi?: string,
  en?: string,
): void {
  issues.push({
    line,
    field,
    code,
    message: vi ?? errorMessages[code].vi,
    message_en: en ?? errorMessages[code].en,
  });
}

function isPresent(o: Record<string, unknown>, key: string): boolean {
  return o[key] !== undefined && o[key] !== null;
}

function requireField(o: Record<string, unknown>, key: string, issues: LineIssue[], line: number): boolean {
  if (isPresent(o, key)) return true;
  addIssue(
    issues,
    line,
    key,
    'REQUIRED_FIELD',
    `Thiếu trường bắt buộc "${key}".`,
    `The required field "${key}" is missing.`,
  );
  return false;
}

function requiredText(
  o: Record<string, unknown>,
  key: string,
  issues: LineIssue[],
  line: number,
): string | undefined {
  if (!requireField(o, key, issues, line)) return undefined;
  const v = o[key];
  if (typeof v === 'string') return v;
  addIssue(
    issues,
    line,
    key,
    'VALIDATION_FAILED',
    `"${key}" phải là chuỗi ký tự.`,
    `"${key}" must be a string.`,
  );
  return undefined;
}

/** An optional instant: null when absent, undefined when wrong (an issue was added). */
function readInstant(
  o: Record<string, unknown>,
  key: string,
  issues: LineIssue[],
  line: number,
  nowUs: number,
): number | null | undefined {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') {
    addIssue(
      issues,
      line,
      key,
      'INVALID_TIMESTAMP',
      `"${key}" phải là chuỗi thời điểm ISO 8601.`,
      `"${key}" must be an ISO 8601 string.`,
    );
    return undefined;
  }
  const r = parseInstant(v);
  if (!r.ok) {
    addIssue(
      issues,
      line,
      key,
      r.code,
      `${errorMessages[r.code].vi} (${key}: ${show(v)})`,
      `${errorMessages[r.code].en} (${key}: ${show(v)})`,
    );
    return undefined;
  }
  if (r.us < EARLIEST_US) {
    addIssue(
      issues,
      line,
      key,
      'INVALID_TIMESTAMP',
      `${key} ${show(v)} trước năm ${EARLIEST_YEAR}.`,
      `${key} ${show(v)} is before ${EARLIEST_YEAR}.`,
    );
    return undefined;
  }
  if (key !== 'dueAt' && r.us > nowUs) {
    addIssue(
      issues,
      line,
      key,
      'INVALID_TIMESTAMP',
      `${key} ${show(v)} ở tương lai: dữ liệu lịch sử phải đã xảy ra.`,
      `${key} ${show(v)} is in the future: history must have happened.`,
    );
    return undefined;
  }
  return r.us;
}

function checkOrder(
  issues: LineIssue[],
  line: number,
  later: string,
  laterUs: number | null | undefined,
  earlier: string,
  earlierUs: number | null | undefined,
): void {
  if (laterUs === null || laterUs === undefined || earlierUs === null || earlierUs === undefined) return;
  if (laterUs < earlierUs)
    addIssue(
      issues,
      line,
      later,
      'DATES_OUT_OF_ORDER',
      `${FIELD_NAMES_VI[later]} (${later}) trước ${FIELD_NAMES_VI[earlier]} (${earlier}).`,
      `${later} is before ${earlier}.`,
    );
}

const EARLIEST_US = Date.UTC(EARLIEST_YEAR, 0, 1) * 1000;
const CHANNELS: readonly string[] = channels;
const OUTCOMES: readonly string[] = historyOutcomes;

/**
 * Reads one line (already without its line break). `now` is epoch milliseconds: nothing in the history
 * may have been received, finished or returned after it.
 */
export function parseHistoryLine(text: string, line: number, now: number): LineResult {
  const issues: LineIssue[] = [];
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    addIssue(issues, line, null, 'INVALID_JSON_LINE');
    return { ok: false, issues };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    addIssue(issues, line, null, 'INVALID_JSON_LINE');
    return { ok: false, issues };
  }
  if (text.includes('\uFFFD'))
    addIssue(
      issues,
      line,
      null,
      'INVALID_JSON_LINE',
      'Dòng có ký tự không phải UTF-8.',
      'The line is not valid UTF-8.',
    );
  const nulAt = text.includes('\\u0000') ? findNul(doc) : undefined;
  if (nulAt !== undefined)
    addIssue(
      issues,
      line,
      nulAt || null,
      'INVALID_JSON_LINE',
      'Dòng có ký tự NUL (\\u0000), không được chấp nhận.',
      'The line holds a NUL character (\\u0000), which is not accepted.',
    );
  const o = doc as Record<string, unknown>;
  for (const key in o) {
    if (!FIELDS.has(key))
      addIssue(
        issues,
        line,
        key,
        'UNKNOWN_FIELD',
        `Trường "${key}" không được hỗ trợ.`,
        `The field "${key}" is not allowed.`,
      );
  }

  const code = requiredText(o, 'code', issues, line);
  if (code !== undefined && !DOSSIER_CODE.test(code))
    addIssue(
      issues,
      line,
      'code',
      'VALIDATION_FAILED',
      `Mã hồ sơ ${show(code)} không hợp lệ: 1 đến 100 ký tự, không có khoảng trắng.`,
      `The dossier code ${show(code)} is not valid: 1 to 100 characters, no spaces.`,
    );
  const agency = requiredText(o, 'agency', issues, line);
  if (agency !== undefined && !isValidAgencyCode(agency))
    addIssue(
      issues,
      line,
      'agency',
      'INVALID_AGENCY_CODE',
      `Mã cơ quan ${show(agency)} không đúng định dạng QCVN 102 (ví dụ 000.00.12.H18).`,
      `The agency identifier ${show(agency)} does not follow QCVN 102 (e.g. 000.00.12.H18).`,
    );
  const procedure = requiredText(o, 'procedure', issues, line);
  if (procedure !== undefined && !HISTORY_PROCEDURE_CODE.test(procedure))
    addIssue(
      issues,
      line,
      'procedure',
      'VALIDATION_FAILED',
      `Mã thủ tục ${show(procedure)} không hợp lệ (chữ, số, dấu chấm, gạch; tối đa 60 ký tự).`,
      `The procedure code ${show(procedure)} is not valid (letters, digits, dots, dashes; at most 60).`,
    );
  const channel = requiredText(o, 'channel', issues, line);
  if (channel !== undefined && !CHANNELS.includes(channel))
    addIssue(
      issues,
      line,
      'channel',
      'VALIDATION_FAILED',
      `Hình thức nộp ${show(channel)} không hợp lệ: online, in_person hoặc postal.`,
      `Unknown channel ${show(channel)}: online, in_person or postal.`,
    );
  const outcome = requiredText(o, 'outcome', issues, line);
  const knownOutcome = outcome !== undefined && OUTCOMES.includes(outcome);
  if (outcome !== undefined && !knownOutcome)
    addIssue(
      issues,
      line,
      'outcome',
      'VALIDATION_FAILED',
      `Kết quả ${show(outcome)} không hợp lệ: resolved, refused, withdrawn, stopped hoặc open.`,
      `Unknown outcome ${show(outcome)}: resolved, refused, withdrawn, stopped or open.`,
    );

  const nowUs = now * 1000;
  const receivedAt = requireField(o, 'receivedAt', issues, line)
    ? readInstant(o, 'receivedAt', issues, line, nowUs)
    : undefined;
  const dueAt = readInstant(o, 'dueAt', issues, line, nowUs);
  const finishedAt = readInstant(o, 'finishedAt', issues, line, nowUs);
  const returnedAt = readInstant(o, 'returnedAt', issues, line, nowUs);

  if (knownOutcome) {
    if (outcome === 'open') {
      for (const key of ['finishedAt', 'returnedAt'])
        if (isPresent(o, key))
          addIssue(
            issues,
            line,
            key,
            'VALIDATION_FAILED',
            `Hồ sơ đang giải quyết (outcome "open") không có "${key}".`,
            `An open dossier (outcome "open") has no "${key}".`,
          );
    } else if (!isPresent(o, 'finishedAt')) {
      addIssue(
        issues,
        line,
        'finishedAt',
        'REQUIRED_FIELD',
        `Hồ sơ có kết quả "${outcome}" phải có "finishedAt" (thời điểm kết thúc).`,
        `A dossier with outcome "${outcome}" needs "finishedAt" (when it ended).`,
      );
    }
  }
  checkOrder(issues, line, 'dueAt', dueAt, 'receivedAt', receivedAt);
  checkOrder(issues, line, 'finishedAt', finishedAt, 'receivedAt', receivedAt);
  checkOrder(issues, line, 'returnedAt', returnedAt, 'finishedAt', finishedAt);
  if (!isPresent(o, 'finishedAt'))
    checkOrder(issues, line, 'returnedAt', returnedAt, 'receivedAt', receivedAt);

  let supplementRequests = 0;
  if (isPresent(o, 'supplementRequests')) {
    const v = o.supplementRequests;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_SUPPLEMENT_REQUESTS)
      supplementRequests = v;
    else
      addIssue(
        issues,
        line,
        'supplementRequests',
        'VALIDATION_FAILED',
        `"supplementRequests" phải là số nguyên từ 0 đến ${MAX_SUPPLEMENT_REQUESTS}.`,
        `"supplementRequests" must be an integer from 0 to ${MAX_SUPPLEMENT_REQUESTS}.`,
      );
  }
  let paidOnline = false;
  if (isPresent(o, 'paidOnline')) {
    if (typeof o.paidOnline === 'boolean') paidOnline = o.paidOnline;
    else
      addIssue(
        issues,
        line,
        'paidOnline',
        'VALIDATION_FAILED',
        '"paidOnline" phải là true hoặc false.',
        '"paidOnline" must be true or false.',
      );
  }
  let applicantName: string | null = null;
  if (isPresent(o, 'applicant')) {
    const a = o.applicant;
    if (typeof a !== 'object' || a === null || Array.isArray(a)) {
      addIssue(
        issues,
        line,
        'applicant',
        'VALIDATION_FAILED',
        '"applicant" phải là một đối tượng.',
        '"applicant" must be an object.',
      );
    } else {
      const applicant = a as Record<string, unknown>;
      for (const key in applicant)
        if (!APPLICANT_FIELDS.has(key))
          addIssue(
            issues,
            line,
            `applicant/${key}`,
            'UNKNOWN_FIELD',
            `Trường "applicant/${key}" không được hỗ trợ (chỉ lưu họ tên người nộp).`,
            `The field "applicant/${key}" is not allowed (only the applicant's name is kept).`,
          );
      const name = applicant.name;
      if (name !== undefined && name !== null) {
        if (typeof name !== 'string' || name.trim().length > MAX_APPLICANT_NAME)
          addIssue(
            issues,
            line,
            'applicant/name',
            'VALIDATION_FAILED',
            `Họ tên người nộp phải là chuỗi tối đa ${MAX_APPLICANT_NAME} ký tự.`,
            `The applicant's name must be a string of at most ${MAX_APPLICANT_NAME} characters.`,
          );
        else applicantName = name.trim() || null;
      }
    }
  }

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: {
      code: code!,
      agency: agency!,
      procedure: procedure!,
      channel: channel as Channel,
      receivedAt: receivedAt!,
      dueAt: dueAt ?? null,
      finishedAt: finishedAt ?? null,
      returnedAt: returnedAt ?? null,
      outcome: outcome as HistoryOutcome,
      supplementRequests,
      paidOnline,
      applicantName,
    },
  };
}

/** The problem of a line whose code appeared earlier in the file. */
export function duplicateIssue(line: number, code: string, firstLine: number): LineIssue {
  return {
    line,
    field: 'code',
    code: 'DUPLICATE_IN_FILE',
    message: `Mã hồ sơ ${show(code)} đã có ở dòng ${firstLine}.`,
    message_en: `The dossier code ${show(code)} already appears on line ${firstLine}.`,
  };
}

/** The problem of a line whose code was imported earlier with other content (`field` differs first). */
export function conflictIssue(line: number, code: string, field: string): LineIssue {
  return {
    line,
    field,
    code: 'HISTORY_CONFLICT',
    message: `Hồ sơ ${show(code)} đã được nhập trước đó với "${field}" khác; không thể ghi đè.`,
    message_en: `Dossier ${show(code)} was imported earlier with a different "${field}"; it cannot be overwritten.`,
  };
}

/**
 * The agency an unknown identifier becomes: a placeholder under the root, its level read from the
 * QCVN 102 identifier `XXX.YY.ZZ.Annn` (level 1 last): only level 1 → province; level 2 (ZZ) → a
 * department-level agency; levels 3–4 (YY, XXX) → commune level.
 */
export function placeholderAgency(code: string): { name: string; level: AgencyLevel } {
  const [l4, l3, l2] = code.split('.');
  const level: AgencyLevel =
    l4 !== '000' || l3 !== '00' ? 'commune' : l2 !== '00' ? 'department' : 'province';
  return { name: `Cơ quan chưa xác định (${code})`, level };
}

/** The province (level-1) part of an agency identifier: `H20` in `000.00.12.H20`. */
export function provinceOf(agencyCode: string): string {
  return agencyCode.slice(agencyCode.lastIndexOf('.') + 1);
}
