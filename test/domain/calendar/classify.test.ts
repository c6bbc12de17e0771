import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  appointment,
  applyReschedule,
  classify,
  computeDue,
  createWorkCalendar,
  isOverdue,
  remainingWorkingMinutes,
  type Outcome,
} from '../../../src/domain/calendar/index.ts';
import { at, errorOf } from './helpers.ts';

const calendar = createWorkCalendar();
const dueAt = at('2026-02-27T16:00:00+07:00');

describe('classify', () => {
  it('compares finish and appointment by date in Vietnam', () => {
    expect(classify({ finishedAt: at('2026-02-26T23:59:00+07:00'), dueAt })).toBe('early');
    expect(classify({ finishedAt: at('2026-02-27T07:00:00+07:00'), dueAt })).toBe('on_time');
    expect(classify({ finishedAt: at('2026-02-27T17:30:00+07:00'), dueAt })).toBe('on_time');
    expect(classify({ finishedAt: at('2026-02-28T00:00:00+07:00'), dueAt })).toBe('late');
    // 26 Feb 17:30 UTC is already 27 Feb in Vietnam.
    expect(classify({ finishedAt: at('2026-02-26T17:30:00Z'), dueAt })).toBe('on_time');
    expect(classify({ finishedAt: at('2026-02-26T16:59:00Z'), dueAt })).toBe('early');
  });

  it('counts a dossier with a second supplement request as late (user report)', () => {
    const finishedAt = at('2026-02-20T10:00:00+07:00');
    expect(classify({ finishedAt, dueAt, supplementRequests: 1 })).toBe('early');
    expect(classify({ finishedAt, dueAt, supplementRequests: 2 })).toBe('late');
    expect(errorOf(() => classify({ finishedAt, dueAt, supplementRequests: -1 })).code).toBe(
      'invalid_supplement_requests',
    );
    expect(errorOf(() => classify({ finishedAt, dueAt, supplementRequests: 1.5 })).code).toBe(
      'invalid_supplement_requests',
    );
  });

  it('counts a rescheduled dossier as late even when finished before the new date', () => {
    const original = appointment(dueAt);
    const moved = applyReschedule(original, at('2026-03-06T16:00:00+07:00'));
    expect(moved).toEqual({
      dueAt: at('2026-03-06T16:00:00+07:00'),
      originalDueAt: dueAt,
      rescheduled: true,
    });
    expect(
      classify({
        finishedAt: at('2026-03-02T10:00:00+07:00'),
        dueAt: moved.dueAt,
        rescheduled: moved.rescheduled,
      }),
    ).toBe('late');
  });

  it('is monotonic in the finish time', () => {
    const rank: Record<Outcome, number> = { early: 0, on_time: 1, late: 2 };
    const instant = fc.integer({
      min: at('2020-01-01T00:00:00+07:00'),
      max: at('2030-12-31T00:00:00+07:00'),
    });
    fc.assert(
      fc.property(
        instant,
        instant,
        instant,
        fc.nat(3),
        fc.boolean(),
        (a, b, due, supplementRequests, rescheduled) => {
          const [first, second] = a <= b ? [a, b] : [b, a];
          const input = { dueAt: due, supplementRequests, rescheduled };
          expect(rank[classify({ ...input, finishedAt: first })]).toBeLessThanOrEqual(
            rank[classify({ ...input, finishedAt: second })],
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('rescheduling', () => {
  it('is allowed once, to a later time', () => {
    const moved = applyReschedule(appointment(dueAt), dueAt + 86_400_000);
    expect(errorOf(() => applyReschedule(moved, moved.dueAt + 86_400_000)).code).toBe('already_rescheduled');
    expect(errorOf(() => applyReschedule(appointment(dueAt), dueAt)).code).toBe('reschedule_not_later');
  });

  it('needs the apology at least one working day before the due time when checked', () => {
    const newDueAt = at('2026-03-06T16:00:00+07:00');
    // 26 Feb 16:00 → 27 Feb 16:00 is exactly one working day.
    expect(
      applyReschedule(appointment(dueAt), newDueAt, { now: at('2026-02-26T16:00:00+07:00'), calendar })
        .rescheduled,
    ).toBe(true);
    expect(
      errorOf(() =>
        applyReschedule(appointment(dueAt), newDueAt, { now: at('2026-02-26T16:01:00+07:00'), calendar }),
      ).code,
    ).toBe('apology_too_late');
  });
});

describe('overdue and remaining time', () => {
  it('tells overdue dossiers and the working minutes left', () => {
    expect(isOverdue(at('2026-02-27T16:00:00+07:00'), dueAt)).toBe(false);
    expect(isOverdue(at('2026-02-27T16:00:01+07:00'), dueAt)).toBe(true);
    expect(remainingWorkingMinutes(at('2026-02-27T09:00:00+07:00'), dueAt, calendar)).toBe(300);
    // Received Friday 13 Feb 16:00 before Tết: the full 5 working days are left.
    const start = at('2026-02-13T16:00:00+07:00');
    const due = computeDue({ start, amount: 5, unit: 'working_days' }, calendar);
    expect(remainingWorkingMinutes(start, due, calendar)).toBe(2400);
    expect(remainingWorkingMinutes(at('2026-03-02T08:00:00+07:00'), dueAt, calendar)).toBe(-120);
    // Saturday after a Friday 16:00 due: only Friday 16:00–17:00 was working time since.
    expect(remainingWorkingMinutes(at('2026-02-28T10:00:00+07:00'), dueAt, calendar)).toBe(-60);
    // Due at Friday's close: on Saturday the dossier is overdue with no working time past due.
    const atClose = at('2026-02-27T17:00:00+07:00');
    expect(remainingWorkingMinutes(at('2026-02-28T10:00:00+07:00'), atClose, calendar)).toBe(0);
    expect(isOverdue(at('2026-02-28T10:00:00+07:00'), atClose)).toBe(true);
  });
});
