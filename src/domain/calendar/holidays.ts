/**
 * Public holidays of one year for civil servants (whose weekly rest days are Saturday and Sunday):
 * the Labour Code's statutory days, compensatory days (nghỉ bù), and what the year's official notice adds.
 */
import { CalendarError } from './errors.ts';
import { lunarToDayNumber, tetDayNumber } from './lunar.ts';
import { BUILT_IN_NOTICES, validateNotice, type OfficialNotice } from './notices.ts';
import { defaultNationalDayAdjacent, ruleSetOn } from './rules.ts';
import { checkYear, daysFromCivil, formatIsoDate, isWeekend, parseIsoDate, weekdayOf } from './vn-date.ts';

export type YearDayKind = 'holiday' | 'compensatory' | 'day_off' | 'make_up_working_day';

/** One row of a year's list, as the API serves it. */
export interface YearDay {
  date: string;
  kind: YearDayKind;
  name: string;
  name_en: string;
}

interface Names {
  name: string;
  name_en: string;
}

export interface DayEntry extends Names {
  kind: YearDayKind;
}

export const HOLIDAY_NAMES = {
  newYear: { name: 'Tết Dương lịch', name_en: "New Year's Day" },
  tet: { name: 'Tết Nguyên đán', name_en: 'Lunar New Year (Tết)' },
  hungKings: { name: 'Giỗ Tổ Hùng Vương', name_en: "Hùng Kings' Commemoration Day" },
  reunification: { name: 'Ngày Chiến thắng', name_en: 'Reunification Day' },
  labour: { name: 'Ngày Quốc tế Lao động', name_en: 'International Labour Day' },
  nationalDay: { name: 'Ngày Quốc khánh', name_en: 'National Day' },
  nationalDayAdjacent: {
    name: 'Nghỉ lễ Quốc khánh (ngày liền kề)',
    name_en: 'National Day holiday (adjacent day)',
  },
  dayOff: { name: 'Nghỉ hoán đổi ngày làm việc', name_en: 'Day off (swapped working day)' },
  makeUp: { name: 'Làm bù', name_en: 'Make-up working day' },
} as const satisfies Record<string, Names>;

function compensatoryFor(holiday: Names): DayEntry {
  return {
    kind: 'compensatory',
    name: `Nghỉ bù ${holiday.name}`,
    name_en: `Compensatory day off (${holiday.name_en})`,
  };
}

function dayOf(date: string): number {
  // Notices are validated before use, so every date parses.
  return parseIsoDate(date)!;
}

/**
 * Every special day of a year keyed by day number: holidays (weekend ones too), compensatory days,
 * the notice's extra days off and make-up working days. Weekdays not listed are working days.
 */
export function computeYearEntries(year: number, notice: OfficialNotice | undefined): Map<number, DayEntry> {
  checkYear(year, 'year');
  if (notice) {
    const problems = validateNotice(notice);
    if (problems.length > 0) throw CalendarError.fromIssue(problems[0]!);
  }
  const entries = new Map<number, DayEntry>();
  // Holidays on a weekly rest day owe a compensatory day (BLLĐ 2019 Art. 111.3, BLLĐ 2012 Art. 110.3).
  const owed: { day: number; names: Names }[] = [];
  const addHoliday = (day: number, names: Names, compensated: boolean): void => {
    const existing = entries.get(day);
    if (existing) {
      // Two holidays on one date (Giỗ Tổ can meet 30/4): the law gives no extra day for that.
      existing.name += `, ${names.name}`;
      existing.name_en += `, ${names.name_en}`;
      return;
    }
    entries.set(day, { kind: 'holiday', ...names });
    if (compensated && isWeekend(day)) owed.push({ day, names });
  };

  addHoliday(daysFromCivil(year, 1, 1), HOLIDAY_NAMES.newYear, true);

  const tet = tetDayNumber(year);
  if (notice?.tetDaysOff) {
    for (const date of notice.tetDaysOff) addHoliday(dayOf(date), HOLIDAY_NAMES.tet, true);
  } else {
    addDefaultTet(entries, tet, ruleSetOn(formatIsoDate(tet)).tetDays);
  }

  addHoliday(lunarToDayNumber({ year, month: 3, day: 10, leap: false }), HOLIDAY_NAMES.hungKings, true);
  addHoliday(daysFromCivil(year, 4, 30), HOLIDAY_NAMES.reunification, true);
  addHoliday(daysFromCivil(year, 5, 1), HOLIDAY_NAMES.labour, true);

  const sep2 = daysFromCivil(year, 9, 2);
  if (notice?.nationalDayDaysOff) {
    for (const date of notice.nationalDayDaysOff) {
      const day = dayOf(date);
      addHoliday(day, day === sep2 ? HOLIDAY_NAMES.nationalDay : HOLIDAY_NAMES.nationalDayAdjacent, true);
    }
  } else {
    addHoliday(sep2, HOLIDAY_NAMES.nationalDay, true);
    if (ruleSetOn(formatIsoDate(sep2)).nationalDayDays === 2) {
      addHoliday(defaultNationalDayAdjacent(year), HOLIDAY_NAMES.nationalDayAdjacent, true);
    }
  }

  // "The next working day": after the whole run of holidays, one day for each holiday owed.
  owed.sort((a, b) => a.day - b.day);
  for (const { day, names } of owed) {
    let d = day + 1;
    while (isWeekend(d) || entries.has(d)) d++;
    entries.set(d, compensatoryFor(names));
  }

  for (const { date } of notice?.daysOff ?? []) {
    const day = dayOf(date);
    if (!entries.has(day)) entries.set(day, { kind: 'day_off', ...HOLIDAY_NAMES.dayOff });
  }
  for (const date of notice?.makeUpWorkingDays ?? []) {
    const day = dayOf(date);
    if (!entries.has(day)) entries.set(day, { kind: 'make_up_working_day', ...HOLIDAY_NAMES.makeUp });
  }
  return entries;
}

/**
 * Tết without a notice: the last day of the old lunar year and mùng 1–4. A Saturday among them is made
 * up on the working day before the run and a Sunday on the working day after it, which is how every
 * notice of 2019–2025 placed them (e.g. 2024: 8–9 and 12–14 Feb; 2025: 27–31 Jan). The Labour Code only
 * fixes the number of days; the Prime Minister chooses which.
 */
function addDefaultTet(entries: Map<number, DayEntry>, tet: number, tetDays: number): void {
  const days: number[] = [];
  for (let d = tet - 1; d < tet - 1 + tetDays; d++) {
    days.push(d);
    entries.set(d, { kind: 'holiday', ...HOLIDAY_NAMES.tet });
  }
  for (const day of days) {
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6) continue;
    const step = weekday === 6 ? -1 : 1;
    let d = day + step;
    while (isWeekend(d) || entries.has(d)) d += step;
    entries.set(d, compensatoryFor(HOLIDAY_NAMES.tet));
  }
}

/** The notice of a year, if any; two notices for one year are refused rather than silently merged. */
export function noticeForYear(notices: readonly OfficialNotice[], year: number): OfficialNotice | undefined {
  let found: OfficialNotice | undefined;
  for (const notice of notices) {
    if (notice.year !== year) continue;
    if (found) {
      throw new CalendarError(
        'duplicate_notice',
        'notices',
        `Có nhiều hơn một thông báo nghỉ lễ cho năm ${year}.`,
        `There is more than one official notice for ${year}.`,
      );
    }
    found = notice;
  }
  return found;
}

/** Rows of a year's entries as served: non-working weekdays and make-up working days, by date. */
export function yearDaysFromEntries(entries: ReadonlyMap<number, DayEntry>): YearDay[] {
  return [...entries]
    .filter(([day, entry]) => entry.kind === 'make_up_working_day' || !isWeekend(day))
    .sort(([a], [b]) => a - b)
    .map(([day, entry]) => ({
      date: formatIsoDate(day),
      kind: entry.kind,
      name: entry.name,
      name_en: entry.name_en,
    }));
}

/**
 * Every non-working weekday (Monday–Friday) of a year and every make-up working day, sorted by date.
 * `notices` defaults to the built-in ones; pass `[]` for the law's rules alone.
 */
export function yearDays(year: number, notices: readonly OfficialNotice[] = BUILT_IN_NOTICES): YearDay[] {
  checkYear(year, 'year');
  return yearDaysFromEntries(computeYearEntries(year, noticeForYear(notices, year)));
}
