import { describe, it, expect } from 'vitest';
import { lunarToSolar, solarToLunar, tetDate, type LunarDate } from '../../../src/domain/calendar/index.ts';
import { errorOf } from './helpers.ts';

/**
 * Tết Nguyên đán (mùng 1 tháng Giêng) in Vietnam, entered by hand from published Vietnamese calendars
 * (lịch vạn niên tables, Hồ Ngọc Đức's "Âm lịch Việt Nam" table of Tết dates). In this range it differs
 * from the Chinese New Year only in 2007 (17 vs 18 Feb) and 2030 (2 vs 3 Feb).
 */
// prettier-ignore
const TET: Record<number, string> = {
  1990: '01-27', 1991: '02-15', 1992: '02-04', 1993: '01-23', 1994: '02-10',
  1995: '01-31', 1996: '02-19', 1997: '02-07', 1998: '01-28', 1999: '02-16',
  2000: '02-05', 2001: '01-24', 2002: '02-12', 2003: '02-01', 2004: '01-22',
  2005: '02-09', 2006: '01-29', 2007: '02-17', 2008: '02-07', 2009: '01-26',
  2010: '02-14', 2011: '02-03', 2012: '01-23', 2013: '02-10', 2014: '01-31',
  2015: '02-19', 2016: '02-08', 2017: '01-28', 2018: '02-16', 2019: '02-05',
  2020: '01-25', 2021: '02-12', 2022: '02-01', 2023: '01-22', 2024: '02-10',
  2025: '01-29', 2026: '02-17', 2027: '02-06', 2028: '01-26', 2029: '02-13',
  2030: '02-02', 2031: '01-23', 2032: '02-11', 2033: '01-31', 2034: '02-19',
  2035: '02-08', 2036: '01-28', 2037: '02-15', 2038: '02-04', 2039: '01-24',
  2040: '02-12', 2041: '02-01', 2042: '01-22', 2043: '02-10', 2044: '01-30',
  2045: '02-17', 2046: '02-06', 2047: '01-26', 2048: '02-14', 2049: '02-02',
  2050: '01-23',
};

/** Giỗ Tổ Hùng Vương (10/3 âm lịch), as given in each year's holiday announcements. */
// prettier-ignore
const HUNG_KINGS: Record<number, string> = {
  2010: '2010-04-23', 2011: '2011-04-12', 2012: '2012-03-31', 2013: '2013-04-19', 2014: '2014-04-09',
  2015: '2015-04-28', 2016: '2016-04-16', 2017: '2017-04-06', 2018: '2018-04-25', 2019: '2019-04-14',
  2020: '2020-04-02', 2021: '2021-04-21', 2022: '2022-04-10', 2023: '2023-04-29', 2024: '2024-04-18',
  2025: '2025-04-07', 2026: '2026-04-26',
};

function iso({ year, month, day }: { year: number; month: number; day: number }): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('Vietnamese lunar calendar', () => {
  it('has the published Tết date for every year 1990–2050', () => {
    const years = Object.keys(TET).map(Number);
    expect(years).toHaveLength(61);
    for (const year of years) {
      expect(tetDate(year), `Tết ${year}`).toBe(`${year}-${TET[year]}`);
      expect(iso(lunarToSolar({ year, month: 1, day: 1, leap: false })), `Tết ${year}`).toBe(
        `${year}-${TET[year]}`,
      );
    }
  });

  it('uses Vietnam time (UTC+7), not China time: Tết 2030 is 2 Feb, Tết 2007 is 17 Feb', () => {
    expect(tetDate(2030)).toBe('2030-02-02');
    expect(solarToLunar(2030, 2, 2)).toEqual({ year: 2030, month: 1, day: 1, leap: false });
    expect(solarToLunar(2030, 2, 1)).toMatchObject({ year: 2029, month: 12 });
    expect(tetDate(2007)).toBe('2007-02-17');
  });

  it('puts Giỗ Tổ Hùng Vương (10/3 lunar) on the announced dates', () => {
    for (const [year, date] of Object.entries(HUNG_KINGS)) {
      expect(
        iso(lunarToSolar({ year: Number(year), month: 3, day: 10, leap: false })),
        `Giỗ Tổ ${year}`,
      ).toBe(date);
    }
  });

  it('places leap months as published (2020 leap 4, 2023 leap 2, 2025 leap 6)', () => {
    expect(solarToLunar(2020, 5, 23)).toEqual({ year: 2020, month: 4, day: 1, leap: true });
    expect(solarToLunar(2020, 4, 23)).toEqual({ year: 2020, month: 4, day: 1, leap: false });
    expect(solarToLunar(2023, 3, 22)).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(solarToLunar(2025, 7, 25)).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(iso(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true }))).toBe('2025-07-25');
  });

  it('gives the published Mid-Autumn (15/8 lunar) dates', () => {
    expect(iso(lunarToSolar({ year: 2023, month: 8, day: 15, leap: false }))).toBe('2023-09-29');
    expect(iso(lunarToSolar({ year: 2024, month: 8, day: 15, leap: false }))).toBe('2024-09-17');
    expect(iso(lunarToSolar({ year: 2025, month: 8, day: 15, leap: false }))).toBe('2025-10-06');
  });

  it('round-trips every day from 1900-01-01 to 2100-12-31, with consistent month structure', () => {
    let previous: LunarDate | undefined;
    let days = 0;
    let monthsInYear = 0;
    for (let t = Date.UTC(1900, 0, 1); t <= Date.UTC(2100, 11, 31); t += 86_400_000) {
      const date = new Date(t);
      const solar = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
      const lunar = solarToLunar(solar.year, solar.month, solar.day);
      const back = lunarToSolar(lunar);
      if (back.year !== solar.year || back.month !== solar.month || back.day !== solar.day) {
        expect(back, `round trip of ${iso(solar)} via ${JSON.stringify(lunar)}`).toEqual(solar);
      }
      if (previous) {
        const nextDay =
          lunar.day === previous.day + 1 && lunar.month === previous.month && lunar.leap === previous.leap;
        const newMonth = lunar.day === 1 && (previous.day === 29 || previous.day === 30);
        if (!nextDay && !newMonth) expect.fail(`lunar days not consecutive at ${iso(solar)}`);
        if (newMonth && lunar.month === 1 && !lunar.leap) {
          if (lunar.year !== previous.year + 1) expect.fail(`lunar year does not advance at ${iso(solar)}`);
          if (monthsInYear !== 0 && monthsInYear !== 12 && monthsInYear !== 13) {
            expect.fail(`lunar year ${previous.year} has ${monthsInYear} months`);
          }
          monthsInYear = 0;
        }
        if (newMonth) monthsInYear++;
      }
      previous = lunar;
      days++;
    }
    expect(days).toBe(73414);
  });

  it('refuses lunar dates that do not exist and years out of range', () => {
    // 2024 has no leap month. Tết 2025 and 2026 had no "30 Tết": New Year's Eve was 29 tháng Chạp
    // (28 Jan 2025, 16 Feb 2026), whereas Tết 2024 had one (30 Chạp Quý Mão = 9 Feb 2024).
    expect(errorOf(() => lunarToSolar({ year: 2024, month: 3, day: 1, leap: true })).code).toBe(
      'invalid_lunar_date',
    );
    expect(errorOf(() => lunarToSolar({ year: 2024, month: 12, day: 30, leap: false })).code).toBe(
      'invalid_lunar_date',
    );
    expect(errorOf(() => lunarToSolar({ year: 2025, month: 12, day: 30, leap: false })).code).toBe(
      'invalid_lunar_date',
    );
    expect(iso(lunarToSolar({ year: 2024, month: 12, day: 29, leap: false }))).toBe('2025-01-28');
    expect(iso(lunarToSolar({ year: 2025, month: 12, day: 29, leap: false }))).toBe('2026-02-16');
    expect(iso(lunarToSolar({ year: 2023, month: 12, day: 30, leap: false }))).toBe('2024-02-09');
    expect(errorOf(() => lunarToSolar({ year: 2024, month: 13, day: 1, leap: false })).code).toBe(
      'invalid_lunar_date',
    );
    expect(errorOf(() => solarToLunar(2200, 1, 1)).code).toBe('year_out_of_range');
    expect(errorOf(() => solarToLunar(1899, 12, 31)).code).toBe('year_out_of_range');
    expect(errorOf(() => solarToLunar(2023, 2, 29)).code).toBe('invalid_date');
    expect(errorOf(() => tetDate(2200)).code).toBe('year_out_of_range');
  });
});
