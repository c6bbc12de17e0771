import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { loginThrottle } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { normaliseUsername } from './identity-providers.ts';

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

/**
 * Failed password checks (a login, or the current password when changing it) per login name and address.
 * Keyed by the name typed, not by account, so the answers for unknown names, wrong passwords and locked
 * accounts tell nothing apart; and by the caller's address too, so that someone guessing `admin`'s password
 * locks out only themselves, not the administrator. The lock grows: the `maxFailures`-th failure locks for
 * `lockMinutes`, each further one (after the lock ran out) for twice as long as the last, up to a day; a
 * success, a password reset or a quiet day (housekeeping deletes rows a day old) starts afresh.
 */
export class PasswordThrottle {
  readonly key: string;

  constructor(
    username: string,
    ip: string | null,
    private readonly policy: LockoutPolicy,
  ) {
    // The address last: it holds no '|', so the key splits unambiguously at its last one.
    this.key = `${normaliseUsername(username)}|${ip ?? ''}`;
  }

  /** Throws LOGIN_LOCKED while a lock holds, before any password is hashed. */
  async assertOpen(db: Executor, now: Date): Promise<void> {
    const [row] = await db
      .select({ lockedUntil: loginThrottle.lockedUntil })
      .from(loginThrottle)
      .where(sql`${loginThrottle.key} = ${this.key}`)
      .limit(1);
    if (row?.lockedUntil && row.lockedUntil > now) throw locked(row.lockedUntil, now);
  }

  /** Counts one failure atomically and throws: LOGIN_LOCKED when it reached the limit, else `otherwise`. */
  async fail(db: Executor, now: Date, otherwise: AppError): Promise<never> {
    const result = await db.execute<{ failures: number }>(sql`
      INSERT INTO login_throttle (key, failures, updated_at) VALUES (${this.key}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET failures = login_throttle.failures + 1, updated_at = ${now}
      RETURNING failures`);
    const failures = Number(result.rows[0]?.failures ?? 0);
    if (failures < this.policy.maxFailures) throw otherwise;
    const doublings = Math.min(20, failures - this.policy.maxFailures);
    const minutes = Math.min(MAX_LOCK_MINUTES, this.policy.lockMinutes * 2 ** doublings);
    const until = new Date(now.getTime() + minutes * 60_000);
    await db.execute(sql`UPDATE login_throttle SET locked_until = ${until} WHERE key = ${this.key}`);
    throw locked(until, now);
  }

  async clear(db: Executor): Promise<void> {
    await db.delete(loginThrottle).where(sql`${loginThrottle.key} = ${this.key}`);
  }
}

const MAX_LOCK_MINUTES = 24 * 60;

/** Every row of a login name, whatever the address (a password reset clears them all). */
export function throttlesOf(username: string) {
  return sql`starts_with(${loginThrottle.key}, ${`${normaliseUsername(username)}|`})`;
}

function locked(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('LOGIN_LOCKED', { details: { retryAfterSeconds: seconds } });
}
