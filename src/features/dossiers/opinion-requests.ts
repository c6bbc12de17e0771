/**
 * Requests for another agency's opinion (liên thông) on a dossier: what the server adds to the request and
 * to the answer (each asked agency's reply deadline by its own calendar, the attached files), and who hears
 * of them (the asked agency's officers who may answer; the handling officer when the answer comes).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { dossierFiles, roleAssignments, users } from '../../db/schema.ts';
import type { StaffRole } from '../../domain/access/roles.ts';
import { computeDue } from '../../domain/calendar/index.ts';
import type { DossierEvent, DossierState, OpinionFile } from '../../domain/dossier/index.ts';
import { AppError } from '../../domain/errors.ts';
import { calendarFor } from '../calendar/calendar-store.ts';
import { formatVnDateTime } from './due-alerts.ts';
import { agenciesByCodes, type AgencyInfo, type LoadedDossier } from './dossier-access.ts';
import { notify } from './notify.ts';

/** The reply time an officer is offered when they do not choose one. */
export const DEFAULT_REPLY_WORKING_DAYS = 3;

/** Staff roles at the asked agency that answer for it (the `cooperating_officer` actor, dossier-access.ts). */
export const answeringRoles = ['handling_officer', 'approver'] as const satisfies readonly StaffRole[];

export type OpinionFilePurpose = 'opinion_request' | 'opinion_reply';

/** Ids of the files already sent with a request or an answer of this dossier. */
function sentFileIds(state: DossierState): Set<string> {
  const ids = new Set<string>();
  for (const b of state.cooperation) {
    for (const f of b.requestFiles ?? []) ids.add(f.id);
    for (const f of b.replyFiles ?? []) ids.add(f.id);
  }
  return ids;
}

/**
 * The files a request or an answer sends, by id: uploaded to this dossier for that purpose by the caller
 * and not sent before. Anything else is refused naming the list item.
 */
async function attachments(
  tx: Tx,
  loaded: LoadedDossier,
  raw: unknown,
  purpose: OpinionFilePurpose,
  userId: string,
): Promise<OpinionFile[] | undefined> {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) return raw as never; // the domain refuses the shape
  const ids = raw.filter((id): id is string => typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id));
  const rows =
    ids.length === 0
      ? []
      : await tx
          .select({ id: dossierFiles.id, fileName: dossierFiles.fileName })
          .from(dossierFiles)
          .where(
            and(
              inArray(dossierFiles.id, ids),
              eq(dossierFiles.dossierId, loaded.row.id),
              eq(dossierFiles.purpose, purpose),
              eq(dossierFiles.uploadedBy, userId),
              isNull(dossierFiles.replacedAt),
            ),
          );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const sent = sentFileIds(loaded.row.state);
  return raw.map((id: unknown, i) => {
    const row = typeof id === 'string' ? byId.get(id.toLowerCase()) : undefined;
    if (!row || sent.has(row.id))
      throw new AppError('ATTACHMENT_NOT_AVAILABLE', { field: `attachments/${i}` });
    return { id: row.id, fileName: row.fileName };
  });
}

/**
 * The request as the domain takes it: the asked agencies must exist (and not be the resolving agency); the
 * reply is due after the chosen number of working days counted by each asked agency's own calendar (office
 * hours differ between a department and a commune).
 */
export async function opinionRequestInput(
  tx: Tx,
  loaded: LoadedDossier,
  input: Record<string, unknown>,
  userId: string,
  now: number,
): Promise<Record<string, unknown>> {
  const next: Record<string, unknown> = { ...input };
  if (!Array.isArray(input.agencies)) return next;
  const codes = input.agencies.filter((c): c is string => typeof c === 'string');
  const found = await agenciesByCodes(tx, codes);
  codes.forEach((c, i) => {
    if (!found.has(c) || c === loaded.agency.code)
      throw new AppError('UNKNOWN_AGENCY', { field: `agencies/${i}` });
  });
  const days = input.replyWorkingDays ?? DEFAULT_REPLY_WORKING_DAYS;
  next.replyWorkingDays = days;
  if (typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 60) {
    const due: Record<string, number> = {};
    for (const c of codes) {
      const calendar = await calendarFor(tx, found.get(c)!.officeHours);
      due[c] = computeDue({ start: now, amount: days, unit: 'working_days' }, calendar);
    }
    next.replyDueAt = due;
  }
  const files = await attachments(tx, loaded, input.attachments, 'opinion_request', userId);
  if (files === undefined) delete next.attachments;
  else next.attachments = files;
  return next;
}

export async function opinionReplyInput(
  tx: Tx,
  loaded: LoadedDossier,
  input: Record<string, unknown>,
  userId: string,
): Promise<Record<string, unknown>> {
  const next: Record<string, unknown> = { ...input };
  const files = await attachments(tx, loaded, input.attachments, 'opinion_reply', userId);
  if (files === undefined) delete next.attachments;
  else next.attachments = files;
  return next;
}

/** Active users holding one of the roles at one of the agencies. */
async function officersOf(tx: Tx, agencyIds: number[], roles: readonly StaffRole[]) {
  if (agencyIds.length === 0) return [];
  return tx
    .selectDistinct({ userId: users.id, agencyId: roleAssignments.agencyId })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        inArray(roleAssignments.agencyId, agencyIds),
        inArray(roleAssignments.role, [...roles]),
        eq(users.disabled, false),
      ),
    );
}

/**
 * A request reaches every officer of each asked agency who may answer it; an answer reaches the handling
 * officer who asked. Names, not codes: the people reading them know agencies by name.
 */
export async function notifyOpinion(
  tx: Tx,
  loaded: LoadedDossier,
  event: DossierEvent,
  state: DossierState,
): Promise<void> {
  const { row, agency } = loaded;
  const code = state.code ?? row.code ?? '';
  if (event.action === 'send_to_cooperating') {
    const asked = await agenciesByCodes(tx, event.data.agencies);
    const byId = new Map<number, AgencyInfo>([...asked.values()].map((a) => [a.id, a]));
    const people = await officersOf(tx, [...byId.keys()], answeringRoles);
    await notify(
      tx,
      people.map((p) => {
        const askedCode = byId.get(p.agencyId!)!.code;
        const dueAt = event.data.replyDueAt?.[askedCode];
        const due = dueAt === undefined ? '' : formatVnDateTime(dueAt);
        return {
          userId: p.userId,
          dossierId: row.id,
          kind: 'dossier.opinion_requested',
          dedupeKey: `${row.id}:${event.seq}:${askedCode}`,
          title: `${agency.name} xin ý kiến về hồ sơ ${code}${due ? ` (hạn cho ý kiến ${due})` : ''}`,
          titleEn: `${agency.name} asks your agency’s opinion on dossier ${code}${due ? ` (reply due ${due})` : ''}`,
        };
      }),
    );
  } else if (event.action === 'cooperating_result' && state.assigneeId !== null) {
    const from = loaded.cooperating.get(event.data.agencyCode)?.name ?? event.data.agencyCode;
    await notify(tx, [
      {
        userId: state.assigneeId,
        dossierId: row.id,
        kind: 'dossier.opinion_given',
        dedupeKey: `${row.id}:${event.seq}`,
        title: `${from} đã cho ý kiến về hồ sơ ${code}`,
        titleEn: `${from} gave its opinion on dossier ${code}`,
      },
    ]);
  }
}
