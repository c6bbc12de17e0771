import { expect } from 'vitest';
import { createWorkCalendar } from '../../../src/domain/calendar/index.ts';
import {
  decide,
  initialDossier,
  type DossierActor,
  type DossierEvent,
  type DossierState,
} from '../../../src/domain/dossier/index.ts';

export const calendar = createWorkCalendar();

/** Epoch ms of an ISO instant with an explicit offset, via the platform parser (independent of ours). */
export function at(iso: string): number {
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(iso)) throw new Error(`test instant without offset: ${iso}`);
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test instant: ${iso}`);
  return ms;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const DESK_AGENCY = '000.00.12.H18';
export const COOP_AGENCY = '000.00.15.H18';

export const actors = {
  applicant: { id: 'citizen-1', role: 'applicant' },
  otherApplicant: { id: 'citizen-2', role: 'applicant' },
  desk: { id: 'desk-1', role: 'receiving_officer', agencyCode: DESK_AGENCY },
  handler: { id: 'handler-1', role: 'handling_officer', agencyCode: DESK_AGENCY },
  otherHandler: { id: 'handler-2', role: 'handling_officer', agencyCode: DESK_AGENCY },
  approver: { id: 'leader-1', role: 'approver', agencyCode: DESK_AGENCY },
  clerk: { id: 'clerk-1', role: 'clerk', agencyCode: DESK_AGENCY },
  coop: { id: 'coop-1', role: 'cooperating_officer', agencyCode: COOP_AGENCY },
  system: { id: 'payment-gateway', role: 'system' },
  admin: { id: 'admin-1', role: 'agency_admin', agencyCode: DESK_AGENCY },
  supervisor: { id: 'sup-1', role: 'supervisor', agencyCode: DESK_AGENCY },
  systemAdmin: { id: 'root', role: 'system_admin' },
} as const satisfies Record<string, DossierActor>;

export type ActorName = keyof typeof actors;

/** Monday 2 March 2026, 08:00 in Vietnam: no holiday for weeks around. */
export const T0 = at('2026-03-02T08:00:00+07:00');

export const criteriaAllTwo = {
  total_time: 2,
  time_per_agency: 2,
  contacts: 2,
  agencies_contacted: 2,
  one_stop: 2,
  publication: 2,
  attitude: 2,
  feedback_handling: 2,
  online_service: 2,
};

/** A valid input for each action, written from the forms, not from the implementation. */
export const validInputs: Record<string, unknown> = {
  save_draft: { channel: 'online' },
  submit: {},
  receive: { code: `${DESK_AGENCY}-260302-0001`, deadline: { amount: 10, unit: 'working_days' } },
  request_supplement: { items: ['Bản sao giấy khai sinh'], reason: 'Thiếu thành phần hồ sơ' },
  refuse: { reasons: ['Không thuộc thẩm quyền giải quyết'] },
  provide_supplement: { items: ['Bản sao giấy khai sinh'] },
  forward: { agencyCode: DESK_AGENCY },
  assign: { assigneeId: 'handler-1' },
  complete_step: {},
  return_step: { reason: 'Cần thẩm định lại' },
  send_to_cooperating: {
    agencies: [COOP_AGENCY],
    question: 'Đề nghị cho ý kiến về hiện trạng',
    replyWorkingDays: 3,
    // Worked out by the server from the asked agency's calendar; any later time will do here.
    replyDueAt: { [COOP_AGENCY]: Date.UTC(2100, 0, 1) },
  },
  cooperating_result: { result: 'Thống nhất' },
  approve: {},
  issue: { resultNumber: '123/GP-SVHTTDL' },
  request_financial_obligation: { noticeNumber: 'TB-01', amountVnd: 500_000 },
  record_payment: { amountVnd: 500_000, transactionId: 'VNP-0001' },
  request_withdrawal: { reason: 'Không còn nhu cầu' },
  stop: { reason: 'Công dân rút hồ sơ' },
  return_result: { methods: ['electronic'] },
  rate: { quick: 'satisfied', criteria: criteriaAllTwo },
};

/** A valid input for an action on this dossier (an apology moves the appointment five working days on). */
export function inputFor(action: string, state: DossierState): unknown {
  if (action === 'apologize') {
    const newDueAt = state.dueAt === null ? undefined : calendar.addWorkingMs(state.dueAt, 5 * 8 * HOUR);
    return { reason: 'Cần xác minh thêm', newDueAt };
  }
  return validInputs[action];
}

export interface Step {
  action: string;
  actor: ActorName;
  input?: unknown;
  /** Minutes after the previous step (default 10). */
  after?: number;
}

export interface Run {
  state: DossierState;
  events: DossierEvent[];
  now: number;
}

/** Applies steps with decide, failing the test on any refusal. */
export function run(
  steps: readonly Step[],
  start: Run = { state: initialDossier(), events: [], now: T0 },
): Run {
  let { state, now } = start;
  const events = [...start.events];
  for (const step of steps) {
    now += (step.after ?? 10) * MINUTE;
    const decision = decide(
      state,
      step.action,
      step.input ?? inputFor(step.action, state),
      actors[step.actor],
      now,
      calendar,
    );
    if (!decision.ok) {
      throw new Error(
        `${step.action} by ${step.actor} from ${state.status} refused: ${decision.refusal.code}`,
      );
    }
    state = decision.state;
    events.push(decision.event);
  }
  return { state, events, now };
}

export const paths = {
  draft: [{ action: 'save_draft', actor: 'applicant' }],
  inPersonDraft: [{ action: 'save_draft', actor: 'desk', input: { channel: 'in_person' } }],
  submitted: [
    { action: 'save_draft', actor: 'applicant' },
    { action: 'submit', actor: 'applicant' },
  ],
} satisfies Record<string, Step[]>;

const received: Step[] = [...paths.submitted, { action: 'receive', actor: 'desk', after: 0 }];
const processing: Step[] = [
  ...received,
  { action: 'forward', actor: 'desk' },
  { action: 'assign', actor: 'approver' },
];
const resolved: Step[] = [
  ...processing,
  { action: 'approve', actor: 'approver' },
  { action: 'issue', actor: 'clerk' },
];
const withdrawalRequested: Step[] = [...processing, { action: 'request_withdrawal', actor: 'applicant' }];

/** A path to every status, by real decisions. */
export const statusPaths: Record<string, Step[]> = {
  draft: paths.draft,
  submitted: paths.submitted,
  supplement_requested_at_intake: [...paths.submitted, { action: 'request_supplement', actor: 'desk' }],
  refused: [...paths.submitted, { action: 'refuse', actor: 'desk' }],
  received,
  processing,
  supplement_requested: [...processing, { action: 'request_supplement', actor: 'handler' }],
  financial_obligation: [...processing, { action: 'request_financial_obligation', actor: 'handler' }],
  withdrawal_requested: withdrawalRequested,
  stopped: [...withdrawalRequested, { action: 'stop', actor: 'approver' }],
  resolved,
  returned: [...resolved, { action: 'return_result', actor: 'desk' }],
};

export function refusalOf(
  state: DossierState,
  action: string,
  actor: ActorName | DossierActor,
  now: number,
  input: unknown = inputFor(action, state),
): { code: string; kind: string; field: string | undefined } {
  const who = typeof actor === 'string' ? actors[actor] : actor;
  const decision = decide(state, action, input, who, now, calendar);
  if (decision.ok) throw new Error(`expected ${action} to be refused, it led to ${decision.state.status}`);
  const { code, kind, field, message, message_en } = decision.refusal;
  expect(message.length).toBeGreaterThan(0);
  expect(message_en.length).toBeGreaterThan(0);
  return { code, kind, field };
}
