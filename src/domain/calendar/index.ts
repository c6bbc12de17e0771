/**
 * Vietnamese working-time calendar and deadline engine. Pure: no I/O, no clock (pass `now`), no
 * dependency on the process time zone. Instants are epoch milliseconds; dates are 'YYYY-MM-DD' in Vietnam.
 * Decisions and defaults are listed in README.md beside this file.
 */
export { CalendarError, type ValidationIssue } from './errors.ts';
export { MAX_YEAR, MIN_YEAR, type CivilDate } from './vn-date.ts';
export { lunarToSolar, solarToLunar, tetDate, type LunarDate } from './lunar.ts';
export { BUILT_IN_NOTICES, noticesFromJson, validateNotice, type OfficialNotice } from './notices.ts';
export { HOLIDAY_RULE_SETS, ruleSetOn, type HolidayRuleSet } from './rules.ts';
export { HOLIDAY_NAMES, yearDays, type YearDay, type YearDayKind } from './holidays.ts';
export {
  DEFAULT_OFFICE_HOURS,
  WORKING_DAY_MINUTES,
  validateOfficeHours,
  type OfficeHours,
  type OfficePeriod,
  type OfficeSeason,
} from './office-hours.ts';
export {
  WorkCalendar,
  createWorkCalendar,
  type DateInput,
  type DayInfo,
  type DayKind,
  type WorkCalendarOptions,
} from './work-calendar.ts';
export {
  MAX_AMOUNT,
  SAME_DAY_CUTOFF_MS,
  WORKING_DAY_MS,
  appointment,
  applyReschedule,
  computeDue,
  type Appointment,
  type DeadlineMode,
  type DueInput,
  type DurationUnit,
  type Pause,
} from './deadline.ts';
export {
  classify,
  isOverdue,
  remainingWorkingMinutes,
  type ClassifyInput,
  type Outcome,
} from './classify.ts';
export { formatVnIso, parseIsoInstant, parseIsoInstantOrThrow, type ParseResult } from './iso.ts';
