import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { passwordResetTokens } from '../../db/schema.ts';
import { hashToken } from './sessions.ts';

/** How long a password-reset link works. */
export const RESET_TOKEN_MINUTES = 30;

/**
 * A new single-use reset token for the user; their unused older ones stop working. Only the token's
 * SHA-256 is stored: the plain token exists in the email alone.
 */
export async function issueResetToken(tx: Tx, userId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx
    .delete(passwordResetTokens)
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
  await tx.insert(passwordResetTokens).values({
    id: hashToken(token),
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000),
  });
  return token;
}
