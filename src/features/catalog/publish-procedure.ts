import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { agencies, procedureProcesses, procedureVersions } from '../../db/schema.ts';
import { canChangeProcedure, type Principal } from '../../domain/access/policy.ts';
import { checkBudgetAgainst, deadlinesOf } from '../../domain/catalog/budget.ts';
import { checkPublishable, contentPathLabel } from '../../domain/catalog/consistency.ts';
import type { Issue } from '../../domain/catalog/issues.ts';
import type { ProcedureContent } from '../../domain/catalog/model.ts';
import { validateProcedure } from '../../domain/catalog/validate.ts';
import { placeInTimeline, vnToday } from '../../domain/catalog/versions.ts';
import { AppError, type ErrorCode } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { notifyCatalogChanged } from './catalog-changes.ts';
import { issueMessage, loadRefs, templateIdsOf } from './check.ts';
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

/** One entry of a refused publication's `details.errors`. */
export interface PublishProblem {
  field: string;
  code: ErrorCode;
  severity: 'error' | 'warning';
  label: string;
  label_en: string;
  message: string;
  message_en: string;
}

/**
 * Everything that stands between a draft and its publication, in one list: references gone since the draft
 * was saved (agencies, form templates), the content's gaps and contradictions (domain/catalog/consistency.ts)
 * and internal processes that no longer fit its deadlines. Warnings ride along but refuse nothing.
 */
export async function publicationProblems(
  tx: Tx,
  procedureId: number,
  content: ProcedureContent,
): Promise<PublishProblem[]> {
  const refs = await loadRefs(tx, { agencyCodes: content.agencies, templateIds: templateIdsOf(content) });
  const fromIssue = (i: Issue, prefix: string, label: { vi: string; en: string }): PublishProblem => ({
    field: `${prefix}/${i.path}`,
    code: i.code,
    severity: 'error',
    label: label.vi,
    label_en: label.en,
    ...issueMessage(i),
  });
  const problems: PublishProblem[] = validateProcedure(content, refs).map((i) =>
    fromIssue(i, 'content', contentPathLabel(i.path)),
  );
  for (const p of checkPublishable(content)) {
    problems.push({
      field: `content/${p.path}`,
      code: 'PROCEDURE_INCOMPLETE',
      severity: p.severity,
      label: p.label.vi,
      label_en: p.label.en,
      message: p.vi,
      message_en: p.en,
    });
  }
  const rows = await tx
    .select({ steps: procedureProcesses.steps, agency: agencies.code, name: agencies.name })
    .from(procedureProcesses)
    .innerJoin(agencies, eq(agencies.id, procedureProcesses.agencyId))
    .where(eq(procedureProcesses.procedureId, procedureId));
  const deadlines = deadlinesOf(content);
  for (const r of rows) {
    for (const i of checkBudgetAgainst(r.steps, deadlines).issues) {
      problems.push(
        fromIssue(i, `processes/${r.agency}`, {
          vi: `Quy trình nội bộ của ${r.name}`,
          en: `Internal process of ${r.name}`,
        }),
      );
    }
  }
  return problems;
}

/** Refuses with every problem listed (errors first); the first error names the field of the refusal. */
function refuseIfProblems(problems: PublishProblem[]): void {
  const errors = problems.filter((p) => p.severity === 'error');
  const first = errors[0];
  if (!first) return;
  const ordered = [...errors, ...problems.filter((p) => p.severity === 'warning')];
  const many = errors.length > 1;
  throw new AppError(first.code, {
    field: first.field,
    vi: many
      ? `Chưa thể công bố: có ${errors.length} vấn đề cần sửa. ${first.label}: ${first.message}`
      : `${first.label}: ${first.message}`,
    en: many
      ? `Cannot publish yet: ${errors.length} problems to fix. ${first.label_en}: ${first.message_en}`
      : `${first.label_en}: ${first.message_en}`,
    details: { errors: ordered },
  });
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
    // Agencies or templates may have gone since the draft was saved; all problems are listed at once.
    refuseIfProblems(await publicationProblems(tx, procedure.id, draft.content));
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
