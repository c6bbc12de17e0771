/**
 * Outcome of a dossier for the statistics (Biểu 06/VPCP/KSTT) and the QĐ 766 index: compared by DATE in
 * Vietnam, not by the minute.
 */
import { CalendarError } from './errors.ts';
import { MINUTE_MS, checkInstant, vnDayOf } from './vn-date.ts';
import type { WorkCalendar } from './work-calendar.ts';

export type Outcome = 'early' | 'on_time' | 'late';

export interface ClassifyInput {
  finishedAt: number;
  /** The appointment in force (after a reschedule, the new one). */
  dueAt: number;
  /** Supplement requests made to the applicant; only one is allowed, so two or more make the dossier late. */
  supplementRequests?: number;
  /** The appointment was reset by an apology letter: late whatever the finish time. */
  rescheduled?: boolean;
}

export function classify(input: ClassifyInput): Outcome {
  checkInstant(input.finishedAt, 'finishedAt');
  checkInstant(input.dueAt, 'dueAt');
  const requests = input.supplementRequests ?? 0;
  if (typeof requests !== 'number' || !Number.isInteger(requests) || requests < 0) {
    throw new CalendarError(
      'invalid_supplement_requests',
      'supplementRequests',
      'Số lần yêu cầu bổ sung phải là số nguyên không âm.',
      'Supplement requests must be a non-negative whole number.',
    );
  }
  if (requests > 1 || input.rescheduled === true) return 'late';
  const finished = vnDayOf(input.finishedAt);
  const due = vnDayOf(input.dueAt);
  return finished < due ? 'early' : finished === due ? 'on_time' : 'late';
}

/** An open dossier is overdue once now is past its due time. */
export function isOverdue(now: number, dueAt: number): boolean {
  checkInstant(now, 'now');
  checkInstant(dueAt, 'dueAt');
  return now > dueAt;
}

/**
 * Working minutes left until the due time, for near-due warnings; negative once overdue by working time.
 * It is 0 (not negative) while no working time has passed since the due time — use isOverdue for the flag.
 */
export function remainingWorkingMinutes(now: number, dueAt: number, calendar: WorkCalendar): number {
  checkInstant(now, 'now');
  checkInstant(dueAt, 'dueAt');
  return calendar.workingMsBetween(now, dueAt) / MINUTE_MS;
}
