import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDuration,
  formatLongDate,
  formatPlaceAndDate,
  formatTimeAndDate,
} from '../../../src/features/documents/index.ts';
import { excelDateOf, formatResultDelivery, vnDateTimeOf } from '../../../src/features/documents/format.ts';

// Instants are built with Date.UTC / ISO strings with an offset only: CI runs these tests under several
// process time zones, and the output must be Vietnam time in every one of them.
const AT = Date.parse('2026-11-22T07:30:00Z');

describe('Vietnamese dates and times (UTC+7)', () => {
  it('formats receipt and appointment times as the forms write them', () => {
    expect(formatTimeAndDate(AT)).toBe('14 giờ 30 phút, ngày 22/11/2026');
    expect(formatDateTime(AT)).toBe('22/11/2026 14:30');
    expect(formatDate(AT)).toBe('22/11/2026');
    expect(formatLongDate(AT)).toBe('ngày 22 tháng 11 năm 2026');
    expect(formatPlaceAndDate('Đồng Tháp', AT)).toBe('Đồng Tháp, ngày 22 tháng 11 năm 2026');
  });

  it('uses the Vietnam date, not the UTC one, around midnight', () => {
    const lateUtc = Date.parse('2026-11-22T17:05:00Z');
    expect(formatTimeAndDate(lateUtc)).toBe('00 giờ 05 phút, ngày 23/11/2026');
    expect(formatDateTime(Date.parse('2026-12-31T16:59:00Z'))).toBe('31/12/2026 23:59');
    expect(formatDateTime(Date.parse('2026-12-31T17:00:00Z'))).toBe('01/01/2027 00:00');
    expect(formatDate(Date.parse('2026-11-23T00:00:00+07:00'))).toBe('23/11/2026');
  });

  it('pads days below 10 and only the months 1 and 2 in long dates (NĐ 30/2020)', () => {
    expect(formatLongDate(Date.parse('2026-01-05T09:00:00+07:00'))).toBe('ngày 05 tháng 01 năm 2026');
    expect(formatLongDate(Date.parse('2026-02-09T09:00:00+07:00'))).toBe('ngày 09 tháng 02 năm 2026');
    expect(formatLongDate(Date.parse('2026-03-01T09:00:00+07:00'))).toBe('ngày 01 tháng 3 năm 2026');
    expect(formatLongDate(Date.parse('2026-12-10T09:00:00+07:00'))).toBe('ngày 10 tháng 12 năm 2026');
  });

  it('drops seconds and milliseconds', () => {
    expect(formatTimeAndDate(Date.parse('2026-11-22T14:30:59.999+07:00'))).toBe(
      '14 giờ 30 phút, ngày 22/11/2026',
    );
    expect(vnDateTimeOf(Date.parse('2026-11-22T14:30:59.999+07:00'))).toEqual({
      year: 2026,
      month: 11,
      day: 22,
      hour: 14,
      minute: 30,
    });
  });

  it('refuses what is not an instant', () => {
    expect(() => formatDate(Number.NaN)).toThrow();
  });

  it('gives spreadsheets a Date whose UTC fields are the Vietnam wall-clock time', () => {
    const d = excelDateOf(AT);
    expect([
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
    ]).toEqual([2026, 11, 22, 14, 30]);
  });
});

describe('durations', () => {
  it('writes amounts with two digits and the unit in Vietnamese', () => {
    expect(formatDuration({ amount: 5, unit: 'working_days' })).toBe('05 ngày làm việc');
    expect(formatDuration({ amount: 4, unit: 'working_hours' })).toBe('04 giờ làm việc');
    expect(formatDuration({ amount: 15, unit: 'calendar_days' })).toBe('15 ngày');
    expect(formatDuration({ amount: 1, unit: 'months' })).toBe('01 tháng');
    expect(formatDuration({ amount: 120, unit: 'calendar_days' })).toBe('120 ngày');
  });

  it('writes fractions with a decimal comma', () => {
    expect(formatDuration({ amount: 0.5, unit: 'working_days' })).toBe('0,5 ngày làm việc');
    expect(formatDuration({ amount: 0, unit: 'working_days' })).toBe('Trong ngày');
    expect(formatDuration({ amount: 2.5, unit: 'working_days' })).toBe('2,5 ngày làm việc');
  });
});

describe('result delivery', () => {
  it('names paper and electronic delivery', () => {
    expect(formatResultDelivery(null)).toBe('');
    expect(formatResultDelivery({ methods: ['paper'], delivery: 'in_person' })).toBe('Trực tiếp');
    expect(formatResultDelivery({ methods: ['paper'], delivery: 'postal' })).toBe('Bưu chính');
    expect(formatResultDelivery({ methods: ['electronic'], delivery: null })).toBe('Trực tuyến');
    expect(formatResultDelivery({ methods: ['electronic', 'paper'], delivery: 'postal' })).toBe(
      'Bưu chính, Trực tuyến',
    );
  });
});
