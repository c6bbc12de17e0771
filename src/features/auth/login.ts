import type { Db } from '../../db/client.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { localPasswordProvider } from './identity-providers.ts';
import { PasswordThrottle, type LockoutPolicy } from './password-throttle.ts';
import { createSession, type NewSession } from './sessions.ts';

export interface LoginInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginPolicy extends LockoutPolicy {
  sessionIdleMinutes: number;
}

/** Password login, with the lockout of `PasswordThrottle` (per login name and address, growing). */
export async function login(
  db: Db,
  input: LoginInput,
  policy: LoginPolicy,
  now: Date,
): Promise<NewSession & { userId: string }> {
  const throttle = new PasswordThrottle(input.username, input.ip, policy);
  await throttle.assertOpen(db, now);
  const identity = await localPasswordProvider.authenticate(db, input);
  if (!identity) return throttle.fail(db, now, new AppError('INVALID_CREDENTIALS'));

  return db.transaction(async (tx) => {
    await throttle.clear(tx);
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
