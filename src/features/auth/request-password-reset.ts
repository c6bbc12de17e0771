import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { auditLog, users } from '../../db/schema.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { normaliseUsername } from './identity-providers.ts';

/** A second request for the same account within this time sends no second email. */
export const RESET_REQUEST_COOLDOWN_MS = 60_000;

export const RESET_REQUEST_ACTION = 'auth.password_reset_request';

/**
 * "Forgot my password": by login name (staff username, personal ID number, tax code) or email address.
 * The caller answers the same whatever happens here, so nothing tells whether an account exists. For an
 * active account with an email address, `queueMail` is called in the transaction that records the request;
 * the email job creates the token when it runs, so the plain token never sits in the job queue.
 * Without `queueMail` (no mail transport) nothing is recorded: no link could be sent.
 */
export async function requestPasswordReset(
  db: Db,
  input: { login: string },
  meta: { ip: string | null },
  now: Date,
  queueMail: ((tx: Tx, userId: string) => Promise<void>) | undefined,
): Promise<void> {
  if (!queueMail) return;
  const login = input.login.trim();
  const byEmail = login.includes('@');
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        and(
          byEmail
            ? sql`lower(${users.email}) = lower(${login})`
            : eq(users.username, normaliseUsername(login)),
          eq(users.disabled, false),
        ),
      )
      .limit(1)
      .for('update');
    if (!user?.email) return;
    // The row lock above orders concurrent requests for one account, so the cooldown holds under a burst.
    const [recent] = await tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entity, 'user'),
          eq(auditLog.entityId, user.id),
          eq(auditLog.action, RESET_REQUEST_ACTION),
          gt(auditLog.at, new Date(now.getTime() - RESET_REQUEST_COOLDOWN_MS)),
        ),
      )
      .limit(1);
    if (recent) return;
    await queueMail(tx, user.id);
    await recordAudit(tx, {
      actorId: null,
      action: RESET_REQUEST_ACTION,
      entity: 'user',
      entityId: user.id,
      data: { by: byEmail ? 'email' : 'login' },
      ip: meta.ip,
    });
  });
}
