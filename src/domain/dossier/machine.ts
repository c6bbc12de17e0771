/**
 * What an actor may do now (`availableActions`), what an action does (`decide`), and the state folded
 * from the history (`replay`). Pure: the time and the calendar are passed in.
 */
import { createWorkCalendar, type WorkCalendar } from '../calendar/index.ts';
import { DossierRuleError, type RefusalCode } from './errors.ts';
import { parseInput } from './inputs.ts';
import {
  initialDossier,
  type ActionData,
  type ClockEvent,
  type DossierAction,
  type DossierActor,
  type DossierEvent,
  type DossierEventOf,
  type DossierState,
} from './model.ts';
import { dueTimeOf } from './time.ts';
import {
  actionDefinitions,
  dossierActions,
  guards,
  isDossierAction,
  rolesOf,
  transitionOf,
  type GuardName,
  type Transition,
} from './transitions.ts';

export type Decision =
  | {
      ok: true;
      /** The row to append; its `to`, `clock` and `dueAt` are the state change. */
      event: DossierEvent;
      /** The dossier after the event (what `replay` gives for the history plus this event). */
      state: DossierState;
    }
  | { ok: false; refusal: DossierRuleError };

let defaultCalendar: WorkCalendar | undefined;
/** Built-in notices and default office hours, for callers that have no agency calendar at hand. */
function fallbackCalendar(): WorkCalendar {
  defaultCalendar ??= createWorkCalendar();
  return defaultCalendar;
}

/** Role, status and guards, in that order: who may never do it (403) before what the state forbids (409). */
function check(
  state: DossierState,
  action: DossierAction,
  actor: DossierActor,
  now: number,
  calendar: WorkCalendar,
  // A refusal code, not an error: availableActions checks every action on every view, and building an
  // Error (its stack trace) for each refused one was a tenth of intake's CPU time.
): { ok: true; transition: Transition } | { ok: false; code: RefusalCode } {
  const definition = actionDefinitions[action];
  if (!(rolesOf(action) as readonly string[]).includes(actor.role))
    return { ok: false, code: 'role_not_allowed' };
  const transition = transitionOf(action, state.status);
  if (transition === undefined) {
    const refusals: Partial<Record<string, DossierRuleError['code']>> =
      'stateRefusals' in definition ? definition.stateRefusals : {};
    return { ok: false, code: refusals[state.status] ?? 'invalid_state' };
  }
  if (!(transition.roles as readonly string[]).includes(actor.role))
    return { ok: false, code: 'role_not_allowed' };
  const ctx = { state, actor, now, calendar };
  for (const name of definition.guards as readonly GuardName[]) {
    const code = guards[name](ctx);
    if (code !== null) return { ok: false, code };
  }
  return { ok: true, transition };
}

/** The actions `actor` may take on the dossier at `now` (input aside), in the table's order. */
export function availableActions(
  dossier: DossierState,
  actor: DossierActor,
  now: number,
  calendar: WorkCalendar = fallbackCalendar(),
): DossierAction[] {
  return dossierActions.filter((action) => check(dossier, action, actor, now, calendar).ok);
}

function clockEvents(transition: Transition, action: DossierAction, now: number): ClockEvent[] {
  const definition = actionDefinitions[action];
  switch (transition.clock) {
    case 'none':
      return [];
    case 'start':
      return [{ kind: 'start', at: now }];
    case 'pause':
      return [
        {
          kind: 'pause',
          at: now,
          reason: 'pauseReason' in definition ? definition.pauseReason : 'supplement',
        },
      ];
    case 'resume':
      return [{ kind: 'resume', at: now }];
    case 'stop':
      return [{ kind: 'stop', at: now }];
  }
}

/**
 * Decides an action: a refusal (stable code, kind, field) or the event to append with the resulting
 * state. `input` is the request body as received; the domain checks it against the action's fields.
 */
export function decide(
  dossier: DossierState,
  /** A DossierAction; any other string is refused as `unknown_action`. */
  action: string,
  input: unknown,
  actor: DossierActor,
  now: number,
  calendar: WorkCalendar = fallbackCalendar(),
): Decision {
  if (!isDossierAction(action))
    return { ok: false, refusal: new DossierRuleError('unknown_action', 'action') };
  const checked = check(dossier, action, actor, now, calendar);
  if (!checked.ok) return { ok: false, refusal: new DossierRuleError(checked.code) };
  const { transition } = checked;
  let data: ActionData[typeof action];
  try {
    data = parseInput(action, input, actionDefinitions[action], { state: dossier, actor, now, calendar });
  } catch (error) {
    if (error instanceof DossierRuleError) return { ok: false, refusal: error };
    throw error;
  }
  const event = {
    seq: dossier.version + 1,
    at: now,
    actor: { id: actor.id, role: actor.role, agencyCode: actor.agencyCode ?? null },
    from: dossier.status,
    to: transition.to,
    clock: clockEvents(transition, action, now),
    action,
    data,
  } as DossierEvent;
  let state = evolve(dossier, event);
  // Receipt, resumption and an apology set the appointment: recompute it from the new state.
  if (action === 'receive' || action === 'apologize' || event.clock.some((c) => c.kind === 'resume')) {
    const dueAt = dueTimeOf(state, calendar);
    if (dueAt !== null && dueAt !== dossier.dueAt) {
      event.dueAt = dueAt;
      state = evolve(dossier, event);
    }
  }
  return { ok: true, event, state };
}

type Patch<A extends DossierAction> = (
  state: DossierState,
  event: DossierEventOf<A>,
) => Partial<DossierState>;

/** What each action changes beyond status, clock and due time; one entry per action. */
const patches: { [A in DossierAction]: Patch<A> } = {
  save_draft: (s, e) => ({
    channel: e.data.channel,
    applicantId: e.data.applicantId,
    createdAt: s.createdAt ?? e.at,
  }),
  submit: (_, e) => ({ submittedAt: e.at }),
  receive: (_, e) => ({ code: e.data.code, deadline: e.data.deadline, receivedAt: e.at }),
  request_supplement: (s) => ({ supplementRequests: s.supplementRequests + 1 }),
  refuse: (_, e) => ({ closedAt: e.at }),
  provide_supplement: () => ({}),
  forward: (_, e) => ({ forwardedAt: e.at, resolvingAgencyCode: e.data.agencyCode }),
  assign: (_, e) => ({ assigneeId: e.data.assigneeId }),
  complete_step: (s) => ({ step: s.step + 1 }),
  return_step: (s) => ({ step: s.step - 1, approved: false }),
  send_to_cooperating: (s, e) => ({
    cooperation: [
      ...s.cooperation,
      ...e.data.agencies.map((agencyCode) => ({
        agencyCode,
        sentAt: e.at,
        answeredAt: null,
        result: null,
        question: e.data.question ?? null,
        replyDueAt: e.data.replyDueAt?.[agencyCode] ?? null,
        requestFiles: e.data.attachments ?? [],
        note: null,
        replyFiles: [],
      })),
    ],
  }),
  cooperating_result: (s, e) => {
    const index = s.cooperation.findIndex((b) => b.agencyCode === e.data.agencyCode && b.answeredAt === null);
    return {
      cooperation: s.cooperation.map((b, i) =>
        i === index
          ? {
              ...b,
              answeredAt: e.at,
              result: e.data.result,
              note: e.data.note,
              replyFiles: e.data.attachments ?? [],
            }
          : b,
      ),
    };
  },
  approve: () => ({ approved: true }),
  issue: (_, e) => ({ resultNumber: e.data.resultNumber, resolvedAt: e.at }),
  request_financial_obligation: () => ({}),
  record_payment: () => ({}),
  apologize: (_, e) => ({ reschedule: { at: e.at, dueAt: e.data.newDueAt } }),
  request_withdrawal: (_, e) => (e.to === 'stopped' ? { closedAt: e.at, stopReason: 'withdrawal' } : {}),
  stop: (_, e) => ({
    closedAt: e.at,
    stopReason: e.from === 'withdrawal_requested' ? 'withdrawal' : 'agency',
  }),
  return_result: (_, e) => ({ returnedAt: e.data.receivedAt }),
  rate: (_, e) => ({ rating: e.data }),
};

function inconsistent(seq: number, what: string): DossierRuleError {
  return new DossierRuleError('inconsistent_history', `events[${seq - 1}]`, {
    vi: `Sự kiện số ${seq}: ${what}.`,
    en: `Event ${seq}: ${what}.`,
  });
}

function applyClock(
  state: DossierState,
  clock: readonly ClockEvent[],
): Pick<DossierState, 'pauses' | 'openPause'> {
  let { pauses, openPause } = state;
  for (const c of clock) {
    if (c.kind === 'pause') openPause = { from: c.at, reason: c.reason };
    else if ((c.kind === 'resume' || c.kind === 'stop') && openPause !== null) {
      pauses = [...pauses, { from: openPause.from, to: c.at, reason: openPause.reason }];
      openPause = null;
    }
  }
  return { pauses, openPause };
}

/** Folds one event into the state; throws DossierRuleError('inconsistent_history') on a bad event. */
export function evolve(state: DossierState, event: DossierEvent): DossierState {
  if (event.seq !== state.version + 1) throw inconsistent(event.seq, `expected number ${state.version + 1}`);
  if (event.from !== state.status) throw inconsistent(event.seq, `the dossier was ${state.status}`);
  const transition = isDossierAction(event.action) ? transitionOf(event.action, event.from) : undefined;
  if (transition?.to !== event.to)
    throw inconsistent(event.seq, `${event.action} cannot lead to ${event.to}`);
  const patch = patches[event.action] as Patch<DossierAction>;
  const dueAt = event.dueAt ?? state.dueAt;
  return {
    ...state,
    ...applyClock(state, event.clock),
    ...patch(state, event),
    version: event.seq,
    status: event.to,
    dueAt,
    originalDueAt: state.originalDueAt ?? event.dueAt ?? null,
  };
}

/** The dossier derived from its history (an empty history is a new, unsaved draft). */
export function replay(events: readonly DossierEvent[], from: DossierState = initialDossier()): DossierState {
  return events.reduce(evolve, from);
}
