/**
 * Vietnamese dates, times and durations as printed on the forms, always in Vietnam time. The calendar
 * module's `formatVnIso` does the UTC+7 arithmetic (and the range check), so nothing here reads the
 * process time zone.
 */
import { formatVnIso, type DurationUnit, type Outcome } from '../../domain/calendar/index.ts';
import type { FormDuration, ResultDelivery } from './form-data.ts';

export interface VnDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function vnDateTimeOf(instant: number): VnDateTime {
  // 'YYYY-MM-DDTHH:MM:SS[.fff]+07:00'
  const iso = formatVnIso(instant);
  return {
    year: Number(iso.slice(0, 4)),
    month: Number(iso.slice(5, 7)),
    day: Number(iso.slice(8, 10)),
    hour: Number(iso.slice(11, 13)),
    minute: Number(iso.slice(14, 16)),
  };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * "ngày 22 tháng 11 năm 2026". NĐ 30/2020 (Appendix I) pads days below 10 and only the months 1 and 2,
 * so that nobody can turn "1" into "11" or "2" into "12" by hand: "ngày 05 tháng 02", "ngày 05 tháng 3".
 */
export function formatLongDate(instant: number): string {
  const { year, month, day } = vnDateTimeOf(instant);
  const monthText = month <= 2 ? pad2(month) : String(month);
  return `ngày ${pad2(day)} tháng ${monthText} năm ${year}`;
}

/** "Đồng Tháp, ngày 22 tháng 11 năm 2026". */
export function formatPlaceAndDate(place: string, instant: number): string {
  return `${place}, ${formatLongDate(instant)}`;
}

/** "22/11/2026". */
export function formatDate(instant: number): string {
  const { year, month, day } = vnDateTimeOf(instant);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** "22/11/2026 14:30". */
export function formatDateTime(instant: number): string {
  const { hour, minute } = vnDateTimeOf(instant);
  return `${formatDate(instant)} ${pad2(hour)}:${pad2(minute)}`;
}

/** "14 giờ 30 phút, ngày 22/11/2026", as forms 01, 04 and 06 write receipt and appointment times. */
export function formatTimeAndDate(instant: number): string {
  const { hour, minute } = vnDateTimeOf(instant);
  return `${pad2(hour)} giờ ${pad2(minute)} phút, ngày ${formatDate(instant)}`;
}

export const durationUnitNames = {
  working_hours: 'giờ làm việc',
  working_days: 'ngày làm việc',
  calendar_days: 'ngày',
  months: 'tháng',
} as const satisfies Record<DurationUnit, string>;

/**
 * "05 ngày làm việc", "04 giờ làm việc", "15 ngày", "01 tháng". Whole numbers below 10 get a leading
 * zero as on official forms; fractions (half a working day) use the Vietnamese decimal comma. A deadline
 * of 0 (chứng thực and the like) is "Trong ngày", not "00 ngày làm việc".
 */
export function formatDuration(duration: FormDuration): string {
  const { amount, unit } = duration;
  if (amount === 0) return 'Trong ngày';
  const number = Number.isInteger(amount) ? pad2(amount) : String(amount).replace('.', ',');
  return `${number} ${durationUnitNames[unit]}`;
}

export const outcomeNames = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
} as const satisfies Record<Outcome, string>;

/** "Trực tiếp", "Bưu chính", "Trực tuyến", joined when several; empty when not known yet. */
export function formatResultDelivery(value: ResultDelivery | null): string {
  if (!value) return '';
  const parts: string[] = [];
  if (value.methods.includes('paper')) {
    parts.push(value.delivery === 'postal' ? 'Bưu chính' : 'Trực tiếp');
  }
  if (value.methods.includes('electronic')) parts.push('Trực tuyến');
  return parts.join(', ');
}

/**
 * The Date to give a spreadsheet for a Vietnam wall-clock time. Excel dates have no time zone and
 * exceljs writes a Date's UTC fields, so the instant is shifted by +7 h to make those fields read as
 * the time in Vietnam.
 */
export function excelDateOf(instant: number): Date {
  const { year, month, day, hour, minute } = vnDateTimeOf(instant);
  return new Date(Date.UTC(year, month - 1, day, hour, minute));
}
