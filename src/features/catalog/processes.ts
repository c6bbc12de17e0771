import { and, asc, eq, gte, isNull, or } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { agencies, procedureProcesses, procedureVersions, units } from '../../db/schema.ts';
import { can, type Principal } from '../../domain/access/policy.ts';
import type { ProcessView } from '../../contracts/catalog.ts';
import { checkBudgetAgainst, deadlinesOf } from '../../domain/catalog/budget.ts';
import type { ProcessStep } from '../../domain/catalog/model.ts';
import { validateProcess } from '../../domain/catalog/validate.ts';
import { vnToday } from '../../domain/catalog/versions.ts';
import { AppError } from '../../domain/errors.ts';
import { findAgencyByCode } from '../agencies/agency-queries.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadRefs, throwIssues } from './check.ts';
import { agenciesOfVersions, findProcedure, lockProcedure } from './procedure-queries.ts';

export type { ProcessView };

/**
 * The versions a process must fit: the one in force and any scheduled after it; without any published
 * version, the draft.
 */
async function governingVersions(db: Executor, procedureId: number, today: string) {
  const current = await db
    .select()
    .from(procedureVersions)
    .where(
      and(
        eq(procedureVersions.procedureId, procedureId),
        eq(procedureVersions.status, 'published'),
        or(isNull(procedureVersions.effectiveTo), gte(procedureVersions.effectiveTo, today)),
      ),
    )
    .orderBy(asc(procedureVersions.seq));
  if (current.length) return current;
  return db
    .select()
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, procedureId), eq(procedureVersions.status, 'draft')));
}

/**
 * Every deadline a process must fit: the main deadline and each case variant's, of every governing
 * version (the tightest binds).
 */
function governingDeadlines(versions: { content: Parameters<typeof deadlinesOf>[0] }[]) {
  return versions.flatMap((v) => deadlinesOf(v.content));
}

export async function setProcess(
  db: Db,
  principal: Principal,
  code: string,
  agencyCode: string,
  input: { version?: number | undefined; steps: ProcessStep[] },
  meta: { ip: string | null },
  now: Date,
): Promise<ProcessView> {
  const agency = await findAgencyByCode(db, agencyCode);
  if (!can(principal, 'procedure.manage_process', agency)) throw new AppError('FORBIDDEN');
  const today = vnToday(now);
  await db.transaction(async (tx) => {
    const procedure = await lockProcedure(tx, code);
    const versions = await governingVersions(tx, procedure.id, today);
    const agencyMap = await agenciesOfVersions(
      tx,
      versions.map((v) => v.id),
    );
    if (!versions.some((v) => (agencyMap.get(v.id) ?? []).some((a) => a.id === agency.id))) {
      throw new AppError('NOT_IMPLEMENTING_AGENCY', { field: 'agency' });
    }
    const unitRows = await tx.select({ name: units.name }).from(units).where(eq(units.agencyId, agency.id));
    const refs = await loadRefs(tx, {
      agencyCodes: input.steps.map((s) => s.cooperatingAgency).filter((c): c is string => c !== null),
      templateIds: [],
    });
    throwIssues(
      validateProcess(input.steps, governingDeadlines(versions), {
        units: new Set(unitRows.map((u) => u.name)),
        agencies: refs.agencies,
      }),
    );
    const [existing] = await tx
      .select()
      .from(procedureProcesses)
      .where(
        and(eq(procedureProcesses.procedureId, procedure.id), eq(procedureProcesses.agencyId, agency.id)),
      )
      .for('update');
    if (existing) {
      if (input.version !== existing.version) throw new AppError('VERSION_CONFLICT', { field: 'version' });
      await tx
        .update(procedureProcesses)
        .set({
          steps: input.steps,
          version: existing.version + 1,
          updatedBy: principal.userId,
          updatedAt: new Date(),
        })
        .where(eq(procedureProcesses.id, existing.id));
    } else {
      if (input.version !== undefined && input.version !== 0) {
        throw new AppError('VERSION_CONFLICT', { field: 'version' });
      }
      await tx.insert(procedureProcesses).values({
        procedureId: procedure.id,
        agencyId: agency.id,
        steps: input.steps,
        updatedBy: principal.userId,
      });
    }
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'procedure.set_process',
      entity: 'procedure',
      entityId: code,
      agencyId: agency.id,
      data: { agency: agencyCode, steps: input.steps },
      ip: meta.ip,
    });
  });
  const list = await listProcesses(db, principal, code, now);
  return list.find((p) => p.agency.code === agencyCode)!;
}

/** Internal processes are for staff: those of the agencies the caller may see. */
export async function listProcesses(
  db: Executor,
  principal: Principal,
  code: string,
  now: Date,
): Promise<ProcessView[]> {
  const procedure = await findProcedure(db, code);
  const versions = await governingVersions(db, procedure.id, vnToday(now));
  const deadlines = governingDeadlines(versions);
  const rows = await db
    .select({
      steps: procedureProcesses.steps,
      version: procedureProcesses.version,
      updatedAt: procedureProcesses.updatedAt,
      agencyId: agencies.id,
      path: agencies.path,
      code: agencies.code,
      name: agencies.name,
    })
    .from(procedureProcesses)
    .innerJoin(agencies, eq(agencies.id, procedureProcesses.agencyId))
    .where(eq(procedureProcesses.procedureId, procedure.id))
    .orderBy(asc(agencies.code));
  return rows
    .filter((r) => can(principal, 'procedure.read_internal', { id: r.agencyId, path: r.path }))
    .map((r) => {
      const budget = deadlines.length
        ? checkBudgetAgainst(r.steps, deadlines)
        : { used: 0, limit: 0, scale: 'working_minutes' as const };
      return {
        agency: { code: r.code, name: r.name },
        steps: r.steps,
        version: r.version,
        budget: { used: budget.used, limit: budget.limit, scale: budget.scale },
        updatedAt: r.updatedAt.toISOString(),
      };
    });
}
