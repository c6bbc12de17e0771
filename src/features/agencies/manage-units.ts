import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { CreateUnitBody, Unit } from '../../contracts/agencies.ts';
import { units } from '../../db/schema.ts';
import { can, type Principal } from '../../domain/access/policy.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findAgencyByCode } from './agency-queries.ts';

export type UnitView = Unit;

export async function createUnit(
  db: Db,
  principal: Principal,
  agencyCode: string,
  input: CreateUnitBody,
  meta: { ip: string | null },
): Promise<UnitView> {
  return db.transaction(async (tx) => {
    const agency = await findAgencyByCode(tx, agencyCode);
    if (!can(principal, 'agency.manage_units', agency)) throw new AppError('FORBIDDEN');
    const [row] = await tx
      .insert(units)
      .values({ agencyId: agency.id, name: input.name, code: input.code ?? null })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('DUPLICATE', { field: 'name' });
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'unit.create',
      entity: 'unit',
      entityId: String(row.id),
      agencyId: agency.id,
      data: input,
      ip: meta.ip,
    });
    return { id: row.id, code: row.code, name: row.name };
  });
}

export async function deleteUnit(
  db: Db,
  principal: Principal,
  agencyCode: string,
  unitId: number,
  meta: { ip: string | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    const agency = await findAgencyByCode(tx, agencyCode);
    if (!can(principal, 'agency.manage_units', agency)) throw new AppError('FORBIDDEN');
    const deleted = await tx
      .delete(units)
      .where(and(eq(units.id, unitId), eq(units.agencyId, agency.id)))
      .returning({ id: units.id });
    if (deleted.length === 0) throw new AppError('NOT_FOUND', { field: 'unitId' });
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'unit.delete',
      entity: 'unit',
      entityId: String(unitId),
      agencyId: agency.id,
      ip: meta.ip,
    });
  });
}
