import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { calendarNotices, type StoredNotice } from '../../db/schema.ts';
import { isSystemAdmin, type Principal } from '../../domain/access/policy.ts';
import { validateNotice, yearDays, type YearDay } from '../../domain/calendar/index.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { effectiveNotices } from './calendar-store.ts';
import { throwIssues } from './issues.ts';

/** Replaces a year's official notice (system administrators), audited, and returns the resulting year. */
export async function replaceYear(
  db: Db,
  principal: Principal,
  year: number,
  notice: StoredNotice,
  meta: { ip: string | null },
): Promise<YearDay[]> {
  if (!isSystemAdmin(principal)) throw new AppError('FORBIDDEN');
  throwIssues('INVALID_NOTICE', validateNotice({ ...notice, year }));
  await db.transaction(async (tx) => {
    const [previous] = await tx
      .select()
      .from(calendarNotices)
      .where(eq(calendarNotices.year, year))
      .for('update');
    await tx
      .insert(calendarNotices)
      .values({ year, notice, updatedBy: principal.userId })
      .onConflictDoUpdate({
        target: calendarNotices.year,
        set: {
          notice,
          updatedBy: principal.userId,
          version: sql`${calendarNotices.version} + 1`,
          updatedAt: new Date(),
        },
      });
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'calendar.replace_year',
      entity: 'calendar_year',
      entityId: String(year),
      data: { before: previous?.notice ?? null, after: notice },
      ip: meta.ip,
    });
  });
  return yearDays(year, (await effectiveNotices(db)).notices);
}
