import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { CreateAgencyBody } from '../../contracts/agencies.ts';
import { agencies } from '../../db/schema.ts';
import { can, isSystemAdmin, type Principal } from '../../domain/access/policy.ts';
import { AppError } from '../../domain/errors.ts';
import { isValidAgencyCode } from '../../domain/identifiers.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findAgencyByCode, presentAgencies, type AgencyView } from './agency-queries.ts';
import { checkOfficeHours } from './office-hours.ts';

export type CreateAgencyInput = CreateAgencyBody;

/** Only a system administrator adds agencies; a root agency has no parent. */
export async function createAgency(
  db: Db,
  principal: Principal,
  input: CreateAgencyInput,
  meta: { ip: string | null },
): Promise<AgencyView> {
  if (!isValidAgencyCode(input.code)) throw new AppError('INVALID_AGENCY_CODE', { field: 'code' });
  if (input.officeHours) checkOfficeHours(input.officeHours);
  const row = await db.transaction(async (tx) => {
    const parent = input.parentCode ? await findAgencyByCode(tx, input.parentCode) : undefined;
    const allowed = parent ? can(principal, 'agency.create_child', parent) : isSystemAdmin(principal);
    if (!allowed) throw new AppError('FORBIDDEN');
    const [existing] = await tx
      .select({ id: agencies.id })
      .from(agencies)
      .where(eq(agencies.code, input.code));
    if (existing) throw new AppError('AGENCY_CODE_TAKEN', { field: 'code' });
    const [inserted] = await tx
      .insert(agencies)
      .values({
        code: input.code,
        name: input.name,
        shortName: input.shortName ?? null,
        level: input.level,
        parentId: parent?.id ?? null,
        path: '/',
        address: input.address ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        officeHours: input.officeHours ?? null,
        isOneStopDesk: input.isOneStopDesk ?? false,
      })
      .returning();
    const path = `${parent?.path ?? '/'}${inserted!.id}/`;
    const [withPath] = await tx
      .update(agencies)
      .set({ path })
      .where(eq(agencies.id, inserted!.id))
      .returning();
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'agency.create',
      entity: 'agency',
      entityId: input.code,
      agencyId: inserted!.id,
      data: { ...input },
      ip: meta.ip,
    });
    return withPath!;
  });
  const [view] = await presentAgencies(db, [row], principal);
  return view!;
}
