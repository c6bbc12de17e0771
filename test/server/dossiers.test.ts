import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierEvents, dossiers } from '../../src/db/schema.ts';
import { poolRunner, type SqlRunner, type Statement } from '../../src/db/statements.ts';
import type { Principal } from '../../src/domain/access/policy.ts';
import { replay, type DossierEvent } from '../../src/domain/dossier/index.ts';
import { prepareIntake } from '../../src/features/dossiers/intake/prepare.ts';
import { intakePipeline, takeIn } from '../../src/features/dossiers/intake/take-in.ts';
import type { DossierView } from '../../src/features/dossiers/get-dossier.ts';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';
import {
  CITIZEN,
  dossierKit,
  inPerson,
  LLTP,
  OTHER_CITIZEN,
  sessions,
  TUPHAP,
  TUPHAP_STAFF,
} from '../support/dossiers.ts';

const CODE_RE = /^000\.00\.09\.H20-\d{6}-\d{4,}$/;

let t: TestApp;
let desk: Session;
let handler: Session;
let approver: Session;
let clerk: Session;
let citizen: Session;
let otherCitizen: Session;
let otherDesk: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  ({ desk, handler, approver, clerk, citizen, otherCitizen, otherDesk } = await sessions(t.app, {
    ...TUPHAP_STAFF,
    citizen: CITIZEN,
    otherCitizen: OTHER_CITIZEN,
    otherDesk: 'xaydung.tiepnhan',
  }));
});
afterAll(() => t.close());

// The server's own view type: a field renamed or retyped there fails the type check here.
type View = DossierView;

const { act, ok, create, carry } = dossierKit<View>(() => t.app);

async function deskPrincipal(): Promise<Principal> {
  const [deskUser] = await t.database.db
    .execute<{ id: string; agency_id: number; path: string }>(
      sql`select u.id, a.id as agency_id, a.path from users u join agencies a on a.code = ${TUPHAP}
         where u.username = 'tuphap.tiepnhan'`,
    )
    .then((r) => r.rows);
  return {
    userId: deskUser!.id,
    kind: 'staff',
    grants: [{ role: 'receiving_officer', agencyId: deskUser!.agency_id, agencyPath: deskUser!.path }],
  };
}

async function handlerId(): Promise<string> {
  const res = await as(t.app, approver)('GET', `/api/v1/staff?agency=${TUPHAP}&role=handling_officer`);
  return res
    .json<{ items: { id: string; username: string }[] }>()
    .items.find((s) => s.username === 'tuphap.thuly')!.id;
}

async function storedAgreesWithEvents(id: string) {
  const events = await t.database.db
    .select({ event: dossierEvents.event })
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, id))
    .orderBy(asc(dossierEvents.seq));
  const [row] = await t.database.db.select().from(dossiers).where(eq(dossiers.id, id));
  const state = replay(events.map((e) => e.event as DossierEvent));
  expect(state).toEqual(row!.state);
  expect(row!.status).toBe(state.status);
  expect(row!.dueAt?.getTime() ?? null).toBe(state.dueAt);
  expect(row!.version).toBe(events.length);
}

describe('in-person dossier, from the desk to the rating', () => {
  it('goes through receipt, processing, approval, issue, return and rating', async () => {
    const created = await as(t.app, desk)('POST', '/api/v1/dossiers', inPerson());
    expect(created.statusCode, created.body).toBe(201);
    let d = created.json<View>();
    expect(d.code).toMatch(CODE_RE);
    expect(d.status).toBe('draft');
    expect(d.nationalChannelCode).toBe(1);
    expect(d.actions).toEqual(expect.arrayContaining(['receive', 'request_supplement', 'refuse']));
    const code = d.code!;

    // Each role's inbox tab lists the dossier exactly while it waits for that role.
    const waiting = async (who: Session, stage: string) => {
      const res = await as(t.app, who)(
        'GET',
        `/api/v1/dossiers?agency=${TUPHAP}&stage=${stage}&pageSize=100`,
      );
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: { code: string }[] }>().items.some((i) => i.code === code);
    };
    const tabs = async () => ({
      receive: await waiting(desk, 'receive'),
      forward: await waiting(desk, 'forward'),
      assign: await waiting(approver, 'assign'),
      approve: await waiting(approver, 'approve'),
      issue: await waiting(clerk, 'issue'),
      return: await waiting(desk, 'return'),
    });
    const only = (tab: string | null) => ({
      receive: tab === 'receive',
      forward: tab === 'forward',
      assign: tab === 'assign',
      approve: tab === 'approve',
      issue: tab === 'issue',
      return: tab === 'return',
    });
    expect(await tabs()).toEqual(only('receive'));

    d = await ok(desk, code, 'receive', { provided: [0, 1], version: d.version });
    expect(d.status).toBe('received');
    expect(d.nationalStatusCode).toBe(2);
    expect(d.dueAt).not.toBeNull();
    expect(d.components.filter((c) => c.provided).map((c) => c.idx)).toEqual([0, 1]);
    expect(await tabs()).toEqual(only('forward'));

    // The step shown follows the events: forwarding completes the receipt step, assigning the assignment.
    const roleOfStep = (view: View) => view.currentStep?.step?.role ?? null;
    d = await ok(desk, code, 'forward');
    expect(d.status).toBe('processing');
    expect(roleOfStep(d)).toBe('assign');
    expect(d.currentStep?.total).toBeGreaterThan(0);
    expect(await tabs()).toEqual(only('assign'));

    // The handling officer sees nothing to do until assigned.
    const before = await as(t.app, handler)('GET', `/api/v1/dossiers/${code}`);
    expect(before.json<View>().actions).not.toContain('complete_step');

    const assignee = await handlerId();
    d = await ok(approver, code, 'assign', { assigneeId: assignee });
    expect(d.assignee?.id).toBe(assignee);
    expect(roleOfStep(d)).toBe('handle');
    expect(await tabs()).toEqual(only(null));
    d = await ok(handler, code, 'complete_step', { note: 'Đã thẩm định, đủ điều kiện' });
    expect(roleOfStep(d)).toBe('approve');
    expect(await tabs()).toEqual(only('approve'));
    d = await ok(approver, code, 'approve', { note: 'Đồng ý' });
    expect(roleOfStep(d)).toBe('issue');
    expect(await tabs()).toEqual(only('issue'));
    d = await ok(clerk, code, 'issue', { resultNumber: '125/PLLTP', electronic: true });
    expect(d.status).toBe('resolved');
    expect(d.nationalStatusCode).toBe(9);
    expect(await tabs()).toEqual(only('return'));
    d = await ok(desk, code, 'return_result', {
      methods: ['paper'],
      delivery: 'in_person',
      receivedBy: 'Nguyễn Văn An',
    });
    expect(d.currentStep?.index).toBeNull();
    expect(await tabs()).toEqual(only(null));
    expect(d.status).toBe('returned');

    // The applicant has an account with that ID number: it is their dossier, they rate it once.
    const mine = await as(t.app, citizen)('GET', '/api/v1/dossiers?mine=true');
    expect(mine.json<{ items: { code: string }[] }>().items.map((i) => i.code)).toContain(code);
    const criteria = {
      total_time: 2,
      time_per_agency: 2,
      contacts: 2,
      agencies_contacted: 2,
      one_stop: 2,
      publication: 2,
      attitude: 2,
      feedback_handling: 1,
      online_service: 2,
    };
    d = await ok(citizen, code, 'rate', { quick: 'very_satisfied', criteria });
    const again = await act(citizen, code, 'rate', { quick: 'satisfied', criteria });
    expect(again.statusCode).toBe(409);
    const rated = await t.database.db.execute<{ score: number }>(
      sql`select score from dossier_ratings where dossier_id = ${d.id}`,
    );
    expect(rated.rows[0]?.score).toBe(17);

    expect(d.history.map((h) => h.action)).toEqual([
      'save_draft',
      'receive',
      'forward',
      'assign',
      'complete_step',
      'approve',
      'issue',
      'return_result',
      'rate',
    ]);
    await storedAgreesWithEvents(d.id);
  });
});

describe('refusals', () => {
  async function received(): Promise<View> {
    const code = (await create(desk)).code!;
    return ok(desk, code, 'receive');
  }

  it('answers 403 to a role that may not act and 409 to a state that does not allow it', async () => {
    const d = await received();
    const byHandler = await act(handler, d.code!, 'forward');
    expect(byHandler.statusCode).toBe(403);
    expect(errorOf(byHandler).code).toBe('ROLE_NOT_ALLOWED');
    const issueEarly = await act(clerk, d.code!, 'issue', { resultNumber: '1/KQ' });
    expect(issueEarly.statusCode).toBe(409);
    expect(errorOf(issueEarly).message).toMatch(/trạng thái|phê duyệt|duyệt/);
  });

  it('allows one supplement request only', async () => {
    const d = await received();
    await carry({ desk, approver, handler }, d.code!, 'assign');
    await ok(handler, d.code!, 'request_supplement', {
      items: ['Bản sao Căn cước'],
      reason: 'Bản sao không rõ',
    });
    await ok(desk, d.code!, 'provide_supplement', { items: ['Bản sao Căn cước'] });
    const second = await act(handler, d.code!, 'request_supplement', { items: ['Tờ khai'], reason: 'Thiếu' });
    expect(second.statusCode).toBe(409);
    expect(errorOf(second).code).toBe('SUPPLEMENT_ALREADY_REQUESTED');
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const d = await received();
    const res = await act(desk, d.code!, 'forward', { version: d.version - 1 });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('VERSION_CONFLICT');
    const now = await as(t.app, desk)('GET', `/api/v1/dossiers/${d.code}`);
    expect(now.json<View>().status).toBe('received');
  });

  it('lets one of two concurrent officers win', async () => {
    const d = await received();
    const [a, b] = await Promise.all([
      act(desk, d.code!, 'forward', { version: d.version }),
      act(desk, d.code!, 'forward', { version: d.version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('refuses withdrawal once a result is issued', async () => {
    const d = await received();
    await carry({ desk, approver, handler, clerk }, d.code!, 'issue');
    const res = await act(desk, d.code!, 'request_withdrawal', { reason: 'Không cần nữa' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('RESULT_ALREADY_ISSUED');
  });

  it('validates bodies: unknown fields, missing reasons, empty lists', async () => {
    const d = await received();
    const extra = await act(desk, d.code!, 'forward', { agencyCode: TUPHAP });
    expect(extra.statusCode).toBe(400);
    expect(errorOf(extra).field).toBe('agencyCode');
    const noReasons = await act(desk, d.code!, 'stop', {});
    expect(noReasons.statusCode).toBe(400);
    expect(errorOf(noReasons).field).toBe('reason');
  });

  it('hides dossiers from other agencies and from other citizens', async () => {
    const d = await received();
    for (const s of [otherDesk, otherCitizen]) {
      const res = await as(t.app, s)('GET', `/api/v1/dossiers/${d.code}`);
      expect(res.statusCode).toBe(404);
      const action = await act(s, d.code!, 'forward');
      expect(action.statusCode).toBe(404);
    }
    const list = await as(t.app, otherDesk)('GET', '/api/v1/dossiers');
    expect(list.json<{ items: { code: string }[] }>().items.map((i) => i.code)).not.toContain(d.code);
  });

  it('takes a dossier in under the normal case (no case index): the procedure’s own deadline', async () => {
    const due = async (caseIndex: number | null) => {
      const created = await as(t.app, desk)('POST', '/api/v1/dossiers', inPerson({ caseIndex }));
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json<View>().procedure.caseIndex).toBe(caseIndex);
      const d = await ok(desk, created.json<View>().code!, 'receive');
      const calendar = await t.app.inject(
        `/api/v1/calendar/deadline?${new URLSearchParams({
          start: d.receivedAt!,
          amount: String(caseIndex === null ? 10 : 15),
          unit: 'working_days',
          agency: '000.00.09.H20',
        })}`,
      );
      return { dueAt: Date.parse(d.dueAt!), expected: Date.parse(calendar.json<{ due: string }>().due) };
    };
    for (const caseIndex of [null, 0]) {
      const { dueAt, expected } = await due(caseIndex);
      expect(dueAt, String(caseIndex)).toBe(expected);
    }
    const omitted = await as(t.app, desk)('POST', '/api/v1/dossiers', {
      ...inPerson(),
      caseIndex: undefined,
    });
    expect(omitted.statusCode, omitted.body).toBe(201);
    expect(omitted.json<View>().procedure.caseIndex).toBeNull();
  });

  it('answers unknown procedures, agencies and malformed codes clearly', async () => {
    const unknown = await as(t.app, desk)('POST', '/api/v1/dossiers', inPerson({ procedure: '9.999999' }));
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('PROCEDURE_NOT_FOUND');
    const wrongAgency = await as(t.app, desk)(
      'POST',
      '/api/v1/dossiers',
      inPerson({ agency: '000.00.12.H20' }),
    );
    expect(wrongAgency.statusCode).toBe(400);
    expect(errorOf(wrongAgency).code).toBe('NOT_IMPLEMENTING_AGENCY');
    const badCase = await as(t.app, desk)('POST', '/api/v1/dossiers', inPerson({ caseIndex: 9 }));
    expect(errorOf(badCase).code).toBe('INVALID_CASE');
    const bad = await as(t.app, desk)('GET', '/api/v1/dossiers/..%2F..%2Fetc');
    expect(bad.statusCode).toBe(404);
    const postal = await as(t.app, desk)('POST', '/api/v1/dossiers', inPerson({ channel: 'postal' }));
    expect(errorOf(postal).code).toBe('WAYBILL_REQUIRED');
  });
});

describe('online filing and idempotency', () => {
  it('a citizen files online, with the same Idempotency-Key twice: one dossier', async () => {
    const body = { procedure: LLTP, caseIndex: 1, channel: 'online' };
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/dossiers',
        headers: { cookie: citizen.cookie, 'x-csrf-token': citizen.csrf, 'idempotency-key': 'abc-123-xyz' },
        payload: body,
      });
    const [first, second] = await Promise.all([send(), send()]);
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(first.json<View>().id).toBe(second.json<View>().id);
    expect(first.json<View>().status).toBe('submitted');
    expect(first.json<View>().nationalStatusCode).toBe(1);
    const count = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from dossiers where applicant_user_id = ${citizen.userId} and case_index = 1`,
    );
    expect(count.rows[0]!.n).toBe(1);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { cookie: citizen.cookie, 'x-csrf-token': citizen.csrf, 'idempotency-key': 'abc-123-xyz' },
      payload: { ...body, caseIndex: 0 },
    });
    expect(other.statusCode).toBe(409);
    expect(errorOf(other).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('a draft has no code until submitted; the desk then receives it', async () => {
    const res = await as(t.app, citizen)('POST', '/api/v1/dossiers', {
      procedure: LLTP,
      caseIndex: 0,
      channel: 'online',
      submit: false,
    });
    const draft = res.json<View>();
    expect(draft.code).toBeNull();
    expect(draft.status).toBe('draft');
    const submitted = await ok(citizen, draft.id, 'submit');
    expect(submitted.code).toMatch(CODE_RE);
    const receivedOnline = await ok(desk, submitted.code!, 'receive');
    expect(receivedOnline.status).toBe('received');
    expect(receivedOnline.nationalChannelCode).toBe(2);
  });

  it('a draft can be edited until it is submitted, then not', async () => {
    const res = await as(t.app, citizen)('POST', '/api/v1/dossiers', {
      procedure: LLTP,
      caseIndex: 0,
      channel: 'online',
      submit: false,
    });
    const draft = res.json<View>();
    const edited = await as(t.app, citizen)('PATCH', `/api/v1/dossiers/${draft.id}`, {
      version: draft.version,
      applicant: { phone: '0911222333', address: 'Ấp 3, Xã Tháp Mười' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<{ applicant: { phone: string; name: string } }>().applicant).toMatchObject({
      phone: '0911222333',
      name: 'Nguyễn Văn An',
    });
    await ok(citizen, draft.id, 'submit');
    const late = await as(t.app, citizen)('PATCH', `/api/v1/dossiers/${draft.id}`, {
      applicant: { phone: '0900000000' },
    });
    expect(late.statusCode).toBe(409);
    const stranger = await as(t.app, otherCitizen)('PATCH', `/api/v1/dossiers/${draft.id}`, {
      applicant: { phone: '0900000000' },
    });
    expect(stranger.statusCode).toBe(404);
  });

  it('staff cannot file online and citizens cannot enter desk dossiers', async () => {
    const staffOnline = await as(t.app, desk)('POST', '/api/v1/dossiers', inPerson({ channel: 'online' }));
    expect(staffOnline.statusCode).toBe(400);
    const citizenDesk = await as(t.app, citizen)('POST', '/api/v1/dossiers', inPerson());
    expect(citizenDesk.statusCode).toBe(403);
  });
});

describe('dossier codes', () => {
  it('200 concurrent intakes at one agency get 200 consecutive codes', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, () => as(t.app, desk)('POST', '/api/v1/dossiers', inPerson())),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const numbers = results.map((r) => Number(r.json<View>().code!.split('-')[2])).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(200);
    expect(numbers[199]! - numbers[0]!).toBe(199);
  });
});

describe('intake answers', () => {
  it('answers with the dossier as it reads back, on every channel', async () => {
    const bodies = [
      { s: desk, body: inPerson() },
      { s: desk, body: inPerson({ channel: 'postal', waybill: 'EB123456789VN' }) },
      { s: citizen, body: { procedure: LLTP, caseIndex: 1, channel: 'online' } },
      { s: citizen, body: { procedure: LLTP, caseIndex: 0, channel: 'online', submit: false } },
    ];
    for (const { s, body } of bodies) {
      const created = await as(t.app, s)('POST', '/api/v1/dossiers', body);
      expect(created.statusCode, created.body).toBe(201);
      const view = created.json<View & { standing: unknown }>();
      const read = await as(t.app, s)('GET', `/api/v1/dossiers/${view.code ?? view.id}`);
      expect(read.statusCode, read.body).toBe(200);
      // Everything but the standing (computed at each request's own instant) is the same.
      const { standing, ...rest } = read.json<View & { standing: { kind?: string } }>();
      const { standing: answered, ...answer } = view;
      expect(answer).toEqual(rest);
      expect(answered.kind).toEqual(standing.kind);
      expect(view.history.length).toBeGreaterThan(0);
      await storedAgreesWithEvents(view.id);
    }
  });

  it('decides a desk intake from what earlier ones read, and reads again when that changed', async () => {
    const newcomer = { name: 'Lê Thị Mới', personalId: '001199088877', phone: '0987654321' };
    const first = await as(t.app, desk)('POST', '/api/v1/dossiers', inPerson({ applicant: newcomer }));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<{ applicantUserId: string | null }>().applicantUserId).toBeNull();
    // Between intakes the applicant opens an account, the officer's name is corrected and the agency is
    // renamed: each next intake must see the change, not what the one before it read.
    const [account] = await t.database.db
      .execute<{ id: string; personal_id: string }>(
        sql`select id, personal_id from users where username = '082195004321'`,
      )
      .then((r) => r.rows);
    const [officer] = await t.database.db
      .execute<{ full_name: string }>(sql`select full_name from users where username = 'tuphap.tiepnhan'`)
      .then((r) => r.rows);
    const [agency] = await t.database.db
      .execute<{ name: string }>(sql`select name from agencies where code = ${TUPHAP}`)
      .then((r) => r.rows);
    type Answer = {
      applicantUserId: string | null;
      agency: { name: string };
      history: { actor: { name: string } }[];
    };
    const again = async () => {
      const res = await as(t.app, desk)('POST', '/api/v1/dossiers', inPerson({ applicant: newcomer }));
      expect(res.statusCode, res.body).toBe(201);
      await storedAgreesWithEvents(res.json<View>().id);
      return res;
    };
    try {
      await t.database.db.execute(
        sql`update users set personal_id = ${newcomer.personalId} where id = ${account!.id}`,
      );
      const second = await again();
      // The desk is not told the account (only its applicant is); the stored dossier is linked to it.
      expect(second.json<Answer>().applicantUserId).toBeNull();
      const [linked] = await t.database.db
        .execute<{ applicant_user_id: string }>(
          sql`select applicant_user_id from dossiers where id = ${second.json<View>().id}`,
        )
        .then((r) => r.rows);
      expect(linked!.applicant_user_id).toBe(account!.id);
      await t.database.db.execute(
        sql`update users set full_name = 'Bùi Ngọc Châu (Tổ trưởng)' where username = 'tuphap.tiepnhan'`,
      );
      const third = await again();
      expect(third.json<Answer>().history[0]!.actor.name).toBe('Bùi Ngọc Châu (Tổ trưởng)');
      await t.database.db.execute(
        sql`update agencies set name = 'Sở Tư pháp (tên mới)' where code = ${TUPHAP}`,
      );
      const fourth = await again();
      expect(fourth.json<Answer>().agency.name).toBe('Sở Tư pháp (tên mới)');
      // The refused guesses took no number.
      const numbers = [first, second, third, fourth].map((r) => Number(r.json<View>().code!.split('-')[2]));
      expect(numbers).toEqual([0, 1, 2, 3].map((i) => numbers[0]! + i));
    } finally {
      await t.database.db.execute(
        sql`update users set personal_id = ${account!.personal_id} where id = ${account!.id}`,
      );
      await t.database.db.execute(
        sql`update users set full_name = ${officer!.full_name} where username = 'tuphap.tiepnhan'`,
      );
      await t.database.db.execute(sql`update agencies set name = ${agency!.name} where code = ${TUPHAP}`);
    }
  });

  it('answers 503 "outcome unknown" when the connection breaks after the write, and does not write again', async () => {
    // The shared write commits, then its connection is lost before the answer arrives (as in a crash of
    // the database): the callers cannot know, and trying the dossiers again one by one would be wrong.
    const real = poolRunner(t.database.pool);
    let writes = 0;
    const runner: SqlRunner = {
      async rows<R>(statement: Statement, values: readonly unknown[]) {
        const rows = await real.rows<R>(statement, values);
        if (statement.text.includes('INSERT INTO dossier_code_counters')) {
          writes++;
          throw new Error('Connection terminated unexpectedly');
        }
        return rows;
      },
    };
    const pipeline = intakePipeline(runner);
    const principal = await deskPrincipal();
    const before = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from dossiers`);
    const results = await Promise.allSettled(
      [0, 1, 2].map(() =>
        takeIn(t.database.db, pipeline, principal, inPerson() as never, Date.now(), { ip: null }),
      ),
    );
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'COMMIT_OUTCOME_UNKNOWN' });
    }
    // Each dossier was written once, by the first statement; none was tried again.
    const after = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from dossiers`);
    expect(after.rows[0]!.n - before.rows[0]!.n).toBe(3);
    expect(writes).toBe(1);
  });

  it('a dossier that cannot be written fails alone; the others of its batch keep consecutive codes', async () => {
    const principal = await deskPrincipal();
    const runner = poolRunner(t.database.pool);
    const pipeline = intakePipeline(runner);
    const prepare = () =>
      prepareIntake(
        (q) => pipeline.reads.submit(q),
        runner,
        t.database.db,
        principal,
        inPerson() as never,
        Date.now(),
        {
          ip: null,
        },
      );
    const [a, bad, b] = await Promise.all([prepare(), prepare(), prepare()]);
    // A version that does not exist: the foreign key refuses it, at the end of the shared statement.
    bad.write.row.procedureVersionId = -1;
    const results = await Promise.allSettled([a, bad, b].map((p) => pipeline.writes.submit(p.write)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const codes = results.flatMap((r) =>
      r.status === 'fulfilled' && r.value.written && r.value.code ? [r.value.code] : [],
    );
    const numbers = codes.map((c) => Number(c.split('-')[2]));
    expect(numbers[1]! - numbers[0]!).toBe(1);
    const left = await t.database.db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(eq(dossiers.id, bad.write.row.id));
    expect(left).toHaveLength(0);
    const events = await t.database.db
      .select({ seq: dossierEvents.seq })
      .from(dossierEvents)
      .where(eq(dossierEvents.dossierId, bad.write.row.id));
    expect(events).toHaveLength(0);
    // The next intake continues the numbering without a gap.
    const next = await as(t.app, desk)('POST', '/api/v1/dossiers', inPerson());
    expect(Number(next.json<View>().code!.split('-')[2])).toBe(numbers[1]! + 1);
  });
});

describe('public tracking', () => {
  it('masks the name and shows personal data only with the last four digits', async () => {
    const created = await as(t.app, desk)('POST', '/api/v1/dossiers', inPerson());
    const code = created.json<View>().code!;
    await ok(desk, code, 'receive');
    const anon = await t.app.inject({ method: 'GET', url: `/api/v1/track/${code}` });
    expect(anon.statusCode).toBe(200);
    const view = anon.json<{ applicant: Record<string, unknown>; personalData: boolean; steps: unknown[] }>();
    expect(view.applicant).toEqual({ name: 'N. V. A.' });
    expect(view.personalData).toBe(false);
    expect(anon.body).not.toContain('0912345678');
    expect(anon.body).not.toContain('087090001234');
    expect(anon.body).not.toContain('Lý Thường Kiệt');
    expect(view.steps).toHaveLength(1);
    const wrong = await t.app.inject({ method: 'GET', url: `/api/v1/track/${code}?lastFour=0000` });
    expect(wrong.json<{ personalData: boolean }>().personalData).toBe(false);
    const proved = await t.app.inject({ method: 'GET', url: `/api/v1/track/${code}?lastFour=5678` });
    expect(proved.json<{ applicant: { name: string; phone: string } }>().applicant).toMatchObject({
      name: 'Nguyễn Văn An',
      phone: '0912345678',
    });
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/track/000.00.09.H20-260101-9999' });
    expect(missing.statusCode).toBe(404);
    // Guessing the four digits is limited (test/server/abuse.test.ts has the numbers); plain lookups go on.
    const guesses = [];
    for (let i = 0; i < 12; i++)
      guesses.push(
        (await t.app.inject({ method: 'GET', url: `/api/v1/track/${code}?lastFour=${String(1000 + i)}` }))
          .statusCode,
      );
    expect(guesses.slice(0, 9).every((s) => s === 200)).toBe(true);
    expect(guesses.at(-1)).toBe(429);
    const plain = await t.app.inject({ method: 'GET', url: `/api/v1/track/${code}` });
    expect(plain.statusCode).toBe(200);
  });
});

describe('the history is append-only', () => {
  it('refuses to change or delete events', async () => {
    const failure = async (query: Promise<unknown>) =>
      query.then(
        () => 'changed',
        (e: Error & { cause?: { message?: string } }) => e.cause?.message ?? e.message,
      );
    expect(await failure(t.database.db.execute(sql`update dossier_events set action = 'x'`))).toMatch(
      /append-only/,
    );
    expect(await failure(t.database.db.execute(sql`delete from dossier_events`))).toMatch(/append-only/);
  });
});

describe('more paths', () => {
  async function processing(): Promise<View> {
    const code = (await create(desk)).code!;
    await ok(desk, code, 'receive');
    return carry({ desk, approver, handler }, code, 'assign');
  }

  it('routes by competence: a commune desk takes in a province procedure for the department', async () => {
    const communeDesk = await loginAs(t.app, 'caolanh.tiepnhan');
    const created = await as(t.app, communeDesk)('POST', '/api/v1/dossiers', inPerson());
    expect(created.statusCode, created.body).toBe(201);
    const d = created.json<View & { agency: { code: string }; intakeAgency: { code: string } }>();
    expect(d.agency.code).toBe(TUPHAP);
    expect(d.intakeAgency.code).toBe('000.21.31.H20');
    expect(d.code).toMatch(CODE_RE);
    await ok(communeDesk, d.code!, 'receive');
    const forwarded = await ok(communeDesk, d.code!, 'forward');
    expect(forwarded.status).toBe('processing');
    // The department's approver now sees it in the inbox.
    const inbox = await as(t.app, approver)('GET', `/api/v1/dossiers?agency=${TUPHAP}&status=processing`);
    expect(inbox.json<{ items: { code: string }[] }>().items.map((i) => i.code)).toContain(d.code);
  });

  it('joint processing: approval waits for every cooperating agency', async () => {
    const d = await processing();
    const XAYDUNG = '000.00.10.H20';
    await ok(handler, d.code!, 'send_to_cooperating', { agencies: [XAYDUNG], question: 'Xin ý kiến' });
    const early = await act(approver, d.code!, 'approve');
    expect(early.statusCode).toBe(409);
    const partner = await loginAs(t.app, 'xaydung.thuly');
    const seen = await as(t.app, partner)('GET', `/api/v1/dossiers/${d.code}`);
    expect(seen.json<View>().actions).toEqual(['cooperating_result']);
    await ok(partner, d.code!, 'cooperating_result', { result: 'Đủ điều kiện về xây dựng' });
    const again = await act(partner, d.code!, 'cooperating_result', { result: 'Lần hai' });
    expect(again.statusCode).toBe(409);
    await ok(handler, d.code!, 'complete_step');
    const approved = await ok(approver, d.code!, 'approve');
    expect(approved.actions).not.toContain('approve');
    const unknown = await act(handler, d.code!, 'send_to_cooperating', {
      agencies: ['000.99.99.H20'],
      question: 'Xin ý kiến',
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('financial obligation pauses the clock and payment resumes it', async () => {
    const d = await processing();
    const paused = await ok(handler, d.code!, 'request_financial_obligation', {
      noticeNumber: 'TB-01/2026',
      amountVnd: 200000,
    });
    expect(paused.status).toBe('financial_obligation');
    expect(paused.nationalStatusCode).toBe(6);
    const resumed = await ok(desk, d.code!, 'record_payment', {
      amountVnd: 200000,
      transactionId: 'VNPAY-123',
    });
    expect(resumed.status).toBe('processing');
    expect(Date.parse(resumed.dueAt!)).toBeGreaterThanOrEqual(Date.parse(d.dueAt!));
    await storedAgreesWithEvents(d.id);
  });

  it('the applicant asks to withdraw, the approver stops the dossier', async () => {
    const d = await processing();
    const asked = await ok(citizen, d.code!, 'request_withdrawal', { reason: 'Tôi không còn nhu cầu' });
    expect(asked.status).toBe('withdrawal_requested');
    expect(asked.nationalStatusCode).toBe(7);
    const stopped = await ok(approver, d.code!, 'stop', { reason: 'Theo đề nghị của công dân' });
    expect(stopped.status).toBe('stopped');
    expect(stopped.nationalStatusCode).toBe(8);
    expect(stopped.actions).toEqual([]);
  });

  it('lists the inbox sorted by due time with stable pages', async () => {
    const page1 = await as(t.app, desk)('GET', `/api/v1/dossiers?agency=${TUPHAP}&pageSize=5`);
    const page2 = await as(t.app, desk)('GET', `/api/v1/dossiers?agency=${TUPHAP}&pageSize=5&page=2`);
    const a = page1.json<{ items: { id: string; dueAt: string | null }[]; total: number }>();
    const b = page2.json<{ items: { id: string; dueAt: string | null }[] }>();
    expect(a.items).toHaveLength(5);
    expect(a.total).toBeGreaterThan(10);
    const ids = [...a.items, ...b.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(10);
    const dues = [...a.items, ...b.items].map((i) => (i.dueAt === null ? Infinity : Date.parse(i.dueAt)));
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
    const byName = await as(t.app, desk)('GET', '/api/v1/dossiers?q=nguyen van');
    expect(byName.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
  });

  it('filters by agency within the caller’s scope only', async () => {
    const count = async (s: Session, query: string) => {
      const res = await as(t.app, s)('GET', `/api/v1/dossiers?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ total: number }>().total;
    };
    const created = await as(t.app, desk)('POST', '/api/v1/dossiers', inPerson());
    expect(created.statusCode, created.body).toBe(201);
    const [stored] = (
      await t.database.db.execute<{ n: number }>(
        sql`select count(*)::int as n from dossiers d join agencies a on a.id = d.agency_id where a.code = ${TUPHAP}`,
      )
    ).rows;
    // The agency's own desk sees every dossier it resolves; another agency's desk sees none of them (it took
    // none in), although it may ask for that agency.
    expect(stored!.n).toBeGreaterThan(0);
    expect(await count(desk, `agency=${TUPHAP}`)).toBe(stored!.n);
    expect(await count(otherDesk, `agency=${TUPHAP}`)).toBe(0);
    expect(await count(otherDesk, `agency=${TUPHAP}&status=draft`)).toBe(0);
  });
});
