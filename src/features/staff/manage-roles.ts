import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { roleAssignments, users } from '../../db/schema.ts';
import { canChangeRolesOf, canGrantRole, type Principal } from '../../domain/access/policy.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assignRole, type RoleInput } from './create-staff.ts';
import { findVisibleStaff, presentStaff, type StaffView } from './staff-queries.ts';

export async function grantRole(
  db: Db,
  principal: Principal,
  userId: string,
  input: RoleInput,
  meta: { ip: string | null },
): Promise<StaffView> {
  await db.transaction(async (tx) => {
    // The target need not be visible yet: an agency may take on a person posted elsewhere (joint work).
    // What is checked is the caller's right to grant this role in this agency.
    const [target] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.kind, 'staff')));
    if (!target) throw new AppError('USER_NOT_FOUND');
    const held = await tx
      .select({ role: roleAssignments.role })
      .from(roleAssignments)
      .where(eq(roleAssignments.userId, userId));
    const heldRoles = held.map((h) => h.role);
    if (!canChangeRolesOf(principal, heldRoles)) throw new AppError('FORBIDDEN');
    const assigned = await assignRole(tx, principal, userId, input, 'role');
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'staff.grant_role',
      entity: 'user',
      entityId: userId,
      agencyId: assigned.agencyId,
      data: { ...input },
      ip: meta.ip,
    });
  });
  const { row } = await findVisibleStaff(db, principal, userId);
  const [view] = await presentStaff(db, principal, [row]);
  return view!;
}

export async function revokeRole(
  db: Db,
  principal: Principal,
  userId: string,
  assignmentId: number,
  meta: { ip: string | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    const { grants } = await findVisibleStaff(tx, principal, userId);
    const grant = grants.find((g) => g.id === assignmentId);
    if (!grant) throw new AppError('NOT_FOUND', { field: 'assignmentId' });
    const heldRoles = grants.map((g) => g.role);
    if (!canChangeRolesOf(principal, heldRoles)) throw new AppError('FORBIDDEN');
    const agency = grant.agencyId === null ? null : { id: grant.agencyId, path: grant.agencyPath! };
    if (!canGrantRole(principal, grant.role, agency)) throw new AppError('FORBIDDEN');
    await tx
      .delete(roleAssignments)
      .where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.userId, userId)));
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'staff.revoke_role',
      entity: 'user',
      entityId: userId,
      agencyId: grant.agencyId,
      data: { role: grant.role, agency: grant.agencyCode },
      ip: meta.ip,
    });
  });
}
