import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { UpdateAgencyBody } from '../../contracts/agencies.ts';
import { agencies } from '../../db/schema.ts';
import { can, type Principal } from '../../domain/access/policy.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findAgencyByCode, presentAgencies, type AgencyView } from './agency-queries.ts';
import { checkOfficeHours } from './office-hours.ts';

export type UpdateAgencyInput = UpdateAgencyBody;

export async function updateAgency(
  db: Db,
  principal: Principal,
  code: string,
  input: UpdateAgencyInput,
  meta: { ip: string | null },
): Promise<AgencyView> {
  if (input.officeHours) checkOfficeHours(input.officeHours);
  const row = await db.transaction(async (tx) => {
    const agency = await findAgencyByCode(tx, code);
    if (!can(principal, 'agency.update', agency)) throw new AppError('FORBIDDEN');
    const { version, parentCode, ...fields } = input;
    let path = agency.path;
    let parentId = agency.parentId;
    if (parentCode !== undefined) {
      if (!can(principal, 'agency.create_child', agency))
        throw new AppError('FORBIDDEN', { field: 'parentCode' });
      const parent = parentCode === null ? undefined : await findAgencyByCode(tx, parentCode);
      if (parent && parent.path.startsWith(agency.path))
        throw new AppError('AGENCY_CYCLE', { field: 'parentCode' });
      parentId = parent?.id ?? null;
      path = `${parent?.path ?? '/'}${agency.id}/`;
    }
    const [updated] = await tx
      .update(agencies)
      .set({ ...fields, parentId, path, version: agency.version + 1, updatedAt: new Date() })
      .where(and(eq(agencies.id, agency.id), eq(agencies.version, version)))
      .returning();
    if (!updated) throw new AppError('VERSION_CONFLICT', { field: 'version' });
    if (path !== agency.path) {
      // Descendants carry the old prefix in their paths.
      await tx.execute(sql`UPDATE agencies SET path = ${path} || substr(path, ${agency.path.length + 1})
                           WHERE path LIKE ${agency.path + '%'} AND id <> ${agency.id}`);
    }
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'agency.update',
      entity: 'agency',
      entityId: code,
      agencyId: agency.id,
      data: { ...input },
      ip: meta.ip,
    });
    return updated;
  });
  const [view] = await presentAgencies(db, [row], principal);
  return view!;
}
