/**
 * Dates in Vietnam by arithmetic on epoch milliseconds. Vietnam has kept UTC+7 without DST since 1975,
 * so a fixed offset is exact for everything this system stores, and nothing here depends on the
 * process time zone (no local-time Date getters anywhere in the module).
 *
 * A "day number" is the count of days since 1970-01-01 in Vietnam; it is what caches are keyed by.
 */
import { CalendarError } from './errors.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const VN_OFFSET_MS = 7 * HOUR_MS;

/** Years the module accepts: the lunar algorithm and the holiday rules are tested over this range. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

// Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar, no Date object needed.
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  const w = weekdayOf(dayNumber);
  return w === 0 || w === 6;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The Vietnam day number an instant falls on. */
export function vnDayOf(instant: number): number {
  return Math.floor((instant + VN_OFFSET_MS) / DAY_MS);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatIsoDate(dayNumber: number): string {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a strict 'YYYY-MM-DD' string, or undefined when it is not a real date. */
export function parseIsoDate(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

export const FIRST_DAY = daysFromCivil(MIN_YEAR, 1, 1);
export const LAST_DAY = daysFromCivil(MAX_YEAR, 12, 31);

export function yearOutOfRange(field: string): CalendarError {
  return new CalendarError(
    'year_out_of_range',
    field,
    `Chỉ hỗ trợ các năm từ ${MIN_YEAR} đến ${MAX_YEAR}.`,
    `Only years ${MIN_YEAR} to ${MAX_YEAR} are supported.`,
  );
}

export function checkYear(year: number, field: string): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw yearOutOfRange(field);
}

/** Day number of a 'YYYY-MM-DD' string or of an instant (epoch ms), checked against the supported range. */
export function toDayNumber(date: string | number, field: string): number {
  let dayNumber: number | undefined;
  if (typeof date === 'string') {
    dayNumber = parseIsoDate(date);
    if (dayNumber === undefined) {
      throw new CalendarError(
        'invalid_date',
        field,
        'Ngày không hợp lệ (định dạng YYYY-MM-DD).',
        'Invalid date (expected YYYY-MM-DD).',
      );
    }
  } else {
    checkInstant(date, field);
    dayNumber = vnDayOf(date);
  }
  if (dayNumber < FIRST_DAY || dayNumber > LAST_DAY) throw yearOutOfRange(field);
  return dayNumber;
}

export function checkInstant(instant: number, field: string): void {
  if (typeof instant !== 'number' || !Number.isFinite(instant)) {
    throw new CalendarError(
      'invalid_instant',
      field,
      'Thời điểm không hợp lệ (cần số mili giây kể từ 1970-01-01T00:00Z).',
      'Invalid instant (expected epoch milliseconds).',
    );
  }
  const dayNumber = vnDayOf(instant);
  if (dayNumber < FIRST_DAY || dayNumber > LAST_DAY) throw yearOutOfRange(field);
}
