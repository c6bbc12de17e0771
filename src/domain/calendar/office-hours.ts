/**
 * Office hours of an agency, possibly seasonal (many provinces open earlier in summer).
 * Working time is the time inside these periods on working days; a working day as a unit of duration is
 * always 480 minutes (8 hours, NĐ 118/2025 practice) whatever the periods add up to.
 */
import { issue, type ValidationIssue } from './errors.ts';
import { MINUTE_MS } from './vn-date.ts';

export interface OfficePeriod {
  /** 'HH:MM', Vietnam time. */
  from: string;
  /** 'HH:MM' (up to '24:00'), exclusive. */
  to: string;
}

export interface OfficeSeason {
  /** 'MM-DD', inclusive; a season may run over the new year (from '10-15' to '04-14'). */
  from: string;
  /** 'MM-DD', inclusive. */
  to: string;
  periods: OfficePeriod[];
}

export interface OfficeHours {
  periods: OfficePeriod[];
  seasons?: OfficeSeason[];
}

export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  periods: [
    { from: '07:00', to: '11:30' },
    { from: '13:30', to: '17:00' },
  ],
};

export const WORKING_DAY_MINUTES = 480;

/** Period sets are indexed by a byte per day in the calendar cache. */
const MAX_SEASONS = 100;

/** Position of a month-day in a leap year (0 = 01-01, 59 = 02-29, 365 = 12-31). */
const MONTH_START_SLOT = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335] as const;
const MONTH_LENGTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const MONTH_DAY_SLOTS = 366;

export function monthDaySlot(month: number, day: number): number {
  return MONTH_START_SLOT[month - 1]! + day - 1;
}

function parseTime(text: unknown, allow24: boolean): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && (minutes > 0 || !allow24))) return undefined;
  return hours * 60 + minutes;
}

function parseMonthDay(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > MONTH_LENGTH[month - 1]!) return undefined;
  return monthDaySlot(month, day);
}

function validatePeriods(periods: unknown, field: string, issues: ValidationIssue[]): void {
  if (!Array.isArray(periods) || periods.length === 0) {
    issues.push(
      issue(
        field,
        'no_periods',
        'Phải có ít nhất một khoảng giờ làm việc.',
        'At least one office period is required.',
      ),
    );
    return;
  }
  let previousEnd = -1;
  periods.forEach((period: Partial<OfficePeriod> | null, i) => {
    const from = parseTime(period?.from, false);
    const to = parseTime(period?.to, true);
    if (from === undefined || to === undefined) {
      const which = from === undefined ? 'from' : 'to';
      issues.push(
        issue(
          `${field}[${i}].${which}`,
          'invalid_time',
          'Giờ không hợp lệ (định dạng HH:MM).',
          'Invalid time (expected HH:MM).',
        ),
      );
      return;
    }
    if (from >= to) {
      issues.push(
        issue(
          `${field}[${i}]`,
          'empty_period',
          'Giờ bắt đầu phải trước giờ kết thúc.',
          'The start must be before the end.',
        ),
      );
      return;
    }
    if (from < previousEnd) {
      issues.push(
        issue(
          `${field}[${i}]`,
          'overlapping_periods',
          'Các khoảng giờ phải theo thứ tự và không chồng nhau.',
          'Periods must be in order and must not overlap.',
        ),
      );
    }
    previousEnd = to;
  });
}

/** The month-day slots a season covers, wrapping over the new year when `from` is after `to`. */
function seasonSlots(from: number, to: number): number[] {
  const slots: number[] = [];
  for (let s = from; ; s = (s + 1) % MONTH_DAY_SLOTS) {
    slots.push(s);
    if (s === to) return slots;
  }
}

export function validateOfficeHours(hours: OfficeHours): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof hours !== 'object' || hours === null) {
    issues.push(
      issue(
        'periods',
        'no_periods',
        'Phải có ít nhất một khoảng giờ làm việc.',
        'At least one office period is required.',
      ),
    );
    return issues;
  }
  validatePeriods(hours.periods, 'periods', issues);
  if (hours.seasons === undefined) return issues;
  if (!Array.isArray(hours.seasons)) {
    issues.push(
      issue('seasons', 'invalid_seasons', 'Danh sách mùa không hợp lệ.', 'Seasons must be a list.'),
    );
    return issues;
  }
  if (hours.seasons.length > MAX_SEASONS) {
    issues.push(
      issue(
        'seasons',
        'too_many_seasons',
        `Tối đa ${MAX_SEASONS} mùa.`,
        `At most ${MAX_SEASONS} seasons are allowed.`,
      ),
    );
    return issues;
  }
  const owner = new Array<number>(MONTH_DAY_SLOTS).fill(-1);
  hours.seasons.forEach((season: Partial<OfficeSeason> | null, i) => {
    const field = `seasons[${i}]`;
    const from = parseMonthDay(season?.from);
    const to = parseMonthDay(season?.to);
    if (from === undefined) {
      issues.push(
        issue(
          `${field}.from`,
          'invalid_month_day',
          'Ngày không hợp lệ (định dạng MM-DD).',
          'Invalid day (expected MM-DD).',
        ),
      );
    }
    if (to === undefined) {
      issues.push(
        issue(
          `${field}.to`,
          'invalid_month_day',
          'Ngày không hợp lệ (định dạng MM-DD).',
          'Invalid day (expected MM-DD).',
        ),
      );
    }
    validatePeriods(season?.periods, `${field}.periods`, issues);
    if (from === undefined || to === undefined) return;
    const clash = seasonSlots(from, to).find((slot) => owner[slot]! >= 0);
    if (clash !== undefined) {
      issues.push(
        issue(
          field,
          'overlapping_seasons',
          `Mùa này trùng thời gian với mùa số ${owner[clash]! + 1}.`,
          `This season overlaps season ${owner[clash]! + 1}.`,
        ),
      );
      return;
    }
    for (const slot of seasonSlots(from, to)) owner[slot] = i;
  });
  return issues;
}

/** Office hours ready for arithmetic: for each month-day slot, periods as ms offsets from midnight. */
export interface CompiledOfficeHours {
  /** Distinct period sets, each flat: [start0, end0, start1, end1, …] in ms after 00:00. */
  sets: Int32Array[];
  /** Working ms in each set. */
  setWorkMs: number[];
  /** Index into `sets` for each of the 366 month-day slots. */
  setBySlot: Uint8Array;
}

function compilePeriods(periods: readonly OfficePeriod[]): Int32Array {
  const flat = new Int32Array(periods.length * 2);
  periods.forEach((p, i) => {
    flat[2 * i] = parseTime(p.from, false)! * MINUTE_MS;
    flat[2 * i + 1] = parseTime(p.to, true)! * MINUTE_MS;
  });
  return flat;
}

/** Assumes validated hours (createWorkCalendar validates first). */
export function compileOfficeHours(hours: OfficeHours): CompiledOfficeHours {
  const sets = [compilePeriods(hours.periods)];
  const setBySlot = new Uint8Array(MONTH_DAY_SLOTS);
  for (const season of hours.seasons ?? []) {
    sets.push(compilePeriods(season.periods));
    for (const slot of seasonSlots(parseMonthDay(season.from)!, parseMonthDay(season.to)!))
      setBySlot[slot] = sets.length - 1;
  }
  const setWorkMs = sets.map((flat) => {
    let total = 0;
    for (let i = 0; i < flat.length; i += 2) total += flat[i + 1]! - flat[i]!;
    return total;
  });
  return { sets, setWorkMs, setBySlot };
}
