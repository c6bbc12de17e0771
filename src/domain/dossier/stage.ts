/**
 * Whose turn it is: the stage a dossier waits at, derived from its state alone, so that the inbox tabs of
 * each role and the step of the internal process shown on the dossier always agree with its events.
 *
 * The same rule in SQL over a `dossiers` row is `stageSql` below (the inbox filters by it; a generated
 * column would have rewritten the whole table), and a database test checks both on dossiers in every
 * status.
 */
import type { StepRole } from '../catalog/model.ts';
import type { DossierState, DossierStatus } from './model.ts';
import type { Channel } from './model.ts';

export const dossierStages = [
  /** A desk dossier being entered, or an online one submitted: the desk checks and receives it. */
  'receive',
  /** Received, not yet forwarded to the resolving agency. */
  'forward',
  /** Forwarded; a leader assigns a handling officer. */
  'assign',
  /** With the handling officer. */
  'handle',
  /** Waiting for a cooperating agency's opinion (liên thông). */
  'cooperate',
  /** Handled (the officer completed the step), or the applicant asked to withdraw: the approver decides. */
  'approve',
  /** Approved: the clerk numbers and issues the result. */
  'issue',
  /** Result issued: the desk returns it. */
  'return',
  /** Waiting for the applicant (a draft, a supplement, a financial obligation). */
  'applicant',
] as const;
export type DossierStage = (typeof dossierStages)[number];

export function stageOf(row: {
  status: DossierStatus;
  channel: Channel | null;
  state: DossierState;
}): DossierStage | null {
  const { status, state } = row;
  switch (status) {
    case 'draft':
      return row.channel === 'online' ? 'applicant' : 'receive';
    case 'submitted':
      return 'receive';
    case 'received':
      return 'forward';
    case 'supplement_requested_at_intake':
    case 'supplement_requested':
    case 'financial_obligation':
      return 'applicant';
    case 'withdrawal_requested':
      return 'approve';
    case 'resolved':
      return 'return';
    case 'processing':
      if (state.assigneeId === null) return 'assign';
      if (state.approved) return 'issue';
      if (state.cooperation.some((b) => b.answeredAt === null)) return 'cooperate';
      return state.step > 0 ? 'approve' : 'handle';
    case 'refused':
    case 'stopped':
    case 'returned':
      return null;
  }
}

/** `stageOf` in SQL over the `dossiers` row named `t` (see the top). */
export const stageSql = (t = 'dossiers') => `CASE
  WHEN ${t}.status = 'draft' THEN CASE WHEN ${t}.channel = 'online' THEN 'applicant' ELSE 'receive' END
  WHEN ${t}.status = 'submitted' THEN 'receive'
  WHEN ${t}.status = 'received' THEN 'forward'
  WHEN ${t}.status IN ('supplement_requested_at_intake', 'supplement_requested', 'financial_obligation') THEN 'applicant'
  WHEN ${t}.status = 'withdrawal_requested' THEN 'approve'
  WHEN ${t}.status = 'resolved' THEN 'return'
  WHEN ${t}.status <> 'processing' THEN NULL
  WHEN coalesce(${t}.state->'assigneeId', 'null'::jsonb) = 'null'::jsonb THEN 'assign'
  WHEN (${t}.state->>'approved')::boolean THEN 'issue'
  WHEN jsonb_path_exists(${t}.state, '$.cooperation[*] ? (@.answeredAt == null)') THEN 'cooperate'
  WHEN (${t}.state->>'step')::int > 0 THEN 'approve'
  ELSE 'handle'
END`;

/** The statuses a dossier at each stage can have: lists filter by both, so the inbox index applies. */
export const stageStatuses = {
  receive: ['draft', 'submitted'],
  forward: ['received'],
  assign: ['processing'],
  handle: ['processing'],
  cooperate: ['processing'],
  approve: ['processing', 'withdrawal_requested'],
  issue: ['processing'],
  return: ['resolved'],
  applicant: ['draft', 'supplement_requested_at_intake', 'supplement_requested', 'financial_obligation'],
} as const satisfies Record<DossierStage, readonly DossierStatus[]>;

/** The internal-process role that does the work of each stage (null: no step of the process). */
const stageRoles = {
  receive: 'receive',
  forward: 'receive',
  assign: 'assign',
  handle: 'handle',
  cooperate: 'cooperate',
  approve: 'approve',
  issue: 'issue',
  return: 'return',
  applicant: 'handle',
} as const satisfies Record<DossierStage, StepRole>;

/** The order of the roles through a process; a process may leave some out. */
const roleOrder: Record<StepRole, number> = {
  receive: 0,
  assign: 1,
  handle: 2,
  cooperate: 3,
  approve: 4,
  issue: 5,
  return: 6,
};

/**
 * The step of the internal process the dossier is at: the first step whose role comes at or after the
 * role of its stage (a process without an assignment step shows the handling step while a leader
 * assigns). Null when the process is done (returned, stopped, refused) or has no such step.
 */
export function currentProcessStep(
  process: readonly { role: StepRole }[],
  row: { status: DossierStatus; channel: Channel | null; state: DossierState },
): number | null {
  const stage = stageOf(row);
  if (stage === null) return null;
  // A supplement or a financial obligation asked for at intake waits before any step.
  if (stage === 'applicant' && row.state.forwardedAt === null) return null;
  const at = roleOrder[stageRoles[stage]];
  const index = process.findIndex((s) => roleOrder[s.role] >= at);
  return index === -1 ? null : index;
}
