/**
 * Formats of text accepted from outside (API requests, catalog files): dates and instants that name a real
 * calendar day, within the years the calendar engine covers. A regular expression alone let 2026-02-29,
 * 2026-02-30 and year 0000 through to JavaScript dates and PostgreSQL, which refused them with a 500.
 * Pure; registered once in each JSON Schema validator (`registerFormats`).
 */
import { Type } from 'typebox';
import { daysInMonth, MAX_YEAR, MIN_YEAR } from './calendar/vn-date.ts';

function isDay(year: number, month: number, day: number): boolean {
  return (
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD', a day that exists, in 1900–2199. */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && isDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

// RFC 3339 with its offset required. No leap second: JavaScript cannot represent 23:59:60.
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ]([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,9})?([Zz]|[+-]([01]\d|2[0-3]):([0-5]\d))$/;

/** An instant written in ISO 8601 / RFC 3339 with an offset, on a real day in 1900–2199. */
export function isInstant(text: string): boolean {
  const m = INSTANT.exec(text);
  return m !== null && isDay(Number(m[1]), Number(m[2]), Number(m[3])) && Number.isFinite(Date.parse(text));
}

/** The formats above, under the JSON Schema names that schemas use (`format: 'date'`, `'date-time'`). */
export const inputFormats = {
  date: isCalendarDate,
  'date-time': isInstant,
} as const;

/** Puts our formats in a JSON Schema validator (ajv), replacing its own of the same names. */
export function registerFormats(validator: {
  addFormat(name: string, format: (text: string) => boolean): unknown;
}): void {
  for (const [name, check] of Object.entries(inputFormats)) validator.addFormat(name, check);
}

/** A day in Vietnam, 'YYYY-MM-DD'; the one schema of a date in requests and files. */
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD (Vietnam), 1900–2199' });

/** An instant with its offset; the one schema of a point in time in requests. */
export const Instant = Type.String({
  format: 'date-time',
  description: 'ISO 8601 with an offset, e.g. 2026-02-13T16:00:00+07:00 (encode + as %2B in a query string)',
});

/**
 * The path (a/0/b) of the first string or key holding a NUL character, '' for the value itself, undefined
 * when there is none. PostgreSQL stores no NUL in text or jsonb: input holding one is refused up front.
 */
export function findNul(value: unknown, path = ''): string | undefined {
  const at = (key: string | number) => (path ? `${path}/${key}` : String(key));
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], at(i));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return at(key.replaceAll('\u0000', '\\u0000'));
      const found = findNul(item, at(key));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
