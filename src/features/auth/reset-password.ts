import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { loginThrottle, passwordResetTokens, users } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { checkPassword } from '../users/password-policy.ts';
import { throttlesOf } from './password-throttle.ts';
import { hashPassword } from './passwords.ts';
import { deleteAllSessions, hashToken } from './sessions.ts';

/**
 * Sets a new password from an emailed link. The token is used up, the user's other links stop working,
 * every session of the account ends (whoever asked for the reset may not be the only one logged in) and a
 * login lock on the account's name is lifted, all in one transaction with the audit row.
 */
export async function resetPassword(
  db: Db,
  input: { token: string; newPassword: string },
  meta: { ip: string | null },
  now: Date,
): Promise<{ userId: string; sessionsEnded: number }> {
  const id = hashToken(input.token);
  const usable = async (executor: Executor, lock: boolean) => {
    const query = executor
      .select({
        userId: passwordResetTokens.userId,
        expiresAt: passwordResetTokens.expiresAt,
        usedAt: passwordResetTokens.usedAt,
        disabled: users.disabled,
        username: users.username,
        personal: sql<
          (string | null)[]
        >`array[${users.personalId}, ${users.taxCode}, ${users.phone}, ${users.email}]`,
      })
      .from(passwordResetTokens)
      .innerJoin(users, eq(users.id, passwordResetTokens.userId))
      .where(eq(passwordResetTokens.id, id))
      .limit(1);
    const [row] = lock ? await query.for('update', { of: passwordResetTokens }) : await query;
    if (!row || row.disabled) throw new AppError('RESET_TOKEN_INVALID', { field: 'token' });
    if (row.usedAt) throw new AppError('RESET_TOKEN_USED', { field: 'token' });
    if (row.expiresAt <= now) throw new AppError('RESET_TOKEN_EXPIRED', { field: 'token' });
    return row;
  };
  // Checked before the password, so a dead link is reported first; again under lock below.
  const found = await usable(db, false);
  checkPassword(input.newPassword, [found.username, ...found.personal], 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);

  return db.transaction(async (tx) => {
    const token = await usable(tx, true);
    await tx.update(passwordResetTokens).set({ usedAt: now }).where(eq(passwordResetTokens.id, id));
    await tx
      .delete(passwordResetTokens)
      .where(
        and(
          eq(passwordResetTokens.userId, token.userId),
          ne(passwordResetTokens.id, id),
          isNull(passwordResetTokens.usedAt),
        ),
      );
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, token.userId));
    const sessionsEnded = await deleteAllSessions(tx, token.userId);
    await tx.delete(loginThrottle).where(throttlesOf(token.username));
    await recordAudit(tx, {
      actorId: token.userId,
      action: 'auth.reset_password',
      entity: 'user',
      entityId: token.userId,
      data: { sessions: sessionsEnded },
      ip: meta.ip,
    });
    return { userId: token.userId, sessionsEnded };
  });
}
