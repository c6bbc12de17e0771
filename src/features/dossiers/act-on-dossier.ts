/**
 * One action on a dossier (receive, forward, assign, approve, issue, return the result…): the domain
 * decides, this use case supplies what only the server knows (the dossier code, the legal processing time,
 * the resolving agency, the internal process) and writes the event, the new state, the side tables and
 * the audit row in one transaction.
 */
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import {
  dossierRatings,
  procedureProcesses,
  procedureVersions,
  roleAssignments,
  users,
} from '../../db/schema.ts';
import type { Principal } from '../../domain/access/policy.ts';
import {
  DossierRuleError,
  decide,
  isDossierAction,
  ratingCriteria,
  type ActionData,
  type DossierAction,
  type DossierActor,
  type DossierEvent,
  type DossierState,
} from '../../domain/dossier/index.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { calendarFor } from '../calendar/calendar-store.ts';
import { actorsOf, loadDossier, loadVisibleDossier, type LoadedDossier } from './dossier-access.ts';
import { applyEvent, deadlineFor, nextDossierCode } from './dossier-writes.ts';
import { unsuppliedItems } from './dossier-files.ts';
import { notifyApplicant } from './notify.ts';
import { notifyOpinion, opinionReplyInput, opinionRequestInput } from './opinion-requests.ts';

export interface ActionRequest {
  /** The dossier version the caller saw; a different current version is a conflict (409). */
  version?: number | undefined;
  /** Receive: indexes of the components the desk found present. */
  provided?: number[] | undefined;
  [field: string]: unknown;
}

/**
 * A background job acting on its own authority in the domain's `system` role (e.g. closing a dossier whose
 * supplement never came). It sees every dossier; the domain table decides what `system` may do.
 */
export interface SystemCaller {
  kind: 'system';
  /** Written as the event's actor id, e.g. `system:auto-close`. */
  id: string;
}

/** The system actor speaks for the desk before receipt and for the resolving agency after it. */
function systemActor(caller: SystemCaller, loaded: LoadedDossier): DossierActor {
  const atIntake = loaded.row.receivedAt === null;
  const agency = atIntake ? (loaded.intakeAgency ?? loaded.agency) : loaded.agency;
  return { id: caller.id, role: 'system', agencyCode: agency.code };
}

/** Fields of the request that belong to the API, not to the domain action. */
const apiFields = ['version', 'provided'] as const;

/** Instants travel as ISO 8601 strings over HTTP; the domain works in epoch ms. */
const instantFields: Partial<Record<DossierAction, string[]>> = {
  apologize: ['newDueAt'],
  return_result: ['receivedAt'],
};

function domainInput(action: DossierAction, body: ActionRequest): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if ((apiFields as readonly string[]).includes(key)) continue;
    if (instantFields[action]?.includes(key) && typeof value === 'string') {
      const ms = Date.parse(value);
      if (Number.isNaN(ms)) throw new AppError('VALIDATION_FAILED', { field: key });
      input[key] = ms;
    } else input[key] = value;
  }
  return input;
}

/** Refusals ranked by how far the actor got: the most telling one is reported. */
const rank = { forbidden: 0, conflict: 1, invalid: 2 } as const;

function decideAsAnyRole(
  state: DossierState,
  action: DossierAction,
  input: Record<string, unknown>,
  actors: DossierActor[],
  now: number,
  calendar: Parameters<typeof decide>[5],
) {
  let best: DossierRuleError | undefined;
  for (const actor of actors) {
    const decision = decide(state, action, input, actor, now, calendar);
    if (decision.ok) return decision;
    if (!best || rank[decision.refusal.kind] > rank[best.kind]) best = decision.refusal;
  }
  throw best ?? new DossierRuleError('role_not_allowed');
}

/** What the server adds to the caller's input, per action. */
async function serverInput(
  tx: Tx,
  action: DossierAction,
  loaded: LoadedDossier,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { row } = loaded;
  if (action === 'receive') {
    const [version] = await tx
      .select({ content: procedureVersions.content })
      .from(procedureVersions)
      .where(eq(procedureVersions.id, row.procedureVersionId));
    return { ...input, code: row.code, deadline: deadlineFor(version!.content, row.caseIndex, row.channel) };
  }
  // Forwarding goes to the resolving agency fixed at intake (competence), never to one the caller names.
  if (action === 'forward') return { ...input, agencyCode: loaded.agency.code };
  return input;
}

async function checkAssignee(tx: Tx, loaded: LoadedDossier, assigneeId: unknown): Promise<void> {
  if (typeof assigneeId !== 'string' || !/^[0-9a-f-]{36}$/i.test(assigneeId))
    throw new AppError('ASSIGNEE_NOT_HANDLING_OFFICER', { field: 'assigneeId' });
  const [grant] = await tx
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.userId, assigneeId),
        eq(roleAssignments.agencyId, loaded.agency.id),
        eq(roleAssignments.role, 'handling_officer'),
        eq(users.disabled, false),
      ),
    )
    .limit(1);
  if (!grant) throw new AppError('ASSIGNEE_NOT_HANDLING_OFFICER', { field: 'assigneeId' });
}

export async function actOnDossierTx(
  tx: Tx,
  principal: Principal | SystemCaller,
  ref: string,
  actionName: string,
  body: ActionRequest,
  now: number,
  meta: { ip: string | null },
): Promise<{ id: string; code: string | null; event: DossierEvent }> {
  if (!isDossierAction(actionName)) throw new DossierRuleError('unknown_action', 'action');
  const action = actionName;
  const loaded =
    principal.kind === 'system'
      ? await loadDossier(tx, ref, { forUpdate: true })
      : await loadVisibleDossier(tx, principal, ref, { forUpdate: true });
  const { row } = loaded;
  if (body.version !== undefined && body.version !== row.version)
    throw new AppError('VERSION_CONFLICT', {
      field: 'version',
      details: { currentVersion: row.version },
    });
  const actors = principal.kind === 'system' ? [systemActor(principal, loaded)] : actorsOf(principal, loaded);
  const calendar = await calendarFor(tx, loaded.agency.officeHours);
  let input = domainInput(action, body);
  if (action === 'assign') await checkAssignee(tx, loaded, input.assigneeId);
  if (principal.kind !== 'system') {
    if (action === 'send_to_cooperating')
      input = await opinionRequestInput(tx, loaded, input, principal.userId, now);
    if (action === 'cooperating_result') input = await opinionReplyInput(tx, loaded, input, principal.userId);
  }
  input = await serverInput(tx, action, loaded, input);
  const decision = decideAsAnyRole(row.state, action, input, actors, now, calendar);
  const { event, state } = decision;
  // Online the files are the supplement: every item asked for needs one. At the counter the desk takes the
  // papers themselves (and may digitise them), so its word is enough.
  if (event.action === 'provide_supplement' && event.actor.role === 'applicant') {
    const missing = await unsuppliedItems(tx, loaded);
    if (missing.length > 0)
      throw new AppError('SUPPLEMENT_FILES_MISSING', {
        field: 'items',
        vi: `Chưa tải lên tệp cho: ${missing.map((m) => m.item).join('; ')}.`,
        en: `No file uploaded yet for: ${missing.map((m) => m.item).join('; ')}.`,
        details: { items: missing.map((m) => m.itemIdx) },
      });
  }

  const extra: Record<string, unknown> = {};
  if (action === 'submit' && row.code === null) extra.code = await nextDossierCode(tx, loaded.agency, now);
  if (action === 'forward') {
    const [process] = await tx
      .select({ steps: procedureProcesses.steps })
      .from(procedureProcesses)
      .where(
        and(
          eq(procedureProcesses.procedureId, row.procedureId),
          eq(procedureProcesses.agencyId, loaded.agency.id),
        ),
      );
    extra.process = process?.steps ?? null;
  }
  const actingAgency =
    event.actor.agencyCode === null
      ? null
      : ([loaded.agency, loaded.intakeAgency, ...loaded.cooperating.values()].find(
          (a) => a?.code === event.actor.agencyCode,
        )?.id ?? null);
  if (action === 'receive' && body.provided !== undefined) {
    const provided = new Set(body.provided);
    for (const idx of provided)
      if (row.components[idx] === undefined) throw new AppError('COMPONENT_NOT_FOUND', { field: 'provided' });
    extra.components = row.components.map((c, idx) => (provided.has(idx) ? { ...c, provided: true } : c));
  }
  await applyEvent(tx, row.id, row.version, event, state, actingAgency, extra);
  if (event.action === 'rate') {
    const data: ActionData['rate'] = event.data;
    await tx.insert(dossierRatings).values({
      dossierId: row.id,
      agencyId: row.agencyId,
      officerId: state.assigneeId,
      quick: data.quick,
      criteria: data.criteria,
      score: ratingCriteria.reduce((sum, c) => sum + data.criteria[c], 0),
      comment: data.comment,
      createdAt: new Date(now),
    });
  }
  await notifyApplicant(tx, row, event, state);
  await notifyOpinion(tx, loaded, event, state);
  await recordAudit(tx, {
    actorId: principal.kind === 'system' ? null : principal.userId,
    action: `dossier.${action}`,
    entity: 'dossier',
    entityId: row.id,
    agencyId: row.agencyId,
    data: {
      code: row.code ?? extra.code ?? null,
      from: event.from,
      to: event.to,
      role: event.actor.role,
      ...(principal.kind === 'system' ? { actor: principal.id } : {}),
    },
    ip: meta.ip,
  });
  return { id: row.id, code: (extra.code as string | undefined) ?? row.code, event };
}

export async function actOnDossier(
  db: Db,
  principal: Principal,
  ref: string,
  action: string,
  body: ActionRequest,
  now: number,
  meta: { ip: string | null },
) {
  return db.transaction((tx) => actOnDossierTx(tx, principal, ref, action, body, now, meta));
}
