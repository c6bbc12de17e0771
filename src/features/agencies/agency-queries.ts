import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Agency } from '../../contracts/agencies.ts';
import { agencies, units } from '../../db/schema.ts';
import { allowedActions, type AgencyRef, type Principal } from '../../domain/access/policy.ts';
import { AppError } from '../../domain/errors.ts';

export type AgencyRow = typeof agencies.$inferSelect;

export async function findAgencyByCode(db: Executor, code: string): Promise<AgencyRow> {
  const [row] = await db.select().from(agencies).where(eq(agencies.code, code)).limit(1);
  if (!row) throw new AppError('AGENCY_NOT_FOUND', { field: 'agency' });
  return row;
}

export const agencyActionCandidates = [
  'agency.update',
  'agency.manage_units',
  'staff.list',
  'staff.create',
] as const;

export type AgencyView = Agency;

/** Presents agencies with their units and, for the caller, what they may do next. */
export async function presentAgencies(
  db: Executor,
  rows: AgencyRow[],
  principal: Principal | undefined,
): Promise<AgencyView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const unitRows = await db.select().from(units).where(inArray(units.agencyId, ids)).orderBy(asc(units.name));
  const parentIds = [...new Set(rows.map((r) => r.parentId).filter((id): id is number => id !== null))];
  const parents =
    parentIds.length === 0
      ? []
      : await db
          .select({ id: agencies.id, code: agencies.code })
          .from(agencies)
          .where(inArray(agencies.id, parentIds));
  const parentCode = new Map(parents.map((p) => [p.id, p.code]));
  return rows.map((r) => {
    const ref: AgencyRef = { id: r.id, path: r.path };
    return {
      code: r.code,
      name: r.name,
      shortName: r.shortName,
      level: r.level,
      parentCode: r.parentId === null ? null : (parentCode.get(r.parentId) ?? null),
      address: r.address,
      phone: r.phone,
      email: r.email,
      officeHours: r.officeHours,
      isOneStopDesk: r.isOneStopDesk,
      version: r.version,
      units: unitRows
        .filter((u) => u.agencyId === r.id)
        .map((u) => ({ id: u.id, code: u.code, name: u.name })),
      actions: allowedActions(principal, agencyActionCandidates, ref),
    };
  });
}
