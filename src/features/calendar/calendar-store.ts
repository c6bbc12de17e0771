import { asc } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { calendarNotices } from '../../db/schema.ts';
import {
  BUILT_IN_NOTICES,
  createWorkCalendar,
  DEFAULT_OFFICE_HOURS,
  type OfficeHours,
  type OfficialNotice,
  type WorkCalendar,
} from '../../domain/calendar/index.ts';

export interface EffectiveNotices {
  notices: OfficialNotice[];
  /** Changes whenever any stored year changes: the key of cached calendars. */
  key: string;
  /** Years whose notice an administrator stored (the others are built in). */
  storedYears: Set<number>;
}

/** The built-in notices, each replaced by the administrators' notice of the same year where one exists. */
export async function effectiveNotices(db: Executor): Promise<EffectiveNotices> {
  const rows = await db
    .select({ year: calendarNotices.year, notice: calendarNotices.notice, version: calendarNotices.version })
    .from(calendarNotices)
    .orderBy(asc(calendarNotices.year));
  const storedYears = new Set(rows.map((r) => r.year));
  const notices: OfficialNotice[] = [
    ...BUILT_IN_NOTICES.filter((n) => !storedYears.has(n.year)),
    ...rows.map((r) => ({ ...r.notice, year: r.year })),
  ].sort((a, b) => a.year - b.year);
  return { notices, key: rows.map((r) => `${r.year}:${r.version}`).join(','), storedYears };
}

// A calendar caches per-year day tables; rebuilding one per request would waste that. Entries are keyed
// by content (stored notice versions and office hours), so a stale one can never be served.
const calendars = new Map<string, WorkCalendar>();
const MAX_CALENDARS = 200;

/**
 * The calendar already built for the stored notices' key (as `effectiveNotices` makes it; a caller that read
 * it along with other data saves the round trip), else the one read now.
 */
export async function calendarForKey(
  db: Executor,
  noticesKey: string,
  officeHours: OfficeHours | null | undefined,
): Promise<WorkCalendar> {
  return (
    calendars.get(`${noticesKey}|${JSON.stringify(officeHours ?? null)}`) ?? calendarFor(db, officeHours)
  );
}

export async function calendarFor(
  db: Executor,
  officeHours: OfficeHours | null | undefined,
): Promise<WorkCalendar> {
  const effective = await effectiveNotices(db);
  const key = `${effective.key}|${JSON.stringify(officeHours ?? null)}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    if (calendars.size >= MAX_CALENDARS) calendars.delete(calendars.keys().next().value!);
    calendar = createWorkCalendar({
      notices: effective.notices,
      officeHours: officeHours ?? DEFAULT_OFFICE_HOURS,
    });
    calendars.set(key, calendar);
  }
  return calendar;
}
