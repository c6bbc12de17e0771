/**
 * ISO 8601 at the edges. Instants are written in Vietnam time with an explicit +07:00, and read only with
 * an explicit offset: a time without one is ambiguous (server zone? browser zone?) and is refused.
 */
import { CalendarError } from './errors.ts';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  VN_OFFSET_MS,
  checkInstant,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
} from './vn-date.ts';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** '2026-02-27T16:00:00+07:00'; milliseconds are shown only when there are some. */
export function formatVnIso(instant: number): string {
  checkInstant(instant, 'instant');
  const local = instant + VN_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  const { year, month, day: dayOfMonth } = civilFromDays(day);
  const ms = local - day * DAY_MS;
  const hours = Math.floor(ms / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  const seconds = Math.floor((ms % MINUTE_MS) / 1000);
  const millis = ms % 1000;
  const fraction = millis === 0 ? '' : `.${pad(millis, 3)}`;
  return `${pad(year, 4)}-${pad(month)}-${pad(dayOfMonth)}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fraction}+07:00`;
}

export type ParseResult = { ok: true; value: number } | { ok: false; error: CalendarError };

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

function invalid(code: string, message: string, message_en: string): ParseResult {
  return { ok: false, error: new CalendarError(code, 'instant', message, message_en) };
}

/**
 * Strict reader of 'YYYY-MM-DDTHH:MM[:SS[.fff…]]' followed by 'Z' or '±HH:MM'. Digits beyond
 * milliseconds are truncated. Never throws: returns the instant or a typed error.
 */
export function parseIsoInstant(text: string): ParseResult {
  const m = typeof text === 'string' ? ISO_INSTANT.exec(text) : null;
  if (!m) {
    return invalid(
      'invalid_iso_format',
      'Thời điểm không đúng định dạng ISO 8601 (ví dụ 2026-02-27T16:00:00+07:00).',
      'Not an ISO 8601 instant (e.g. 2026-02-27T16:00:00+07:00).',
    );
  }
  const offset = m[8];
  if (offset === undefined) {
    return invalid(
      'missing_offset',
      'Thời điểm phải có múi giờ (ví dụ +07:00 hoặc Z).',
      'The instant must carry an offset (e.g. +07:00 or Z).',
    );
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hours = Number(m[4]);
  const minutes = Number(m[5]);
  const seconds = Number(m[6] ?? '0');
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  let offsetMs = 0;
  if (offset !== 'Z') {
    const offsetHours = Number(offset.slice(1, 3));
    const offsetMinutes = Number(offset.slice(4, 6));
    if (offsetHours > 23 || offsetMinutes > 59) {
      return invalid('invalid_iso_value', 'Múi giờ không hợp lệ.', 'Invalid offset.');
    }
    offsetMs = (offset[0] === '-' ? -1 : 1) * (offsetHours * HOUR_MS + offsetMinutes * MINUTE_MS);
  }
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hours > 23 ||
    minutes > 59 ||
    seconds > 59
  ) {
    return invalid('invalid_iso_value', 'Ngày giờ không tồn tại.', 'This date or time does not exist.');
  }
  const value =
    daysFromCivil(year, month, day) * DAY_MS +
    hours * HOUR_MS +
    minutes * MINUTE_MS +
    seconds * 1000 +
    millis -
    offsetMs;
  return { ok: true, value };
}

/** parseIsoInstant for callers that prefer an exception. */
export function parseIsoInstantOrThrow(text: string): number {
  const result = parseIsoInstant(text);
  if (!result.ok) throw result.error;
  return result.value;
}
