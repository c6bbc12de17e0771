import { and, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { loginThrottle, sessions } from '../db/schema.ts';

/**
 * Expired sessions are already refused on read; removing them keeps the table small. Throttle rows are
 * dropped a day after their last failure unless a lock is still running.
 */
export async function purgeExpiredSessions(
  db: Db,
  now: Date,
): Promise<{ sessions: number; throttles: number }> {
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const gone = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
  const throttles = await db
    .delete(loginThrottle)
    .where(
      and(
        lt(loginThrottle.updatedAt, dayAgo),
        or(isNull(loginThrottle.lockedUntil), lt(loginThrottle.lockedUntil, now)),
      ),
    )
    .returning({ key: loginThrottle.key });
  return { sessions: gone.length, throttles: throttles.length };
}
