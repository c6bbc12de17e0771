import { existsSync, readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  BUILT_IN_NOTICES,
  createWorkCalendar,
  noticesFromJson,
  ruleSetOn,
  validateNotice,
  yearDays,
  type OfficialNotice,
  type YearDayKind,
} from '../../../src/domain/calendar/index.ts';
import builtInJson from '../../../src/domain/calendar/vn-official-days.json' with { type: 'json' };
import { datesOfYear, errorOf } from './helpers.ts';

type Row = [date: string, kind: YearDayKind];

/**
 * 2025 swap (30/4–1/5): Friday 2 May off, worked on Saturday 26 April, as reported from the Government's
 * decision for civil servants. Not in the shipped data (shared/data/vn-official-days.json has no 2025).
 */
const NOTICE_2025: OfficialNotice = {
  year: 2025,
  daysOff: [{ date: '2025-05-02', reason: 'swapped: worked on Saturday 2025-04-26' }],
  makeUpWorkingDays: ['2025-04-26'],
  source: 'test input: swap reported for 30/4–1/5 2025 (not verified against the notice text)',
};

// Published non-working weekdays and make-up days for civil servants. Tết of 2024 (8–14 Feb, 5 Tết days
// and 2 weekly rest days) and 2025 (27–31 Jan) are what the notices gave; here they come from the default
// rule, the 2026 ones from the built-in notice.
const EXPECTED: Record<number, Row[]> = {
  2024: [
    ['2024-01-01', 'holiday'],
    ['2024-02-08', 'compensatory'],
    ['2024-02-09', 'holiday'],
    ['2024-02-12', 'holiday'],
    ['2024-02-13', 'holiday'],
    ['2024-02-14', 'compensatory'],
    ['2024-04-18', 'holiday'],
    ['2024-04-29', 'day_off'],
    ['2024-04-30', 'holiday'],
    ['2024-05-01', 'holiday'],
    ['2024-05-04', 'make_up_working_day'],
    ['2024-09-02', 'holiday'],
    ['2024-09-03', 'holiday'],
  ],
  2025: [
    ['2025-01-01', 'holiday'],
    ['2025-01-27', 'compensatory'],
    ['2025-01-28', 'holiday'],
    ['2025-01-29', 'holiday'],
    ['2025-01-30', 'holiday'],
    ['2025-01-31', 'holiday'],
    ['2025-04-07', 'holiday'],
    ['2025-04-26', 'make_up_working_day'],
    ['2025-04-30', 'holiday'],
    ['2025-05-01', 'holiday'],
    ['2025-05-02', 'day_off'],
    ['2025-09-01', 'holiday'],
    ['2025-09-02', 'holiday'],
  ],
  2026: [
    ['2026-01-01', 'holiday'],
    ['2026-02-16', 'holiday'],
    ['2026-02-17', 'holiday'],
    ['2026-02-18', 'holiday'],
    ['2026-02-19', 'holiday'],
    ['2026-02-20', 'holiday'],
    ['2026-04-27', 'compensatory'],
    ['2026-04-30', 'holiday'],
    ['2026-05-01', 'holiday'],
    ['2026-08-22', 'make_up_working_day'],
    ['2026-08-31', 'day_off'],
    ['2026-09-01', 'holiday'],
    ['2026-09-02', 'holiday'],
  ],
};

const NOTICES = [...BUILT_IN_NOTICES, NOTICE_2025];

function rows(year: number, notices: readonly OfficialNotice[] = NOTICES): Row[] {
  return yearDays(year, notices).map((d) => [d.date, d.kind]);
}

function offWeekdays(year: number, notices: readonly OfficialNotice[] = []): string[] {
  return yearDays(year, notices)
    .filter((d) => d.kind !== 'make_up_working_day')
    .map((d) => d.date);
}

describe('yearDays: every non-working weekday and make-up day', () => {
  for (const year of [2024, 2025, 2026]) {
    it(`matches the published days of ${year}`, () => {
      expect(rows(year)).toEqual(EXPECTED[year]);
    });

    it(`agrees with the calendar on every day of ${year}`, () => {
      const calendar = createWorkCalendar({ notices: NOTICES });
      const special = new Map(EXPECTED[year]!.map(([date, kind]) => [date, kind]));
      for (const { date, weekday } of datesOfYear(year)) {
        const kind = special.get(date);
        const expected =
          kind === 'make_up_working_day' || (kind === undefined && weekday !== 0 && weekday !== 6);
        if (calendar.isWorkingDay(date) !== expected) expect.fail(`${date}: expected working=${expected}`);
      }
    });
  }

  it('needs the 2025 notice for the 2 May swap (the shipped data has no 2025)', () => {
    expect(rows(2025, BUILT_IN_NOTICES).map(([date]) => date)).not.toContain('2025-05-02');
    expect(createWorkCalendar().isWorkingDay('2025-04-26')).toBe(false);
  });

  it('names days in Vietnamese with diacritics and in English', () => {
    const days = yearDays(2026);
    const byDate = new Map(days.map((d) => [d.date, d]));
    expect(byDate.get('2026-01-01')).toMatchObject({ name: 'Tết Dương lịch', name_en: "New Year's Day" });
    expect(byDate.get('2026-02-17')).toMatchObject({ name: 'Tết Nguyên đán' });
    expect(byDate.get('2026-04-27')?.name).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(byDate.get('2026-04-30')?.name).toBe('Ngày Chiến thắng');
    expect(byDate.get('2026-05-01')?.name).toBe('Ngày Quốc tế Lao động');
    expect(byDate.get('2026-09-02')?.name).toBe('Ngày Quốc khánh');
    expect(byDate.get('2026-08-22')?.name).toBe('Làm bù');
    for (const d of days) expect(d.name_en.length).toBeGreaterThan(0);
    expect(createWorkCalendar().dayInfo('2026-04-26')).toMatchObject({
      kind: 'holiday',
      name: 'Giỗ Tổ Hùng Vương',
      working: false,
    });
  });

  it('is sorted and lists weekdays only, except make-up days', () => {
    for (const year of [2019, 2023, 2029, 2031]) {
      const days = yearDays(year);
      expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
      for (const d of days) {
        const weekday = new Date(`${d.date}T00:00:00Z`).getUTCDay();
        expect(d.kind === 'make_up_working_day' || (weekday !== 0 && weekday !== 6), d.date).toBe(true);
      }
    }
  });
});

describe('statutory rules', () => {
  it('picks the rule set by effective date, the 2012 code serving as fallback', () => {
    expect(ruleSetOn('2010-09-02').id).toBe('labour-code-2012');
    expect(ruleSetOn('2020-09-02').id).toBe('labour-code-2012');
    expect(ruleSetOn('2021-01-01').id).toBe('labour-code-2019');
  });

  it('gives one day for 2/9 under the 2012 code and two from 2021', () => {
    // 2019: 2/9 Monday, one day. 2018: 2/9 Sunday, compensated on Monday 3/9.
    expect(offWeekdays(2019).filter((d) => d.startsWith('2019-09'))).toEqual(['2019-09-02']);
    expect(offWeekdays(2018).filter((d) => d.startsWith('2018-09'))).toEqual(['2018-09-03']);
    expect(offWeekdays(2021).filter((d) => d.startsWith('2021-09'))).toEqual(['2021-09-02', '2021-09-03']);
  });

  it('picks the day beside 2/9 as the notices of 2021–2026 did, for each weekday', () => {
    const september = (year: number): string[] => offWeekdays(year).filter((d) => d.startsWith(`${year}-09`));
    expect(september(2021)).toEqual(['2021-09-02', '2021-09-03']); // Thursday → Friday 3/9
    expect(september(2022)).toEqual(['2022-09-01', '2022-09-02']); // Friday → Thursday 1/9
    expect(september(2023)).toEqual(['2023-09-01', '2023-09-04']); // Saturday → Friday 1/9, Monday compensatory
    expect(september(2024)).toEqual(['2024-09-02', '2024-09-03']); // Monday → Tuesday 3/9
    expect(september(2025)).toEqual(['2025-09-01', '2025-09-02']); // Tuesday → Monday 1/9
    expect(september(2026)).toEqual(['2026-09-01', '2026-09-02']); // Wednesday → Tuesday 1/9 (also the notice)
    expect(september(2029)).toEqual(['2029-09-03', '2029-09-04']); // Sunday → Monday 3/9, Tuesday compensatory
  });

  it('reproduces the published Tết days off from the default rule (2019–2025)', () => {
    const tet = (year: number): string[] =>
      offWeekdays(year).filter((d) => d.slice(5, 7) <= '02' && d !== `${year}-01-01`);
    expect(tet(2019)).toEqual(['2019-02-04', '2019-02-05', '2019-02-06', '2019-02-07', '2019-02-08']);
    expect(tet(2020)).toEqual(['2020-01-23', '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29']);
    expect(tet(2021)).toEqual(['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16']);
    expect(tet(2022).filter((d) => d !== '2022-01-03')).toEqual([
      '2022-01-31',
      '2022-02-01',
      '2022-02-02',
      '2022-02-03',
      '2022-02-04',
    ]);
    expect(tet(2023).filter((d) => d !== '2023-01-02')).toEqual([
      '2023-01-20',
      '2023-01-23',
      '2023-01-24',
      '2023-01-25',
      '2023-01-26',
    ]);
    expect(tet(2024)).toEqual(['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14']);
    expect(tet(2025)).toEqual(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    // 2026 by the rule alone equals the notice: 29 tháng Chạp to mùng 4, Monday to Friday.
    expect(tet(2026)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  });

  it('gives compensatory days on the next working days after a run of holidays (Art. 111.3)', () => {
    // 2023: Giỗ Tổ Saturday 29/4, 30/4 Sunday, 1/5 Monday → 2/5 and 3/5 off.
    const may2023 = yearDays(2023, []).filter((d) => d.date.startsWith('2023-05'));
    expect(may2023.map((d) => [d.date, d.kind])).toEqual([
      ['2023-05-01', 'holiday'],
      ['2023-05-02', 'compensatory'],
      ['2023-05-03', 'compensatory'],
    ]);
    expect(may2023[1]!.name).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(may2023[2]!.name).toBe('Nghỉ bù Ngày Chiến thắng');
    // 1/1 on Saturday (2022) and Sunday (2023) → Monday 3/1 and 2/1.
    expect(offWeekdays(2022)[0]).toBe('2022-01-03');
    expect(offWeekdays(2023)[0]).toBe('2023-01-02');
    // 2021: 1/5 Saturday → Monday 3/5. 2022: Giỗ Tổ Sunday 10/4 → Monday 11/4; 30/4 and 1/5 weekend → 2/5, 3/5.
    expect(offWeekdays(2021)).toContain('2021-05-03');
    expect(offWeekdays(2022).filter((d) => d.slice(5, 7) === '04' || d.slice(5, 7) === '05')).toEqual([
      '2022-04-11',
      '2022-05-02',
      '2022-05-03',
    ]);
  });

  it('takes notice Tết days as the holidays, compensating any that fall on a weekend', () => {
    const exact: OfficialNotice = {
      year: 2024,
      tetDaysOff: ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14'],
      daysOff: [],
      makeUpWorkingDays: [],
    };
    expect(
      yearDays(2024, [exact])
        .filter((d) => d.date.startsWith('2024-02'))
        .map((d) => [d.date, d.kind]),
    ).toEqual([
      ['2024-02-08', 'holiday'],
      ['2024-02-09', 'holiday'],
      ['2024-02-12', 'holiday'],
      ['2024-02-13', 'holiday'],
      ['2024-02-14', 'holiday'],
    ]);
    const literal: OfficialNotice = {
      year: 2024,
      tetDaysOff: ['2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13'],
      daysOff: [],
      makeUpWorkingDays: [],
    };
    expect(offWeekdays(2024, [literal]).filter((d) => d.startsWith('2024-02'))).toEqual([
      '2024-02-09',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
      '2024-02-15',
    ]);
  });

  it('refuses two notices for one year and years out of range', () => {
    const twice = [NOTICE_2025, { ...NOTICE_2025, daysOff: [] }];
    expect(errorOf(() => yearDays(2025, twice)).code).toBe('duplicate_notice');
    expect(errorOf(() => createWorkCalendar({ notices: twice })).code).toBe('duplicate_notice');
    expect(errorOf(() => yearDays(1899)).code).toBe('year_out_of_range');
    expect(errorOf(() => yearDays(2200)).code).toBe('year_out_of_range');
    expect(errorOf(() => yearDays(2025.5)).code).toBe('year_out_of_range');
  });
});

describe('built-in notices', () => {
  const sharedFile = new URL('../../../../shared/data/vn-official-days.json', import.meta.url);

  it.skipIf(!existsSync(sharedFile))('are an exact copy of shared/data/vn-official-days.json', () => {
    const shared: unknown = JSON.parse(readFileSync(sharedFile, 'utf8'));
    expect(builtInJson).toEqual(shared);
  });

  it('convert from the file format', () => {
    expect(BUILT_IN_NOTICES.map((n) => n.year)).toEqual([2024, 2026]);
    const n2026 = BUILT_IN_NOTICES.find((n) => n.year === 2026)!;
    expect(n2026.tetDaysOff).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(n2026.nationalDayDaysOff).toEqual(['2026-09-01', '2026-09-02']);
    expect(n2026.daysOff).toEqual([{ date: '2026-08-31', reason: 'swapped: worked on Saturday 2026-08-22' }]);
    expect(n2026.makeUpWorkingDays).toEqual(['2026-08-22']);
    expect(n2026.source).toMatch(/^Tet:/);
    const n2024 = BUILT_IN_NOTICES.find((n) => n.year === 2024)!;
    expect(n2024.tetDaysOff).toBeUndefined();
    expect(n2024.makeUpWorkingDays).toEqual(['2024-05-04']);
    for (const notice of BUILT_IN_NOTICES) expect(validateNotice(notice)).toEqual([]);
  });

  it('refuse malformed files', () => {
    expect(errorOf(() => noticesFromJson({})).code).toBe('invalid_notice_data');
    expect(errorOf(() => noticesFromJson({ years: { '2027': { days_off: 'x' } } })).field).toBe(
      'years.2027.days_off',
    );
    expect(errorOf(() => noticesFromJson({ years: { '2027': { make_up_working_days: [1] } } })).code).toBe(
      'invalid_notice_data',
    );
    expect(noticesFromJson({ years: { '2027': {} } })).toEqual([
      { year: 2027, daysOff: [], makeUpWorkingDays: [] },
    ]);
  });
});

describe('validateNotice', () => {
  const base: OfficialNotice = { year: 2027, daysOff: [], makeUpWorkingDays: [] };
  const codes = (notice: OfficialNotice): string[] =>
    validateNotice(notice).map((i) => `${i.field}:${i.code}`);

  it('accepts a plain swap', () => {
    expect(
      validateNotice({ ...base, daysOff: [{ date: '2027-04-29' }], makeUpWorkingDays: ['2027-04-24'] }),
    ).toEqual([]);
  });

  it('reports each problem with its field and a message in both languages', () => {
    expect(codes({ ...base, daysOff: [{ date: '2027-02-30' }] })).toEqual(['daysOff[0].date:invalid_date']);
    expect(codes({ ...base, daysOff: [{ date: '27-04-29' }] })).toEqual(['daysOff[0].date:invalid_date']);
    expect(codes({ ...base, daysOff: [{ date: '2026-12-31' }] })).toEqual([
      'daysOff[0].date:date_outside_year',
    ]);
    expect(codes({ ...base, daysOff: [{ date: '2027-04-29' }, { date: '2027-04-29' }] })).toEqual([
      'daysOff[1].date:duplicate_date',
    ]);
    expect(codes({ ...base, makeUpWorkingDays: ['2027-04-24', '2027-04-24'] })).toEqual([
      'makeUpWorkingDays[1]:duplicate_date',
    ]);
    expect(codes({ ...base, makeUpWorkingDays: ['2027-04-26'] })).toEqual([
      'makeUpWorkingDays[0]:make_up_not_weekend',
    ]);
    expect(codes({ ...base, daysOff: [{ date: '2027-04-24' }], makeUpWorkingDays: ['2027-04-24'] })).toEqual([
      'daysOff[0].date:day_off_on_weekend',
      'makeUpWorkingDays[0]:off_and_make_up',
    ]);
    expect(codes({ ...base, year: 2300 })).toEqual(['year:year_out_of_range']);
    for (const found of validateNotice({ ...base, makeUpWorkingDays: ['2027-13-01'] })) {
      expect(found.message).toMatch(/[ạảấầẩậắằẳặẹẻếềểệỉịọỏốồổộớờởợụủứừửựỳỵỷỹđ]/);
      expect(found.message_en.length).toBeGreaterThan(0);
    }
  });

  it('checks Tết and National Day lists against the law', () => {
    // Tết 2027 is 6 Feb.
    expect(codes({ ...base, tetDaysOff: ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'] })).toEqual([
      'tetDaysOff:tet_days_count',
    ]);
    expect(
      codes({ ...base, tetDaysOff: ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-03-01'] }),
    ).toEqual(['tetDaysOff[4]:tet_day_out_of_range']);
    expect(codes({ ...base, nationalDayDaysOff: ['2027-09-02', '2027-09-03'] })).toEqual([]);
    expect(codes({ ...base, nationalDayDaysOff: ['2027-09-02'] })).toEqual([
      'nationalDayDaysOff:national_day_count',
    ]);
    expect(codes({ ...base, nationalDayDaysOff: ['2027-09-01', '2027-09-06'] })).toEqual([
      'nationalDayDaysOff[1]:national_day_not_adjacent',
      'nationalDayDaysOff:national_day_missing',
    ]);
    expect(
      codes({ year: 2019, daysOff: [], makeUpWorkingDays: [], nationalDayDaysOff: ['2019-09-02'] }),
    ).toEqual([]);
    expect(
      codes({ ...base, nationalDayDaysOff: ['2027-09-02', '2027-09-03'], daysOff: [{ date: '2027-09-03' }] }),
    ).toEqual(['daysOff[0].date:duplicate_date']);
  });

  it('makes a calendar refuse an invalid notice, naming the notice', () => {
    const bad = { ...base, makeUpWorkingDays: ['2027-04-26'] };
    expect(errorOf(() => createWorkCalendar({ notices: [bad] }))).toEqual({
      code: 'make_up_not_weekend',
      field: 'notices[0].makeUpWorkingDays[0]',
    });
    expect(errorOf(() => yearDays(2027, [bad])).code).toBe('make_up_not_weekend');
  });
});
