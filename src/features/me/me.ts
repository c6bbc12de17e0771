import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agencies, roleAssignments, users } from '../../db/schema.ts';
import type { StaffRole, UserKind } from '../../domain/access/roles.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { PasswordThrottle, type LockoutPolicy } from '../auth/password-throttle.ts';
import { updatedContact } from '../users/contact.ts';
import { checkPassword } from '../users/password-policy.ts';

export interface MeView {
  id: string;
  kind: UserKind;
  username: string;
  fullName: string;
  personalId: string | null;
  taxCode: string | null;
  organizationName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  roles: { role: StaffRole; agencyCode: string | null; agencyName: string | null }[];
}

export async function getMe(db: Db, userId: string): Promise<MeView> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const roles = await db
    .select({ role: roleAssignments.role, agencyCode: agencies.code, agencyName: agencies.name })
    .from(roleAssignments)
    .leftJoin(agencies, eq(agencies.id, roleAssignments.agencyId))
    .where(eq(roleAssignments.userId, userId))
    .orderBy(roleAssignments.id);
  return {
    id: user.id,
    kind: user.kind,
    username: user.username,
    fullName: user.fullName,
    personalId: user.personalId,
    taxCode: user.taxCode,
    organizationName: user.organizationName,
    phone: user.phone,
    email: user.email,
    address: user.address,
    roles,
  };
}

export async function updateProfile(
  db: Db,
  userId: string,
  input: {
    phone?: string | undefined;
    email?: string | null | undefined;
    address?: string | null | undefined;
  },
  meta: { ip: string | null },
): Promise<MeView> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, userId)).limit(1);
    if (!current) throw new AppError('UNAUTHENTICATED');
    const contact = await updatedContact(tx, current, input);
    await tx
      .update(users)
      .set({
        ...contact,
        address: input.address === undefined ? current.address : input.address,
        version: current.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(users.id, userId));
    await recordAudit(tx, {
      actorId: userId,
      action: 'user.update_profile',
      entity: 'user',
      entityId: userId,
      data: { fields: Object.keys(input) },
      ip: meta.ip,
    });
  });
  return getMe(db, userId);
}

/**
 * Changing the password ends every other session: a stolen session must not outlive it. A wrong current
 * password counts as a failed login of the account from this address (`PasswordThrottle`), so a stolen
 * session cannot be used to guess the password faster than the login form allows.
 */
export async function changePassword(
  db: Db,
  userId: string,
  currentSessionId: string,
  input: { currentPassword: string; newPassword: string },
  meta: { ip: string | null },
  policy: LockoutPolicy,
  now: Date,
): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const throttle = new PasswordThrottle(user.username, meta.ip, policy);
  await throttle.assertOpen(db, now);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return throttle.fail(db, now, new AppError('INVALID_CREDENTIALS', { field: 'currentPassword' }));
  }
  checkPassword(
    input.newPassword,
    [user.username, user.personalId, user.taxCode, user.phone, user.email],
    'newPassword',
  );
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId));
    await tx.execute(sql`DELETE FROM sessions WHERE user_id = ${userId} AND id <> ${currentSessionId}`);
    await throttle.clear(tx);
    await recordAudit(tx, {
      actorId: userId,
      action: 'auth.change_password',
      entity: 'user',
      entityId: userId,
      ip: meta.ip,
    });
  });
}
