import { and, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { perDatabase } from '../../db/statements.ts';
import { formTemplates, procedureFields, procedures, procedureVersions } from '../../db/schema.ts';
import type { VersionEntry } from '../../contracts/catalog.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { statusOn, vnToday } from '../../domain/catalog/versions.ts';
import { AppError } from '../../domain/errors.ts';
import { templateIdsOf } from './check.ts';
import type { CatalogCache } from './catalog-cache.ts';
import {
  agenciesOfVersions,
  assembleView,
  canOnAgencies,
  findProcedure,
  versionBody,
  versionsOf,
  type ProcedureView,
  type VersionAgency,
  type VersionAround,
  type VersionRow,
} from './procedure-queries.ts';

/** The version in force on a day with what may change around it; see getProcedure. */
function pageQueryOf(db: Executor) {
  const today = sql.placeholder('today');
  return db
    .select({
      lockVersion: procedures.version,
      versionId: procedureVersions.id,
      seq: procedureVersions.seq,
      status: procedureVersions.status,
      effectiveFrom: procedureVersions.effectiveFrom,
      effectiveTo: procedureVersions.effectiveTo,
      publishedAt: procedureVersions.publishedAt,
      field: { code: procedureFields.code, name: procedureFields.name },
      agencies: sql<VersionAgency[]>`(
        SELECT coalesce(json_agg(json_build_object('id', a.id, 'code', a.code, 'name', a.name, 'path', a.path)
                                 ORDER BY a.code), '[]')
          FROM procedure_version_agencies va JOIN agencies a ON a.id = va.agency_id
         WHERE va.version_id = ${procedureVersions.id})`,
    })
    .from(procedures)
    .innerJoin(
      procedureVersions,
      and(
        eq(procedureVersions.procedureId, procedures.id),
        eq(procedureVersions.status, 'published'),
        lte(procedureVersions.effectiveFrom, today),
        or(isNull(procedureVersions.effectiveTo), gt(procedureVersions.effectiveTo, today)),
      ),
    )
    .innerJoin(procedureFields, eq(procedureFields.id, procedureVersions.fieldId))
    .where(eq(procedures.code, sql.placeholder('code')))
    .limit(1);
}

/**
 * A named prepared statement per database handle: PostgreSQL parses it once per connection and soon plans
 * it once (planning cost four times its execution, measured).
 */
const pageQuery = perDatabase(pageQueryOf);

/**
 * The version in force on a day (default today in Vietnam); a procedure with none is not found.
 * The public page is the catalog's hottest read: one prepared query finds the version in force with what may
 * change around it (field and agency names, the lock version), which `cache` keeps for anonymous readers
 * until the catalog changes; the version's body comes from `cache` when given (published versions are
 * immutable), otherwise from a second query.
 */
export async function getProcedure(
  db: Executor,
  principal: Principal | undefined,
  code: string,
  now: Date,
  on?: string,
  cache?: CatalogCache,
): Promise<ProcedureView> {
  const today = on ?? vnToday(now);
  // Anonymous readers (the public) may be answered from memory; staff read the database, so the actions
  // offered to them and the lock version they will send back are never behind.
  const cached = cache && !principal ? cache.page(code, today, now.getTime()) : undefined;
  let found: VersionAround | undefined = cached;
  if (!found) {
    const generation = cache?.pagesGeneration;
    [found] = await pageQuery(db).execute({ code, today });
    if (!found) throw new AppError('PROCEDURE_NOT_FOUND', { field: 'code' });
    if (cache && generation !== undefined) cache.keepPage(code, today, generation, found);
  }
  let body = cache?.versionBody(found.versionId);
  if (!body) {
    const [row] = await db
      .select({ content: procedureVersions.content })
      .from(procedureVersions)
      .where(eq(procedureVersions.id, found.versionId));
    if (!row) throw new AppError('PROCEDURE_NOT_FOUND', { field: 'code' });
    body = await versionBody(db, code, row.content);
    cache?.keepVersionBody(found.versionId, body);
  }
  return assembleView(body, {
    field: found.field,
    agencies: found.agencies,
    version: found,
    lockVersion: found.lockVersion,
    today,
    principal,
  });
}

export type HistoryEntry = VersionEntry;

function changedKeys(before: VersionRow | undefined, after: VersionRow): string[] {
  if (!before) return [];
  const a = before.content as unknown as Record<string, unknown>;
  const b = after.content as unknown as Record<string, unknown>;
  return Object.keys({ ...a, ...b }).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/**
 * Every published version with what changed; drafts too for staff who may edit the procedure.
 * Newest first.
 */
export async function procedureHistory(
  db: Executor,
  principal: Principal | undefined,
  code: string,
  now: Date,
): Promise<{ code: string; versions: HistoryEntry[] }> {
  const today = vnToday(now);
  const procedure = await findProcedure(db, code);
  const versions = await versionsOf(db, procedure.id);
  const agencyMap = await agenciesOfVersions(
    db,
    versions.map((v) => v.id),
  );
  const published = versions.filter((v) => v.status === 'published');
  const visible = versions.filter(
    (v) => v.status === 'published' || canOnAgencies(principal, 'procedure.edit', agencyMap.get(v.id) ?? []),
  );
  if (published.length === 0 && visible.length === 0)
    throw new AppError('PROCEDURE_NOT_FOUND', { field: 'code' });
  return {
    code: procedure.code,
    versions: visible
      .map((v) => {
        const before = published.filter((p) => p.seq < v.seq).at(-1);
        return {
          seq: v.seq,
          status: statusOn(v, today),
          effectiveFrom: v.effectiveFrom,
          effectiveTo: v.effectiveTo,
          publishedAt: v.publishedAt?.toISOString() ?? null,
          createdAt: v.createdAt.toISOString(),
          note: v.note,
          name: v.name,
          changed: changedKeys(before, v),
        };
      })
      .reverse(),
  };
}

/**
 * A form template of a published version of the procedure (any version: a dossier filed under an older
 * one may still need its form). Drafts' files are not served here.
 */
export async function getFormTemplate(
  db: Executor,
  code: string,
  templateId: number,
): Promise<{ fileName: string; mediaType: string; data: Buffer }> {
  const procedure = await findProcedure(db, code);
  const versions = await db
    .select({ content: procedureVersions.content })
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, procedure.id), eq(procedureVersions.status, 'published')));
  if (!versions.some((v) => templateIdsOf(v.content).includes(templateId))) {
    throw new AppError('NOT_FOUND', { field: 'id' });
  }
  const [row] = await db
    .select({
      fileName: formTemplates.fileName,
      mediaType: formTemplates.mediaType,
      data: formTemplates.data,
    })
    .from(formTemplates)
    .where(inArray(formTemplates.id, [templateId]));
  if (!row) throw new AppError('NOT_FOUND', { field: 'id' });
  return row;
}
