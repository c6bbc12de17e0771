import { validateOfficeHours, type OfficeHours } from '../../domain/calendar/index.ts';
import { throwIssues } from '../calendar/issues.ts';

export type OfficeHoursInput = OfficeHours;

/** Periods in order, non-overlapping, each starting before it ends; seasons likewise (the calendar's rules). */
export function checkOfficeHours(hours: OfficeHoursInput): void {
  throwIssues('INVALID_OFFICE_HOURS', validateOfficeHours(hours), 'officeHours');
}
