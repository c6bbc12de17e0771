import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.ts';
import {
  agencies,
  formTemplates,
  procedureFields,
  procedureVersionAgencies,
  procedureVersions,
  procedures,
} from '../../db/schema.ts';
import {
  affectedAgencies,
  can,
  canChangeProcedure,
  isSystemAdmin,
  type AgencyAction,
  type AgencyRef,
  type Principal,
} from '../../domain/access/policy.ts';
import type { ComponentView, FormTemplateRef, ProcedureView, VersionBody } from '../../contracts/catalog.ts';
import type { Component, ProcedureContent } from '../../domain/catalog/model.ts';
import { searchTextOf } from '../../domain/catalog/search-text.ts';
import { statusOn } from '../../domain/catalog/versions.ts';
import { AppError } from '../../domain/errors.ts';
import { LOCK_CHANGE, notifyCatalogChanged } from './catalog-changes.ts';
import { contentHash, type LoadedRefs } from './check.ts';

export type ProcedureRow = typeof procedures.$inferSelect;
export type VersionRow = typeof procedureVersions.$inferSelect;
export interface VersionAgency {
  id: number;
  code: string;
  name: string;
  path: string;
}

export async function findProcedure(db: Executor, code: string): Promise<ProcedureRow> {
  const [row] = await db.select().from(procedures).where(eq(procedures.code, code)).limit(1);
  if (!row) throw new AppError('PROCEDURE_NOT_FOUND', { field: 'code' });
  return row;
}

/** Locks the procedure row: changes to one procedure (drafts, publications) happen one at a time. */
export async function lockProcedure(tx: Tx, code: string): Promise<ProcedureRow> {
  const [row] = await tx.select().from(procedures).where(eq(procedures.code, code)).for('update').limit(1);
  if (!row) throw new AppError('PROCEDURE_NOT_FOUND', { field: 'code' });
  return row;
}

export function inForceOn(today: string) {
  return and(
    eq(procedureVersions.status, 'published'),
    lte(procedureVersions.effectiveFrom, today),
    or(isNull(procedureVersions.effectiveTo), gt(procedureVersions.effectiveTo, today)),
  );
}

export async function versionsOf(db: Executor, procedureId: number): Promise<VersionRow[]> {
  return db
    .select()
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, procedureId))
    .orderBy(asc(procedureVersions.seq));
}

export async function draftOf(db: Executor, procedureId: number): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, procedureId), eq(procedureVersions.status, 'draft')))
    .limit(1);
  return row;
}

export async function agenciesOfVersions(
  db: Executor,
  versionIds: number[],
): Promise<Map<number, VersionAgency[]>> {
  const result = new Map<number, VersionAgency[]>();
  if (versionIds.length === 0) return result;
  const rows = await db
    .select({
      versionId: procedureVersionAgencies.versionId,
      id: agencies.id,
      code: agencies.code,
      name: agencies.name,
      path: agencies.path,
    })
    .from(procedureVersionAgencies)
    .innerJoin(agencies, eq(agencies.id, procedureVersionAgencies.agencyId))
    .where(inArray(procedureVersionAgencies.versionId, versionIds))
    .orderBy(asc(agencies.code));
  for (const r of rows) {
    const list = result.get(r.versionId) ?? [];
    list.push({ id: r.id, code: r.code, name: r.name, path: r.path });
    result.set(r.versionId, list);
  }
  return result;
}

/**
 * The agencies a change to the procedure affects as it stands: those implementing its draft and its
 * published versions not yet superseded (in force or scheduled). The caller adds the new content's.
 */
export async function liveAgencies(
  db: Executor,
  versions: readonly VersionRow[],
  today: string,
): Promise<VersionAgency[]> {
  const live = versions.filter(
    (v) => v.status === 'draft' || v.effectiveTo === null || v.effectiveTo > today,
  );
  const map = await agenciesOfVersions(
    db,
    live.map((v) => v.id),
  );
  return affectedAgencies(...live.map((v) => map.get(v.id) ?? []));
}

/** Agencies named by codes, as policies see them; unknown codes are left out (content checks report them). */
export async function agencyRefsByCodes(db: Executor, codes: readonly string[]): Promise<AgencyRef[]> {
  if (codes.length === 0) return [];
  return db
    .select({ id: agencies.id, path: agencies.path })
    .from(agencies)
    .where(inArray(agencies.code, [...codes]));
}

/**
 * Whether the caller may read or act within a procedure implemented by these agencies (any one of them
 * suffices): reading a draft, setting one's own agency's process. Changing the procedure itself needs a
 * right at every agency it affects (`canChangeProcedure`).
 */
export function canOnAgencies(
  principal: Principal | undefined,
  action: AgencyAction,
  list: readonly AgencyRef[],
): boolean {
  return isSystemAdmin(principal) || list.some((a) => can(principal, action, a));
}

/** Stored columns of a version, derived from its content. */
export function versionColumns(content: ProcedureContent, code: string, refs: LoadedRefs) {
  return {
    name: content.name,
    fieldId: refs.fieldIds.get(content.field)!,
    level: content.level,
    onlineLevel: content.onlineLevel,
    deadlineAmount: content.deadline.amount,
    deadlineUnit: content.deadline.unit,
    searchText: searchTextOf(code, content.name),
    content,
    contentHash: contentHash(content),
  };
}

export async function writeVersionAgencies(
  tx: Tx,
  versionId: number,
  content: ProcedureContent,
  refs: LoadedRefs,
  replace: boolean,
): Promise<void> {
  if (replace)
    await tx.delete(procedureVersionAgencies).where(eq(procedureVersionAgencies.versionId, versionId));
  await tx
    .insert(procedureVersionAgencies)
    .values(content.agencies.map((code) => ({ versionId, agencyId: refs.agencyIds.get(code)! })));
}

export async function nextSeq(tx: Tx, procedureId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${procedureVersions.seq}), 0)::int` })
    .from(procedureVersions)
    .where(eq(procedureVersions.procedureId, procedureId));
  return (row?.n ?? 0) + 1;
}

export type { ComponentView, FormTemplateRef, ProcedureView, VersionBody };

export const procedureActionCandidates = [
  'procedure.edit',
  'procedure.publish',
  'procedure.manage_process',
] as const;

/**
 * What the procedure page reads around a version's body: which version is in force and what may change
 * while it is (field and agency names, the procedure's lock version).
 */
export interface VersionAround {
  lockVersion: number;
  versionId: number;
  seq: number;
  status: VersionRow['status'];
  effectiveFrom: string | null;
  effectiveTo: string | null;
  publishedAt: Date | null;
  field: { code: string; name: string };
  agencies: VersionAgency[];
}

/**
 * The body of a version's view. Published versions and form templates are immutable, so the body of a
 * published version may be kept as long as one likes (catalog-cache.ts keeps the most read ones).
 */
export async function versionBody(
  db: Executor,
  code: string,
  content: ProcedureContent,
): Promise<VersionBody> {
  const templateIds = [...content.components, ...content.cases.flatMap((c) => c.components)]
    .map((c) => c.formTemplateId)
    .filter((id): id is number => id !== null);
  const templates = templateIds.length
    ? await db
        .select({
          id: formTemplates.id,
          fileName: formTemplates.fileName,
          mediaType: formTemplates.mediaType,
          size: formTemplates.size,
        })
        .from(formTemplates)
        .where(inArray(formTemplates.id, templateIds))
    : [];
  const byId = new Map(templates.map((t) => [t.id, t]));
  const component = ({ formTemplateId, ...c }: Component): ComponentView => {
    const t = formTemplateId === null ? undefined : byId.get(formTemplateId);
    return {
      ...c,
      formTemplate: t ? { ...t, url: `/api/v1/procedures/${encodeURIComponent(code)}/forms/${t.id}` } : null,
    };
  };
  return {
    code,
    name: content.name,
    level: content.level,
    onlineLevel: content.onlineLevel,
    fullOnlineEligible: content.fullOnlineEligible,
    notBoundToBoundary: content.notBoundToBoundary,
    deadline: content.deadline,
    decision: content.decision,
    steps: content.steps,
    methods: content.methods,
    components: content.components.map(component),
    fees: content.fees,
    applicants: content.applicants,
    result: content.result,
    requirements: content.requirements,
    legalBasis: content.legalBasis,
    cases: content.cases.map((c) => ({ ...c, components: c.components.map(component) })),
  };
}

/** The view of a version: its body and what may change around it (field and agency names, lock, actions). */
export function assembleView(
  body: VersionBody,
  around: {
    field: { code: string; name: string };
    agencies: readonly VersionAgency[];
    version: Pick<VersionRow, 'seq' | 'status' | 'effectiveFrom' | 'effectiveTo' | 'publishedAt'>;
    lockVersion: number;
    today: string;
    principal: Principal | undefined;
  },
): ProcedureView {
  const { version, principal } = around;
  return {
    ...body,
    field: around.field,
    agencies: around.agencies.map((a) => ({ code: a.code, name: a.name })),
    version: {
      seq: version.seq,
      status: statusOn(version, around.today),
      effectiveFrom: version.effectiveFrom,
      effectiveTo: version.effectiveTo,
      publishedAt: version.publishedAt?.toISOString() ?? null,
      lockVersion: around.lockVersion,
    },
    // Edit and publish as of this version's agencies; the change itself also checks the draft's.
    actions: principal
      ? procedureActionCandidates.filter((a) =>
          a === 'procedure.manage_process'
            ? canOnAgencies(principal, a, around.agencies)
            : canChangeProcedure(principal, a, around.agencies),
        )
      : [],
  };
}

/** A version as the public (or a staff member) sees it, with links to its form templates. */
export async function presentVersion(
  db: Executor,
  procedure: ProcedureRow,
  version: VersionRow,
  today: string,
  principal: Principal | undefined,
): Promise<ProcedureView> {
  const content = version.content;
  // One after another: `db` may be a transaction, whose single connection cannot run queries concurrently.
  const [field] = await db
    .select({ code: procedureFields.code, name: procedureFields.name })
    .from(procedureFields)
    .where(eq(procedureFields.id, version.fieldId));
  const agencyMap = await agenciesOfVersions(db, [version.id]);
  const body = await versionBody(db, procedure.code, content);
  return assembleView(body, {
    field: field ?? { code: content.field, name: content.field },
    agencies: agencyMap.get(version.id) ?? [],
    version,
    lockVersion: procedure.version,
    today,
    principal,
  });
}

/**
 * Every change to a procedure (draft saved or dropped, publication) moves its lock version on. The public
 * page shows it, so servers that keep pages in memory are told (at commit).
 */
export async function bumpLockVersion(tx: Tx, procedureId: number): Promise<typeof procedures.$inferSelect> {
  const [bumped] = await tx
    .update(procedures)
    .set({ version: sql`${procedures.version} + 1`, updatedAt: new Date() })
    .where(eq(procedures.id, procedureId))
    .returning();
  await notifyCatalogChanged(tx, `${LOCK_CHANGE} ${bumped!.code}`);
  return bumped!;
}
