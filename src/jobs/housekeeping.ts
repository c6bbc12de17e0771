import { and, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { loginThrottle, passwordResetTokens, sessions } from '../db/schema.ts';

/**
 * Expired sessions are already refused on read; removing them keeps the table small. Throttle rows are
 * dropped a day after their last failure unless a lock is still running, password-reset tokens a day after
 * they expired (until then a used or expired link is still answered as such).
 */
export async function purgeExpiredSessions(
  db: Db,
  now: Date,
): Promise<{ sessions: number; throttles: number; resetTokens: number }> {
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
  const resetTokens = await db
    .delete(passwordResetTokens)
    .where(lt(passwordResetTokens.expiresAt, dayAgo))
    .returning({ id: passwordResetTokens.id });
  return { sessions: gone.length, throttles: throttles.length, resetTokens: resetTokens.length };
}
