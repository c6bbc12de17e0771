import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

const TUPHAP = '000.00.09.H20';
const LLTP = '2.000488';

let t: TestApp;
let supervisor: Session;
let tuphapStaff: Session;
let xaydungStaff: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  supervisor = await loginAs(t.app, 'tinh.giamsat');
  tuphapStaff = await loginAs(t.app, 'tuphap.tiepnhan');
  xaydungStaff = await loginAs(t.app, 'xaydung.tiepnhan');
});
afterAll(() => t.close());

interface Row {
  code: string;
  channel: 'online' | 'in_person' | 'postal';
  receivedAt: string;
  dueAt: string | null;
  finishedAt: string | null;
  outcome: 'resolved' | 'refused' | 'withdrawn' | 'stopped' | 'open';
  supplementRequests?: number;
}

/** Every dossier sits on a boundary of the first half of 2025 (times in Vietnam). */
const fixture: Row[] = [
  // carried over (open at the start), resolved on its appointment date
  {
    code: 'A',
    channel: 'in_person',
    receivedAt: '2024-12-20T09:00',
    dueAt: '2025-01-03T09:00',
    finishedAt: '2025-01-03T16:00',
    outcome: 'resolved',
  },
  // received at 23:59 on the last day, still open, within its deadline
  {
    code: 'B',
    channel: 'online',
    receivedAt: '2025-06-30T23:59',
    dueAt: '2025-07-10T09:00',
    finishedAt: null,
    outcome: 'open',
  },
  // open at the end and overdue
  {
    code: 'C',
    channel: 'online',
    receivedAt: '2025-06-01T08:00',
    dueAt: '2025-06-20T08:00',
    finishedAt: null,
    outcome: 'open',
  },
  // carried over, finished exactly at 00:00 after the last day: still in progress (overdue) at the end
  {
    code: 'D',
    channel: 'in_person',
    receivedAt: '2024-11-01T08:00',
    dueAt: '2024-11-15T08:00',
    finishedAt: '2025-07-01T00:00',
    outcome: 'resolved',
  },
  {
    code: 'E',
    channel: 'postal',
    receivedAt: '2025-02-01T08:00',
    dueAt: '2025-02-10T08:00',
    finishedAt: '2025-02-05T10:00',
    outcome: 'resolved',
  },
  {
    code: 'F',
    channel: 'in_person',
    receivedAt: '2025-03-01T08:00',
    dueAt: '2025-03-10T08:00',
    finishedAt: '2025-03-12T10:00',
    outcome: 'resolved',
  },
  // early by date, but two supplement requests make it late
  {
    code: 'G',
    channel: 'in_person',
    receivedAt: '2025-03-01T08:00',
    dueAt: '2025-03-20T08:00',
    finishedAt: '2025-03-05T10:00',
    outcome: 'resolved',
    supplementRequests: 2,
  },
  {
    code: 'H',
    channel: 'online',
    receivedAt: '2025-04-01T08:00',
    dueAt: null,
    finishedAt: '2025-04-01T09:00',
    outcome: 'refused',
  },
  {
    code: 'I',
    channel: 'in_person',
    receivedAt: '2025-04-02T08:00',
    dueAt: '2025-04-20T08:00',
    finishedAt: '2025-04-10T08:00',
    outcome: 'withdrawn',
  },
  // received one second before the start, stopped exactly at the start: carried over, then stopped
  {
    code: 'J',
    channel: 'in_person',
    receivedAt: '2024-12-31T23:59:59',
    dueAt: '2025-01-10T08:00',
    finishedAt: '2025-01-01T00:00',
    outcome: 'stopped',
  },
  // finished one minute before the start: not in the report
  {
    code: 'K',
    channel: 'in_person',
    receivedAt: '2024-12-01T08:00',
    dueAt: '2024-12-31T17:00',
    finishedAt: '2024-12-31T23:59',
    outcome: 'resolved',
  },
  // received exactly at the end: not in the report
  {
    code: 'L',
    channel: 'in_person',
    receivedAt: '2025-07-01T00:00',
    dueAt: '2025-07-10T08:00',
    finishedAt: null,
    outcome: 'open',
  },
];

const vn = (local: string | null) => (local === null ? null : `${local}+07:00`);

async function loadFixture() {
  const importId = randomUUID();
  for (const r of fixture) {
    await t.database.db.execute(sql`
      insert into dossier_history (code, agency_id, procedure_id, channel, received_at, due_at, finished_at,
                                   outcome, supplement_requests, import_id)
      values (${`${TUPHAP}-FIXTURE-${r.code}`}, (select id from agencies where code = ${TUPHAP}),
              (select id from procedures where code = ${LLTP}), ${r.channel}, ${vn(r.receivedAt)}::timestamptz,
              ${vn(r.dueAt)}::timestamptz, ${vn(r.finishedAt)}::timestamptz, ${r.outcome},
              ${r.supplementRequests ?? 0}, ${importId})`);
  }
}

describe('period report', () => {
  it('matches the hand-computed figures of a fixture on every boundary', async () => {
    await loadFixture();
    const res = await as(t.app, tuphapStaff)(
      'GET',
      `/api/v1/reports/resolution?agency=${TUPHAP}&from=2025-01-01&to=2025-06-30`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.received).toEqual({
      total: 9,
      inPeriod: 6,
      online: 2,
      inPersonOrPostal: 4,
      inPerson: 3,
      postal: 1,
      carriedOver: 3,
    });
    expect(report.resolved).toEqual({ total: 4, early: 1, onTime: 1, late: 2 });
    expect(report.inProgress).toEqual({ total: 3, withinDeadline: 1, overdue: 2 });
    expect(report.other).toEqual({ refused: 1, withdrawn: 1, stopped: 1 });
    expect(report.rates).toEqual({ onlineShare: 0.3333, onTimeShare: 0.5 });
    expect(report.addsUp).toBe(true);
    expect(report.definitions.vi.length).toBeGreaterThan(3);

    const grouped = await as(t.app, supervisor)(
      'GET',
      `/api/v1/reports/resolution?agency=000.00.00.H20&from=2025-01-01&to=2025-06-30&subtree=true&groupBy=agency`,
    );
    const body = grouped.json<{
      received: { total: number };
      groups: { key: string; received: { total: number } }[];
    }>();
    expect(body.received.total).toBe(9);
    expect(body.groups).toEqual([
      expect.objectContaining({ key: TUPHAP, received: expect.objectContaining({ total: 9 }) }),
    ]);

    const byField = await as(t.app, tuphapStaff)(
      'GET',
      `/api/v1/reports/resolution?agency=${TUPHAP}&from=2025-01-01&to=2025-06-30&groupBy=field`,
    );
    expect(byField.json<{ groups: { key: string }[] }>().groups.map((g) => g.key)).toEqual([
      'LY_LICH_TU_PHAP',
    ]);
  });

  it('follows live dossiers through the triggers without counting a change twice', async () => {
    const desk = tuphapStaff;
    const created = await as(t.app, desk)('POST', '/api/v1/dossiers', {
      procedure: LLTP,
      caseIndex: 0,
      channel: 'in_person',
      applicant: { name: 'Võ Thị Mai', personalId: '087190001111' },
    });
    const code = created.json<{ code: string }>().code;
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const report = async () =>
      (
        await as(t.app, desk)('GET', `/api/v1/reports/resolution?agency=${TUPHAP}&from=${today}&to=${today}`)
      ).json<{
        received: { inPeriod: number; inPerson: number };
        inProgress: { total: number };
        other: { refused: number };
        addsUp: boolean;
      }>();
    const before = await report();
    const act = (action: string, body: Record<string, unknown> = {}) =>
      as(t.app, desk)('POST', `/api/v1/dossiers/${code}/actions/${action}`, body);
    expect((await act('receive')).statusCode).toBe(200);
    expect((await act('forward')).statusCode).toBe(200);
    const after = await report();
    expect(after.received.inPeriod).toBe(before.received.inPeriod + 1);
    expect(after.received.inPerson).toBe(before.received.inPerson + 1);
    expect(after.inProgress.total).toBe(before.inProgress.total + 1);
    expect(after.addsUp).toBe(true);
    // The aggregates equal a recount from the dossiers themselves.
    const recount = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from dossiers where agency_id = (select id from agencies where code = ${TUPHAP})
            and motcua_vn_day(received_at) = ${today}::date`,
    );
    expect(after.received.inPeriod).toBe(recount.rows[0]!.n);
  });

  it('counts a period that has not ended as of now: an open dossier is overdue only once its due time passed', async () => {
    const desk = await loginAs(t.app, 'tuphap.tiepnhan');
    const year = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));
    // This year and the next: ends long after any appointment made today.
    const report = async () =>
      (
        await as(t.app, desk)(
          'GET',
          `/api/v1/reports/resolution?agency=${TUPHAP}&from=${year}-01-01&to=${year + 1}-12-31`,
        )
      ).json<{
        endsAt: string;
        ongoing: boolean;
        inProgress: { total: number; withinDeadline: number; overdue: number };
        addsUp: boolean;
      }>();
    const before = await report();
    const created = await as(t.app, desk)('POST', '/api/v1/dossiers', {
      procedure: LLTP,
      caseIndex: 0,
      channel: 'in_person',
      applicant: { name: 'Đặng Văn Hùng', personalId: '087190002222' },
    });
    const code = created.json<{ code: string }>().code;
    const received = await as(t.app, desk)('POST', `/api/v1/dossiers/${code}/actions/receive`, {});
    expect(received.statusCode, received.body).toBe(200);
    const dueAt = Date.parse(received.json<{ dueAt: string }>().dueAt);
    const asked = Date.now();
    const after = await report();
    expect(after.ongoing).toBe(true);
    expect(Date.parse(after.endsAt)).toBeGreaterThanOrEqual(asked);
    expect(Date.parse(after.endsAt)).toBeLessThanOrEqual(Date.now());
    expect(dueAt).toBeGreaterThan(Date.parse(after.endsAt));
    expect(after.inProgress.total).toBe(before.inProgress.total + 1);
    expect(after.inProgress.withinDeadline).toBe(before.inProgress.withinDeadline + 1);
    expect(after.inProgress.overdue).toBe(before.inProgress.overdue);
    // Overdue as of now, as the dashboard counts it: open and past the due time (imported history too).
    const end = new Date(Date.parse(after.endsAt));
    const overdueNow = await t.database.db.execute<{ n: number }>(sql`
      select (select count(*) from dossiers
               where agency_id = (select id from agencies where code = ${TUPHAP}) and received_at < ${end}
                 and coalesce(resolved_at, closed_at) is null and due_at < ${end})::int
           + (select count(*) from dossier_history
               where agency_id = (select id from agencies where code = ${TUPHAP}) and outcome <> 'refused'
                 and received_at < ${end} and (finished_at is null or finished_at >= ${end})
                 and due_at < ${end})::int as n`);
    expect(after.inProgress.overdue).toBe(overdueNow.rows[0]!.n);
    expect(after.addsUp).toBe(true);
    // A period already over is not cut: it ends at 24:00 on its last day.
    const past = (
      await as(t.app, desk)(
        'GET',
        `/api/v1/reports/resolution?agency=${TUPHAP}&from=2025-01-01&to=2025-06-30`,
      )
    ).json<{ endsAt: string; ongoing: boolean }>();
    expect(past).toMatchObject({ endsAt: '2025-06-30T17:00:00.000Z', ongoing: false });
  });

  it('refuses bad periods, unknown agencies and strangers', async () => {
    const get = (s: Session, q: string) => as(t.app, s)('GET', `/api/v1/reports/resolution?${q}`);
    const reversed = await get(tuphapStaff, `agency=${TUPHAP}&from=2025-06-30&to=2025-01-01`);
    expect(reversed.statusCode).toBe(400);
    expect(errorOf(reversed).field).toBe('to');
    const long = await get(tuphapStaff, `agency=${TUPHAP}&from=2000-01-01&to=2025-01-01`);
    expect(long.statusCode).toBe(400);
    const badDate = await get(tuphapStaff, `agency=${TUPHAP}&from=2025-02-30&to=2025-03-01`);
    expect(errorOf(badDate).field).toBe('from');
    const unknown = await get(supervisor, 'agency=000.99.99.H20&from=2025-01-01&to=2025-01-31');
    expect(unknown.statusCode).toBe(404);
    const stranger = await get(xaydungStaff, `agency=${TUPHAP}&from=2025-01-01&to=2025-01-31`);
    expect(stranger.statusCode).toBe(403);
  });
});
