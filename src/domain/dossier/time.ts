/**
 * The dossier's times, computed by the calendar engine: when a received dossier is forwarded, and the
 * appointment in force after receipt, pauses and an apology.
 */
import { SAME_DAY_CUTOFF_MS, WORKING_DAY_MS, computeDue, type WorkCalendar } from '../calendar/index.ts';
import type { DossierState } from './model.ts';

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;

/**
 * When a dossier received at `receivedAt` goes to the resolving agency (NĐ 118/2025): at once — the
 * receipt time, or the next opening when the office is closed — but a dossier received after 15:00 goes
 * at the start of the next working day.
 */
export function forwardTime(receivedAt: number, calendar: WorkCalendar): number {
  const dayStart = Math.floor((receivedAt + VN_OFFSET_MS) / DAY_MS) * DAY_MS - VN_OFFSET_MS;
  if (receivedAt - dayStart > SAME_DAY_CUTOFF_MS) return calendar.nextOpening(dayStart + DAY_MS);
  return calendar.nextOpening(receivedAt);
}

/** What receiving a dossier at `at` means for its times, for the desk to be warned before it confirms. */
export interface ReceiptTiming {
  /** The office is open at `at` (a working day, inside an office period). */
  open: boolean;
  /** When the processing time starts to run: `at` when open, else the next opening (NĐ 118/2025). */
  countsFrom: number;
  /** When it goes to the resolving agency: at once, but received after 15:00 at the next working day's start. */
  forwardAt: number;
}

export function receiptTiming(at: number, calendar: WorkCalendar): ReceiptTiming {
  const countsFrom = calendar.nextOpening(at);
  return { open: countsFrom === at, countsFrom, forwardAt: forwardTime(at, calendar) };
}

/**
 * The appointment in force, or null before receipt. Without an apology: the legal duration from the
 * valid-receipt time, moved by every pause (computeDue). After an apology: the new appointment, moved by
 * the pauses that began after the letter.
 */
export function dueTimeOf(state: DossierState, calendar: WorkCalendar): number | null {
  const { receivedAt, deadline, reschedule } = state;
  if (receivedAt === null || deadline === null) return null;
  if (reschedule === null)
    return computeDue({ start: receivedAt, ...deadline, pauses: state.pauses }, calendar);
  const later = state.pauses.filter((p) => p.from >= reschedule.at);
  if (later.length === 0) return reschedule.dueAt;
  // The new appointment as working time from the letter (it is validated to be reachable exactly).
  const amount = calendar.workingMsBetween(reschedule.at, reschedule.dueAt) / WORKING_DAY_MS;
  return computeDue({ start: reschedule.at, amount, unit: 'working_days', pauses: later }, calendar);
}
