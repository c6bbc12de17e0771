/**
 * A working-time calendar: official days (law + notices) combined with an agency's office hours.
 * Built once per agency configuration and reused; each year's days are computed on first use and kept
 * in a byte per day, so deadline arithmetic only walks small typed arrays.
 */
import { CalendarError } from './errors.ts';
import {
  computeYearEntries,
  noticeForYear,
  yearDaysFromEntries,
  type DayEntry,
  type YearDay,
  type YearDayKind,
} from './holidays.ts';
import { BUILT_IN_NOTICES, validateNotice, type OfficialNotice } from './notices.ts';
import {
  DEFAULT_OFFICE_HOURS,
  compileOfficeHours,
  monthDaySlot,
  validateOfficeHours,
  type CompiledOfficeHours,
  type OfficeHours,
} from './office-hours.ts';
import {
  DAY_MS,
  FIRST_DAY,
  LAST_DAY,
  MAX_YEAR,
  MINUTE_MS,
  MIN_YEAR,
  VN_OFFSET_MS,
  checkInstant,
  checkYear,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatIsoDate,
  isWeekend,
  toDayNumber,
  yearOutOfRange,
} from './vn-date.ts';

export type DayKind = 'working_day' | 'weekend' | YearDayKind;

export interface DayInfo {
  date: string;
  kind: DayKind;
  working: boolean;
  /** Holiday or notice name, when the day has one. */
  name?: string;
  name_en?: string;
}

export interface WorkCalendarOptions {
  /** Official notices; defaults to the built-in ones. A list given here replaces them entirely. */
  notices?: readonly OfficialNotice[];
  officeHours?: OfficeHours;
}

/** A date as 'YYYY-MM-DD' (in Vietnam) or as an instant in epoch ms (its date in Vietnam). */
export type DateInput = string | number;

const NON_WORKING = 255;
const YEAR_COUNT = MAX_YEAR - MIN_YEAR + 1;
/** Day number of 1 January of each supported year, and of the year after the last. */
const YEAR_START = Int32Array.from({ length: YEAR_COUNT + 1 }, (_, i) => daysFromCivil(MIN_YEAR + i, 1, 1));

export class WorkCalendar {
  readonly officeHours: OfficeHours;
  private readonly notices: readonly OfficialNotice[];
  private readonly hours: CompiledOfficeHours;
  private readonly entriesByYear = new Map<number, Map<number, DayEntry>>();
  /**
   * Per supported year (index = year - MIN_YEAR), filled on first use: one byte per day of the year,
   * NON_WORKING or the index of the day's office period set. A few KB for the years a system touches,
   * so one calendar per agency configuration stays cheap.
   */
  private readonly dayCodes: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(YEAR_COUNT);
  /** The year periodsOfDay used last: [start, end) day numbers and its codes. */
  private lastYearStart = 0;
  private lastYearEnd = 0;
  private lastYearCodes: Uint8Array = new Uint8Array(0);

  constructor(options: WorkCalendarOptions = {}) {
    const hours = options.officeHours ?? DEFAULT_OFFICE_HOURS;
    const hourIssues = validateOfficeHours(hours);
    if (hourIssues.length > 0) {
      const first = hourIssues[0]!;
      throw new CalendarError(first.code, `officeHours.${first.field}`, first.message, first.message_en);
    }
    const notices = options.notices ?? BUILT_IN_NOTICES;
    notices.forEach((notice, i) => {
      const problems = validateNotice(notice);
      if (problems.length > 0) {
        const first = problems[0]!;
        throw new CalendarError(first.code, `notices[${i}].${first.field}`, first.message, first.message_en);
      }
      noticeForYear(notices, notice.year);
    });
    this.officeHours = hours;
    this.notices = notices;
    this.hours = compileOfficeHours(hours);
  }

  private entriesOf(year: number): Map<number, DayEntry> {
    let entries = this.entriesByYear.get(year);
    if (!entries) {
      entries = computeYearEntries(year, noticeForYear(this.notices, year));
      this.entriesByYear.set(year, entries);
    }
    return entries;
  }

  private loadYear(yearIndex: number): Uint8Array {
    const year = MIN_YEAR + yearIndex;
    const entries = this.entriesOf(year);
    const first = YEAR_START[yearIndex]!;
    const codes = new Uint8Array(YEAR_START[yearIndex + 1]! - first);
    let index = 0;
    for (let month = 1; month <= 12; month++) {
      const length = daysInMonth(year, month);
      for (let day = 1; day <= length; day++, index++) {
        const entry = entries.get(first + index);
        const working = entry ? entry.kind === 'make_up_working_day' : !isWeekend(first + index);
        codes[index] = working ? this.hours.setBySlot[monthDaySlot(month, day)]! : NON_WORKING;
      }
    }
    this.dayCodes[yearIndex] = codes;
    return codes;
  }

  /** Office periods of a day as flat [start, end, …] ms after midnight, or undefined on a non-working day. */
  periodsOfDay(dayNumber: number): Int32Array | undefined {
    // Deadline walks stay within one year most of the time: try the year used last before searching.
    if (dayNumber < this.lastYearStart || dayNumber >= this.lastYearEnd) this.selectYear(dayNumber);
    const code = this.lastYearCodes[dayNumber - this.lastYearStart]!;
    return code === NON_WORKING ? undefined : this.hours.sets[code];
  }

  private selectYear(dayNumber: number): void {
    if (dayNumber < FIRST_DAY || dayNumber > LAST_DAY) throw yearOutOfRange('date');
    // The mean Gregorian year finds the year, give or take one near a new year.
    let yearIndex = Math.floor((dayNumber - FIRST_DAY) / 365.2425);
    while (dayNumber < YEAR_START[yearIndex]!) yearIndex--;
    while (dayNumber >= YEAR_START[yearIndex + 1]!) yearIndex++;
    this.lastYearCodes = this.dayCodes[yearIndex] ?? this.loadYear(yearIndex);
    this.lastYearStart = YEAR_START[yearIndex]!;
    this.lastYearEnd = YEAR_START[yearIndex + 1]!;
  }

  /** Instant the office closes on a working day (end of its last period), undefined otherwise. */
  closeOfDay(dayNumber: number): number | undefined {
    const periods = this.periodsOfDay(dayNumber);
    return periods ? dayNumber * DAY_MS + periods[periods.length - 1]! - VN_OFFSET_MS : undefined;
  }

  /** The first working day strictly after a day. */
  nextWorkingDayAfter(dayNumber: number): number {
    let d = dayNumber + 1;
    while (!this.periodsOfDay(d)) d++;
    return d;
  }

  /** Earliest instant by which `ms` of working time has passed since t (t itself when ms is 0). */
  addWorkingMs(t: number, ms: number): number {
    if (ms <= 0) return t;
    let remaining = ms;
    const local = t + VN_OFFSET_MS;
    let day = Math.floor(local / DAY_MS);
    let timeOfDay = local - day * DAY_MS;
    for (;;) {
      const periods = this.periodsOfDay(day);
      if (periods) {
        for (let i = 0; i < periods.length; i += 2) {
          const end = periods[i + 1]!;
          if (timeOfDay >= end) continue;
          const from = Math.max(timeOfDay, periods[i]!);
          if (remaining <= end - from) return day * DAY_MS + from + remaining - VN_OFFSET_MS;
          remaining -= end - from;
        }
      }
      day++;
      timeOfDay = 0;
    }
  }

  /** Working ms in [a, b); negative when b is before a. */
  workingMsBetween(a: number, b: number): number {
    if (b < a) return 0 - this.workingMsBetween(b, a); // 0 - x, not -x: no -0 for callers to trip on
    const localA = a + VN_OFFSET_MS;
    const localB = b + VN_OFFSET_MS;
    const firstDay = Math.floor(localA / DAY_MS);
    const lastDay = Math.floor(localB / DAY_MS);
    let total = 0;
    for (let day = firstDay; day <= lastDay; day++) {
      const periods = this.periodsOfDay(day);
      if (!periods) continue;
      const lower = day === firstDay ? localA - day * DAY_MS : 0;
      const upper = day === lastDay ? localB - day * DAY_MS : DAY_MS;
      for (let i = 0; i < periods.length; i += 2) {
        const from = Math.max(lower, periods[i]!);
        const to = Math.min(upper, periods[i + 1]!);
        if (to > from) total += to - from;
      }
    }
    return total;
  }

  isWorkingDay(date: DateInput): boolean {
    return this.periodsOfDay(toDayNumber(date, 'date')) !== undefined;
  }

  dayKind(date: DateInput): DayKind {
    return this.dayInfo(date).kind;
  }

  dayInfo(date: DateInput): DayInfo {
    const dayNumber = toDayNumber(date, 'date');
    const entry = this.entriesOf(civilFromDays(dayNumber).year).get(dayNumber);
    const info: DayInfo = {
      date: formatIsoDate(dayNumber),
      kind: entry ? entry.kind : isWeekend(dayNumber) ? 'weekend' : 'working_day',
      working: this.periodsOfDay(dayNumber) !== undefined,
    };
    if (entry) {
      info.name = entry.name;
      info.name_en = entry.name_en;
    }
    return info;
  }

  /** Office periods of a date as instants; empty on a non-working day. */
  officePeriods(date: DateInput): { from: number; to: number }[] {
    const dayNumber = toDayNumber(date, 'date');
    const periods = this.periodsOfDay(dayNumber) ?? new Int32Array(0);
    const base = dayNumber * DAY_MS - VN_OFFSET_MS;
    const result: { from: number; to: number }[] = [];
    for (let i = 0; i < periods.length; i += 2)
      result.push({ from: base + periods[i]!, to: base + periods[i + 1]! });
    return result;
  }

  /** Whether the office is open at t (inside a period, start included, end excluded, on a working day). */
  isOpen(t: number): boolean {
    checkInstant(t, 't');
    return this.nextOpening(t) === t;
  }

  /** t when the office is open at t, otherwise the start of the next office period. */
  nextOpening(t: number): number {
    checkInstant(t, 't');
    const local = t + VN_OFFSET_MS;
    let day = Math.floor(local / DAY_MS);
    let timeOfDay = local - day * DAY_MS;
    for (;;) {
      const periods = this.periodsOfDay(day);
      if (periods) {
        for (let i = 0; i < periods.length; i += 2) {
          if (timeOfDay < periods[i + 1]!)
            return day * DAY_MS + Math.max(timeOfDay, periods[i]!) - VN_OFFSET_MS;
        }
      }
      day++;
      timeOfDay = 0;
    }
  }

  /** Earliest instant by which `minutes` of working time has passed since t. */
  addWorkingMinutes(t: number, minutes: number): number {
    checkInstant(t, 't');
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
      throw new CalendarError(
        'invalid_minutes',
        'minutes',
        'Số phút phải là số không âm.',
        'Minutes must be a non-negative number.',
      );
    }
    return this.addWorkingMs(t, Math.round(minutes * MINUTE_MS));
  }

  /** Working minutes between two instants; negative when b is before a. */
  workingMinutesBetween(a: number, b: number): number {
    checkInstant(a, 'a');
    checkInstant(b, 'b');
    return this.workingMsBetween(a, b) / MINUTE_MS;
  }

  /** Non-working weekdays and make-up working days of a year (see yearDays in holidays.ts). */
  yearDays(year: number): YearDay[] {
    checkYear(year, 'year');
    return yearDaysFromEntries(this.entriesOf(year));
  }
}

export function createWorkCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  return new WorkCalendar(options);
}
