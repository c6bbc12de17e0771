/**
 * Writes shared by the dossier use cases: the per-agency daily code, appending an event together with the
 * state it leads to, and the processing time that applies to a dossier.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { runPrepared } from '../../db/statements.ts';
import { dossierCodeCounters, dossierEvents, dossiers } from '../../db/schema.ts';
import type { ProcedureContent } from '../../domain/catalog/model.ts';
import {
  formatDossierCode,
  vnDateOf,
  type Channel,
  type Deadline,
  type DossierEvent,
  type DossierState,
} from '../../domain/dossier/index.ts';
import { AppError } from '../../domain/errors.ts';

/**
 * The next code of an agency for the day of `now` (Vietnam). The counter row is locked by the upsert
 * until the transaction ends, so concurrent intakes take consecutive numbers, and a rolled-back intake
 * gives its number back.
 */
export async function nextDossierCode(
  tx: Tx,
  agency: { id: number; code: string },
  now: number,
): Promise<string> {
  const day = vnDateOf(now);
  const [row] = await runPrepared(
    'dossier-writes.code',
    tx
      .insert(dossierCodeCounters)
      .values({ agencyId: agency.id, day, last: 1 })
      .onConflictDoUpdate({
        target: [dossierCodeCounters.agencyId, dossierCodeCounters.day],
        set: { last: sql`${dossierCodeCounters.last} + 1` },
      })
      .returning({ last: dossierCodeCounters.last }),
  );
  return formatDossierCode(agency.code, day, row!.last);
}

function at(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

/** The columns copied from the state, so lists and the inbox index never disagree with it. */
export function stateColumns(state: DossierState) {
  return {
    status: state.status,
    state,
    version: state.version,
    assigneeId: state.assigneeId,
    submittedAt: at(state.submittedAt),
    receivedAt: at(state.receivedAt),
    dueAt: at(state.dueAt),
    resolvedAt: at(state.resolvedAt),
    returnedAt: at(state.returnedAt),
    closedAt: at(state.closedAt),
  };
}

/** The row of an event (the dossier id may be an expression, for a dossier inserted by the same statement). */
export function eventRow(dossierId: string | SQL, event: DossierEvent, agencyId: number | null) {
  return {
    dossierId,
    seq: event.seq,
    at: new Date(event.at),
    action: event.action,
    actorId: event.actor.id,
    actorRole: event.actor.role,
    agencyId,
    fromStatus: event.from,
    toStatus: event.to,
    event,
  };
}

export async function insertEvent(
  tx: Tx,
  dossierId: string,
  event: DossierEvent,
  agencyId: number | null,
): Promise<void> {
  await runPrepared(
    'dossier-writes.event',
    tx.insert(dossierEvents).values(eventRow(dossierId, event, agencyId)),
  );
}

/**
 * Appends the event and moves the dossier to the state it leads to, in the caller's transaction. The
 * version check makes a concurrent change (which the row lock should already have serialised) fail loudly.
 */
export async function applyEvent(
  tx: Tx,
  dossierId: string,
  previousVersion: number,
  event: DossierEvent,
  state: DossierState,
  agencyId: number | null,
  extra: Partial<typeof dossiers.$inferInsert> = {},
): Promise<void> {
  const updated = await runPrepared(
    'dossier-writes.apply',
    tx
      .update(dossiers)
      .set({ ...stateColumns(state), ...extra, updatedAt: new Date(event.at) })
      .where(and(eq(dossiers.id, dossierId), eq(dossiers.version, previousVersion)))
      .returning({ id: dossiers.id }),
  );
  if (updated.length === 0) throw new AppError('VERSION_CONFLICT', { field: 'version' });
  await insertEvent(tx, dossierId, event, agencyId);
}

/**
 * The processing time of a dossier: its case variant's, else the one of its channel's method, else the
 * procedure's. The version it was filed under decides, never a later one.
 */
export function deadlineFor(content: ProcedureContent, caseIndex: number | null, channel: Channel): Deadline {
  if (caseIndex !== null) {
    const chosen = content.cases[caseIndex];
    if (chosen) return { amount: chosen.deadline.amount, unit: chosen.deadline.unit };
  }
  const method = content.methods.find((m) => m.kind === channel);
  const d = method?.deadline ?? content.deadline;
  return { amount: d.amount, unit: d.unit };
}

/** The components asked for: the case variant's own list when it has one, else the procedure's. */
export function componentsFor(content: ProcedureContent, caseIndex: number | null) {
  if (caseIndex !== null) {
    const chosen = content.cases[caseIndex];
    if (chosen && chosen.components.length > 0) return chosen.components;
  }
  return content.components;
}
