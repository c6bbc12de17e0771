/**
 * Yearly official notices: what the law's rules cannot compute (the exact Tết days, the day beside 2/9,
 * swapped days). They are data an administrator edits; the built-in set ships with the module.
 */
import data from './vn-official-days.json' with { type: 'json' };
import { CalendarError, issue, type ValidationIssue } from './errors.ts';
import { tetDayNumber } from './lunar.ts';
import { MAX_YEAR, MIN_YEAR, daysFromCivil, isWeekend, parseIsoDate } from './vn-date.ts';
import { nationalDayDaysFor } from './rules.ts';

export interface OfficialNotice {
  year: number;
  /** The Tết holidays of the year; replaces the computed default. */
  tetDaysOff?: string[];
  /** 2 September and its adjacent day; replaces the computed default. */
  nationalDayDaysOff?: string[];
  /** Weekdays given off, usually swapped with a Saturday worked (makeUpWorkingDays). */
  daysOff: { date: string; reason?: string }[];
  /** Saturdays or Sundays worked. */
  makeUpWorkingDays: string[];
  source?: string;
  notes?: string;
}

/** Shape of `vn-official-days.json` (snake_case, keyed by year). */
interface RawNotice {
  tet_days_off?: string[];
  national_day_days_off?: string[];
  days_off?: { date: string; reason?: string }[];
  make_up_working_days?: string[];
  source?: string;
  notes?: string;
}

function badData(field: string): CalendarError {
  return new CalendarError(
    'invalid_notice_data',
    field,
    'Dữ liệu thông báo nghỉ lễ không đúng cấu trúc.',
    'The official notice data does not have the expected structure.',
  );
}

function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw badData(field);
  return value;
}

/** Converts the file format (`{ years: { "2026": { tet_days_off, … } } }`) to notices, sorted by year. */
export function noticesFromJson(json: unknown): OfficialNotice[] {
  if (typeof json !== 'object' || json === null || !('years' in json)) throw badData('years');
  const years = json.years;
  if (typeof years !== 'object' || years === null) throw badData('years');
  const notices: OfficialNotice[] = [];
  for (const [key, value] of Object.entries(years as Record<string, unknown>)) {
    const field = `years.${key}`;
    if (!/^\d{4}$/.test(key) || typeof value !== 'object' || value === null) throw badData(field);
    const raw = value as RawNotice;
    const daysOff = raw.days_off ?? [];
    if (!Array.isArray(daysOff)) throw badData(`${field}.days_off`);
    const notice: OfficialNotice = {
      year: Number(key),
      daysOff: daysOff.map((d, i) => {
        if (typeof d !== 'object' || d === null || typeof d.date !== 'string')
          throw badData(`${field}.days_off[${i}]`);
        return d.reason === undefined ? { date: d.date } : { date: d.date, reason: String(d.reason) };
      }),
      makeUpWorkingDays: stringList(raw.make_up_working_days ?? [], `${field}.make_up_working_days`),
    };
    if (raw.tet_days_off !== undefined)
      notice.tetDaysOff = stringList(raw.tet_days_off, `${field}.tet_days_off`);
    if (raw.national_day_days_off !== undefined) {
      notice.nationalDayDaysOff = stringList(raw.national_day_days_off, `${field}.national_day_days_off`);
    }
    if (raw.source !== undefined) notice.source = String(raw.source);
    if (raw.notes !== undefined) notice.notes = String(raw.notes);
    notices.push(notice);
  }
  return notices.sort((a, b) => a.year - b.year);
}

/** The notices shipped with the module (a copy of shared/data/vn-official-days.json). */
export const BUILT_IN_NOTICES: readonly OfficialNotice[] = Object.freeze(noticesFromJson(data));

/** Tết days must lie this close to mùng 1: the notices span 28 tháng Chạp … mùng 5 or so. */
const TET_WINDOW_DAYS = 10;
const TET_DAYS = 5;

/**
 * Checks a notice before it is stored or used. Returns every problem found (empty when valid), with
 * fields named like the OfficialNotice properties, e.g. `daysOff[1].date`.
 */
export function validateNotice(notice: OfficialNotice): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { year } = notice;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    issues.push(
      issue(
        'year',
        'year_out_of_range',
        `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}.`,
        `The year must be ${MIN_YEAR} to ${MAX_YEAR}.`,
      ),
    );
    return issues;
  }
  const firstDay = daysFromCivil(year, 1, 1);
  const lastDay = daysFromCivil(year, 12, 31);
  const offDays = new Map<number, string>();
  const makeUpDays = new Set<number>();

  // Parses one date, reporting format, year and duplicate problems; returns its day number when usable.
  const check = (
    date: unknown,
    field: string,
    seen: Set<number> | Map<number, string>,
  ): number | undefined => {
    const dayNumber = typeof date === 'string' ? parseIsoDate(date) : undefined;
    if (dayNumber === undefined) {
      issues.push(
        issue(
          field,
          'invalid_date',
          'Ngày không hợp lệ (định dạng YYYY-MM-DD).',
          'Invalid date (expected YYYY-MM-DD).',
        ),
      );
      return undefined;
    }
    if (dayNumber < firstDay || dayNumber > lastDay) {
      issues.push(
        issue(field, 'date_outside_year', `Ngày phải thuộc năm ${year}.`, `The date must be within ${year}.`),
      );
      return undefined;
    }
    if (seen.has(dayNumber)) {
      issues.push(issue(field, 'duplicate_date', 'Ngày bị khai báo trùng.', 'This date is listed twice.'));
      return undefined;
    }
    return dayNumber;
  };

  const tetDays = notice.tetDaysOff;
  if (tetDays !== undefined) {
    const tet = tetDayNumber(year);
    tetDays.forEach((date, i) => {
      const field = `tetDaysOff[${i}]`;
      const d = check(date, field, offDays);
      if (d === undefined) return;
      offDays.set(d, field);
      if (Math.abs(d - tet) > TET_WINDOW_DAYS) {
        issues.push(
          issue(
            field,
            'tet_day_out_of_range',
            `Ngày nghỉ Tết phải trong vòng ${TET_WINDOW_DAYS} ngày quanh mùng 1 Tết.`,
            `A Tết day off must be within ${TET_WINDOW_DAYS} days of the lunar new year.`,
          ),
        );
      }
    });
    if (tetDays.length !== TET_DAYS) {
      issues.push(
        issue(
          'tetDaysOff',
          'tet_days_count',
          `Nghỉ Tết Nguyên đán gồm đúng ${TET_DAYS} ngày (không kể ngày nghỉ hằng tuần và nghỉ bù).`,
          `Tết has exactly ${TET_DAYS} holidays (weekly rest days and compensatory days are not listed).`,
        ),
      );
    }
  }

  const nationalDays = notice.nationalDayDaysOff;
  if (nationalDays !== undefined) {
    const sep2 = daysFromCivil(year, 9, 2);
    const expected = nationalDayDaysFor(year);
    nationalDays.forEach((date, i) => {
      const field = `nationalDayDaysOff[${i}]`;
      const d = check(date, field, offDays);
      if (d === undefined) return;
      offDays.set(d, field);
      if (Math.abs(d - sep2) > 1) {
        issues.push(
          issue(
            field,
            'national_day_not_adjacent',
            'Ngày nghỉ Quốc khánh phải là 2/9 hoặc ngày liền kề (1/9 hoặc 3/9).',
            'A National Day holiday must be 2 September or an adjacent day (1 or 3 September).',
          ),
        );
      }
    });
    if (!nationalDays.includes(`${year}-09-02`)) {
      issues.push(
        issue(
          'nationalDayDaysOff',
          'national_day_missing',
          'Phải có ngày 2/9.',
          '2 September must be listed.',
        ),
      );
    }
    if (nationalDays.length !== expected) {
      issues.push(
        issue(
          'nationalDayDaysOff',
          'national_day_count',
          `Năm ${year} nghỉ Quốc khánh ${expected} ngày theo Bộ luật Lao động.`,
          `In ${year} the Labour Code gives ${expected} National Day holiday(s).`,
        ),
      );
    }
  }

  (notice.daysOff ?? []).forEach((entry, i) => {
    const field = `daysOff[${i}].date`;
    const d = check(entry?.date, field, offDays);
    if (d === undefined) return;
    offDays.set(d, field);
    if (isWeekend(d)) {
      issues.push(
        issue(
          field,
          'day_off_on_weekend',
          'Ngày nghỉ thêm phải là ngày thường (thứ Hai đến thứ Sáu).',
          'An extra day off must be a weekday.',
        ),
      );
    }
  });

  (notice.makeUpWorkingDays ?? []).forEach((date, i) => {
    const field = `makeUpWorkingDays[${i}]`;
    const d = check(date, field, makeUpDays);
    if (d === undefined) return;
    makeUpDays.add(d);
    if (!isWeekend(d)) {
      issues.push(
        issue(
          field,
          'make_up_not_weekend',
          'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.',
          'A make-up working day must be a Saturday or Sunday.',
        ),
      );
    }
    if (offDays.has(d)) {
      issues.push(
        issue(
          field,
          'off_and_make_up',
          'Một ngày không thể vừa là ngày nghỉ vừa là ngày làm bù.',
          'A date cannot be both a day off and a make-up working day.',
        ),
      );
    }
  });
  return issues;
}
