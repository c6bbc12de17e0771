import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { formTemplates, procedureFields, procedures, procedureVersions } from '../../db/schema.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { statusOn, vnToday, type VersionStatus } from '../../domain/catalog/versions.ts';
import { AppError } from '../../domain/errors.ts';
import { templateIdsOf } from './check.ts';
import {
  agenciesOfVersions,
  canOnAgencies,
  findProcedure,
  inForceOn,
  presentVersion,
  versionsOf,
  type ProcedureView,
  type VersionRow,
} from './procedure-queries.ts';

/** The version in force on a day (default today in Vietnam); a procedure with none is not found. */
export async function getProcedure(
  db: Executor,
  principal: Principal | undefined,
  code: string,
  now: Date,
  on?: string,
): Promise<ProcedureView> {
  const today = on ?? vnToday(now);
  // The public page is the catalog's hottest read: procedure, version in force and field in one round trip.
  const [found] = await db
    .select({
      procedure: procedures,
      version: procedureVersions,
      field: { code: procedureFields.code, name: procedureFields.name },
    })
    .from(procedures)
    .innerJoin(procedureVersions, and(eq(procedureVersions.procedureId, procedures.id), inForceOn(today)))
    .innerJoin(procedureFields, eq(procedureFields.id, procedureVersions.fieldId))
    .where(eq(procedures.code, code))
    .limit(1);
  if (!found) throw new AppError('PROCEDURE_NOT_FOUND', { field: 'code' });
  return presentVersion(db, found.procedure, found.version, today, principal, found.field);
}

export interface HistoryEntry {
  seq: number;
  status: VersionStatus;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  publishedAt: string | null;
  createdAt: string;
  note: string | null;
  name: string;
  /** Top-level parts of the content that differ from the version before. */
  changed: string[];
}

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
