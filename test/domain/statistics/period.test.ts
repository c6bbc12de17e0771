import { describe, expect, it } from 'vitest';
import { periodOf } from '../../../src/domain/statistics/period-report.ts';

const at = (iso: string) => Date.parse(iso);

describe('report period', () => {
  it('ends at 24:00 on its last day (Vietnam) once that has passed', () => {
    const p = periodOf('2025-01-01', '2025-06-30', at('2026-12-07T10:00:00+07:00'));
    expect(p).toEqual({
      from: '2025-01-01',
      to: '2025-06-30',
      start: at('2025-01-01T00:00:00+07:00'),
      end: at('2025-07-01T00:00:00+07:00'),
      ongoing: false,
    });
    // The very instant it ends is not "ongoing" any more.
    expect(periodOf('2025-01-01', '2025-06-30', at('2025-07-01T00:00:00+07:00')).ongoing).toBe(false);
  });

  it('ends now while it runs: "this year" is not counted as of the 31st of December', () => {
    const now = at('2026-12-07T10:00:00+07:00');
    expect(periodOf('2026-01-01', '2026-12-31', now)).toMatchObject({ end: now, ongoing: true });
    expect(periodOf('2026-12-01', '2026-12-31', now)).toMatchObject({ end: now, ongoing: true });
    // Today only: from its midnight to now.
    expect(periodOf('2026-12-07', '2026-12-07', now)).toMatchObject({
      start: at('2026-12-07T00:00:00+07:00'),
      end: now,
    });
  });

  it('is empty when it has not started, and still refuses a reversed one', () => {
    const now = at('2026-12-07T10:00:00+07:00');
    const next = periodOf('2027-01-01', '2027-12-31', now);
    expect(next.end).toBe(next.start);
    expect(next.ongoing).toBe(true);
    expect(() => periodOf('2026-12-31', '2026-01-01', now)).toThrow();
  });
});
