import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  BUILT_IN_NOTICES,
  computeDue,
  createWorkCalendar,
  formatVnIso,
  type DueInput,
  type DurationUnit,
  type OfficialNotice,
} from '../../../src/domain/calendar/index.ts';
import { at, errorOf, vn } from './helpers.ts';

const calendar = createWorkCalendar();
const due = (input: DueInput): string => vn(computeDue(input, calendar));

describe('working days, elapsed (N × 480 working minutes from receipt)', () => {
  it('counts 5 working days over Tết 2026 (16–20 Feb off)', () => {
    expect(
      formatVnIso(
        computeDue({ start: at('2026-02-13T16:00:00+07:00'), amount: 5, unit: 'working_days' }, calendar),
      ),
    ).toBe('2026-02-27T16:00:00+07:00');
  });

  it('is due at the same time on the next working day for 1 working day', () => {
    expect(due({ start: at('2026-03-10T16:00:00+07:00'), amount: 1, unit: 'working_days' })).toBe(
      '2026-03-11T16:00',
    );
    expect(due({ start: at('2026-03-13T16:00:00+07:00'), amount: 1, unit: 'working_days' })).toBe(
      '2026-03-16T16:00',
    );
    expect(due({ start: at('2026-03-10T10:20:00+07:00'), amount: 3, unit: 'working_days' })).toBe(
      '2026-03-13T10:20',
    );
  });

  it('starts the clock at the next opening when received outside office hours', () => {
    // Friday evening (online filing) → Monday 07:00 + 480 minutes.
    expect(due({ start: at('2026-03-13T18:30:00+07:00'), amount: 1, unit: 'working_days' })).toBe(
      '2026-03-16T17:00',
    );
    expect(due({ start: at('2026-03-14T10:00:00+07:00'), amount: 2, unit: 'working_days' })).toBe(
      '2026-03-17T17:00',
    );
    // During the lunch break → 13:30.
    expect(due({ start: at('2026-03-10T12:15:00+07:00'), amount: 0.5, unit: 'working_days' })).toBe(
      '2026-03-11T07:30',
    );
  });

  it('handles the last afternoon before Tết (user reports)', () => {
    expect(due({ start: at('2026-02-13T16:00:00+07:00'), amount: 1, unit: 'working_days' })).toBe(
      '2026-02-23T16:00',
    );
    // 2024: Tết days off 8–14 Feb; Wednesday 7 Feb is the last working day.
    expect(due({ start: at('2024-02-07T15:30:00+07:00'), amount: 1, unit: 'working_days' })).toBe(
      '2024-02-15T15:30',
    );
    expect(due({ start: at('2024-02-07T15:30:00+07:00'), amount: 2, unit: 'working_days' })).toBe(
      '2024-02-16T15:30',
    );
    // 2025: Tết days off 27–31 Jan; Friday 24 Jan is the last working day.
    expect(due({ start: at('2025-01-24T14:00:00+07:00'), amount: 1, unit: 'working_days' })).toBe(
      '2025-02-03T14:00',
    );
  });

  it('works on a make-up Saturday and not on the swapped Monday (2026-08-22 / 2026-08-31)', () => {
    expect(due({ start: at('2026-08-21T16:00:00+07:00'), amount: 1, unit: 'working_days' })).toBe(
      '2026-08-22T16:00',
    );
    // Friday 28 Aug → Monday 31 off, 1–2 Sep National Day → Thursday 3 Sep.
    expect(due({ start: at('2026-08-28T16:00:00+07:00'), amount: 1, unit: 'working_days' })).toBe(
      '2026-09-03T16:00',
    );
  });

  it('crosses the new year (1 Jan 2027 is a Friday holiday)', () => {
    expect(due({ start: at('2026-12-31T16:00:00+07:00'), amount: 1, unit: 'working_days' })).toBe(
      '2027-01-04T16:00',
    );
    expect(due({ start: at('2026-12-30T09:00:00+07:00'), amount: 3, unit: 'working_days' })).toBe(
      '2027-01-05T09:00',
    );
  });

  it('counts working hours the same way', () => {
    expect(due({ start: at('2026-03-10T10:00:00+07:00'), amount: 8, unit: 'working_hours' })).toBe(
      '2026-03-11T10:00',
    );
    expect(due({ start: at('2026-03-10T16:30:00+07:00'), amount: 1, unit: 'working_hours' })).toBe(
      '2026-03-11T07:30',
    );
  });

  it('uses the 2025 notice when given one (Friday 2 May 2025 off, Saturday 26 April worked)', () => {
    const notice: OfficialNotice = {
      year: 2025,
      daysOff: [{ date: '2025-05-02' }],
      makeUpWorkingDays: ['2025-04-26'],
    };
    const with2025 = createWorkCalendar({ notices: [...BUILT_IN_NOTICES, notice] });
    const start = at('2025-04-29T16:00:00+07:00');
    expect(vn(computeDue({ start, amount: 1, unit: 'working_days' }, with2025))).toBe('2025-05-05T16:00');
    expect(vn(computeDue({ start, amount: 1, unit: 'working_days' }, calendar))).toBe('2025-05-02T16:00');
    expect(
      vn(computeDue({ start: at('2025-04-25T16:00:00+07:00'), amount: 1, unit: 'working_days' }, with2025)),
    ).toBe('2025-04-26T16:00');
  });
});

describe('end of the Nth working day', () => {
  it('is due at the close of the Nth working day after the receipt day', () => {
    const input = { amount: 3, unit: 'working_days', mode: 'end_of_day' } as const;
    expect(due({ ...input, start: at('2026-03-10T09:00:00+07:00') })).toBe('2026-03-13T17:00');
    expect(due({ ...input, start: at('2026-03-10T16:59:00+07:00') })).toBe('2026-03-13T17:00');
    expect(due({ ...input, amount: 1, start: at('2026-03-14T10:00:00+07:00') })).toBe('2026-03-16T17:00');
    expect(due({ ...input, amount: 1, start: at('2026-02-13T08:00:00+07:00') })).toBe('2026-02-23T17:00');
  });
});

describe('same-day procedures (0 working days)', () => {
  const sameDay = (iso: string): string => due({ start: at(iso), amount: 0, unit: 'working_days' });

  it('is due at the close of the receipt day until 15:00, otherwise of the next working day', () => {
    expect(sameDay('2026-03-10T06:45:00+07:00')).toBe('2026-03-10T17:00');
    expect(sameDay('2026-03-10T14:59:00+07:00')).toBe('2026-03-10T17:00');
    expect(sameDay('2026-03-10T15:00:00+07:00')).toBe('2026-03-10T17:00');
    expect(sameDay('2026-03-10T15:01:00+07:00')).toBe('2026-03-11T17:00');
    expect(sameDay('2026-03-10T17:30:00+07:00')).toBe('2026-03-11T17:00');
    expect(sameDay('2026-03-14T09:00:00+07:00')).toBe('2026-03-16T17:00');
    expect(sameDay('2026-02-13T15:30:00+07:00')).toBe('2026-02-23T17:00');
    expect(sameDay('2026-08-22T09:00:00+07:00')).toBe('2026-08-22T17:00');
  });
});

describe('calendar days and months (Civil Code 2015 Art. 148)', () => {
  it('keeps the receipt time of day when the end date is a working day', () => {
    expect(due({ start: at('2026-03-02T09:15:00+07:00'), amount: 10, unit: 'calendar_days' })).toBe(
      '2026-03-12T09:15',
    );
    expect(due({ start: at('2026-01-15T10:00:00+07:00'), amount: 3, unit: 'months' })).toBe(
      '2026-04-15T10:00',
    );
    expect(
      due({ start: at('2026-03-02T09:15:00+07:00'), amount: 10, unit: 'calendar_days', mode: 'end_of_day' }),
    ).toBe('2026-03-12T17:00');
  });

  it('moves an end on a non-working day to the close of the next working day', () => {
    // Ends on 2/9 (user report): 2026 → 1–2 Sep off → Thursday 3 Sep.
    expect(due({ start: at('2026-08-03T09:00:00+07:00'), amount: 30, unit: 'calendar_days' })).toBe(
      '2026-09-03T17:00',
    );
    expect(due({ start: at('2025-08-18T10:00:00+07:00'), amount: 15, unit: 'calendar_days' })).toBe(
      '2025-09-03T17:00',
    );
    // Ends on Saturday 2026-03-14 → Monday.
    expect(due({ start: at('2026-03-04T09:00:00+07:00'), amount: 10, unit: 'calendar_days' })).toBe(
      '2026-03-16T17:00',
    );
    // A make-up Saturday is a working day: the time of day is kept.
    expect(due({ start: at('2026-08-12T09:00:00+07:00'), amount: 10, unit: 'calendar_days' })).toBe(
      '2026-08-22T09:00',
    );
  });

  it('clamps month ends to the last day of the month', () => {
    // 31 Jan + 1 month → Saturday 28 Feb → Monday 2 Mar.
    expect(due({ start: at('2026-01-31T10:00:00+07:00'), amount: 1, unit: 'months' })).toBe(
      '2026-03-02T17:00',
    );
    // 31 Mar + 1 month → 30 Apr (holiday), 1 May (holiday), weekend → Monday 4 May.
    expect(due({ start: at('2026-03-31T10:00:00+07:00'), amount: 1, unit: 'months' })).toBe(
      '2026-05-04T17:00',
    );
    expect(due({ start: at('2027-11-30T10:00:00+07:00'), amount: 3, unit: 'months' })).toBe(
      '2028-02-29T10:00',
    );
  });
});

describe('pauses', () => {
  const start = at('2026-03-02T09:00:00+07:00'); // Monday
  const base = { start, amount: 5, unit: 'working_days' } as const;

  it('push the due time by their working time', () => {
    expect(due(base)).toBe('2026-03-09T09:00');
    const oneDay = { from: at('2026-03-03T09:00:00+07:00'), to: at('2026-03-04T09:00:00+07:00') };
    expect(due({ ...base, pauses: [oneDay] })).toBe('2026-03-10T09:00');
    // Friday 16:00 → Monday 08:00 holds 60 + 60 working minutes.
    const weekend = { from: at('2026-03-06T16:00:00+07:00'), to: at('2026-03-09T08:00:00+07:00') };
    expect(due({ ...base, pauses: [weekend] })).toBe('2026-03-09T11:00');
  });

  it('count overlapping pauses once and ignore empty ones', () => {
    const a = { from: at('2026-03-03T09:00:00+07:00'), to: at('2026-03-03T11:00:00+07:00') };
    const b = { from: at('2026-03-03T10:00:00+07:00'), to: at('2026-03-03T11:30:00+07:00') };
    const empty = { from: at('2026-03-04T10:00:00+07:00'), to: at('2026-03-04T10:00:00+07:00') };
    expect(due({ ...base, pauses: [b, a, empty] })).toBe('2026-03-09T11:30');
    expect(due({ ...base, pauses: [a, a] })).toBe('2026-03-09T11:00');
  });

  it('ignore time before the start and pauses after the due time', () => {
    const before = { from: at('2026-02-27T09:00:00+07:00'), to: at('2026-03-02T09:00:00+07:00') };
    const straddling = { from: at('2026-02-27T09:00:00+07:00'), to: at('2026-03-02T10:00:00+07:00') };
    const after = { from: at('2026-03-10T09:00:00+07:00'), to: at('2026-03-12T09:00:00+07:00') };
    expect(due({ ...base, pauses: [before] })).toBe('2026-03-09T09:00');
    expect(due({ ...base, pauses: [straddling] })).toBe('2026-03-09T10:00');
    expect(due({ ...base, pauses: [after] })).toBe('2026-03-09T09:00');
  });

  it('keep end-of-day deadlines at a closing time', () => {
    const pause = { from: at('2026-03-10T09:00:00+07:00'), to: at('2026-03-10T09:30:00+07:00') };
    const input = {
      start: at('2026-03-10T08:00:00+07:00'),
      amount: 1,
      unit: 'working_days',
      mode: 'end_of_day',
    } as const;
    expect(due(input)).toBe('2026-03-11T17:00');
    expect(due({ ...input, pauses: [pause] })).toBe('2026-03-12T17:00');
  });
});

describe('input checks', () => {
  const start = at('2026-03-10T09:00:00+07:00');
  const code = (input: DueInput): string => errorOf(() => computeDue(input, calendar)).code;

  it('refuses bad amounts, units, modes, starts and pauses with stable codes', () => {
    expect(code({ start, amount: -1, unit: 'working_days' })).toBe('negative_amount');
    expect(code({ start, amount: 2601, unit: 'working_days' })).toBe('amount_too_large');
    expect(code({ start, amount: 121, unit: 'months' })).toBe('amount_too_large');
    expect(code({ start, amount: 3654, unit: 'calendar_days' })).toBe('amount_too_large');
    expect(code({ start, amount: 1.5, unit: 'calendar_days' })).toBe('non_integer_amount');
    expect(code({ start, amount: 1.5, unit: 'working_days', mode: 'end_of_day' })).toBe('non_integer_amount');
    expect(code({ start, amount: Number.NaN, unit: 'working_days' })).toBe('invalid_amount');
    expect(code({ start, amount: 1, unit: 'weeks' as DurationUnit })).toBe('invalid_unit');
    expect(code({ start, amount: 1, unit: 'working_days', mode: 'asap' as 'elapsed' })).toBe('invalid_mode');
    expect(code({ start: at('2200-01-01T09:00:00+07:00'), amount: 1, unit: 'working_days' })).toBe(
      'year_out_of_range',
    );
    expect(code({ start: at('1899-12-31T09:00:00+07:00'), amount: 1, unit: 'working_days' })).toBe(
      'year_out_of_range',
    );
    expect(code({ start, amount: 1, unit: 'working_days', pauses: [{ from: start + 10, to: start }] })).toBe(
      'invalid_pause',
    );
    const error = errorOf(() => computeDue({ start, amount: -1, unit: 'working_days' }, calendar));
    expect(error.field).toBe('amount');
  });

  it('accepts fractional working days (internal-process steps of 0.25 and 0.5 day)', () => {
    expect(due({ start, amount: 0.25, unit: 'working_days' })).toBe('2026-03-10T11:00');
  });
});

describe('properties', () => {
  const instant = fc.integer({ min: at('2020-01-01T00:00:00+07:00'), max: at('2030-12-31T00:00:00+07:00') });
  const workingUnit = fc.constantFrom<DurationUnit>('working_days', 'working_hours');

  it('an elapsed due time is never on a non-working instant (amount > 0)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), workingUnit, (start, amount, unit) => {
        const result = computeDue({ start, amount, unit }, calendar);
        expect(result).toBeGreaterThan(start);
        const inPeriod = calendar.officePeriods(result).some((p) => p.from <= result && result <= p.to);
        if (!inPeriod) expect.fail(`${formatVnIso(result)} is outside office hours`);
      }),
      { numRuns: 1000 },
    );
  });

  it('zero-length pauses change nothing', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 40 }),
        fc.constantFrom<DurationUnit>('working_days', 'working_hours', 'calendar_days', 'months'),
        fc.array(fc.integer({ min: -20 * 86_400_000, max: 60 * 86_400_000 }), { maxLength: 4 }),
        (start, amount, unit, offsets) => {
          const pauses = offsets.map((o) => ({ from: start + o, to: start + o }));
          expect(computeDue({ start, amount, unit, pauses }, calendar)).toBe(
            computeDue({ start, amount, unit }, calendar),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a pause never brings the due time forward, and splitting a pause changes nothing', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 20 * 86_400_000 }),
        fc.integer({ min: 0, max: 5 * 86_400_000 }),
        fc.integer({ min: 0, max: 5 * 86_400_000 }),
        (start, amount, offset, first, second) => {
          const from = start + offset;
          const plain = computeDue({ start, amount, unit: 'working_days' }, calendar);
          const whole = computeDue(
            { start, amount, unit: 'working_days', pauses: [{ from, to: from + first + second }] },
            calendar,
          );
          const split = computeDue(
            {
              start,
              amount,
              unit: 'working_days',
              pauses: [
                { from: from + first, to: from + first + second },
                { from, to: from + first },
              ],
            },
            calendar,
          );
          expect(whole).toBeGreaterThanOrEqual(plain);
          expect(split).toBe(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('more working days never give an earlier due time', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        (start, a, b) => {
          const [small, large] = a <= b ? [a, b] : [b, a];
          expect(
            computeDue({ start, amount: small, unit: 'working_days', mode: 'end_of_day' }, calendar),
          ).toBeLessThanOrEqual(
            computeDue({ start, amount: large, unit: 'working_days', mode: 'end_of_day' }, calendar),
          );
          // Elapsed from 1 day up: 0 days is the same-day rule, which can end after 1 elapsed day (below).
          if (small >= 1) {
            expect(computeDue({ start, amount: small, unit: 'working_days' }, calendar)).toBeLessThanOrEqual(
              computeDue({ start, amount: large, unit: 'working_days' }, calendar),
            );
          }
        },
      ),
      { numRuns: 500 },
    );
    // Received 15:30: same-day → close of the next working day, 1 elapsed working day → 15:30 that day.
    const start = at('2026-03-10T15:30:00+07:00');
    expect(due({ start, amount: 0, unit: 'working_days' })).toBe('2026-03-11T17:00');
    expect(due({ start, amount: 1, unit: 'working_days' })).toBe('2026-03-11T15:30');
  });
});
