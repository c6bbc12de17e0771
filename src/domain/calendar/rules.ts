/**
 * Public-holiday rules of the Labour Code, versioned by effective date so a past year is computed with
 * the law then in force. Earlier codes (1994, amended 2002 and 2007) are not modelled: the 2012 code is
 * used as the fallback for every year before it.
 */
import { daysFromCivil, weekdayOf } from './vn-date.ts';

export interface HolidayRuleSet {
  id: 'labour-code-2012' | 'labour-code-2019';
  /** First day the code was in force ('YYYY-MM-DD'). */
  effectiveFrom: string;
  legalBasis: string;
  /** Days off for Tết Nguyên đán. */
  tetDays: number;
  /** 2 September alone (1) or with an adjacent day chosen each year (2). */
  nationalDayDays: 1 | 2;
}

export const HOLIDAY_RULE_SETS: readonly HolidayRuleSet[] = [
  {
    id: 'labour-code-2012',
    effectiveFrom: '2013-05-01',
    legalBasis: 'Bộ luật Lao động 2012 (10/2012/QH13), Điều 115',
    tetDays: 5,
    nationalDayDays: 1,
  },
  {
    id: 'labour-code-2019',
    effectiveFrom: '2021-01-01',
    legalBasis: 'Bộ luật Lao động 2019 (45/2019/QH14), Điều 111–112',
    tetDays: 5,
    nationalDayDays: 2,
  },
];

/** The rule set in force on a date ('YYYY-MM-DD' compares as text); the oldest one before all of them. */
export function ruleSetOn(isoDate: string): HolidayRuleSet {
  let found = HOLIDAY_RULE_SETS[0]!;
  for (const rules of HOLIDAY_RULE_SETS) if (rules.effectiveFrom <= isoDate) found = rules;
  return found;
}

export function nationalDayDaysFor(year: number): 1 | 2 {
  return ruleSetOn(`${String(year).padStart(4, '0')}-09-02`).nationalDayDays;
}

/**
 * Default day beside 2 September when no notice names it, by the weekday of 2/9 (Sunday first).
 * It reproduces every notice of 2021–2026 (Thu → 3/9 in 2021, Fri → 1/9 in 2022, Sat → 1/9 in 2023,
 * Mon → 3/9 in 2024, Tue → 1/9 in 2025, Wed → 1/9 in 2026): the day that joins the holiday to a weekend,
 * otherwise the day before. For Sunday, 3/9 (Monday) is taken and 2/9 then gets its compensatory day.
 */
const ADJACENT_DAY_OFFSET = [+1, +1, -1, -1, +1, -1, -1] as const;

export function defaultNationalDayAdjacent(year: number): number {
  const sep2 = daysFromCivil(year, 9, 2);
  return sep2 + ADJACENT_DAY_OFFSET[weekdayOf(sep2)]!;
}
