import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { procedureVersions, procedures } from '../../db/schema.ts';
import {
  affectedAgencies,
  canChangeProcedure,
  scopeFor,
  type AgencyRef,
  type Principal,
} from '../../domain/access/policy.ts';
import type { ProcedureContent } from '../../domain/catalog/model.ts';
import { validateProcedure } from '../../domain/catalog/validate.ts';
import { vnToday } from '../../domain/catalog/versions.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { loadRefs, templateIdsOf, throwIssues, type LoadedRefs } from './check.ts';
import {
  agenciesOfVersions,
  agencyRefsByCodes,
  canOnAgencies,
  bumpLockVersion,
  liveAgencies,
  draftOf,
  findProcedure,
  lockProcedure,
  nextSeq,
  presentVersion,
  versionColumns,
  versionsOf,
  writeVersionAgencies,
  type ProcedureView,
  type VersionRow,
} from './procedure-queries.ts';

/** References of the content checked, or every problem thrown at once. */
export async function checkContent(
  db: Db | Tx,
  content: ProcedureContent,
  prefix = 'content',
): Promise<LoadedRefs> {
  const refs = await loadRefs(db, { agencyCodes: content.agencies, templateIds: templateIdsOf(content) });
  throwIssues(validateProcedure(content, refs), prefix);
  return refs;
}

/**
 * Authorization comes before any look at the content: whoever may not edit procedures at all learns
 * nothing from the content checks (which form templates or fields exist).
 */
function mayEditSomewhere(principal: Principal): void {
  if (scopeFor(principal, 'procedure.edit').kind === 'none') throw new AppError('FORBIDDEN');
}

/** A new procedure, as a draft. Its author must administer every agency that implements it. */
export async function createProcedure(
  db: Db,
  principal: Principal,
  input: { code: string; content: ProcedureContent; note?: string | undefined },
  meta: { ip: string | null },
  now: Date,
): Promise<ProcedureView> {
  mayEditSomewhere(principal);
  const affected = await agencyRefsByCodes(db, input.content.agencies);
  // Unknown agency codes are left to the content check below (agency codes are public).
  if (affected.length > 0 && !canChangeProcedure(principal, 'procedure.edit', affected)) {
    throw new AppError('FORBIDDEN', { field: 'content/agencies' });
  }
  const refs = await checkContent(db, input.content);
  const { procedure, version } = await db.transaction(async (tx) => {
    const [procedure] = await tx
      .insert(procedures)
      .values({ code: input.code })
      .onConflictDoNothing()
      .returning();
    if (!procedure) throw new AppError('PROCEDURE_CODE_TAKEN', { field: 'code' });
    const [version] = await tx
      .insert(procedureVersions)
      .values({
        procedureId: procedure.id,
        seq: 1,
        status: 'draft',
        ...versionColumns(input.content, input.code, refs),
        note: input.note ?? null,
        createdBy: principal.userId,
      })
      .returning();
    await writeVersionAgencies(tx, version!.id, input.content, refs, false);
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'procedure.create',
      entity: 'procedure',
      entityId: input.code,
      data: { seq: 1, name: input.content.name },
      ip: meta.ip,
    });
    return { procedure, version: version! };
  });
  return presentVersion(db, procedure, version, vnToday(now), principal);
}

/**
 * Saves the draft of a procedure. Editing a published procedure starts a new draft from the given content;
 * published versions are never changed. `version` is the procedure's change counter as last read.
 */
export async function saveDraft(
  db: Db,
  principal: Principal,
  code: string,
  input: { version: number; content: ProcedureContent; note?: string | undefined },
  meta: { ip: string | null },
  now: Date,
): Promise<ProcedureView> {
  mayEditSomewhere(principal);
  const { procedure, version } = await db.transaction(async (tx) => {
    const procedure = await lockProcedure(tx, code);
    const versions = await versionsOf(tx, procedure.id);
    // Every agency implementing the procedure now (in force, scheduled, draft) and after this draft.
    const affected = affectedAgencies<AgencyRef>(
      await liveAgencies(tx, versions, vnToday(now)),
      await agencyRefsByCodes(tx, input.content.agencies),
    );
    if (!canChangeProcedure(principal, 'procedure.edit', affected)) throw new AppError('FORBIDDEN');
    if (procedure.version !== input.version) throw new AppError('VERSION_CONFLICT', { field: 'version' });
    const refs = await checkContent(tx, input.content);
    const columns = versionColumns(input.content, code, refs);
    const draft = versions.find((v) => v.status === 'draft');
    let row: VersionRow | undefined;
    if (draft) {
      [row] = await tx
        .update(procedureVersions)
        .set({ ...columns, note: input.note ?? draft.note, updatedAt: new Date() })
        .where(eq(procedureVersions.id, draft.id))
        .returning();
      await writeVersionAgencies(tx, draft.id, input.content, refs, true);
    } else {
      [row] = await tx
        .insert(procedureVersions)
        .values({
          procedureId: procedure.id,
          seq: await nextSeq(tx, procedure.id),
          status: 'draft',
          ...columns,
          note: input.note ?? null,
          createdBy: principal.userId,
        })
        .returning();
      if (!row) throw new AppError('INTERNAL');
      await writeVersionAgencies(tx, row.id, input.content, refs, false);
    }
    if (!row) throw new AppError('DRAFT_NOT_FOUND');
    const bumped = await bumpLockVersion(tx, procedure.id);
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'procedure.save_draft',
      entity: 'procedure',
      entityId: code,
      data: { seq: row.seq, name: input.content.name, contentHash: columns.contentHash },
      ip: meta.ip,
    });
    return { procedure: bumped, version: row };
  });
  return presentVersion(db, procedure, version, vnToday(now), principal);
}

export async function getDraft(
  db: Db,
  principal: Principal,
  code: string,
  now: Date,
): Promise<ProcedureView & { content: ProcedureContent }> {
  const procedure = await findProcedure(db, code);
  const draft = await draftOf(db, procedure.id);
  if (!draft) throw new AppError('DRAFT_NOT_FOUND');
  const agencies = (await agenciesOfVersions(db, [draft.id])).get(draft.id) ?? [];
  if (!canOnAgencies(principal, 'procedure.edit', agencies)) throw new AppError('DRAFT_NOT_FOUND');
  return { ...(await presentVersion(db, procedure, draft, vnToday(now), principal)), content: draft.content };
}

export async function discardDraft(
  db: Db,
  principal: Principal,
  code: string,
  input: { version: number },
  meta: { ip: string | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    const procedure = await lockProcedure(tx, code);
    const draft = await draftOf(tx, procedure.id);
    if (!draft) throw new AppError('DRAFT_NOT_FOUND');
    // Dropping a draft throws away work done for every agency it names.
    const agencies = (await agenciesOfVersions(tx, [draft.id])).get(draft.id) ?? [];
    if (!canChangeProcedure(principal, 'procedure.edit', agencies)) throw new AppError('FORBIDDEN');
    if (procedure.version !== input.version) throw new AppError('VERSION_CONFLICT', { field: 'version' });
    await tx
      .delete(procedureVersions)
      .where(and(eq(procedureVersions.id, draft.id), eq(procedureVersions.status, 'draft')));
    const remaining = await versionsOf(tx, procedure.id);
    if (remaining.length === 0) await tx.delete(procedures).where(eq(procedures.id, procedure.id));
    else await bumpLockVersion(tx, procedure.id);
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'procedure.discard_draft',
      entity: 'procedure',
      entityId: code,
      data: { seq: draft.seq },
      ip: meta.ip,
    });
  });
}
