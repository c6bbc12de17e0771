/**
 * The Vietnamese lunisolar calendar (âm lịch), computed with Hồ Ngọc Đức's astronomical algorithm
 * (new moons and solar terms after Jean Meeus) for the meridian of UTC+7. Using +7 rather than China's +8
 * is what makes Vietnam differ: a new moon between 23:00 and 24:00 Hanoi time starts the month a day
 * earlier here (Tết 2007 and 2030, for example).
 *
 * Months are numbered from the one containing the winter solstice (month 11). A lunar year with 13
 * months repeats the first month that contains no major solar term (the leap month, tháng nhuận).
 */
import { CalendarError } from './errors.ts';
import {
  MAX_YEAR,
  MIN_YEAR,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatIsoDate,
  yearOutOfRange,
  type CivilDate,
} from './vn-date.ts';

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  /** True in the repeated (leap) month. */
  leap: boolean;
}

const TIME_ZONE_HOURS = 7;
const DEG = Math.PI / 180;
/** Julian day number of 1970-01-01, so day numbers and JDNs convert by addition. */
const JDN_EPOCH = 2440588;
const SYNODIC_MONTH = 29.530588853;
/** JD of the new moon of 1900-01-01 that numbers the lunations k in the algorithm. */
const NEW_MOON_ZERO = 2415021.076998695;

/** Julian date of the k-th new moon since 1900-01-01 (Meeus, Astronomical Algorithms, ch. 49, truncated). */
function newMoonJd(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DEG) + 0.0021 * Math.sin(2 * DEG * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * DEG) + 0.0161 * Math.sin(DEG * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(DEG * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(DEG * 2 * F) - 0.0051 * Math.sin(DEG * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(DEG * (M - Mpr)) + 0.0004 * Math.sin(DEG * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(DEG * (2 * F - M)) - 0.0006 * Math.sin(DEG * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(DEG * (2 * F - Mpr)) + 0.0005 * Math.sin(DEG * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The sun's apparent longitude in radians, normalised to [0, 2π). */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DEG * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(DEG * 2 * M) + 0.00029 * Math.sin(DEG * 3 * M);
  const L = (L0 + DL) * DEG;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

/** Which 30° sector (major solar term) the sun is in at local midnight starting that day (0..11). */
function sunSector(jdn: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - TIME_ZONE_HOURS / 24) / Math.PI) * 6);
}

/** Julian day number (local calendar day) on which the k-th new moon falls. */
function newMoonDay(k: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + TIME_ZONE_HOURS / 24);
}

const month11Cache = new Map<number, number>();

/** JDN of the first day of lunar month 11 (the month containing the winter solstice) of solar year y. */
function month11(year: number): number {
  const cached = month11Cache.get(year);
  if (cached !== undefined) return cached;
  const off = daysFromCivil(year, 12, 31) + JDN_EPOCH - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  let nm = newMoonDay(k);
  // Sector 9 starts at 270°, the winter solstice: a month starting after it is month 12, not 11.
  if (sunSector(nm) >= 9) nm = newMoonDay(k - 1);
  month11Cache.set(year, nm);
  return nm;
}

interface LunarMonth {
  /** JDN of day 1. */
  start: number;
  month: number;
  leap: boolean;
  year: number;
}

interface LunarSpan {
  months: LunarMonth[];
  /** JDN of the next month 11, i.e. the day after the span ends. */
  end: number;
}

const spanCache = new Map<number, LunarSpan>();

/**
 * The months from month 11 of solar year y to the day before month 11 of y+1: months 11 and 12 of
 * lunar year y, then months 1..10 of lunar year y+1, with the leap month in place when there is one.
 */
function lunarSpan(year: number): LunarSpan {
  const cached = spanCache.get(year);
  if (cached) return cached;
  const a11 = month11(year);
  const b11 = month11(year + 1);
  const k = Math.floor(0.5 + (a11 - NEW_MOON_ZERO) / SYNODIC_MONTH);
  const count = b11 - a11 > 365 ? 13 : 12;
  let leapOffset = -1;
  if (count === 13) {
    // The leap month is the first one after month 11 in which the sun enters no new sector.
    let i = 1;
    let arc = sunSector(newMoonDay(k + 1));
    let last: number;
    do {
      last = arc;
      i++;
      arc = sunSector(newMoonDay(k + i));
    } while (arc !== last && i < 14);
    leapOffset = i - 1;
  }
  const months: LunarMonth[] = [];
  for (let j = 0; j < count; j++) {
    const regular = leapOffset >= 0 && j >= leapOffset ? j - 1 : j;
    months.push({
      start: j === 0 ? a11 : newMoonDay(k + j),
      month: ((regular + 10) % 12) + 1,
      leap: j === leapOffset,
      year: regular < 2 ? year : year + 1,
    });
  }
  const span = { months, end: b11 };
  spanCache.set(year, span);
  return span;
}

/** Lunar date of a day given by its Julian day number (used internally with day numbers). */
function lunarFromJdn(jdn: number, solarYear: number): LunarDate {
  const span = lunarSpan(jdn >= month11(solarYear) ? solarYear : solarYear - 1);
  let current = span.months[0]!;
  for (const m of span.months) {
    if (m.start > jdn) break;
    current = m;
  }
  return { year: current.year, month: current.month, day: jdn - current.start + 1, leap: current.leap };
}

/** Solar (Gregorian) date in Vietnam → Vietnamese lunar date. */
export function solarToLunar(year: number, month: number, day: number): LunarDate {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw yearOutOfRange('year');
  if (
    !Number.isInteger(month) ||
    !Number.isInteger(day) ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month)
  ) {
    throw new CalendarError('invalid_date', 'date', 'Ngày dương lịch không hợp lệ.', 'Invalid solar date.');
  }
  return lunarFromJdn(daysFromCivil(year, month, day) + JDN_EPOCH, year);
}

/** Day number (days since 1970-01-01) of a lunar date; throws when the date does not exist. */
export function lunarToDayNumber(lunar: LunarDate): number {
  const { year, month, day, leap } = lunar;
  // Lunar year MIN_YEAR-1 is allowed: its 12th month covers January 1900.
  if (!Number.isInteger(year) || year < MIN_YEAR - 1 || year > MAX_YEAR) throw yearOutOfRange('year');
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) {
    throw invalidLunar();
  }
  const span = lunarSpan(month >= 11 ? year : year - 1);
  const index = span.months.findIndex((m) => m.month === month && m.leap === leap);
  if (index < 0) throw invalidLunar();
  const start = span.months[index]!.start;
  const next = span.months[index + 1]?.start ?? span.end;
  if (day > next - start) throw invalidLunar();
  const jdn = start + day - 1;
  const dayNumber = jdn - JDN_EPOCH;
  const solarYear = civilFromDays(dayNumber).year;
  if (solarYear < MIN_YEAR || solarYear > MAX_YEAR) throw yearOutOfRange('year');
  return dayNumber;
}

function invalidLunar(): CalendarError {
  return new CalendarError(
    'invalid_lunar_date',
    'date',
    'Ngày âm lịch không tồn tại (tháng nhuận hoặc ngày 30 không có trong năm đó).',
    'This lunar date does not exist (no such leap month, or the month has 29 days).',
  );
}

/** Vietnamese lunar date → solar (Gregorian) date. */
export function lunarToSolar(lunar: LunarDate): CivilDate {
  return civilFromDays(lunarToDayNumber(lunar));
}

/** Day number of Tết (mùng 1 tháng Giêng) of a lunar year. */
export function tetDayNumber(year: number): number {
  return lunarToDayNumber({ year, month: 1, day: 1, leap: false });
}

/** Date of Tết Nguyên đán (mùng 1 tháng Giêng) of a year, 'YYYY-MM-DD'. */
export function tetDate(year: number): string {
  return formatIsoDate(tetDayNumber(year));
}
