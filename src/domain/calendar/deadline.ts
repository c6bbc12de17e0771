/**
 * Due times of dossiers (ngày hẹn trả) from the valid-receipt time, the procedure's legal duration and
 * the pauses the dossier went through.
 */
import { CalendarError } from './errors.ts';
import { WORKING_DAY_MINUTES } from './office-hours.ts';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  VN_OFFSET_MS,
  checkInstant,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  vnDayOf,
} from './vn-date.ts';
import type { WorkCalendar } from './work-calendar.ts';

export type DurationUnit = 'working_hours' | 'working_days' | 'calendar_days' | 'months';
/**
 * 'elapsed': the duration counts from the receipt time (N working days = N × 480 working minutes).
 * 'end_of_day': due at the close of the Nth working day after the receipt day ("trong ngày làm việc thứ N").
 */
export type DeadlineMode = 'elapsed' | 'end_of_day';

/** An interval during which the clock stood still (supplement requested, financial obligation). */
export interface Pause {
  from: number;
  to: number;
}

export interface DueInput {
  /** Valid-receipt time (thời điểm tiếp nhận hồ sơ hợp lệ), epoch ms. */
  start: number;
  amount: number;
  unit: DurationUnit;
  mode?: DeadlineMode;
  pauses?: readonly Pause[];
}

export const WORKING_DAY_MS = WORKING_DAY_MINUTES * MINUTE_MS;
/** A same-day procedure received after this time of day is due the next working day. */
export const SAME_DAY_CUTOFF_MS = 15 * HOUR_MS;

/** Ten years in each unit (52 weeks × 5 days × 8 hours a year for working time). */
export const MAX_AMOUNT: Readonly<Record<DurationUnit, number>> = {
  working_hours: 10 * 52 * 5 * 8,
  working_days: 10 * 52 * 5,
  calendar_days: 3653,
  months: 120,
};

const UNITS: readonly string[] = ['working_hours', 'working_days', 'calendar_days', 'months'];
const MODES: readonly string[] = ['elapsed', 'end_of_day'];

function fail(code: string, field: string, message: string, message_en: string): never {
  throw new CalendarError(code, field, message, message_en);
}

function checkInput(input: DueInput, mode: DeadlineMode): void {
  checkInstant(input.start, 'start');
  const { amount, unit } = input;
  if (!UNITS.includes(unit))
    fail('invalid_unit', 'unit', 'Đơn vị thời hạn không hợp lệ.', 'Invalid duration unit.');
  if (!MODES.includes(mode))
    fail('invalid_mode', 'mode', 'Cách tính thời hạn không hợp lệ.', 'Invalid deadline mode.');
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    fail('invalid_amount', 'amount', 'Thời hạn phải là một số.', 'The amount must be a number.');
  }
  if (amount < 0)
    fail('negative_amount', 'amount', 'Thời hạn không được âm.', 'The amount must not be negative.');
  if (amount > MAX_AMOUNT[unit]) {
    fail(
      'amount_too_large',
      'amount',
      'Thời hạn không được quá 10 năm.',
      'The amount must not exceed 10 years.',
    );
  }
  const wholeOnly =
    unit === 'calendar_days' || unit === 'months' || (unit === 'working_days' && mode === 'end_of_day');
  if (wholeOnly && !Number.isInteger(amount)) {
    fail('non_integer_amount', 'amount', 'Thời hạn phải là số nguyên.', 'The amount must be a whole number.');
  }
}

/** Close of the working day containing t, or of the next working day when t is after that close. */
function closeAtOrAfter(t: number, calendar: WorkCalendar): number {
  const day = vnDayOf(t);
  const close = calendar.closeOfDay(day);
  if (close !== undefined && t <= close) return close;
  return calendar.closeOfDay(calendar.nextWorkingDayAfter(day))!;
}

function sameDayDue(start: number, calendar: WorkCalendar): number {
  const day = vnDayOf(start);
  const close = calendar.closeOfDay(day);
  const timeOfDay = start + VN_OFFSET_MS - day * DAY_MS;
  if (close !== undefined && timeOfDay <= SAME_DAY_CUTOFF_MS && start < close) return close;
  return calendar.closeOfDay(calendar.nextWorkingDayAfter(day))!;
}

function endOfNthWorkingDay(start: number, n: number, calendar: WorkCalendar): number {
  let day = vnDayOf(start);
  for (let i = 0; i < n; i++) day = calendar.nextWorkingDayAfter(day);
  return calendar.closeOfDay(day)!;
}

function addMonths(dayNumber: number, months: number): number {
  const { year, month, day } = civilFromDays(dayNumber);
  const index = month - 1 + months;
  const y = year + Math.floor(index / 12);
  const m = (index % 12) + 1;
  // 31 January + 1 month ends on the last day of February (Civil Code 2015 Art. 147–148).
  return daysFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

/**
 * A calendar-day or month deadline ends on `endDay` at the receipt's time of day (the receipt form states
 * an hour and a minute), or at the close of the next working day when endDay is not a working day
 * (Civil Code 2015 Art. 148). In 'end_of_day' mode it ends at the close of endDay.
 */
function calendarDue(endDay: number, start: number, mode: DeadlineMode, calendar: WorkCalendar): number {
  const close = calendar.closeOfDay(endDay);
  if (close === undefined) return calendar.closeOfDay(calendar.nextWorkingDayAfter(endDay))!;
  if (mode === 'end_of_day') return close;
  const timeOfDay = start + VN_OFFSET_MS - vnDayOf(start) * DAY_MS;
  return endDay * DAY_MS + timeOfDay - VN_OFFSET_MS;
}

/** Pauses clipped to the start, without empty ones, sorted and merged so overlaps count once. */
function normalisePauses(pauses: readonly Pause[], start: number): Pause[] {
  const clipped: Pause[] = [];
  pauses.forEach((pause, i) => {
    const field = `pauses[${i}]`;
    if (typeof pause !== 'object' || pause === null) {
      fail('invalid_pause', field, 'Khoảng tạm dừng không hợp lệ.', 'Invalid pause.');
    }
    checkInstant(pause.from, `${field}.from`);
    checkInstant(pause.to, `${field}.to`);
    if (pause.to < pause.from) {
      fail(
        'invalid_pause',
        field,
        'Thời điểm kết thúc tạm dừng phải sau thời điểm bắt đầu.',
        'A pause must end after it starts.',
      );
    }
    const from = Math.max(pause.from, start);
    if (pause.to > from) clipped.push({ from, to: pause.to });
  });
  clipped.sort((a, b) => a.from - b.from);
  const merged: Pause[] = [];
  for (const pause of clipped) {
    const last = merged[merged.length - 1];
    if (last && pause.from <= last.to) last.to = Math.max(last.to, pause.to);
    else merged.push({ ...pause });
  }
  return merged;
}

/**
 * The clock stands still during each pause: a pause that begins before the (already extended) due time
 * moves it by the pause's working time. A pause that begins after the due time changes nothing — the
 * dossier was already due.
 */
function applyPauses(due: number, pauses: readonly Pause[], calendar: WorkCalendar): number {
  let result = due;
  for (const pause of pauses) {
    if (pause.from >= result) break;
    result = calendar.addWorkingMs(result, calendar.workingMsBetween(pause.from, pause.to));
  }
  return result;
}

/**
 * Due time of a dossier (epoch ms).
 * - working_hours / working_days, 'elapsed': amount × 60 / × 480 working minutes from the receipt time;
 *   received outside office hours, the clock starts at the next opening. The result is the earliest
 *   instant the time has run out, so it can be a closing time (17:00) but never a non-working instant.
 * - working_days with amount 0 (same-day procedures): close of the receipt day, or of the next working day
 *   when received after 15:00, after closing or on a non-working day.
 * - 'end_of_day': close of the Nth working day after the receipt day (for working_hours: close of the day
 *   on which the elapsed due time falls).
 * - calendar_days / months: see calendarDue.
 * Pauses then push the due time by their working time; in end-of-day modes the result stays a closing time.
 */
export function computeDue(input: DueInput, calendar: WorkCalendar): number {
  const mode = input.mode ?? 'elapsed';
  checkInput(input, mode);
  const { start, amount, unit } = input;
  let due: number;
  let atClose = mode === 'end_of_day';
  switch (unit) {
    case 'working_hours':
      due = calendar.addWorkingMs(start, Math.round(amount * HOUR_MS));
      break;
    case 'working_days':
      if (amount === 0) {
        due = sameDayDue(start, calendar);
        atClose = true;
      } else if (mode === 'end_of_day') {
        due = endOfNthWorkingDay(start, amount, calendar);
      } else {
        due = calendar.addWorkingMs(start, Math.round(amount * WORKING_DAY_MS));
      }
      break;
    case 'calendar_days':
      due = calendarDue(vnDayOf(start) + amount, start, mode, calendar);
      break;
    case 'months':
      due = calendarDue(addMonths(vnDayOf(start), amount), start, mode, calendar);
      break;
  }
  if (input.pauses !== undefined) {
    if (!Array.isArray(input.pauses))
      fail('invalid_pause', 'pauses', 'Danh sách tạm dừng không hợp lệ.', 'Pauses must be a list.');
    if (input.pauses.length > 0) due = applyPauses(due, normalisePauses(input.pauses, start), calendar);
  }
  return atClose ? closeAtOrAfter(due, calendar) : due;
}

/** An appointment and whether it was reset by an apology letter (form 04). */
export interface Appointment {
  dueAt: number;
  /** The appointment before the reset; equals dueAt when never rescheduled. */
  originalDueAt: number;
  rescheduled: boolean;
}

export function appointment(dueAt: number): Appointment {
  checkInstant(dueAt, 'dueAt');
  return { dueAt, originalDueAt: dueAt, rescheduled: false };
}

/**
 * Resets an appointment to a later time after an apology letter. The reset is allowed once
 * (NĐ 118/2025), and the dossier still counts as late in the statistics (see classify). When `now` and a
 * calendar are given, the letter must come at least one working day before the current due time.
 */
export function applyReschedule(
  current: Appointment,
  newDueAt: number,
  check?: { now: number; calendar: WorkCalendar },
): Appointment {
  checkInstant(current.dueAt, 'dueAt');
  checkInstant(newDueAt, 'newDueAt');
  if (current.rescheduled) {
    fail(
      'already_rescheduled',
      'dueAt',
      'Ngày hẹn trả chỉ được điều chỉnh một lần.',
      'An appointment may be reset only once.',
    );
  }
  if (newDueAt <= current.dueAt) {
    fail(
      'reschedule_not_later',
      'newDueAt',
      'Ngày hẹn mới phải sau ngày hẹn cũ.',
      'The new appointment must be later than the current one.',
    );
  }
  if (check) {
    checkInstant(check.now, 'now');
    if (check.calendar.workingMsBetween(check.now, current.dueAt) < WORKING_DAY_MS) {
      fail(
        'apology_too_late',
        'now',
        'Văn bản xin lỗi phải gửi trước hạn ít nhất 01 ngày làm việc.',
        'The apology letter must be sent at least one working day before the due time.',
      );
    }
  }
  return { dueAt: newDueAt, originalDueAt: current.dueAt, rescheduled: true };
}
