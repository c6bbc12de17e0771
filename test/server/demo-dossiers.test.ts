import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierEvents, dossiers } from '../../src/db/schema.ts';
import { replay, type DossierEvent } from '../../src/domain/dossier/index.ts';
import { dossierStages, stageOf, stageSql } from '../../src/domain/dossier/stage.ts';
import {
  demoDossierPlans,
  seedDemoDossiers,
  targetStatus,
  type DemoDossierSeedResult,
} from '../../src/features/demo/seed-dossiers.ts';
import { as, loginAs, testApp, type TestApp } from '../support/app.ts';

const PROVINCE = '000.00.00.H20';

let t: TestApp;
let seeded: DemoDossierSeedResult;
const now = Date.now();
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  seeded = await seedDemoDossiers(t.database.db, now);
}, 120_000);
afterAll(() => t.close());

const vnDay = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

async function statusCounts(): Promise<Record<string, number>> {
  const rows = await t.database.db.execute<{ status: string; n: number }>(
    sql`select status, count(*)::int as n from dossiers group by status`,
  );
  return Object.fromEntries(rows.rows.map((r) => [r.status, r.n]));
}

describe('demo dossiers', () => {
  it('creates the planned live dossiers, each in its intended status', async () => {
    expect(seeded).toMatchObject({ seeded: true, dossiers: demoDossierPlans.length });
    const expected: Record<string, number> = {};
    for (const p of demoDossierPlans)
      expected[targetStatus[p.target]] = (expected[targetStatus[p.target]] ?? 0) + 1;
    expect(await statusCounts()).toEqual(expected);
    expect(expected).toMatchObject({
      submitted: 4,
      received: 3,
      processing: 15,
      returned: 10,
      refused: 2,
      stopped: 2,
    });
    // All three channels, several agencies, some taken in by the provincial service centre.
    const spread = await t.database.db.execute<{ channels: number; agencies: number; relayed: number }>(sql`
      select count(distinct channel)::int as channels, count(distinct agency_id)::int as agencies,
             count(*) filter (where intake_agency_id is not null)::int as relayed from dossiers`);
    expect(spread.rows[0]).toMatchObject({ channels: 3, agencies: 7, relayed: 1 });
    // Open dossiers past their appointment, and rated returns.
    const overdue = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from dossiers where status in ('received', 'processing') and due_at < ${new Date(now)}`,
    );
    expect(overdue.rows[0]!.n).toBe(3);
    const ratings = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from dossier_ratings`,
    );
    expect(ratings.rows[0]!.n).toBe(demoDossierPlans.filter((p) => p.rating).length);
  });

  it('stores for every dossier the state its events replay to', async () => {
    const rows = await t.database.db.select().from(dossiers);
    expect(rows.length).toBe(demoDossierPlans.length);
    const stages = new Map(
      (
        await t.database.db.execute<{ id: string; stage: string | null }>(
          sql`select id, (${sql.raw(stageSql())}) as stage from dossiers`,
        )
      ).rows.map((r) => [r.id, r.stage]),
    );
    // The demo has dossiers at every stage.
    expect(new Set(stages.values())).toEqual(new Set([...dossierStages, null]));
    for (const row of rows) {
      const events = await t.database.db
        .select({ event: dossierEvents.event })
        .from(dossierEvents)
        .where(eq(dossierEvents.dossierId, row.id))
        .orderBy(asc(dossierEvents.seq));
      const state = replay(events.map((e) => e.event as DossierEvent));
      expect(state).toEqual(row.state);
      expect(row.status).toBe(state.status);
      expect(row.dueAt?.getTime() ?? null).toBe(state.dueAt);
      expect(row.version).toBe(events.length);
      // The SQL says whose turn it is exactly as the domain does.
      expect(stages.get(row.id)).toBe(stageOf(row));
      // Nothing happened after the moment of seeding.
      for (const e of events) expect((e.event as DossierEvent).at).toBeLessThanOrEqual(now);
    }
  });

  it('gives the demo citizens dossiers of their own', async () => {
    const citizen = await loginAs(t.app, '087090001234');
    const res = await as(t.app, citizen)('GET', '/api/v1/dossiers?mine=true&pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ total: number }>().total).toBe(demoDossierPlans.filter((p) => p.citizen === 0).length);
  });

  it('imports two years of history: the province report over the last year has figures that add up', async () => {
    expect(seeded.history).toBeGreaterThan(2000);
    const supervisor = await loginAs(t.app, 'tinh.giamsat');
    const from = vnDay(now - 364 * 86_400_000);
    const res = await as(t.app, supervisor)(
      'GET',
      `/api/v1/reports/resolution?agency=${PROVINCE}&from=${from}&to=${vnDay(now)}&subtree=true`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<{
      received: { total: number; online: number; inPerson: number; postal: number };
      resolved: { total: number; early: number; onTime: number; late: number };
      inProgress: { total: number; overdue: number };
      other: { refused: number; withdrawn: number; stopped: number };
      addsUp: boolean;
    }>();
    expect(report.addsUp).toBe(true);
    expect(report.received.total).toBeGreaterThan(1000);
    for (const n of [
      report.received.online,
      report.received.inPerson,
      report.received.postal,
      report.resolved.early,
      report.resolved.late,
      report.inProgress.total,
      report.inProgress.overdue,
      report.other.refused,
      report.other.withdrawn,
      report.other.stopped,
    ])
      expect(n).toBeGreaterThan(0);
    // Mostly on time.
    expect(report.resolved.late / report.resolved.total).toBeLessThan(0.15);
  });

  it('does nothing the second time', async () => {
    const before = await statusCounts();
    const history = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from dossier_history`,
    );
    expect(await seedDemoDossiers(t.database.db, Date.now())).toEqual({
      seeded: false,
      dossiers: 0,
      history: 0,
    });
    expect(await statusCounts()).toEqual(before);
    const after = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from dossier_history`,
    );
    expect(after.rows[0]!.n).toBe(history.rows[0]!.n);
  });
});
