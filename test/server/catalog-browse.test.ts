// The public procedure list (issue 14, defect 11): pages covering everything, filters, and with no query the
// most used procedures first, then Vietnamese alphabetical order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnToday } from '../../src/domain/catalog/versions.ts';
import { searchProcedures } from '../../src/features/catalog/search-procedures.ts';
import { demoProcedures } from '../../src/features/demo/catalog-data.ts';
import { demoAgencies } from '../../src/features/demo/demo-data.ts';
import { testApp, type TestApp } from '../support/app.ts';

let t: TestApp;
const today = vnToday(new Date());
const vi = new Intl.Collator('vi');

interface Item {
  code: string;
  name: string;
  field: { code: string };
  level: string;
  onlineLevel: string;
  agencies: { code: string }[];
}
interface Page {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
}

async function list(qs: string): Promise<Page> {
  const res = await t.app.inject(`/api/v1/procedures?${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
}

/** Every page of a listing, in order. */
async function allPages(qs: string, pageSize: number): Promise<{ items: Item[]; totals: number[] }> {
  const first = await list(`${qs}&page=1&pageSize=${pageSize}`);
  const items = [...first.items];
  const totals = [first.total];
  for (let p = 2; p <= Math.ceil(first.total / pageSize); p++) {
    const next = await list(`${qs}&page=${p}&pageSize=${pageSize}`);
    items.push(...next.items);
    totals.push(next.total);
  }
  return { items, totals };
}

// Heavy use of three civil-status procedures over the last months, as the statistics triggers would count it.
const USE = [
  ['1.001193', 900], // Đăng ký khai sinh
  ['1.000894', 700], // Đăng ký kết hôn
  ['1.000656', 500], // Đăng ký khai tử
] as const;

beforeAll(async () => {
  t = await testApp();
  const caolanh = demoAgencies.find((a) => a.key === 'caolanh')!.code;
  // One statement: a snapshot rebuilt meanwhile (the background check) sees all the counts or none, never the
  // first alone, which would already put 1.001193 first and end the wait below too early.
  await t.database.pool.query(
    `INSERT INTO stats_daily (agency_id, procedure_id, day, channel, received)
     SELECT a.id, p.id, $2::date - 20, 'online', u.n
       FROM jsonb_to_recordset($3::jsonb) AS u(code text, n int)
       JOIN procedures p ON p.code = u.code, agencies a
      WHERE a.code = $1
     ON CONFLICT (agency_id, procedure_id, day, channel) DO UPDATE SET received = stats_daily.received + EXCLUDED.received`,
    [caolanh, today, JSON.stringify(USE.map(([code, n]) => ({ code, n })))],
  );
  // Use counts are read when the search snapshot is built: ask every server to build it again.
  await t.database.pool.query(`SELECT pg_notify('motcua_catalog', 'test: statistics changed')`);
  for (let tries = 0; (await list('pageSize=1')).items[0]?.code !== '1.001193'; tries++) {
    if (tries > 150) throw new Error('the search snapshot was not rebuilt');
    await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);
afterAll(() => t.close());

describe('public procedure list', () => {
  it('pages through all 47 demo procedures, each exactly once, with the same total on every page', async () => {
    const { items, totals } = await allPages('', 10);
    expect(totals).toEqual([47, 47, 47, 47, 47]);
    const codes = items.map((i) => i.code);
    expect(new Set(codes).size).toBe(47);
    expect([...codes].sort()).toEqual(demoProcedures.map((p) => p.code).sort());
    // Past the end: an empty page, still with the total.
    expect(await list('page=6&pageSize=10')).toMatchObject({ items: [], total: 47, page: 6 });
  });

  it('puts the most used first, then Vietnamese alphabetical order (as Intl.Collator vi sorts)', async () => {
    const { rows } = await t.database.pool.query<{ code: string; uses: number }>(
      `SELECT p.code, sum(s.received)::int AS uses FROM stats_daily s JOIN procedures p ON p.id = s.procedure_id
        WHERE s.day >= $1::date - 365 AND s.day < $1::date GROUP BY p.code`,
      [today],
    );
    const uses = new Map(rows.map((r) => [r.code, r.uses]));
    const { items } = await allPages('', 20);
    expect(items.slice(0, 3).map((i) => i.code)).toEqual(USE.map(([code]) => code));
    const expected = [...items].sort(
      (a, b) =>
        (uses.get(b.code) ?? 0) - (uses.get(a.code) ?? 0) ||
        vi.compare(a.name, b.name) ||
        (a.code < b.code ? -1 : 1),
    );
    expect(items.map((i) => i.code)).toEqual(expected.map((i) => i.code));
    // Among procedures equally used, "Đăng ký…" comes between the names in C and those in N and T (đ is the
    // letter after d), not after every Latin letter as code points would have it.
    const unused = items.filter((i) => !uses.has(i.code)).map((i) => i.name[0]);
    const lastC = unused.lastIndexOf('C');
    const firstDj = unused.indexOf('Đ');
    const lastDj = unused.lastIndexOf('Đ');
    const firstLater = unused.findIndex((l) => l === 'N' || l === 'T');
    expect(Math.min(lastC, firstDj, firstLater)).toBeGreaterThanOrEqual(0);
    expect(firstDj).toBeGreaterThan(lastC);
    expect(lastDj).toBeLessThan(firstLater);
    expect(['T', 'Đ', 'C'].sort(vi.compare)).toEqual(['C', 'Đ', 'T']);
  });

  it('gives the same order from PostgreSQL as from the in-memory snapshot', async () => {
    const memory = (await allPages('', 47)).items.map((i) => i.code);
    const fromSql = await searchProcedures(t.database.db, { page: 1, pageSize: 47 }, new Date());
    expect(fromSql.items.map((i) => i.code)).toEqual(memory);
    const paged = await searchProcedures(t.database.db, { page: 2, pageSize: 20 }, new Date());
    expect(paged).toMatchObject({ total: 47 });
    expect(paged.items.map((i) => i.code)).toEqual(memory.slice(20, 40));
  });

  it('keeps the relevance ranking when there is a query', async () => {
    const found = await list('q=khai%20tu');
    expect(found.items[0]!.code).toBe('1.000656');
  });

  it.each([
    [
      'field',
      'HO_TICH',
      (i: Item) => i.field.code === 'HO_TICH',
      (p: (typeof demoProcedures)[number]) => p.field === 'HO_TICH',
    ],
    [
      'level',
      'commune',
      (i: Item) => i.level === 'commune',
      (p: (typeof demoProcedures)[number]) => p.level === 'commune',
    ],
    [
      'online',
      'full',
      (i: Item) => i.onlineLevel === 'full',
      (p: (typeof demoProcedures)[number]) => p.online === 'full',
    ],
    [
      'agency',
      demoAgencies.find((a) => a.key === 'tuphap')!.code,
      (i: Item) => i.agencies.some((a) => a.code === demoAgencies.find((d) => d.key === 'tuphap')!.code),
      (p: (typeof demoProcedures)[number]) => p.agencies.includes('tuphap'),
    ],
  ])('filters by %s, across pages', async (name, value, holds, inDemo) => {
    const expected = demoProcedures.filter(inDemo).map((p) => p.code);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(47);
    const { items, totals } = await allPages(`${name}=${encodeURIComponent(value)}`, 5);
    expect(new Set(totals)).toEqual(new Set([expected.length]));
    expect(items.every(holds)).toBe(true);
    expect(items.map((i) => i.code).sort()).toEqual(expected.sort());
  });

  it('combines filters with a query', async () => {
    const found = await list('q=dang%20ky&field=HO_TICH&level=commune');
    expect(found.total).toBeGreaterThan(0);
    expect(found.items.every((i) => i.field.code === 'HO_TICH' && i.level === 'commune')).toBe(true);
  });
});
