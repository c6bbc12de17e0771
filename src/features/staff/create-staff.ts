import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import type { CreateStaffBody, RoleGrantBody } from '../../contracts/staff.ts';
import { roleAssignments, units, users } from '../../db/schema.ts';
import { canGrantRole, type Principal } from '../../domain/access/policy.ts';
import { AppError } from '../../domain/errors.ts';
import { findAgencyByCode } from '../agencies/agency-queries.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { normaliseUsername } from '../auth/identity-providers.ts';
import { hashPassword } from '../auth/passwords.ts';
import { assertEmailFree, checkContact } from '../users/contact.ts';
import { checkPassword } from '../users/password-policy.ts';
import { presentStaff, type StaffView } from './staff-queries.ts';

export type RoleInput = RoleGrantBody;
export type CreateStaffInput = CreateStaffBody;

/** Checks the caller may hand out this role there, and that the unit belongs to that agency. */
export async function assignRole(
  tx: Tx,
  principal: Principal,
  userId: string,
  input: RoleInput,
  field: string,
): Promise<{ id: number; agencyId: number | null }> {
  if (input.role === 'system_admin') {
    if (!canGrantRole(principal, 'system_admin', null)) throw new AppError('FORBIDDEN', { field });
    if (input.agency) throw new AppError('VALIDATION_FAILED', { field: `${field}/agency` });
  } else if (!input.agency) {
    throw new AppError('ROLE_NEEDS_AGENCY', { field: `${field}/agency` });
  }
  const agency = input.agency ? await findAgencyByCode(tx, input.agency) : undefined;
  if (agency && !canGrantRole(principal, input.role, agency)) throw new AppError('FORBIDDEN', { field });
  if (input.unitId !== undefined) {
    const [unit] = await tx.select().from(units).where(eq(units.id, input.unitId)).limit(1);
    if (!unit || unit.agencyId !== agency?.id)
      throw new AppError('UNIT_NOT_IN_AGENCY', { field: `${field}/unitId` });
  }
  const [row] = await tx
    .insert(roleAssignments)
    .values({ userId, role: input.role, agencyId: agency?.id ?? null, unitId: input.unitId ?? null })
    .onConflictDoNothing()
    .returning({ id: roleAssignments.id });
  if (!row) throw new AppError('DUPLICATE', { field });
  return { id: row.id, agencyId: agency?.id ?? null };
}

export async function createStaff(
  db: Db,
  principal: Principal,
  input: CreateStaffInput,
  meta: { ip: string | null },
): Promise<StaffView> {
  const contact = checkContact(input);
  checkPassword(input.password, [input.username, contact.phone, contact.email]);
  const passwordHash = await hashPassword(input.password);
  const row = await db.transaction(async (tx) => {
    const username = normaliseUsername(input.username);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (taken) throw new AppError('USERNAME_TAKEN', { field: 'username' });
    await assertEmailFree(tx, contact.email);
    const [user] = await tx
      .insert(users)
      .values({ kind: 'staff', username, fullName: input.fullName, ...contact, passwordHash })
      .returning();
    for (const [i, role] of input.roles.entries()) {
      const assigned = await assignRole(tx, principal, user!.id, role, `roles/${i}`);
      await recordAudit(tx, {
        actorId: principal.userId,
        action: 'staff.grant_role',
        entity: 'user',
        entityId: user!.id,
        agencyId: assigned.agencyId,
        data: { ...role },
        ip: meta.ip,
      });
    }
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'staff.create',
      entity: 'user',
      entityId: user!.id,
      data: { username, fullName: input.fullName },
      ip: meta.ip,
    });
    return user!;
  });
  const [view] = await presentStaff(db, principal, [row]);
  return view!;
}
