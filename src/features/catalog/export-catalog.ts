import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { agencies, procedureProcesses, procedureVersions, procedures } from '../../db/schema.ts';
import { can, isSystemAdmin, scopeFor, type AgencyRef, type Principal } from '../../domain/access/policy.ts';
import { vnToday } from '../../domain/catalog/versions.ts';
import { AppError } from '../../domain/errors.ts';
import { CATALOG_FORMAT, type CatalogFile } from './catalog-file.ts';
import { inForceOn } from './procedure-queries.ts';
import { writeWorkbook } from './xlsx.ts';

export type CatalogFormat = 'json' | 'xlsx';

/**
 * The catalog in force on a day, as a catalog file document, with the internal processes of the agencies
 * `mayReadProcess` allows (by default every one: the command line and the system administrator).
 */
export async function catalogDocument(
  db: Executor,
  now: Date,
  mayReadProcess: (agency: AgencyRef) => boolean = () => true,
): Promise<CatalogFile> {
  const today = vnToday(now);
  const rows = await db
    .select({
      procedureId: procedures.id,
      code: procedures.code,
      effectiveFrom: procedureVersions.effectiveFrom,
      content: procedureVersions.content,
    })
    .from(procedureVersions)
    .innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId))
    .where(inForceOn(today))
    .orderBy(asc(procedures.code));
  const processes = rows.length
    ? await db
        .select({
          procedureId: procedureProcesses.procedureId,
          agency: agencies.code,
          agencyId: agencies.id,
          agencyPath: agencies.path,
          steps: procedureProcesses.steps,
        })
        .from(procedureProcesses)
        .innerJoin(agencies, eq(agencies.id, procedureProcesses.agencyId))
        .where(
          inArray(
            procedureProcesses.procedureId,
            rows.map((r) => r.procedureId),
          ),
        )
        .orderBy(asc(agencies.code))
    : [];
  const byProcedure = new Map<number, { agency: string; steps: (typeof processes)[number]['steps'] }[]>();
  for (const p of processes) {
    if (!mayReadProcess({ id: p.agencyId, path: p.agencyPath })) continue;
    const list = byProcedure.get(p.procedureId) ?? [];
    list.push({ agency: p.agency, steps: p.steps });
    byProcedure.set(p.procedureId, list);
  }
  return {
    format: CATALOG_FORMAT,
    formatVersion: 1,
    exportedAt: now.toISOString(),
    procedures: rows.map((r) => ({
      code: r.code,
      effectiveFrom: r.effectiveFrom!,
      content: r.content,
      processes: byProcedure.get(r.procedureId) ?? [],
    })),
  };
}

/** The catalog in force as a file of the given format (no access check: see exportCatalog). */
export async function catalogFile(
  db: Executor,
  format: CatalogFormat,
  now: Date,
  mayReadProcess?: (agency: AgencyRef) => boolean,
): Promise<Buffer> {
  const doc = await catalogDocument(db, now, mayReadProcess);
  switch (format) {
    case 'json':
      return Buffer.from(JSON.stringify(doc, null, 2));
    case 'xlsx':
      return writeWorkbook(doc);
  }
}

/**
 * Staff only. The procedures are public; their internal processes are not, so each agency's process is
 * exported only to whoever may read it (as `GET /procedures/{code}/processes` shows them). The command
 * line exports as the system, everything.
 */
export async function exportCatalog(
  db: Executor,
  actor: Principal | 'system',
  format: CatalogFormat,
  now: Date,
): Promise<Buffer> {
  if (actor === 'system' || isSystemAdmin(actor)) return catalogFile(db, format, now);
  if (scopeFor(actor, 'procedure.read_internal').kind === 'none') throw new AppError('FORBIDDEN');
  return catalogFile(db, format, now, (agency) => can(actor, 'procedure.read_internal', agency));
}
