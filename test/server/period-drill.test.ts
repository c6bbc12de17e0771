// Issue 14 defect 4: every figure of the period report (Biểu 06) drills down to exactly the dossiers it counts.
// On the demo data (live dossiers and two years of imported history), for every cell of every agency row and
// of the total, over several periods: the list's total equals the figure, its pages hold that many distinct
// rows, and the rows are those an independent reading of the dossiers' own dates and outcomes puts there.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cellParts,
  cellValue,
  periodCells,
  type PeriodCell,
  type PeriodFigures,
} from '../../src/domain/statistics/period-report.ts';
import { seedDemoDossiers } from '../../src/features/demo/seed-dossiers.ts';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

const PROVINCE = '000.00.00.H20';
const TUPHAP = '000.00.09.H20';
const XAYDUNG = '000.00.10.H20';

let t: TestApp;
let supervisor: Session;
let tuphapStaff: Session;
const now = Date.now();
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  await seedDemoDossiers(t.database.db, now);
  supervisor = await loginAs(t.app, 'tinh.giamsat');
  tuphapStaff = await loginAs(t.app, 'tuphap.tiepnhan');
}, 180_000);
afterAll(() => t.close());

const VN = 7 * 3_600_000;
const vnDay = (ms: number) => new Date(ms + VN).toISOString().slice(0, 10);
const vnToday = vnDay(now);
const year = Number(vnToday.slice(0, 4));
const month = vnToday.slice(0, 7);
const lastDayOf = (ym: string) => {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return `${ym}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};
const previousMonth = (() => {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
})();

/** Running and ended periods: this month and year (stocks as of now), last month, last year, two years. */
const periods = [
  { from: `${month}-01`, to: lastDayOf(month) },
  { from: `${previousMonth}-01`, to: lastDayOf(previousMonth) },
  { from: `${year}-01-01`, to: `${year}-12-31` },
  { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
  { from: `${year - 2}-07-01`, to: vnToday },
];

interface Report extends PeriodFigures {
  endsAt: string;
  groups: (PeriodFigures & { key: string })[];
}
interface Drill {
  total: number;
  endsAt: string;
  items: { source: 'dossier' | 'history'; id: string; code: string | null; agency: { code: string } }[];
}

async function report(session: Session, query: string): Promise<Report> {
  const res = await as(t.app, session)('GET', `/api/v1/reports/resolution?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Report>();
}

/** Every page of a drill-down; checks that the pages agree on the total and never repeat a row. */
async function drillAll(session: Session, query: string): Promise<{ total: number; keys: string[] }> {
  const keys: string[] = [];
  let total = -1;
  for (let page = 1; ; page++) {
    const res = await as(t.app, session)(
      'GET',
      `/api/v1/reports/resolution/dossiers?${query}&page=${page}&pageSize=200`,
    );
    expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
    const body = res.json<Drill>();
    if (total === -1) total = body.total;
    expect(body.total).toBe(total);
    keys.push(...body.items.map((i) => `${i.source}:${i.id}`));
    if (body.items.length < 200) break;
  }
  expect(new Set(keys).size, query).toBe(keys.length);
  return { total, keys };
}

// ——— An independent reading of the rows, from docs/reports.md, not from the SQL under test ———

interface Row {
  key: string;
  agency: string;
  channel: string;
  kind: 'resolved' | 'refused' | 'withdrawn' | 'stopped' | 'open';
  late: boolean;
  receivedAt: number | null;
  dueAt: number | null;
  finishedAt: number | null;
  /** When the row stops being open (any end recorded, whatever the outcome). */
  openUntil: number | null;
  countsOpen: boolean;
}

async function loadRows(): Promise<Row[]> {
  const ms = (v: Date | string | null) => (v === null ? null : new Date(v).getTime());
  const live = await t.database.db.execute<{
    id: string;
    agency: string;
    channel: string;
    status: string;
    stop_reason: string | null;
    supplements: number | null;
    rescheduled: boolean;
    received_at: Date | null;
    due_at: Date | null;
    resolved_at: Date | null;
    closed_at: Date | null;
  }>(sql`
    select d.id, a.code as agency, d.channel, d.status, d.state->>'stopReason' as stop_reason,
           (d.state->>'supplementRequests')::int as supplements,
           jsonb_typeof(d.state->'reschedule') = 'object' as rescheduled,
           d.received_at, d.due_at, d.resolved_at, d.closed_at
      from dossiers d join agencies a on a.id = d.agency_id`);
  const history = await t.database.db.execute<{
    id: number;
    agency: string;
    channel: string;
    outcome: Row['kind'];
    supplement_requests: number;
    received_at: Date;
    due_at: Date | null;
    finished_at: Date | null;
  }>(sql`
    select h.id, a.code as agency, h.channel, h.outcome, h.supplement_requests, h.received_at, h.due_at,
           h.finished_at
      from dossier_history h join agencies a on a.id = h.agency_id`);
  const rows: Row[] = [];
  for (const d of live.rows) {
    const kind: Row['kind'] = ['resolved', 'returned'].includes(d.status)
      ? 'resolved'
      : d.status === 'refused'
        ? 'refused'
        : d.status === 'stopped'
          ? d.stop_reason === 'withdrawal'
            ? 'withdrawn'
            : 'stopped'
          : 'open';
    rows.push({
      key: `dossier:${d.id}`,
      agency: d.agency,
      channel: d.channel,
      kind,
      late: (d.supplements ?? 0) > 1 || d.rescheduled === true,
      receivedAt: ms(d.received_at),
      dueAt: ms(d.due_at),
      finishedAt: kind === 'resolved' ? ms(d.resolved_at) : kind === 'open' ? null : ms(d.closed_at),
      openUntil: ms(d.resolved_at ?? d.closed_at),
      countsOpen: d.received_at !== null,
    });
  }
  for (const h of history.rows)
    rows.push({
      key: `history:${h.id}`,
      agency: h.agency,
      channel: h.channel,
      kind: h.outcome,
      late: h.supplement_requests > 1,
      receivedAt: ms(h.received_at),
      dueAt: ms(h.due_at),
      finishedAt: h.outcome === 'open' ? null : ms(h.finished_at),
      openUntil: ms(h.finished_at),
      countsOpen: h.outcome !== 'refused',
    });
  return rows;
}

/** The cell's rows by the written definitions: flows by Vietnam day in the period, stocks at its bounds. */
function expectedKeys(rows: Row[], cell: PeriodCell, from: string, to: string, endsAt: number): Set<string> {
  const start = Date.parse(`${from}T00:00:00+07:00`);
  const inPeriod = (at: number | null) => at !== null && vnDay(at) >= from && vnDay(at) <= to;
  const openAt = (r: Row, at: number) =>
    r.countsOpen && r.receivedAt !== null && r.receivedAt < at && (r.openUntil === null || r.openUntil >= at);
  const overdue = (r: Row, at: number) => r.dueAt !== null && r.dueAt < at;
  const out = new Set<string>();
  for (const r of rows) {
    const finishedIn = r.kind !== 'open' && inPeriod(r.finishedAt);
    const fd = r.finishedAt === null ? '' : vnDay(r.finishedAt);
    const dd = r.dueAt === null ? null : vnDay(r.dueAt);
    const resolvedIn = finishedIn && r.kind === 'resolved';
    const is: Record<string, boolean> = {
      received: r.kind !== 'refused' && inPeriod(r.receivedAt),
      resolved_early: resolvedIn && !r.late && dd !== null && fd < dd,
      resolved_on_time: resolvedIn && !r.late && (dd === null || fd === dd),
      resolved_late: resolvedIn && (r.late || (dd !== null && fd > dd)),
      refused: finishedIn && r.kind === 'refused',
      withdrawn: finishedIn && r.kind === 'withdrawn' && r.receivedAt !== null,
      stopped: finishedIn && r.kind === 'stopped' && r.receivedAt !== null,
      carriedOver: openAt(r, start),
      openWithinDeadline: openAt(r, endsAt) && !overdue(r, endsAt),
      openOverdue: openAt(r, endsAt) && overdue(r, endsAt),
    };
    for (const part of cellParts[cell]) {
      const hit =
        'stock' in part
          ? is[part.stock]
          : is[part.flow] && (!part.channels || part.channels.includes(r.channel as never));
      if (hit) out.add(r.key);
    }
  }
  return out;
}

describe('period report drill-down', () => {
  it('lists for every cell of every agency row and of the total exactly the dossiers the figure counts', async () => {
    const rows = await loadRows();
    expect(rows.filter((r) => r.key.startsWith('history:')).length).toBeGreaterThan(500);
    let checked = 0;
    let nonEmpty = 0;
    for (const p of periods) {
      const scope = `agency=${PROVINCE}&from=${p.from}&to=${p.to}&subtree=true`;
      const r = await report(supervisor, `${scope}&groupBy=agency`);
      const endsAt = Date.parse(r.endsAt);
      const lines = [
        { query: scope, figures: r as PeriodFigures, agencies: null as string | null },
        ...r.groups.map((g) => ({
          query: `${scope}&groupBy=agency&group=${g.key}`,
          figures: g,
          agencies: g.key,
        })),
      ];
      for (const line of lines)
        for (const cell of periodCells) {
          const value = cellValue(line.figures, cell);
          const list = await drillAll(supervisor, `${line.query}&cell=${cell}`);
          const where = `${p.from}..${p.to} ${line.agencies ?? 'total'} ${cell}`;
          expect(list.total, where).toBe(value);
          expect(list.keys.length, where).toBe(value);
          const expected = expectedKeys(
            line.agencies === null ? rows : rows.filter((x) => x.agency === line.agencies),
            cell,
            p.from,
            p.to,
            endsAt,
          );
          expect(new Set(list.keys), where).toEqual(expected);
          checked++;
          if (value > 0) nonEmpty++;
        }
    }
    // The walk covered real data: many cells, most of them with dossiers behind.
    expect(checked).toBeGreaterThan(300);
    expect(nonEmpty).toBeGreaterThan(150);
  }, 600_000);

  it('follows the rows of the report grouped by procedure, field and level', async () => {
    const p = periods[2]!;
    for (const groupBy of ['procedure', 'field', 'level']) {
      const scope = `agency=${PROVINCE}&from=${p.from}&to=${p.to}&subtree=true&groupBy=${groupBy}`;
      const r = await report(supervisor, scope);
      expect(r.groups.length).toBeGreaterThan(0);
      for (const g of r.groups)
        for (const cell of ['received.total', 'resolved.total', 'inProgress.total'] as const) {
          const list = await drillAll(supervisor, `${scope}&group=${encodeURIComponent(g.key)}&cell=${cell}`);
          expect(list.total, `${groupBy} ${g.key} ${cell}`).toBe(cellValue(g, cell));
        }
    }
  }, 300_000);

  it('stocks of a running period are counted as of now, like the report', async () => {
    const p = periods[2]!;
    const q = `agency=${TUPHAP}&from=${p.from}&to=${p.to}`;
    const r = await report(tuphapStaff, q);
    const res = await as(t.app, tuphapStaff)(
      'GET',
      `/api/v1/reports/resolution/dossiers?${q}&cell=inProgress.overdue`,
    );
    const body = res.json<Drill & { ongoing: boolean }>();
    expect(body.ongoing).toBe(true);
    expect(Date.parse(body.endsAt)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(body.endsAt)).toBeGreaterThanOrEqual(Date.parse(r.endsAt));
    expect(body.total).toBe(r.inProgress.overdue);
    // A dossier due later this year is not overdue yet (it would be at 24:00 on 31 December).
    const later = await t.database.db.execute<{ n: number }>(sql`
      select count(*)::int as n from dossiers d join agencies a on a.id = d.agency_id
       where a.code = ${TUPHAP} and d.received_at is not null and d.resolved_at is null and d.closed_at is null
         and d.due_at > now()`);
    expect(later.rows[0]!.n).toBeGreaterThan(0);
    expect(r.inProgress.withinDeadline).toBeGreaterThanOrEqual(later.rows[0]!.n);
  });

  it('is scoped to the caller like the report', async () => {
    const p = periods[0]!;
    const drill = (s: Session | undefined, q: string) =>
      as(t.app, s)(
        'GET',
        `/api/v1/reports/resolution/dossiers?from=${p.from}&to=${p.to}&cell=inProgress.total&${q}`,
      );
    // Another department, and the province as a whole, are outside the desk officer's reports.
    const other = await drill(tuphapStaff, `agency=${XAYDUNG}`);
    expect(other.statusCode).toBe(403);
    expect(errorOf(other).code).toBe('FORBIDDEN');
    expect((await drill(tuphapStaff, `agency=${PROVINCE}&subtree=true`)).statusCode).toBe(403);
    // A row outside the report's agencies is not reached through the group either.
    const row = await drill(tuphapStaff, `agency=${TUPHAP}&groupBy=agency&group=${XAYDUNG}`);
    expect(row.statusCode).toBe(404);
    expect(errorOf(row).field).toBe('group');
    // Without a session: 401. The supervisor of the province may drill into the department.
    expect((await drill(undefined, `agency=${TUPHAP}`)).statusCode).toBe(401);
    expect((await drill(supervisor, `agency=${XAYDUNG}`)).statusCode).toBe(200);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const res = await as(t.app, supervisor)(
      'GET',
      `/api/v1/reports/resolution/dossiers?agency=${TUPHAP}&from=2025-01-01&to=2025-01-31&cell=nope`,
    );
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).field).toContain('cell');
    const noGroupBy = await as(t.app, supervisor)(
      'GET',
      `/api/v1/reports/resolution/dossiers?agency=${TUPHAP}&from=2025-01-01&to=2025-01-31&cell=resolved.total&group=x`,
    );
    expect(noGroupBy.statusCode).toBe(400);
    expect(errorOf(noGroupBy).field).toBe('groupBy');
  });

  it('answers the dashboard in one request, each figure equal to the use case it comes from, scoped', async () => {
    const get = async (session: Session, url: string) => {
      const res = await as(t.app, session)('GET', url);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Record<string, unknown>>();
    };
    const dash = (await get(supervisor, `/api/v1/reports/dashboard?agency=${TUPHAP}`)) as unknown as {
      counts: { statuses: Record<string, number>; open: number; overdue: number; week: number };
      overdue: { total: number; items: { code: string }[] };
      year: { onTimeShare: number | null };
      trend: { from: string; to: string; received: number; resolved: number }[];
      index: { totals: { points: number } };
    };
    const count = async (q: string) =>
      ((await get(supervisor, `/api/v1/dossiers?agency=${TUPHAP}&pageSize=1&${q}`)) as { total: number })
        .total;
    expect(dash.counts.statuses.processing).toBe(await count('status=processing'));
    expect(dash.counts.statuses.returned).toBe(await count('status=returned'));
    expect(dash.counts.overdue).toBe(await count('overdue=true'));
    expect(dash.overdue.total).toBe(dash.counts.overdue);
    expect(dash.trend).toHaveLength(6);
    const last = dash.trend[5]!;
    const month = (await get(
      supervisor,
      `/api/v1/reports/resolution?agency=${TUPHAP}&from=${last.from}&to=${last.to}`,
    )) as unknown as PeriodFigures;
    expect(last.received).toBe(month.received.inPeriod);
    expect(last.resolved).toBe(month.resolved.total);
    expect(dash.index.totals.points).toBeGreaterThan(0);
    // Scoped like the reports: another department's dashboard is refused, and bad input is a 400.
    const other = await as(t.app, tuphapStaff)('GET', `/api/v1/reports/dashboard?agency=${XAYDUNG}`);
    expect(other.statusCode).toBe(403);
    const bad = await as(t.app, tuphapStaff)('GET', `/api/v1/reports/dashboard?agency=x&subtree=maybe`);
    expect(bad.statusCode).toBe(400);
  });
});
