import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { UpdateStaffBody } from '../../contracts/staff.ts';
import { users } from '../../db/schema.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { deleteAllSessions } from '../auth/sessions.ts';
import { updatedContact } from '../users/contact.ts';
import { canManagePerson, findVisibleStaff, presentStaff, type StaffView } from './staff-queries.ts';

export type UpdateStaffInput = UpdateStaffBody;

export async function updateStaff(
  db: Db,
  principal: Principal,
  userId: string,
  input: UpdateStaffInput,
  meta: { ip: string | null },
): Promise<StaffView> {
  const row = await db.transaction(async (tx) => {
    const { row: current, grants } = await findVisibleStaff(tx, principal, userId);
    if (!canManagePerson(principal, grants, 'staff.update')) throw new AppError('FORBIDDEN');
    const patch: Partial<typeof users.$inferInsert> = {};
    if (input.fullName !== undefined) patch.fullName = input.fullName;
    if (input.email !== undefined || input.phone !== undefined) {
      Object.assign(patch, await updatedContact(tx, current, input));
    }
    if (input.disabled !== undefined) patch.disabled = input.disabled;
    const [updated] = await tx
      .update(users)
      .set({ ...patch, version: current.version + 1, updatedAt: new Date() })
      .where(and(eq(users.id, userId), eq(users.version, input.version)))
      .returning();
    if (!updated) throw new AppError('VERSION_CONFLICT', { field: 'version' });
    // A disabled account must not keep working through sessions opened before.
    if (input.disabled) await deleteAllSessions(tx, userId);
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'staff.update',
      entity: 'user',
      entityId: userId,
      data: { ...input },
      ip: meta.ip,
    });
    return updated;
  });
  const [view] = await presentStaff(db, principal, [row]);
  return view!;
}
