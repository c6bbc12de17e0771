import { describe, it, expect } from 'vitest';
import {
  actionDefinitions,
  availableActions,
  decide,
  dossierStatuses,
  nationalChannelCodes,
  nationalStatusCodes,
  statusDefinitions,
  transitionOf,
  type DossierAction,
  type DossierStatus,
} from '../../../src/domain/dossier/index.ts';
import { actors, calendar, inputFor, paths, run, statusPaths, type ActorName, type Step } from './helpers.ts';

type Role = (typeof actors)[ActorName]['role'];

/**
 * The life cycle as read from NĐ 118/2025 and TT 03/2025, written out by hand: action, from, to, the roles
 * allowed there, and the steps that make the guards pass (beyond reaching `from`).
 */
const spec: [DossierAction, DossierStatus, DossierStatus, Role[], Step[]?][] = [
  ['save_draft', 'draft', 'draft', ['applicant', 'receiving_officer']],
  ['submit', 'draft', 'submitted', ['applicant']],
  ['receive', 'draft', 'received', ['receiving_officer'], paths.inPersonDraft],
  ['receive', 'submitted', 'received', ['receiving_officer']],
  [
    'request_supplement',
    'draft',
    'supplement_requested_at_intake',
    ['receiving_officer'],
    paths.inPersonDraft,
  ],
  ['request_supplement', 'submitted', 'supplement_requested_at_intake', ['receiving_officer']],
  ['request_supplement', 'processing', 'supplement_requested', ['handling_officer']],
  ['refuse', 'draft', 'refused', ['receiving_officer'], paths.inPersonDraft],
  ['refuse', 'submitted', 'refused', ['receiving_officer']],
  ['refuse', 'supplement_requested_at_intake', 'refused', ['receiving_officer', 'system']],
  ['provide_supplement', 'supplement_requested_at_intake', 'submitted', ['applicant', 'receiving_officer']],
  ['provide_supplement', 'supplement_requested', 'processing', ['applicant', 'receiving_officer']],
  ['forward', 'received', 'processing', ['receiving_officer']],
  ['assign', 'processing', 'processing', ['approver']],
  ['complete_step', 'processing', 'processing', ['handling_officer']],
  [
    'return_step',
    'processing',
    'processing',
    ['handling_officer', 'approver'],
    [{ action: 'complete_step', actor: 'handler' }],
  ],
  ['send_to_cooperating', 'processing', 'processing', ['handling_officer']],
  [
    'cooperating_result',
    'processing',
    'processing',
    ['cooperating_officer'],
    [{ action: 'send_to_cooperating', actor: 'handler' }],
  ],
  ['approve', 'processing', 'processing', ['approver']],
  ['issue', 'processing', 'resolved', ['clerk'], [{ action: 'approve', actor: 'approver' }]],
  ['request_financial_obligation', 'processing', 'financial_obligation', ['handling_officer']],
  ['record_payment', 'financial_obligation', 'processing', ['receiving_officer', 'system']],
  ['apologize', 'received', 'received', ['approver']],
  ['apologize', 'processing', 'processing', ['approver']],
  ['request_withdrawal', 'submitted', 'stopped', ['applicant', 'receiving_officer']],
  ['request_withdrawal', 'supplement_requested_at_intake', 'stopped', ['applicant', 'receiving_officer']],
  ['request_withdrawal', 'received', 'withdrawal_requested', ['applicant', 'receiving_officer']],
  ['request_withdrawal', 'processing', 'withdrawal_requested', ['applicant', 'receiving_officer']],
  ['request_withdrawal', 'supplement_requested', 'withdrawal_requested', ['applicant', 'receiving_officer']],
  ['request_withdrawal', 'financial_obligation', 'withdrawal_requested', ['applicant', 'receiving_officer']],
  ['stop', 'withdrawal_requested', 'stopped', ['approver']],
  ['stop', 'processing', 'stopped', ['approver']],
  ['stop', 'supplement_requested', 'stopped', ['approver', 'system']],
  ['stop', 'financial_obligation', 'stopped', ['approver']],
  ['return_result', 'resolved', 'returned', ['receiving_officer', 'system']],
  ['rate', 'returned', 'returned', ['applicant']],
];

const allRoles: Role[] = [
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
];

/** An actor of each role whose id and agency make the role-independent guards pass. */
const actorOfRole: Record<Role, ActorName> = {
  applicant: 'applicant',
  receiving_officer: 'desk',
  handling_officer: 'handler',
  approver: 'approver',
  clerk: 'clerk',
  cooperating_officer: 'coop',
  system: 'system',
  agency_admin: 'admin',
  supervisor: 'supervisor',
  system_admin: 'systemAdmin',
};

const actions = Object.keys(actionDefinitions) as DossierAction[];

describe('the transition table', () => {
  it('is exactly the life cycle read from the law', () => {
    const table = actions.flatMap((action) =>
      dossierStatuses.flatMap((from) => {
        const t = transitionOf(action, from);
        return t ? [`${action}: ${from} → ${t.to} by ${[...t.roles].sort().join(',')}`] : [];
      }),
    );
    const expected = spec.map(
      ([action, from, to, roles]) => `${action}: ${from} → ${to} by ${[...roles].sort().join(',')}`,
    );
    expect(table.sort()).toEqual(expected.sort());
  });

  it('never leaves a terminal status, and only terminal statuses have no way out', () => {
    const terminal: DossierStatus[] = ['refused', 'stopped', 'returned'];
    for (const status of dossierStatuses) {
      expect(statusDefinitions[status].terminal).toBe(terminal.includes(status));
      const exits = spec.filter(([, from, to]) => from === status && to !== status);
      if (terminal.includes(status)) expect(exits).toEqual([]);
      else expect(exits.length).toBeGreaterThan(0);
    }
  });

  it('names the clock effect of each transition as the law describes', () => {
    const clock = (action: DossierAction, from: DossierStatus) => transitionOf(action, from)?.clock;
    expect(clock('receive', 'submitted')).toBe('start');
    expect(clock('receive', 'draft')).toBe('start');
    expect(clock('request_supplement', 'submitted')).toBe('none'); // not received: no clock yet
    expect(clock('request_supplement', 'processing')).toBe('pause');
    expect(clock('provide_supplement', 'supplement_requested')).toBe('resume');
    expect(clock('request_financial_obligation', 'processing')).toBe('pause');
    expect(clock('record_payment', 'financial_obligation')).toBe('resume');
    expect(clock('issue', 'processing')).toBe('stop');
    expect(clock('stop', 'supplement_requested')).toBe('stop');
    expect(actionDefinitions.request_supplement.pauseReason).toBe('supplement');
    expect(actionDefinitions.request_financial_obligation.pauseReason).toBe('financial_obligation');
  });

  it('maps every status and channel to the national portal codes', () => {
    expect(nationalStatusCodes).toEqual({
      draft: null,
      submitted: 1,
      received: 2,
      refused: 3,
      processing: 4,
      supplement_requested_at_intake: 5,
      supplement_requested: 5,
      financial_obligation: 6,
      withdrawal_requested: 7,
      stopped: 8,
      resolved: 9,
      returned: 10,
    });
    expect(nationalChannelCodes).toEqual({ in_person: 1, online: 2, postal: 3 });
  });

  it('names the form each intake and exception action produces', () => {
    expect(actionDefinitions.receive.form).toBe('01');
    expect(actionDefinitions.request_supplement.form).toBe('02');
    expect(actionDefinitions.refuse.form).toBe('03');
    expect(actionDefinitions.apologize.form).toBe('04');
    expect(actionDefinitions.stop.form).toBe('05');
  });
});

describe('every transition', () => {
  for (const [action, from, to, roles, setup = []] of spec) {
    for (const role of roles) {
      it(`${action} by ${role}: ${from} → ${to}`, () => {
        const path = setup[0]?.action === 'save_draft' ? setup : [...statusPaths[from]!, ...setup];
        const before = run(path);
        expect(before.state.status).toBe(from);
        const actor = actors[actorOfRole[role]];
        // The desk saves an in-person draft of its own; anyone else continues the path.
        const deskDraft = action === 'save_draft' && role === 'receiving_officer';
        const draftRun = deskDraft ? run([]) : before;
        const input = deskDraft ? { channel: 'in_person' } : inputFor(action, draftRun.state);
        const now = draftRun.now + 10 * 60_000;
        expect(availableActions(draftRun.state, actor, now, calendar)).toContain(action);
        const decision = decide(draftRun.state, action, input, actor, now, calendar);
        if (!decision.ok) throw new Error(`refused: ${decision.refusal.code} (${decision.refusal.field})`);
        expect(decision.event.from).toBe(draftRun.state.status);
        expect(decision.event.to).toBe(to);
        expect(decision.state.status).toBe(to);
        expect(decision.event.actor).toEqual({
          id: actor.id,
          role,
          agencyCode: 'agencyCode' in actor ? actor.agencyCode : null,
        });
        expect(decision.event.at).toBe(now);
        expect(decision.state.version).toBe(draftRun.state.version + 1);
      });
    }
  }
});

describe('every refusal of role and state', () => {
  const reached = Object.fromEntries(dossierStatuses.map((s) => [s, run(statusPaths[s]!)]));
  for (const action of actions) {
    it(`${action}: refused for every other role (403) and every other status (409)`, () => {
      const rows = spec.filter(([a]) => a === action);
      const anyRole = new Set(rows.flatMap(([, , , roles]) => roles));
      const expected: string[] = [];
      const actual: string[] = [];
      for (const status of dossierStatuses) {
        const row = rows.find(([, from]) => from === status);
        const { state, now } = reached[status]!;
        for (const role of allRoles) {
          const code = !anyRole.has(role)
            ? 'role_not_allowed'
            : row === undefined
              ? action === 'request_withdrawal' && (status === 'resolved' || status === 'returned')
                ? 'result_already_issued'
                : 'invalid_state'
              : !row[3].includes(role)
                ? 'role_not_allowed'
                : undefined;
          if (code === undefined) continue;
          expected.push(
            `${status}/${role}: ${code} ${code === 'role_not_allowed' ? 'forbidden' : 'conflict'} unavailable`,
          );
          const actor = actors[actorOfRole[role]];
          const decision = decide(state, action, inputFor(action, state), actor, now + 60_000, calendar);
          const available = availableActions(state, actor, now + 60_000, calendar).includes(action);
          actual.push(
            decision.ok
              ? `${status}/${role}: accepted`
              : `${status}/${role}: ${decision.refusal.code} ${decision.refusal.kind} ${available ? 'available' : 'unavailable'}`,
          );
        }
      }
      expect(actual).toEqual(expected);
      expect(expected.length).toBeGreaterThan(0);
    });
  }
});
