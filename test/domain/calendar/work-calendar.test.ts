import { readdirSync, readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createWorkCalendar, type OfficeHours } from '../../../src/domain/calendar/index.ts';
import { at, errorOf, vn } from './helpers.ts';

const calendar = createWorkCalendar();
const FROM = at('2020-01-01T00:00:00+07:00');
const TO = at('2030-12-31T00:00:00+07:00');
const anyInstant = fc.integer({ min: FROM, max: TO });

describe('working days', () => {
  it('knows weekdays, weekends, holidays, swaps and make-up Saturdays', () => {
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true); // Saturday worked (make-up)
    expect(calendar.isWorkingDay('2026-08-29')).toBe(false); // an ordinary Saturday
    expect(calendar.isWorkingDay('2026-08-31')).toBe(false); // Monday given off in exchange
    expect(calendar.isWorkingDay('2026-08-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false);
    expect(calendar.isWorkingDay('2026-02-23')).toBe(true);
    expect(calendar.dayKind('2026-08-22')).toBe('make_up_working_day');
    expect(calendar.dayKind('2026-08-31')).toBe('day_off');
    expect(calendar.dayKind('2026-08-23')).toBe('weekend');
    expect(calendar.dayKind('2026-08-24')).toBe('working_day');
    expect(calendar.dayKind('2026-04-27')).toBe('compensatory');
    expect(calendar.dayKind('2026-02-17')).toBe('holiday');
  });

  it('takes an instant as a date in Vietnam, whatever the process time zone', () => {
    // 2026-02-15T17:30Z is already Monday 16 Feb (Tết) in Vietnam; 16:59Z is still Sunday.
    expect(calendar.dayKind(at('2026-02-15T17:30:00Z'))).toBe('holiday');
    expect(calendar.dayKind(at('2026-02-15T16:59:00Z'))).toBe('weekend');
    expect(calendar.dayInfo(at('2026-08-21T17:00:00Z')).date).toBe('2026-08-22');
  });

  it('refuses invalid dates and years out of range', () => {
    expect(errorOf(() => calendar.isWorkingDay('2026-02-30')).code).toBe('invalid_date');
    expect(errorOf(() => calendar.isWorkingDay('2200-01-01')).code).toBe('year_out_of_range');
    expect(errorOf(() => calendar.nextOpening(Number.NaN)).code).toBe('invalid_instant');
  });
});

describe('office time', () => {
  it('finds the next opening', () => {
    expect(vn(calendar.nextOpening(at('2026-03-10T06:00:00+07:00')))).toBe('2026-03-10T07:00');
    expect(vn(calendar.nextOpening(at('2026-03-10T09:15:00+07:00')))).toBe('2026-03-10T09:15');
    expect(vn(calendar.nextOpening(at('2026-03-10T11:30:00+07:00')))).toBe('2026-03-10T13:30');
    expect(vn(calendar.nextOpening(at('2026-03-10T17:00:00+07:00')))).toBe('2026-03-11T07:00');
    // Friday before Tết 2026, after closing: next opening is Monday 23 Feb.
    expect(vn(calendar.nextOpening(at('2026-02-13T17:05:00+07:00')))).toBe('2026-02-23T07:00');
    expect(calendar.isOpen(at('2026-03-10T13:30:00+07:00'))).toBe(true);
    expect(calendar.isOpen(at('2026-03-10T12:00:00+07:00'))).toBe(false);
  });

  it('adds working minutes across breaks, nights, weekends and holidays', () => {
    const t = at('2026-03-10T16:00:00+07:00');
    expect(vn(calendar.addWorkingMinutes(t, 60))).toBe('2026-03-10T17:00');
    expect(vn(calendar.addWorkingMinutes(t, 61))).toBe('2026-03-11T07:01');
    expect(vn(calendar.addWorkingMinutes(t, 480))).toBe('2026-03-11T16:00');
    expect(vn(calendar.addWorkingMinutes(at('2026-03-10T11:00:00+07:00'), 45))).toBe('2026-03-10T13:45');
    expect(vn(calendar.addWorkingMinutes(at('2026-02-13T16:30:00+07:00'), 60))).toBe('2026-02-23T07:30');
    expect(calendar.addWorkingMinutes(t, 0)).toBe(t);
    expect(errorOf(() => calendar.addWorkingMinutes(t, -1)).code).toBe('invalid_minutes');
  });

  it('counts working minutes between instants, negative backwards', () => {
    expect(
      calendar.workingMinutesBetween(at('2026-03-10T00:00:00+07:00'), at('2026-03-11T00:00:00+07:00')),
    ).toBe(480);
    // Friday 13 Feb 16:00 → Monday 23 Feb 08:00 across Tết: 60 + 60.
    const a = at('2026-02-13T16:00:00+07:00');
    const b = at('2026-02-23T08:00:00+07:00');
    expect(calendar.workingMinutesBetween(a, b)).toBe(120);
    expect(calendar.workingMinutesBetween(b, a)).toBe(-120);
    // 21 Aug 07:00 → 1 Sep 07:00: Fri 21, Sat 22 (make-up), Mon 24 … Fri 28; not Mon 31 (swapped off).
    expect(
      calendar.workingMinutesBetween(at('2026-08-21T07:00:00+07:00'), at('2026-09-01T07:00:00+07:00')),
    ).toBe(7 * 480);
  });

  it('has no clock read or local-time getter in the module source', () => {
    const dir = new URL('../../../src/domain/calendar/', import.meta.url);
    const forbidden =
      /Date\.now\(|new Date\(|\.get(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds|TimezoneOffset)\(|performance\.now|process\.env/;
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      expect(forbidden.exec(source)?.[0], file).toBeUndefined();
    }
  });
});

describe('office hours by season', () => {
  const seasonal: OfficeHours = {
    periods: [
      { from: '07:30', to: '11:30' },
      { from: '13:00', to: '17:00' },
    ],
    seasons: [
      {
        from: '05-01',
        to: '09-30',
        periods: [
          { from: '07:00', to: '11:00' },
          { from: '13:30', to: '17:30' },
        ],
      },
    ],
  };
  const agency = createWorkCalendar({ officeHours: seasonal });

  it('uses the season of each date', () => {
    expect(vn(agency.nextOpening(at('2026-03-10T06:00:00+07:00')))).toBe('2026-03-10T07:30');
    expect(vn(agency.nextOpening(at('2026-06-10T06:00:00+07:00')))).toBe('2026-06-10T07:00');
    expect(vn(agency.nextOpening(at('2026-09-30T17:10:00+07:00')))).toBe('2026-09-30T17:10');
    expect(vn(agency.nextOpening(at('2026-10-01T06:00:00+07:00')))).toBe('2026-10-01T07:30');
    expect(agency.officePeriods('2026-06-10').map((p) => [vn(p.from), vn(p.to)])).toEqual([
      ['2026-06-10T07:00', '2026-06-10T11:00'],
      ['2026-06-10T13:30', '2026-06-10T17:30'],
    ]);
    expect(agency.officePeriods('2026-06-13')).toEqual([]);
  });

  it('keeps make-up Saturdays on the season hours', () => {
    expect(agency.officePeriods('2026-08-22').map((p) => vn(p.to))).toEqual([
      '2026-08-22T11:00',
      '2026-08-22T17:30',
    ]);
  });

  it('refuses invalid office hours when building a calendar', () => {
    expect(errorOf(() => createWorkCalendar({ officeHours: { periods: [] } }))).toEqual({
      code: 'no_periods',
      field: 'officeHours.periods',
    });
  });
});

describe('properties', () => {
  const minutes = fc.integer({ min: 0, max: 20_000 });

  it('adding A then B working minutes equals adding A + B', () => {
    fc.assert(
      fc.property(anyInstant, minutes, minutes, (t, a, b) => {
        expect(calendar.addWorkingMinutes(calendar.addWorkingMinutes(t, a), b)).toBe(
          calendar.addWorkingMinutes(t, a + b),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('workingMinutesBetween(t, addWorkingMinutes(t, m)) is m from an opening (and from any instant)', () => {
    fc.assert(
      fc.property(anyInstant, minutes, (raw, m) => {
        const t = calendar.nextOpening(raw);
        expect(calendar.workingMinutesBetween(t, calendar.addWorkingMinutes(t, m))).toBe(m);
        expect(calendar.workingMinutesBetween(raw, calendar.addWorkingMinutes(raw, m))).toBe(m);
      }),
      { numRuns: 500 },
    );
  });

  it('working minutes between are additive and antisymmetric', () => {
    fc.assert(
      fc.property(anyInstant, anyInstant, anyInstant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        expect(calendar.workingMinutesBetween(a, b) + calendar.workingMinutesBetween(b, c)).toBeCloseTo(
          calendar.workingMinutesBetween(a, c),
          6,
        );
        expect(calendar.workingMinutesBetween(c, a) + calendar.workingMinutesBetween(a, c)).toBe(0);
        expect(Object.is(calendar.workingMinutesBetween(c, c), 0)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('the next opening is open, and nothing between t and it is', () => {
    fc.assert(
      fc.property(anyInstant, (t) => {
        const opening = calendar.nextOpening(t);
        expect(opening).toBeGreaterThanOrEqual(t);
        expect(calendar.isOpen(opening)).toBe(true);
        expect(calendar.workingMinutesBetween(t, opening)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
