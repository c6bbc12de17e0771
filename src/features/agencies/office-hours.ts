import { AppError } from '../../domain/errors.ts';

export interface OfficeHoursInput {
  periods: { from: string; to: string }[];
  seasons?: { from: string; to: string; periods: { from: string; to: string }[] }[];
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

function checkPeriods(periods: { from: string; to: string }[], field: string): void {
  if (periods.length === 0) throw new AppError('INVALID_OFFICE_HOURS', { field });
  let previousEnd = -1;
  periods.forEach((p, i) => {
    const from = minutes(p.from);
    const to = minutes(p.to);
    if (!(from < to) || from < previousEnd) {
      throw new AppError('INVALID_OFFICE_HOURS', {
        field: `${field}/${i}`,
        vi: 'Các khoảng giờ làm việc phải theo thứ tự, không chồng lấn, giờ bắt đầu trước giờ kết thúc.',
        en: 'Office-hour periods must be in order, not overlap, and start before they end.',
      });
    }
    previousEnd = to;
  });
}

/** Periods in order, non-overlapping, each starting before it ends; seasons likewise. */
export function checkOfficeHours(hours: OfficeHoursInput): void {
  checkPeriods(hours.periods, 'officeHours/periods');
  hours.seasons?.forEach((s, i) => checkPeriods(s.periods, `officeHours/seasons/${i}/periods`));
}
