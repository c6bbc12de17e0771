import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { agencies, procedureProcesses, procedureVersions } from '../../db/schema.ts';
import { canChangeProcedure, type Principal } from '../../domain/access/policy.ts';
import { checkBudgetAgainst, deadlinesOf } from '../../domain/catalog/budget.ts';
import type { ProcedureContent } from '../../domain/catalog/model.ts';
import { placeInTimeline, vnToday } from '../../domain/catalog/versions.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { notifyCatalogChanged } from './catalog-changes.ts';
import { throwIssues } from './check.ts';
import { checkContent } from './edit-procedure.ts';
import {
  bumpLockVersion,
  draftOf,
  liveAgencies,
  lockProcedure,
  presentVersion,
  type ProcedureRow,
  type ProcedureView,
  type VersionRow,
  versionsOf,
} from './procedure-queries.ts';

/**
 * Every internal process of the procedure must fit the deadlines of the version being published: its
 * main deadline and each case variant's.
 */
export async function checkProcessesFit(
  tx: Tx,
  procedureId: number,
  content: ProcedureContent,
): Promise<void> {
  const rows = await tx
    .select({ steps: procedureProcesses.steps, agency: agencies.code })
    .from(procedureProcesses)
    .innerJoin(agencies, eq(agencies.id, procedureProcesses.agencyId))
    .where(eq(procedureProcesses.procedureId, procedureId));
  const deadlines = deadlinesOf(content);
  for (const r of rows) {
    throwIssues(checkBudgetAgainst(r.steps, deadlines).issues, `processes/${r.agency}`);
  }
}

/**
 * Puts a version in the timeline of published versions: the one before it ends on its effective date.
 * Shared by publication and import.
 */
export async function publishVersion(
  tx: Tx,
  procedure: ProcedureRow,
  version: VersionRow,
  effectiveFrom: string,
  actorId: string | null,
  note: string | null | undefined,
): Promise<VersionRow> {
  const published = await tx
    .select({ id: procedureVersions.id, effectiveFrom: procedureVersions.effectiveFrom })
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, procedure.id), eq(procedureVersions.status, 'published')));
  const place = placeInTimeline(
    published.map((p) => ({ id: p.id, effectiveFrom: p.effectiveFrom! })),
    effectiveFrom,
  );
  if (place.clash) throw new AppError('EFFECTIVE_DATE_TAKEN', { field: 'effectiveFrom' });
  if (place.previousId !== undefined) {
    await tx
      .update(procedureVersions)
      .set({ effectiveTo: effectiveFrom })
      .where(eq(procedureVersions.id, place.previousId));
  }
  const [row] = await tx
    .update(procedureVersions)
    .set({
      status: 'published',
      effectiveFrom,
      effectiveTo: place.effectiveTo,
      publishedAt: new Date(),
      publishedBy: actorId,
      note: note ?? version.note,
      updatedAt: new Date(),
    })
    .where(eq(procedureVersions.id, version.id))
    .returning();
  return row!;
}

/**
 * Publishes the draft, in force from `effectiveFrom` (today or later, in Vietnam): until then the
 * version before it is still served, and dossiers keep whichever version they were filed under.
 */
export async function publishProcedure(
  db: Db,
  principal: Principal,
  code: string,
  input: { version: number; effectiveFrom: string; note?: string | undefined },
  meta: { ip: string | null },
  now: Date,
): Promise<ProcedureView> {
  const today = vnToday(now);
  if (input.effectiveFrom < today) throw new AppError('EFFECTIVE_DATE_IN_PAST', { field: 'effectiveFrom' });
  const { procedure, version } = await db.transaction(async (tx) => {
    const procedure = await lockProcedure(tx, code);
    const draft = await draftOf(tx, procedure.id);
    if (!draft) throw new AppError('DRAFT_NOT_FOUND');
    // The draft replaces what every agency of the versions in force or scheduled serves: each is affected.
    const affected = await liveAgencies(tx, await versionsOf(tx, procedure.id), today);
    if (!canChangeProcedure(principal, 'procedure.publish', affected)) throw new AppError('FORBIDDEN');
    if (procedure.version !== input.version) throw new AppError('VERSION_CONFLICT', { field: 'version' });
    // Agencies or templates may have gone since the draft was saved.
    await checkContent(tx, draft.content);
    await checkProcessesFit(tx, procedure.id, draft.content);
    const row = await publishVersion(tx, procedure, draft, input.effectiveFrom, principal.userId, input.note);
    const bumped = await bumpLockVersion(tx, procedure.id);
    await notifyCatalogChanged(tx, `publish ${code}`);
    await recordAudit(tx, {
      actorId: principal.userId,
      action: 'procedure.publish',
      entity: 'procedure',
      entityId: code,
      data: { seq: row.seq, effectiveFrom: input.effectiveFrom, contentHash: row.contentHash },
      ip: meta.ip,
    });
    return { procedure: bumped, version: row };
  });
  return presentVersion(db, procedure, version, today, principal);
}
