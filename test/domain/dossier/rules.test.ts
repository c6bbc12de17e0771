import { describe, it, expect } from 'vitest';
import {
  availableActions,
  decide,
  forwardTime,
  replay,
  DossierRuleError,
  type DossierEvent,
} from '../../../src/domain/dossier/index.ts';
import {
  HOUR,
  MINUTE,
  T0,
  actors,
  at,
  calendar,
  criteriaAllTwo,
  paths,
  refusalOf,
  run,
  statusPaths,
  validInputs,
} from './helpers.ts';

const processing = () => run(statusPaths.processing!);

describe('supplement requests', () => {
  it('refuses a second request at intake after the applicant supplied', () => {
    const r = run([
      ...statusPaths.supplement_requested_at_intake!,
      { action: 'provide_supplement', actor: 'applicant' },
    ]);
    expect(r.state.status).toBe('submitted');
    expect(refusalOf(r.state, 'request_supplement', 'desk', r.now + MINUTE)).toEqual({
      code: 'supplement_already_requested',
      kind: 'conflict',
      field: undefined,
    });
    // The desk can still receive or refuse it.
    expect(availableActions(r.state, actors.desk, r.now + MINUTE, calendar)).toEqual(
      expect.arrayContaining(['receive', 'refuse']),
    );
  });

  it('refuses a request during appraisal when one was made at intake', () => {
    const r = run([
      ...statusPaths.supplement_requested_at_intake!,
      { action: 'provide_supplement', actor: 'applicant' },
      { action: 'receive', actor: 'desk' },
      { action: 'forward', actor: 'desk' },
      { action: 'assign', actor: 'approver' },
    ]);
    expect(refusalOf(r.state, 'request_supplement', 'handler', r.now + MINUTE).code).toBe(
      'supplement_already_requested',
    );
    expect(availableActions(r.state, actors.handler, r.now + MINUTE, calendar)).not.toContain(
      'request_supplement',
    );
  });

  it('refuses a second request during appraisal', () => {
    const r = run([
      ...statusPaths.supplement_requested!,
      { action: 'provide_supplement', actor: 'applicant' },
    ]);
    expect(refusalOf(r.state, 'request_supplement', 'handler', r.now + MINUTE).code).toBe(
      'supplement_already_requested',
    );
  });

  it('requires every missing item listed, none empty or repeated', () => {
    const { state, now } = run(paths.submitted);
    const refuse = (input: unknown) => refusalOf(state, 'request_supplement', 'desk', now + MINUTE, input);
    expect(refuse({ reason: 'Thiếu' })).toEqual({ code: 'required', kind: 'invalid', field: 'items' });
    expect(refuse({ items: [], reason: 'Thiếu' })).toEqual({
      code: 'empty_list',
      kind: 'invalid',
      field: 'items',
    });
    expect(refuse({ items: ['A', '  '], reason: 'Thiếu' }).field).toBe('1');
    expect(refuse({ items: ['A', 'A'], reason: 'Thiếu' })).toEqual({
      code: 'duplicate_item',
      kind: 'invalid',
      field: 'items[1]',
    });
    expect(refuse({ items: ['A'] })).toEqual({ code: 'required', kind: 'invalid', field: 'reason' });
    expect(refuse({ items: ['A'], reason: 'x', extra: 1 })).toEqual({
      code: 'unknown_field',
      kind: 'invalid',
      field: 'extra',
    });
  });

  it('lets only the assigned handling officer request it during appraisal', () => {
    const { state, now } = processing();
    expect(refusalOf(state, 'request_supplement', 'otherHandler', now + MINUTE)).toEqual({
      code: 'not_assignee',
      kind: 'forbidden',
      field: undefined,
    });
    const unassigned = run([...statusPaths.received!, { action: 'forward', actor: 'desk' }]);
    expect(refusalOf(unassigned.state, 'request_supplement', 'handler', unassigned.now + MINUTE).code).toBe(
      'not_assigned',
    );
  });
});

describe('due times', () => {
  it('starts the clock at receipt: 10 working days from Monday 08:00 is Monday 08:00 two weeks on', () => {
    const { state, events } = run(statusPaths.received!);
    expect(state.receivedAt).toBe(T0 + 20 * MINUTE);
    expect(state.submittedAt).toBe(T0 + 20 * MINUTE);
    expect(state.dueAt).toBe(at('2026-03-16T08:20:00+07:00'));
    expect(state.originalDueAt).toBe(state.dueAt);
    expect(events.at(-1)!.clock).toEqual([{ kind: 'start', at: T0 + 20 * MINUTE }]);
    expect(events.at(-1)!.dueAt).toBe(at('2026-03-16T08:20:00+07:00'));
  });

  it('pauses for a supplement and moves the due time by the pause’s working time', () => {
    const r = run([
      ...statusPaths.processing!,
      { action: 'request_supplement', actor: 'handler', after: 24 * 60 - 40 }, // Tue 08:00
      { action: 'provide_supplement', actor: 'applicant', after: 2 * 24 * 60 }, // Thu 08:00
    ]);
    const [pause, resume] = r.events.slice(-2) as [DossierEvent, DossierEvent];
    expect(pause.clock).toEqual([
      { kind: 'pause', at: at('2026-03-03T08:00:00+07:00'), reason: 'supplement' },
    ]);
    expect(resume.clock).toEqual([{ kind: 'resume', at: at('2026-03-05T08:00:00+07:00') }]);
    expect(r.state.pauses).toEqual([
      { from: at('2026-03-03T08:00:00+07:00'), to: at('2026-03-05T08:00:00+07:00'), reason: 'supplement' },
    ]);
    expect(r.state.status).toBe('processing');
    expect(r.state.dueAt).toBe(at('2026-03-18T08:20:00+07:00'));
    expect(resume.dueAt).toBe(at('2026-03-18T08:20:00+07:00'));
    expect(r.state.originalDueAt).toBe(at('2026-03-16T08:20:00+07:00'));
  });

  it('pauses for a financial obligation over a weekend: only working time counts', () => {
    const r = run([
      ...statusPaths.processing!,
      { action: 'request_financial_obligation', actor: 'handler', after: 4 * 24 * 60 - 40 }, // Fri 08:00
      { action: 'record_payment', actor: 'system', after: 3 * 24 * 60 }, // Mon 08:00
    ]);
    expect(r.state.pauses).toEqual([
      {
        from: at('2026-03-06T08:00:00+07:00'),
        to: at('2026-03-09T08:00:00+07:00'),
        reason: 'financial_obligation',
      },
    ]);
    expect(r.state.dueAt).toBe(at('2026-03-17T08:20:00+07:00'));
  });

  it('keeps a pause open through a withdrawal request and closes it at the stop', () => {
    const r = run([
      ...statusPaths.supplement_requested!,
      { action: 'request_withdrawal', actor: 'applicant' },
      { action: 'stop', actor: 'approver' },
    ]);
    expect(r.state.status).toBe('stopped');
    expect(r.state.stopReason).toBe('withdrawal');
    expect(r.state.openPause).toBeNull();
    expect(r.state.pauses).toHaveLength(1);
    expect(r.state.pauses[0]!.to).toBe(r.now);
  });

  it('a withdrawal before receipt closes the dossier at once', () => {
    const r = run([...paths.submitted, { action: 'request_withdrawal', actor: 'applicant' }]);
    expect(r.state.status).toBe('stopped');
    expect(r.state.stopReason).toBe('withdrawal');
    expect(r.state.closedAt).toBe(r.now);
  });

  it('refuses a deadline the calendar engine refuses', () => {
    const { state, now } = run(paths.submitted);
    const receive = (deadline: unknown) =>
      refusalOf(state, 'receive', 'desk', now + MINUTE, { code: '000.00.12.H18-260302-0001', deadline });
    expect(receive({ amount: -1, unit: 'working_days' })).toEqual({
      code: 'invalid_deadline',
      kind: 'invalid',
      field: 'deadline.amount',
    });
    expect(receive({ amount: 3, unit: 'weeks' }).field).toBe('deadline.unit');
    expect(receive({ amount: 3, unit: 'working_days', extra: 1 }).code).toBe('unknown_field');
    expect(receive('10 days').code).toBe('invalid_deadline');
    expect(
      refusalOf(state, 'receive', 'desk', now + MINUTE, {
        code: '000.00.12.H18-260231-0001',
        deadline: { amount: 1, unit: 'working_days' },
      }),
    ).toEqual({ code: 'invalid_dossier_code', kind: 'invalid', field: 'code' });
  });
});

describe('apology and new appointment', () => {
  const due = at('2026-03-16T08:20:00+07:00');

  it('is allowed at least one working day before the due time, once', () => {
    const r = processing();
    const now = at('2026-03-13T08:20:00+07:00'); // Friday, exactly one working day before Monday 08:20
    expect(availableActions(r.state, actors.approver, now, calendar)).toContain('apologize');
    const newDueAt = at('2026-03-20T10:00:00+07:00');
    const decision = decide(
      r.state,
      'apologize',
      { reason: 'Cần xác minh', newDueAt },
      actors.approver,
      now,
      calendar,
    );
    if (!decision.ok) throw decision.refusal;
    expect(decision.event.dueAt).toBe(newDueAt);
    expect(decision.event.data).toEqual({ reason: 'Cần xác minh', newDueAt, previousDueAt: due });
    expect(decision.state.dueAt).toBe(newDueAt);
    expect(decision.state.originalDueAt).toBe(due);
    expect(decision.state.reschedule).toEqual({ at: now, dueAt: newDueAt });
    expect(
      refusalOf(decision.state, 'apologize', 'approver', now + HOUR, {
        reason: 'x',
        newDueAt: newDueAt + HOUR,
      }),
    ).toEqual({
      code: 'already_rescheduled',
      kind: 'conflict',
      field: undefined,
    });
  });

  it('is refused less than one working day before the due time, and after it', () => {
    const { state } = processing();
    const input = { reason: 'x', newDueAt: at('2026-03-20T10:00:00+07:00') };
    for (const now of [
      at('2026-03-13T08:21:00+07:00'),
      at('2026-03-16T08:00:00+07:00'),
      at('2026-03-17T09:00:00+07:00'),
    ]) {
      expect(refusalOf(state, 'apologize', 'approver', now, input).code).toBe('apology_too_late');
      expect(availableActions(state, actors.approver, now, calendar)).not.toContain('apologize');
    }
    // The weekend before Monday is not working time: Saturday is already too late.
    expect(refusalOf(state, 'apologize', 'approver', at('2026-03-14T09:00:00+07:00'), input).code).toBe(
      'apology_too_late',
    );
  });

  it('requires a later appointment within working time', () => {
    const { state } = processing();
    const now = at('2026-03-10T09:00:00+07:00');
    expect(refusalOf(state, 'apologize', 'approver', now, { reason: 'x', newDueAt: due })).toEqual({
      code: 'appointment_not_later',
      kind: 'invalid',
      field: 'newDueAt',
    });
    expect(
      refusalOf(state, 'apologize', 'approver', now, {
        reason: 'x',
        newDueAt: at('2026-03-22T10:00:00+07:00'),
      }).code,
    ).toBe(
      'appointment_not_working_time', // a Sunday
    );
    expect(
      refusalOf(state, 'apologize', 'approver', now, {
        reason: 'x',
        newDueAt: at('2026-03-20T12:00:00+07:00'),
      }).code,
    ).toBe(
      'appointment_not_working_time', // lunch break
    );
    expect(refusalOf(state, 'apologize', 'approver', now, { reason: 'x', newDueAt: 'tomorrow' }).code).toBe(
      'invalid_value',
    );
  });

  it('moves the new appointment by a pause that starts after the letter', () => {
    const r = processing();
    const newDueAt = at('2026-03-20T10:00:00+07:00');
    const after = run(
      [
        { action: 'apologize', actor: 'approver', input: { reason: 'x', newDueAt }, after: 0 },
        { action: 'request_financial_obligation', actor: 'handler', after: 0 },
        { action: 'record_payment', actor: 'desk', after: 24 * 60 },
      ],
      { ...r, now: at('2026-03-10T09:00:00+07:00') },
    );
    expect(after.state.dueAt).toBe(at('2026-03-23T10:00:00+07:00'));
  });
});

describe('withdrawal, rating, results', () => {
  it('refuses withdrawal once a result is issued, with its own reason', () => {
    for (const status of ['resolved', 'returned'] as const) {
      const { state, now } = run(statusPaths[status]!);
      expect(refusalOf(state, 'request_withdrawal', 'applicant', now + MINUTE)).toEqual({
        code: 'result_already_issued',
        kind: 'conflict',
        field: undefined,
      });
    }
  });

  it('refuses a second rating', () => {
    const r = run([...statusPaths.returned!, { action: 'rate', actor: 'applicant' }]);
    expect(r.state.rating).toEqual({ quick: 'satisfied', criteria: criteriaAllTwo, comment: null });
    expect(r.state.status).toBe('returned');
    expect(refusalOf(r.state, 'rate', 'applicant', r.now + MINUTE).code).toBe('already_rated');
  });

  it('checks the rating: quick rating and nine criteria scored 0–2', () => {
    const { state, now } = run(statusPaths.returned!);
    const rate = (input: unknown) => refusalOf(state, 'rate', 'applicant', now + MINUTE, input);
    expect(rate({ quick: 'happy', criteria: criteriaAllTwo }).field).toBe('quick');
    expect(rate({ quick: 'satisfied', criteria: { ...criteriaAllTwo, attitude: 3 } }).field).toBe(
      'criteria.attitude',
    );
    expect(rate({ quick: 'satisfied', criteria: { ...criteriaAllTwo, attitude: 1.5 } }).field).toBe(
      'criteria.attitude',
    );
    const { online_service: _, ...eight } = criteriaAllTwo;
    expect(rate({ quick: 'satisfied', criteria: eight })).toEqual({
      code: 'required',
      kind: 'invalid',
      field: 'criteria.online_service',
    });
    expect(rate({ quick: 'satisfied', criteria: { ...criteriaAllTwo, speed: 2 } }).code).toBe(
      'unknown_field',
    );
  });

  it('lets only the applicant of the dossier act as applicant', () => {
    const { state, now } = run(statusPaths.processing!);
    expect(refusalOf(state, 'request_withdrawal', 'otherApplicant', now + MINUTE)).toEqual({
      code: 'not_applicant',
      kind: 'forbidden',
      field: undefined,
    });
  });

  it('records who received a paper result and when', () => {
    const { state, now } = run(statusPaths.resolved!);
    const ret = (input: unknown) => refusalOf(state, 'return_result', 'desk', now + HOUR, input);
    expect(ret({ methods: ['paper'], receivedBy: 'Nguyễn Văn An' })).toEqual({
      code: 'paper_details_required',
      kind: 'invalid',
      field: 'delivery',
    });
    expect(ret({ methods: ['paper'], delivery: 'postal' }).field).toBe('receivedBy');
    expect(ret({ methods: [] }).code).toBe('empty_list');
    expect(ret({ methods: ['electronic', 'electronic'] }).code).toBe('duplicate_item');
    expect(
      ret({ methods: ['paper'], delivery: 'postal', receivedBy: 'A', receivedAt: now + 2 * HOUR }).code,
    ).toBe('received_at_out_of_range');
    expect(
      ret({ methods: ['paper'], delivery: 'postal', receivedBy: 'A', receivedAt: state.resolvedAt! - 1 })
        .code,
    ).toBe('received_at_out_of_range');
    const input = {
      methods: ['electronic', 'paper'],
      delivery: 'in_person',
      receivedBy: 'Nguyễn Văn An',
      receivedAt: now + 30 * MINUTE,
    };
    const decision = decide(state, 'return_result', input, actors.desk, now + HOUR, calendar);
    if (!decision.ok) throw decision.refusal;
    expect(decision.state.returnedAt).toBe(now + 30 * MINUTE);
    expect(decision.event.data).toEqual(input);
  });
});

describe('roles against states', () => {
  it('answers 403 for a role that may never act, 409 for a state that does not allow it', () => {
    const { state, now } = run(statusPaths.processing!);
    expect(refusalOf(state, 'approve', 'clerk', now + MINUTE).kind).toBe('forbidden');
    const submitted = run(paths.submitted);
    expect(refusalOf(submitted.state, 'approve', 'approver', submitted.now + MINUTE)).toEqual({
      code: 'invalid_state',
      kind: 'conflict',
      field: undefined,
    });
    // A role that may act, but not from this status: a handling officer at intake.
    expect(refusalOf(submitted.state, 'request_supplement', 'handler', submitted.now + MINUTE).code).toBe(
      'role_not_allowed',
    );
    expect(refusalOf(state, 'no_such_action', 'approver', now).code).toBe('unknown_action');
  });

  it('keeps an online draft private to the applicant and an in-person one to the desk', () => {
    const online = run(paths.draft);
    expect(refusalOf(online.state, 'receive', 'desk', online.now + MINUTE).code).toBe(
      'online_must_be_submitted',
    );
    expect(refusalOf(online.state, 'save_draft', 'otherApplicant', online.now + MINUTE).code).toBe(
      'not_applicant',
    );
    const desk = run(paths.inPersonDraft);
    expect(refusalOf(desk.state, 'submit', 'applicant', desk.now + MINUTE).code).toBe('not_applicant');
    const theirs = run([
      { action: 'save_draft', actor: 'desk', input: { channel: 'postal', applicantId: 'citizen-1' } },
    ]);
    expect(theirs.state.applicantId).toBe('citizen-1');
    expect(refusalOf(theirs.state, 'submit', 'applicant', theirs.now + MINUTE).code).toBe('not_online');
    expect(refusalOf(desk.state, 'save_draft', 'desk', desk.now + MINUTE, { channel: 'online' }).code).toBe(
      'channel_not_allowed',
    );
    expect(refusalOf(run([]).state, 'submit', 'applicant', T0).code).toBe('draft_not_saved');
  });

  it('holds approval while a cooperating agency has not answered, and lets only that agency answer', () => {
    const r = run([...statusPaths.processing!, { action: 'send_to_cooperating', actor: 'handler' }]);
    expect(refusalOf(r.state, 'approve', 'approver', r.now + MINUTE).code).toBe('cooperation_pending');
    const stranger = { id: 'coop-9', role: 'cooperating_officer', agencyCode: '000.00.99.H18' } as const;
    expect(refusalOf(r.state, 'cooperating_result', stranger, r.now + MINUTE).kind).toBe('forbidden');
    expect(
      refusalOf(r.state, 'send_to_cooperating', 'handler', r.now + MINUTE, {
        ...(validInputs.send_to_cooperating as object),
        agencies: ['000.00.15.H18'],
      }).code,
    ).toBe('duplicate_item');
    const done = run([{ action: 'cooperating_result', actor: 'coop' }], r);
    expect(done.state.cooperation).toEqual([
      {
        agencyCode: '000.00.15.H18',
        sentAt: r.now,
        answeredAt: done.now,
        result: 'Thống nhất',
        question: 'Đề nghị cho ý kiến về hiện trạng',
        replyDueAt: Date.UTC(2100, 0, 1),
        requestFiles: [],
        note: null,
        replyFiles: [],
      },
    ]);
    expect(refusalOf(done.state, 'cooperating_result', 'coop', done.now + MINUTE).code).toBe(
      'no_pending_cooperation',
    );
    expect(availableActions(done.state, actors.approver, done.now + MINUTE, calendar)).toContain('approve');
  });

  it('replays requests stored before questions, reply deadlines and files existed', () => {
    const r = run([
      ...statusPaths.processing!,
      { action: 'send_to_cooperating', actor: 'handler' },
      { action: 'cooperating_result', actor: 'coop' },
    ]);
    // The events as the earlier version stored them: agencies only; result and note only.
    const old = r.events.map((e) =>
      e.action === 'send_to_cooperating'
        ? { ...e, data: { agencies: e.data.agencies } }
        : e.action === 'cooperating_result'
          ? { ...e, data: { agencyCode: e.data.agencyCode, result: e.data.result, note: null } }
          : e,
    ) as DossierEvent[];
    const state = replay(old);
    expect(state.cooperation).toEqual([
      expect.objectContaining({
        agencyCode: '000.00.15.H18',
        result: 'Thống nhất',
        question: null,
        replyDueAt: null,
        requestFiles: [],
        replyFiles: [],
      }),
    ]);
    expect(state.status).toBe('processing');
  });

  it('moves steps forward and back, and a return withdraws the approval', () => {
    const r = run([
      ...statusPaths.processing!,
      { action: 'complete_step', actor: 'handler' },
      { action: 'complete_step', actor: 'handler' },
      { action: 'approve', actor: 'approver' },
      { action: 'return_step', actor: 'approver' },
    ]);
    expect(r.state.step).toBe(1);
    expect(r.state.approved).toBe(false);
    expect(refusalOf(r.state, 'issue', 'clerk', r.now + MINUTE).code).toBe('not_approved');
    const first = run(statusPaths.processing!);
    expect(refusalOf(first.state, 'return_step', 'handler', first.now + MINUTE).code).toBe(
      'no_previous_step',
    );
  });
});

describe('forwardTime', () => {
  const f = (iso: string) => forwardTime(at(iso), calendar);
  it('forwards at once until 15:00, then at the start of the next working day', () => {
    expect(f('2026-03-04T14:59:00+07:00')).toBe(at('2026-03-04T14:59:00+07:00'));
    expect(f('2026-03-04T15:00:00+07:00')).toBe(at('2026-03-04T15:00:00+07:00'));
    expect(f('2026-03-04T15:00:01+07:00')).toBe(at('2026-03-05T07:00:00+07:00'));
    expect(f('2026-03-04T12:00:00+07:00')).toBe(at('2026-03-04T13:30:00+07:00'));
    expect(f('2026-03-04T06:00:00+07:00')).toBe(at('2026-03-04T07:00:00+07:00'));
    expect(f('2026-03-06T16:00:00+07:00')).toBe(at('2026-03-09T07:00:00+07:00')); // Friday → Monday
    expect(f('2026-03-07T10:00:00+07:00')).toBe(at('2026-03-09T07:00:00+07:00')); // Saturday, online
    // Wednesday 29 April 2026 after 15:00: 30/4 and 1/5 are holidays, then the weekend.
    expect(f('2026-04-29T16:00:00+07:00')).toBe(at('2026-05-04T07:00:00+07:00'));
  });

  it('is recorded on the forward event', () => {
    const r = run([...paths.submitted, { action: 'receive', actor: 'desk', after: 7 * 60 + 30 }]); // 15:50
    const forwarded = run([{ action: 'forward', actor: 'desk' }], r);
    expect(forwarded.events.at(-1)!.data).toEqual({
      agencyCode: '000.00.12.H18',
      forwardBy: at('2026-03-03T07:00:00+07:00'),
    });
    expect(forwarded.state.resolvingAgencyCode).toBe('000.00.12.H18');
  });
});

describe('replay', () => {
  it('refuses a history that does not fit together', () => {
    const { events } = run(statusPaths.returned!);
    const codeOf = (list: DossierEvent[]) => {
      try {
        replay(list);
      } catch (error) {
        if (error instanceof DossierRuleError) return [error.code, error.field];
        throw error;
      }
      return 'accepted';
    };
    expect(codeOf(events)).toBe('accepted');
    expect(codeOf([events[0]!, events[2]!])).toEqual(['inconsistent_history', 'events[2]']);
    expect(codeOf([events[0]!, { ...events[1]!, from: 'received' }])).toEqual([
      'inconsistent_history',
      'events[1]',
    ]);
    expect(codeOf([events[0]!, { ...events[1]!, to: 'resolved' }])).toEqual([
      'inconsistent_history',
      'events[1]',
    ]);
  });
});
