/**
 * A dossier's standing for the statistics (Biểu 06/VPCP/KSTT) and near-due warnings, from the calendar
 * engine's classify / isOverdue / remainingWorkingMinutes.
 */
import {
  classify,
  isOverdue,
  remainingWorkingMinutes,
  type Outcome,
  type WorkCalendar,
} from '../calendar/index.ts';
import type { DossierState } from './model.ts';

export type DossierStanding =
  /** Draft, submitted or waiting for a supplement at intake: not counted as received. */
  | { kind: 'not_received' }
  /** Counted apart: refused at intake, withdrawn by the applicant, stopped by the agency. */
  | { kind: 'refused' | 'withdrawn' | 'stopped' }
  | { kind: 'finished'; outcome: Outcome; finishedAt: number; dueAt: number }
  | {
      kind: 'open';
      standing: 'within_deadline' | 'overdue';
      dueAt: number;
      /** Signed working minutes to the due time; frozen at the pause's start while the clock stands still. */
      remainingWorkingMinutes: number;
      paused: boolean;
    };

export function dossierStanding(dossier: DossierState, now: number, calendar: WorkCalendar): DossierStanding {
  const { status, dueAt } = dossier;
  if (status === 'refused') return { kind: 'refused' };
  if (status === 'stopped') return { kind: dossier.stopReason === 'withdrawal' ? 'withdrawn' : 'stopped' };
  if (dueAt === null) return { kind: 'not_received' };
  if (dossier.resolvedAt !== null) {
    const outcome = classify({
      finishedAt: dossier.resolvedAt,
      dueAt,
      supplementRequests: dossier.supplementRequests,
      rescheduled: dossier.reschedule !== null,
    });
    return { kind: 'finished', outcome, finishedAt: dossier.resolvedAt, dueAt };
  }
  // While paused the clock stands still: judge the dossier as it was when the pause began.
  const at = dossier.openPause?.from ?? now;
  return {
    kind: 'open',
    standing: isOverdue(at, dueAt) ? 'overdue' : 'within_deadline',
    dueAt,
    remainingWorkingMinutes: remainingWorkingMinutes(at, dueAt, calendar),
    paused: dossier.openPause !== null,
  };
}
