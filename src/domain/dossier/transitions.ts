/**
 * The dossier life cycle as plain data (OpenCRVS style): for each action, the statuses it may start from,
 * and for each of them the status it leads to, the roles allowed there and what it does to the clock.
 * `satisfies` makes the compiler check that every action is described and that every field named exists in
 * the action's data. Guards are named checks beside the table.
 */
import { WORKING_DAY_MS, type WorkCalendar } from '../calendar/index.ts';
import type { RefusalCode } from './errors.ts';
import type {
  ActionData,
  DossierAction,
  DossierActor,
  DossierActorRole,
  DossierState,
  DossierStatus,
  PauseReason,
} from './model.ts';

export type ClockEffect = 'none' | 'start' | 'pause' | 'resume' | 'stop';

export interface Transition {
  to: DossierStatus;
  roles: readonly DossierActorRole[];
  clock: ClockEffect;
}

/** Forms of TT 03/2025 Appendix I an action produces (06: the control slip gets a handover row). */
export type FormNumber = '01' | '02' | '03' | '04' | '05' | '06';

export interface GuardContext {
  state: DossierState;
  actor: DossierActor;
  now: number;
  calendar: WorkCalendar;
}

/** Named checks that depend on the dossier, the actor and the time, never on the input. */
export const guards = {
  /** An applicant acts only on their own dossier (a new draft becomes theirs). */
  own_dossier: ({ state, actor }) =>
    actor.role !== 'applicant' || state.version === 0 || state.applicantId === actor.id
      ? null
      : 'not_applicant',
  draft_saved: ({ state }) => (state.channel === null ? 'draft_not_saved' : null),
  online_channel: ({ state }) => (state.channel !== 'online' ? 'not_online' : null),
  /** The desk checks a draft it typed in (in person, postal); an online draft must be submitted first. */
  desk_can_check: ({ state }) =>
    state.status !== 'draft'
      ? null
      : state.channel === null
        ? 'draft_not_saved'
        : state.channel === 'online'
          ? 'online_must_be_submitted'
          : null,
  supplement_once: ({ state }) => (state.supplementRequests > 0 ? 'supplement_already_requested' : null),
  /** A handling officer acts only on a dossier assigned to them. */
  handler: ({ state, actor }) =>
    actor.role !== 'handling_officer'
      ? null
      : state.assigneeId === null
        ? 'not_assigned'
        : state.assigneeId !== actor.id
          ? 'not_assignee'
          : null,
  /** Assigning (or reassigning) is for a dossier still before or at its handling, not one handled or approved. */
  not_handled: ({ state }) => (state.approved || state.step > 0 ? 'already_handled' : null),
  has_previous_step: ({ state }) => (state.step > 0 ? null : 'no_previous_step'),
  no_pending_cooperation: ({ state }) =>
    state.cooperation.some((b) => b.answeredAt === null) ? 'cooperation_pending' : null,
  pending_for_actor_agency: ({ state, actor }) => {
    const pending = state.cooperation.filter((b) => b.answeredAt === null);
    if (pending.length === 0) return 'no_pending_cooperation';
    return pending.some((b) => b.agencyCode === actor.agencyCode) ? null : 'not_cooperating_agency';
  },
  not_approved: ({ state }) => (state.approved ? 'already_approved' : null),
  approved: ({ state }) => (state.approved ? null : 'not_approved'),
  not_rescheduled: ({ state }) => (state.reschedule !== null ? 'already_rescheduled' : null),
  /** Form 04 goes out at least one working day before the appointment in force. */
  apology_in_time: ({ state, now, calendar }) =>
    state.dueAt !== null && calendar.workingMsBetween(now, state.dueAt) >= WORKING_DAY_MS
      ? null
      : 'apology_too_late',
  not_rated: ({ state }) => (state.rating !== null ? 'already_rated' : null),
} as const satisfies Record<string, (ctx: GuardContext) => RefusalCode | null>;

export type GuardName = keyof typeof guards;

export interface ActionDefinition<A extends DossierAction> {
  from: Partial<Record<DossierStatus, Transition>>;
  requires: readonly (keyof ActionData[A])[];
  optional: readonly (keyof ActionData[A])[];
  guards: readonly GuardName[];
  pauseReason?: PauseReason;
  form?: FormNumber;
  /** A more precise refusal than `invalid_state` for some statuses. */
  stateRefusals?: Partial<Record<DossierStatus, RefusalCode>>;
  vi: string;
  en: string;
}

const desk = ['receiving_officer'] as const;
const applicantOrDesk = ['applicant', 'receiving_officer'] as const;
const handlerOrApprover = ['handling_officer', 'approver'] as const;
const keep = (status: DossierStatus, roles: readonly DossierActorRole[]): Transition => ({
  to: status,
  roles,
  clock: 'none',
});

export const actionDefinitions = {
  save_draft: {
    from: { draft: keep('draft', applicantOrDesk) },
    requires: ['channel'],
    optional: ['applicantId'],
    guards: ['own_dossier'],
    vi: 'Lưu hồ sơ nháp',
    en: 'Save draft',
  },
  submit: {
    from: { draft: { to: 'submitted', roles: ['applicant'], clock: 'none' } },
    requires: [],
    optional: [],
    guards: ['own_dossier', 'draft_saved', 'online_channel'],
    vi: 'Nộp hồ sơ',
    en: 'Submit',
  },
  receive: {
    from: {
      draft: { to: 'received', roles: desk, clock: 'start' },
      submitted: { to: 'received', roles: desk, clock: 'start' },
    },
    requires: ['code', 'deadline'],
    optional: [],
    guards: ['desk_can_check'],
    form: '01',
    vi: 'Tiếp nhận hồ sơ',
    en: 'Receive',
  },
  request_supplement: {
    from: {
      draft: { to: 'supplement_requested_at_intake', roles: desk, clock: 'none' },
      submitted: { to: 'supplement_requested_at_intake', roles: desk, clock: 'none' },
      processing: { to: 'supplement_requested', roles: ['handling_officer'], clock: 'pause' },
    },
    requires: ['items', 'reason'],
    optional: [],
    guards: ['desk_can_check', 'supplement_once', 'handler'],
    pauseReason: 'supplement',
    form: '02',
    vi: 'Yêu cầu bổ sung hồ sơ',
    en: 'Request supplement',
  },
  refuse: {
    from: {
      draft: { to: 'refused', roles: desk, clock: 'none' },
      submitted: { to: 'refused', roles: desk, clock: 'none' },
      // system: the job that closes a dossier whose supplement did not come in time (per procedure).
      supplement_requested_at_intake: {
        to: 'refused',
        roles: ['receiving_officer', 'system'],
        clock: 'none',
      },
    },
    requires: ['reasons'],
    optional: [],
    guards: ['desk_can_check'],
    form: '03',
    vi: 'Từ chối tiếp nhận',
    en: 'Refuse',
  },
  provide_supplement: {
    from: {
      supplement_requested_at_intake: { to: 'submitted', roles: applicantOrDesk, clock: 'none' },
      supplement_requested: { to: 'processing', roles: applicantOrDesk, clock: 'resume' },
    },
    requires: ['items'],
    optional: [],
    guards: ['own_dossier'],
    vi: 'Bổ sung hồ sơ',
    en: 'Provide supplement',
  },
  forward: {
    from: { received: { to: 'processing', roles: desk, clock: 'none' } },
    requires: ['agencyCode'],
    optional: [],
    guards: [],
    form: '06',
    vi: 'Chuyển cơ quan giải quyết',
    en: 'Forward',
  },
  assign: {
    from: { processing: keep('processing', ['approver']) },
    requires: ['assigneeId'],
    optional: [],
    guards: ['not_handled'],
    form: '06',
    vi: 'Phân công thụ lý',
    en: 'Assign',
  },
  // The handling officer completes their step; the approver decides with `approve` or sends it back.
  complete_step: {
    from: { processing: keep('processing', ['handling_officer']) },
    requires: [],
    optional: ['note'],
    guards: ['handler'],
    form: '06',
    vi: 'Hoàn thành bước, chuyển bước sau',
    en: 'Complete step',
  },
  return_step: {
    from: { processing: keep('processing', handlerOrApprover) },
    requires: ['reason'],
    optional: [],
    guards: ['handler', 'has_previous_step'],
    form: '06',
    vi: 'Chuyển lại bước trước',
    en: 'Return to previous step',
  },
  send_to_cooperating: {
    from: { processing: keep('processing', ['handling_officer']) },
    requires: ['agencies', 'question', 'replyWorkingDays', 'replyDueAt'],
    optional: ['attachments'],
    guards: ['handler'],
    form: '06',
    vi: 'Xin ý kiến cơ quan phối hợp (liên thông)',
    en: 'Request an opinion from other agencies',
  },
  cooperating_result: {
    from: { processing: keep('processing', ['cooperating_officer']) },
    requires: ['result'],
    optional: ['note', 'attachments'],
    guards: ['pending_for_actor_agency'],
    form: '06',
    vi: 'Cho ý kiến (trả kết quả phối hợp)',
    en: 'Give the opinion asked for',
  },
  approve: {
    from: { processing: keep('processing', ['approver']) },
    requires: [],
    optional: ['note'],
    guards: ['no_pending_cooperation', 'not_approved'],
    form: '06',
    vi: 'Phê duyệt',
    en: 'Approve',
  },
  issue: {
    from: { processing: { to: 'resolved', roles: ['clerk'], clock: 'stop' } },
    requires: ['resultNumber'],
    optional: ['electronic'],
    guards: ['approved'],
    form: '06',
    vi: 'Vào số, phát hành kết quả',
    en: 'Issue result',
  },
  request_financial_obligation: {
    from: { processing: { to: 'financial_obligation', roles: ['handling_officer'], clock: 'pause' } },
    requires: ['noticeNumber', 'amountVnd'],
    optional: [],
    guards: ['handler'],
    pauseReason: 'financial_obligation',
    vi: 'Yêu cầu thực hiện nghĩa vụ tài chính',
    en: 'Request financial obligation',
  },
  record_payment: {
    from: {
      financial_obligation: { to: 'processing', roles: ['receiving_officer', 'system'], clock: 'resume' },
    },
    requires: ['amountVnd', 'transactionId'],
    optional: [],
    guards: [],
    vi: 'Ghi nhận đã nộp nghĩa vụ tài chính',
    en: 'Record payment',
  },
  apologize: {
    from: { received: keep('received', ['approver']), processing: keep('processing', ['approver']) },
    requires: ['reason', 'newDueAt'],
    optional: [],
    guards: ['not_rescheduled', 'apology_in_time'],
    form: '04',
    vi: 'Xin lỗi và hẹn lại ngày trả',
    en: 'Apologise and reschedule',
  },
  request_withdrawal: {
    from: {
      // Not received yet: nothing to stop by a notice, the dossier is closed at once.
      submitted: { to: 'stopped', roles: applicantOrDesk, clock: 'none' },
      supplement_requested_at_intake: { to: 'stopped', roles: applicantOrDesk, clock: 'none' },
      received: { to: 'withdrawal_requested', roles: applicantOrDesk, clock: 'none' },
      processing: { to: 'withdrawal_requested', roles: applicantOrDesk, clock: 'none' },
      supplement_requested: { to: 'withdrawal_requested', roles: applicantOrDesk, clock: 'none' },
      financial_obligation: { to: 'withdrawal_requested', roles: applicantOrDesk, clock: 'none' },
    },
    requires: ['reason'],
    optional: [],
    guards: ['own_dossier'],
    stateRefusals: { resolved: 'result_already_issued', returned: 'result_already_issued' },
    vi: 'Yêu cầu rút hồ sơ',
    en: 'Request withdrawal',
  },
  stop: {
    from: {
      withdrawal_requested: { to: 'stopped', roles: ['approver'], clock: 'stop' },
      processing: { to: 'stopped', roles: ['approver'], clock: 'stop' },
      // system: as for refuse, the supplement did not come within the procedure's time.
      supplement_requested: { to: 'stopped', roles: ['approver', 'system'], clock: 'stop' },
      financial_obligation: { to: 'stopped', roles: ['approver'], clock: 'stop' },
    },
    requires: ['reason'],
    optional: [],
    guards: [],
    form: '05',
    vi: 'Dừng giải quyết hồ sơ',
    en: 'Stop',
  },
  return_result: {
    from: { resolved: { to: 'returned', roles: ['receiving_officer', 'system'], clock: 'none' } },
    requires: ['methods'],
    optional: ['delivery', 'receivedBy', 'receivedAt'],
    guards: [],
    vi: 'Trả kết quả',
    en: 'Return result',
  },
  rate: {
    from: { returned: keep('returned', ['applicant']) },
    requires: ['quick', 'criteria'],
    optional: ['comment'],
    guards: ['own_dossier', 'not_rated'],
    vi: 'Đánh giá mức độ hài lòng',
    en: 'Rate',
  },
} as const satisfies { [A in DossierAction]: ActionDefinition<A> };

export const dossierActions = Object.keys(actionDefinitions) as DossierAction[];

// Worked out once: every dossier view checks every action (availableActions).
const rolesByAction = new Map(
  dossierActions.map((action) => {
    const from: Partial<Record<DossierStatus, Transition>> = actionDefinitions[action].from;
    const roles = new Set<DossierActorRole>();
    for (const t of Object.values(from)) for (const r of t.roles) roles.add(r);
    return [action, [...roles] as readonly DossierActorRole[]];
  }),
);

/** Every role that may take the action from some status. */
export function rolesOf(action: DossierAction): readonly DossierActorRole[] {
  return rolesByAction.get(action)!;
}

export function transitionOf(action: DossierAction, status: DossierStatus): Transition | undefined {
  const from: Partial<Record<DossierStatus, Transition>> = actionDefinitions[action].from;
  return from[status];
}

export function isDossierAction(value: unknown): value is DossierAction {
  return typeof value === 'string' && Object.hasOwn(actionDefinitions, value);
}
