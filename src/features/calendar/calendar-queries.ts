import type {
  CalendarYear,
  DeadlineAnswer,
  ReceiptTime,
  WorkingTime,
  YearDays,
} from '../../contracts/calendar.ts';
import type { Db } from '../../db/client.ts';
import {
  CalendarError,
  computeDue,
  formatVnIso,
  parseIsoInstant,
  yearDays,
  type DeadlineMode,
  type DurationUnit,
} from '../../domain/calendar/index.ts';
import { receiptTiming } from '../../domain/dossier/index.ts';
import { AppError } from '../../domain/errors.ts';
import { findAgencyByCode } from '../agencies/agency-queries.ts';
import { calendarFor, effectiveNotices } from './calendar-store.ts';

/**
 * A '+' in a query string arrives as a space unless it was encoded (%2B). People type the offset as
 * they read it, so "2026-02-13T16:00:00 07:00" is taken to mean +07:00 rather than refused.
 */
function parseInstant(value: string, field: string): number {
  const repaired = value.replace(/ (\d{2}(:?\d{2})?)$/, '+$1');
  const parsed = parseIsoInstant(repaired);
  if (!parsed.ok)
    throw new AppError('VALIDATION_FAILED', { field, vi: parsed.error.message, en: parsed.error.message_en });
  return parsed.value;
}

async function officeHoursOf(db: Db, agencyCode: string | undefined) {
  if (!agencyCode) return null;
  try {
    return (await findAgencyByCode(db, agencyCode)).officeHours;
  } catch (err) {
    if (err instanceof AppError && err.code === 'AGENCY_NOT_FOUND') {
      // In a query of the calendar an unknown agency is a bad parameter, not a missing page.
      throw new AppError('VALIDATION_FAILED', { field: 'agency', vi: err.messageVi, en: err.messageEn });
    }
    throw err;
  }
}

export async function holidaysOfYear(db: Db, year: number): Promise<YearDays> {
  return { year, days: yearDays(year, (await effectiveNotices(db)).notices) };
}

export async function noticeOfYear(db: Db, year: number): Promise<CalendarYear> {
  const effective = await effectiveNotices(db);
  const found = effective.notices.find((n) => n.year === year);
  const { year: _year, ...notice } = found ?? { year, daysOff: [], makeUpWorkingDays: [] };
  return {
    year,
    source: effective.storedYears.has(year) ? 'stored' : found ? 'built_in' : 'computed',
    notice,
    days: yearDays(year, effective.notices),
  };
}

export async function deadline(
  db: Db,
  input: {
    start: string;
    amount: number;
    unit: DurationUnit;
    mode?: DeadlineMode | undefined;
    agency?: string | undefined;
  },
): Promise<DeadlineAnswer> {
  const start = parseInstant(input.start, 'start');
  const calendar = await calendarFor(db, await officeHoursOf(db, input.agency));
  const mode = input.mode ?? 'elapsed';
  let due: number;
  try {
    due = computeDue({ start, amount: input.amount, unit: input.unit, mode }, calendar);
  } catch (err) {
    // A due time past the supported years is reported by the engine on an internal date; for the
    // caller it is the amount that reaches too far.
    if (err instanceof CalendarError && !['start', 'amount', 'unit', 'mode'].includes(err.field)) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'amount',
        vi: err.message,
        en: err.message_en,
        details: { reason: err.code },
      });
    }
    throw err;
  }
  return { start: formatVnIso(start), due: formatVnIso(due), amount: input.amount, unit: input.unit, mode };
}

const TEN_YEARS_MS = 3653 * 86_400_000;

export async function workingTime(
  db: Db,
  input: { from: string; to: string; agency?: string | undefined },
): Promise<WorkingTime> {
  const from = parseInstant(input.from, 'from');
  const to = parseInstant(input.to, 'to');
  if (to < from) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'to',
      vi: 'Thời điểm kết thúc phải sau thời điểm bắt đầu.',
      en: '`to` must not be before `from`.',
    });
  }
  if (to - from > TEN_YEARS_MS) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'to',
      vi: 'Khoảng thời gian không được quá 10 năm.',
      en: 'The interval must not exceed 10 years.',
    });
  }
  const calendar = await calendarFor(db, await officeHoursOf(db, input.agency));
  return { from: formatVnIso(from), to: formatVnIso(to), minutes: calendar.workingMinutesBetween(from, to) };
}

/**
 * What receiving a dossier at `at` (default now) at the agency means: whether its office is open, when the
 * processing time starts to run and when the dossier goes on to the resolving agency. The desk is warned
 * with it before it confirms a receipt outside office hours.
 */
export async function receiptTime(
  db: Db,
  input: { agency: string; at?: string | undefined },
  now: number,
): Promise<ReceiptTime> {
  const at = input.at === undefined ? now : parseInstant(input.at, 'at');
  const calendar = await calendarFor(db, await officeHoursOf(db, input.agency));
  const timing = receiptTiming(at, calendar);
  return {
    at: formatVnIso(at),
    open: timing.open,
    countsFrom: formatVnIso(timing.countsFrom),
    forwardAt: formatVnIso(timing.forwardAt),
  };
}
