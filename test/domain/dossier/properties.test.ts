import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { computeDue } from '../../../src/domain/calendar/index.ts';
import {
  availableActions,
  decide,
  dossierActions,
  dossierStatuses,
  initialDossier,
  replay,
  transitionOf,
  type DossierAction,
  type DossierActor,
  type DossierEvent,
  type DossierState,
} from '../../../src/domain/dossier/index.ts';
import { COOP_AGENCY, DESK_AGENCY, MINUTE, T0, calendar, inputFor, validInputs } from './helpers.ts';

const roles = [
  'applicant',
  'receiving_officer',
  'handling_officer',
  'approver',
  'clerk',
  'cooperating_officer',
  'system',
  'agency_admin',
  'supervisor',
  'system_admin',
] as const;
const ids = ['u1', 'u2'] as const;
const agencies = [DESK_AGENCY, COOP_AGENCY, null] as const;
const TERMINAL = new Set(['refused', 'stopped', 'returned']);
const PAUSED = new Set(['supplement_requested', 'financial_obligation']);
const RUNNING = new Set(['received', 'processing']);

const step = fc.record({
  role: fc.nat(roles.length - 1),
  id: fc.nat(ids.length - 1),
  agency: fc.nat(agencies.length - 1),
  /** Take one of the actions the actor is offered (most of the time) or any action at all. */
  offered: fc.boolean(),
  pick: fc.nat(100),
  minutes: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 5 * 24 * 60 })),
  input: fc.constantFrom('valid', 'valid', 'valid', 'valid', 'empty', 'garbage'),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/**
 * The actor of a step. Half the time anyone at all; otherwise a role that has a transition from the current
 * status, with the id the dossier knows (its applicant, its assignee) and a pending cooperating agency, so
 * that runs get deep into the life cycle instead of being refused at the door.
 */
function actorOf(s: Step, state: DossierState): DossierActor {
  const random: DossierActor = { id: ids[s.id]!, role: roles[s.role]!, agencyCode: agencies[s.agency]! };
  if (!s.offered) return random;
  const candidates = [...new Set(dossierActions.flatMap((a) => transitionOf(a, state.status)?.roles ?? []))];
  const role = candidates[s.role % candidates.length] ?? random.role;
  const id =
    s.id === 0 && role === 'applicant'
      ? state.applicantId
      : s.id === 0 && role === 'handling_officer'
        ? state.assigneeId
        : null;
  const pending = state.cooperation.find((b) => b.answeredAt === null)?.agencyCode;
  return {
    id: id ?? random.id,
    role,
    agencyCode: role === 'cooperating_officer' ? (pending ?? random.agencyCode) : DESK_AGENCY,
  };
}

/** Mostly an offered action, closing ones (refuse, stop, withdraw) less often; otherwise any action. */
function actionOf(s: Step, offered: readonly DossierAction[]): DossierAction {
  if (!s.offered || offered.length === 0) return dossierActions[s.pick % dossierActions.length]!;
  const open = offered.filter((a) => !['refuse', 'stop', 'request_withdrawal'].includes(a));
  const choices = s.pick % 4 === 0 || open.length === 0 ? offered : open;
  return choices[s.pick % choices.length]!;
}

/** A plausible input for the action in this state; the variants for save_draft and assign use the ids. */
function inputOf(
  action: string,
  state: DossierState,
  actor: DossierActor,
  mode: string,
  pick: number,
): unknown {
  if (mode === 'empty') return {};
  if (mode === 'garbage') return { items: 'x', reason: 42, channel: 'fax' };
  if (action === 'save_draft')
    return { channel: actor.role === 'applicant' ? 'online' : pick % 2 ? 'in_person' : 'postal' };
  if (action === 'assign') return { assigneeId: ids[pick % ids.length] };
  if (action === 'send_to_cooperating') {
    const agency = pick % 2 ? COOP_AGENCY : DESK_AGENCY;
    return {
      agencies: [agency],
      question: 'Đề nghị cho ý kiến',
      replyWorkingDays: 3,
      replyDueAt: { [agency]: Date.UTC(2100, 0, 1) },
    };
  }
  if (action === 'return_result' && pick % 2)
    return { methods: ['paper'], delivery: 'postal', receivedBy: 'Trần Thị Bình' };
  return inputFor(action, state) ?? validInputs[action];
}

/** Pauses read from the history by the test itself: which events pause and resume the clock. */
function pausesFromEvents(events: readonly DossierEvent[]): { from: number; to: number }[] {
  const pauses: { from: number; to: number }[] = [];
  let open: number | undefined;
  for (const e of events) {
    if (PAUSED.has(e.to) && !PAUSED.has(e.from)) open = e.at;
    else if (open !== undefined && (e.to === 'processing' || e.to === 'stopped')) {
      pauses.push({ from: open, to: e.at });
      open = undefined;
    }
  }
  return pauses;
}

describe('random histories', () => {
  it('stay valid, never leave a terminal status, keep the due time after receipt, and replay to the same state', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        let state = initialDossier();
        let now = T0;
        const events: DossierEvent[] = [];
        const states: DossierState[] = [state];
        for (const s of steps) {
          now += s.minutes * MINUTE;
          const actor = actorOf(s, state);
          const offered = availableActions(state, actor, now, calendar);
          const action = actionOf(s, offered);
          const decision = decide(
            state,
            action,
            inputOf(action, state, actor, s.input, s.pick),
            actor,
            now,
            calendar,
          );

          // Offered exactly when neither the role nor the state forbids it.
          const blocked = !decision.ok && decision.refusal.kind !== 'invalid';
          expect(offered.includes(action)).toBe(!blocked);
          if (!decision.ok) {
            expect(['forbidden', 'conflict', 'invalid']).toContain(decision.refusal.kind);
            expect(decision.refusal.message).not.toBe('');
            expect(decision.refusal.message_en).not.toBe('');
            continue;
          }
          const { event, state: next } = decision;
          expect(event.seq).toBe(state.version + 1);
          expect(event.from).toBe(state.status);
          expect(event.to).toBe(next.status);
          expect(event.at).toBe(now);
          expect(event.action).toBe(action);
          if (TERMINAL.has(state.status)) expect(next.status).toBe(state.status);
          expect(dossierStatuses).toContain(next.status);
          events.push(event);
          states.push(next);
          state = next;

          // Valid state.
          expect(state.supplementRequests).toBeLessThanOrEqual(1);
          if (PAUSED.has(state.status)) expect(state.openPause).not.toBeNull();
          if (RUNNING.has(state.status) || TERMINAL.has(state.status)) expect(state.openPause).toBeNull();
          if (state.receivedAt === null) {
            expect(state.dueAt).toBeNull();
          } else {
            expect(state.dueAt).not.toBeNull();
            expect(state.dueAt!).toBeGreaterThanOrEqual(state.receivedAt);
            expect(state.code).not.toBeNull();
            const pauses = pausesFromEvents(events);
            if (state.reschedule === null) {
              // The due time is the legal duration plus the closed pauses, as the calendar computes it.
              expect(state.dueAt).toBe(
                computeDue({ start: state.receivedAt, ...state.deadline!, pauses }, calendar),
              );
            } else {
              expect(state.dueAt!).toBeGreaterThanOrEqual(state.reschedule.dueAt);
              expect(state.originalDueAt!).toBeLessThan(state.reschedule.dueAt);
            }
          }
          if (state.status === 'resolved' || state.status === 'returned') {
            expect(state.approved).toBe(true);
            expect(state.cooperation.every((b) => b.answeredAt !== null)).toBe(true);
          }
        }
        // The state derived from the history is the state reached step by step, at every point.
        expect(replay(events)).toEqual(state);
        const cut = steps.length === 0 ? 0 : steps[0]!.pick % (events.length + 1);
        expect(replay(events.slice(0, cut))).toEqual(states[cut]);
      }),
      { numRuns: 300 },
    );
  });

  it('reach every status', () => {
    // Guards against a generator that never gets anywhere: the property above would then prove little.
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(step, { minLength: 40, maxLength: 80 }), (steps) => {
        let state = initialDossier();
        let now = T0;
        for (const s of steps) {
          now += s.minutes * MINUTE;
          const actor = actorOf({ ...s, offered: true }, state);
          const action = actionOf({ ...s, offered: true }, availableActions(state, actor, now, calendar));
          const decision = decide(
            state,
            action,
            inputOf(action, state, actor, 'valid', s.pick),
            actor,
            now,
            calendar,
          );
          if (decision.ok) state = decision.state;
          seen.add(state.status);
        }
      }),
      { numRuns: 300, seed: 20260302 },
    );
    expect([...seen].sort()).toEqual([...dossierStatuses].sort());
  });
});
