import { describe, it, expect } from 'vitest';
import {
  DEFAULT_OFFICE_HOURS,
  validateOfficeHours,
  type OfficeHours,
} from '../../../src/domain/calendar/index.ts';

const codes = (hours: OfficeHours): string[] => validateOfficeHours(hours).map((i) => `${i.field}:${i.code}`);
const day = [
  { from: '07:00', to: '11:30' },
  { from: '13:30', to: '17:00' },
];

describe('validateOfficeHours', () => {
  it('accepts the default (07:00–11:30, 13:30–17:00) and a winter season over the new year', () => {
    expect(DEFAULT_OFFICE_HOURS.periods).toEqual(day);
    expect(validateOfficeHours(DEFAULT_OFFICE_HOURS)).toEqual([]);
    expect(
      validateOfficeHours({
        periods: day,
        seasons: [
          { from: '10-15', to: '04-14', periods: [{ from: '07:30', to: '17:00' }] },
          { from: '05-01', to: '09-30', periods: [{ from: '07:00', to: '24:00' }] },
        ],
      }),
    ).toEqual([]);
  });

  it('reports malformed and impossible times', () => {
    expect(codes({ periods: [] })).toEqual(['periods:no_periods']);
    expect(codes({ periods: [{ from: '7:00', to: '11:30' }] })).toEqual(['periods[0].from:invalid_time']);
    expect(codes({ periods: [{ from: '07:00', to: '11:60' }] })).toEqual(['periods[0].to:invalid_time']);
    expect(codes({ periods: [{ from: '24:00', to: '24:00' }] })).toEqual(['periods[0].from:invalid_time']);
    expect(codes({ periods: [{ from: '11:30', to: '07:00' }] })).toEqual(['periods[0]:empty_period']);
    expect(codes({ periods: [{ from: '07:00', to: '07:00' }] })).toEqual(['periods[0]:empty_period']);
  });

  it('reports periods out of order or overlapping', () => {
    expect(codes({ periods: [day[1]!, day[0]!] })).toEqual(['periods[1]:overlapping_periods']);
    expect(
      codes({
        periods: [
          { from: '07:00', to: '12:00' },
          { from: '11:00', to: '17:00' },
        ],
      }),
    ).toEqual(['periods[1]:overlapping_periods']);
  });

  it('reports bad and overlapping seasons', () => {
    expect(codes({ periods: day, seasons: [{ from: '02-30', to: '03-31', periods: day }] })).toEqual([
      'seasons[0].from:invalid_month_day',
    ]);
    expect(codes({ periods: day, seasons: [{ from: '03-01', to: '13-01', periods: [] }] })).toEqual([
      'seasons[0].to:invalid_month_day',
      'seasons[0].periods:no_periods',
    ]);
    expect(
      codes({
        periods: day,
        seasons: [
          { from: '10-15', to: '04-14', periods: day },
          { from: '04-01', to: '09-30', periods: day },
        ],
      }),
    ).toEqual(['seasons[1]:overlapping_seasons']);
    const issues = validateOfficeHours({ periods: [{ from: 'x', to: '17:00' }] });
    expect(issues[0]!.message).toContain('Giờ không hợp lệ');
    expect(issues[0]!.message_en).toContain('Invalid time');
  });
});
