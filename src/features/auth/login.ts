import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { loginThrottle } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { localPasswordProvider, normaliseUsername } from './identity-providers.ts';
import { createSession, type NewSession } from './sessions.ts';

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginPolicy {
  maxFailures: number;
  lockMinutes: number;
  sessionIdleMinutes: number;
}

/**
 * Password login with a per-login-name lockout. The throttle is keyed by the name typed, not by
 * account, so the answers for unknown names, wrong passwords and locked accounts tell nothing apart.
 */
export async function login(
  db: Db,
  input: LoginInput,
  policy: LoginPolicy,
  now: Date,
): Promise<NewSession & { userId: string }> {
  const key = normaliseUsername(input.username);
  const [throttle] = await db
    .select()
    .from(loginThrottle)
    .where(sql`${loginThrottle.key} = ${key}`)
    .limit(1);
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    throw new AppError('LOGIN_LOCKED', {
      details: { retryAfterSeconds: secondsUntil(throttle.lockedUntil, now) },
    });
  }

  const identity = await localPasswordProvider.authenticate(db, input);
  if (!identity) {
    const lockedUntil = await recordFailure(db, key, policy, now);
    if (lockedUntil) {
      throw new AppError('LOGIN_LOCKED', { details: { retryAfterSeconds: secondsUntil(lockedUntil, now) } });
    }
    throw new AppError('INVALID_CREDENTIALS');
  }

  return db.transaction(async (tx) => {
    await tx.delete(loginThrottle).where(sql`${loginThrottle.key} = ${key}`);
    const session = await createSession(tx, {
      userId: identity.userId,
      idleMinutes: policy.sessionIdleMinutes,
      now,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await recordAudit(tx, {
      actorId: identity.userId,
      action: 'auth.login',
      entity: 'user',
      entityId: identity.userId,
      ip: input.ip,
    });
    return { ...session, userId: identity.userId };
  });
}

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** Counts one failure atomically; returns the lock end when this failure reached the limit. */
async function recordFailure(db: Db, key: string, policy: LoginPolicy, now: Date): Promise<Date | undefined> {
  const lockUntil = new Date(now.getTime() + policy.lockMinutes * 60_000);
  // A lock that has run out starts a fresh count.
  const result = await db.execute<{ failures: number; locked_until: Date | null }>(sql`
    INSERT INTO login_throttle (key, failures, updated_at) VALUES (${key}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN login_throttle.locked_until IS NOT NULL AND login_throttle.locked_until <= ${now}
                      THEN 1 ELSE login_throttle.failures + 1 END,
      locked_until = CASE WHEN login_throttle.locked_until IS NOT NULL AND login_throttle.locked_until <= ${now}
                          THEN NULL ELSE login_throttle.locked_until END,
      updated_at = ${now}
    RETURNING failures, locked_until`);
  const failures = Number(result.rows[0]?.failures ?? 0);
  if (failures < policy.maxFailures) return undefined;
  await db.execute(sql`UPDATE login_throttle SET locked_until = ${lockUntil} WHERE key = ${key}`);
  return lockUntil;
}
