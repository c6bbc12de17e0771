import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  wordSimilarity,
  type IndexQuery,
  type IndexedProcedure,
  type SearchIndex,
} from '../../src/domain/catalog/search-index.ts';
import { foldForSearch } from '../../src/domain/catalog/search-text.ts';
import { vnToday } from '../../src/domain/catalog/versions.ts';
import type { CatalogEntry } from '../../src/features/catalog/catalog-file.ts';
import { CatalogCache, loadSearchSnapshot } from '../../src/features/catalog/catalog-cache.ts';
import { catalogDocument } from '../../src/features/catalog/export-catalog.ts';
import { getProcedure } from '../../src/features/catalog/get-procedure.ts';
import { importCatalog } from '../../src/features/catalog/import-catalog.ts';
import {
  searchCatalog,
  searchProcedures,
  type SearchInput,
} from '../../src/features/catalog/search-procedures.ts';
import { buildApp } from '../../src/server/app.ts';
import { as, loginAs, testApp, type TestApp } from '../support/app.ts';

// The in-memory search must give exactly what the SQL search gives; the caches must follow every change,
// made on this server, on another one, or straight in the database.

let t: TestApp;
const now = new Date();
const today = vnToday(now);
const caches: CatalogCache[] = [];

/** A second server's cache on the same database, as behind a load balancer. */
async function newCache(checkIntervalMs = 60_000): Promise<CatalogCache> {
  const cache = new CatalogCache(
    t.database.db,
    { connectionString: t.database.pool.options.connectionString },
    { checkIntervalMs, maxVersions: 100 },
  );
  await cache.start();
  caches.push(cache);
  return cache;
}

async function eventually(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${what}: not reached within 3 s`);
}

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

const actions = ['Cấp', 'Cấp lại', 'Gia hạn', 'Điều chỉnh', 'Thu hồi', 'Công nhận', 'Đăng ký', 'Thẩm định'];
const objects = [
  'giấy phép kinh doanh dịch vụ lữ hành nội địa',
  'chứng chỉ hành nghề hoạt động xây dựng',
  'giấy phép tổ chức lễ hội',
  'thẻ hướng dẫn viên du lịch',
  'giấy phép xây dựng nhà ở riêng lẻ',
  'giấy chứng nhận quyền sử dụng đất',
  'giấy phép lao động cho người nước ngoài',
  'giấy chứng nhận đăng ký hộ kinh doanh',
  'danh hiệu gia đình văn hóa',
  'giấy xác nhận tình trạng hôn nhân',
];
const qualifiers = ['', ' đối với tổ chức', ' cho cá nhân', ' có yếu tố nước ngoài', ' tại cấp xã'];

/** 400 procedures cloned from the demo ones: names repeat (ties are ordered by name, then code). */
function generated(template: CatalogEntry[]): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (let i = 0; i < 400; i++) {
    const base = template[i % template.length]!;
    const name = `${actions[i % actions.length]} ${objects[Math.floor(i / actions.length) % objects.length]}${qualifiers[Math.floor(i / 80) % qualifiers.length]}`;
    out.push({
      ...structuredClone(base),
      code: `3.${String(200000 + i)}`,
      effectiveFrom: '2025-07-01',
      content: { ...structuredClone(base.content), name },
    });
  }
  return out;
}

let template: CatalogEntry[];
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  template = (await catalogDocument(t.database.db, now)).procedures;
  await importCatalog(
    t.database.db,
    'system',
    { format: 'json', body: { format: 'motcua-catalog', formatVersion: 1, procedures: generated(template) } },
    { ip: null },
    now,
  );
}, 120_000);
afterAll(async () => {
  for (const c of caches) await c.stop();
  await t.close();
});

function listItems(items: IndexedProcedure[]) {
  return items.map((p) => ({
    code: p.code,
    name: p.name,
    field: p.field,
    level: p.level,
    onlineLevel: p.onlineLevel,
    deadline: p.deadline,
    agencies: p.agencies,
  }));
}

/** Typed queries: phrases, words, pieces of names with typos, codes, one or two letters, junk. */
function queries(index: SearchIndex, names: string[]): string[] {
  const r = random(20250701);
  const typo = (w: string) => {
    if (w.length < 3) return w;
    const k = Math.floor(r.next() * w.length);
    switch (Math.floor(r.next() * 3)) {
      case 0:
        return w.slice(0, k) + w.slice(k + 1);
      case 1:
        return w.slice(0, k) + r.pick([...'aeiouyhkngtd']) + w.slice(k + 1);
      default:
        return k + 1 < w.length ? w.slice(0, k) + w[k + 1]! + w[k]! + w.slice(k + 2) : w;
    }
  };
  const out = [
    'dang ky khai sinh',
    'Đăng ký khai sinh',
    'dang ki khai sinh',
    'ĐĂNG KÝ KHAI SINH',
    '  đăng   ký khai-sinh ',
    'cap giay phep',
    'giấy phép xây dựng',
    'giay phap xay dunh',
    'lu hanh',
    'huong dan vien',
    'huong dan vin du lich',
    '1.001193',
    '1.0011',
    '3.200',
    '3.200017',
    'ho tich',
    'the thao',
    'gia han chung chi',
    'tín ngưỡng',
    'xac nhan tinh trang hon nhan',
    'quảng cáo',
    'karaoke',
    'karaoka',
    'kihn doanh',
    'a',
    'gi',
    'đ',
    '%',
    '_',
    "'; DROP TABLE procedures; --",
    '🙂 khai sinh',
    'zzzz',
    'xay',
    'nha o rieng le',
  ];
  for (let i = 0; i < 50; i++) {
    const words = foldForSearch(r.pick(names)).split(' ');
    const from = Math.floor(r.next() * words.length);
    const piece = words.slice(from, from + 1 + Math.floor(r.next() * 3));
    out.push(r.next() < 0.5 ? piece.join(' ') : piece.map(typo).join(' '));
  }
  expect(index.size).toBeGreaterThan(400);
  return out;
}

const filters: Partial<SearchInput>[] = [
  {},
  { field: 'HO_TICH' },
  { level: 'province' },
  { online: 'partial' },
  { agency: '000.00.09.H20' },
];
const pages = [
  { page: 1, pageSize: 20 },
  { page: 2, pageSize: 7 },
  { page: 1, pageSize: 200 },
];

async function compare(index: SearchIndex, qs: string[]): Promise<number> {
  let answered = 0;
  for (const q of qs) {
    for (const f of filters) {
      for (const p of pages) {
        const input: SearchInput = { q, ...f, ...p };
        const expected = await searchProcedures(t.database.db, input, now);
        const query: IndexQuery = { ...f, ...p, q: foldForSearch(q) };
        const found = index.search(query);
        if (!found) continue;
        answered++;
        expect({ total: found.total, items: listItems(found.items) }, `${JSON.stringify(input)}`).toEqual({
          total: expected.total,
          items: expected.items,
        });
      }
    }
  }
  return answered;
}

describe('in-memory search', () => {
  it('computes pg_trgm word similarity exactly', async () => {
    const r = random(7);
    const alphabet = [...'aaeeiouhkntgd  01.'];
    const text = (max: number) =>
      Array.from({ length: Math.floor(r.next() * max) }, () => r.pick(alphabet)).join('');
    const { rows: names } = await t.database.pool.query<{ search_text: string }>(
      `SELECT search_text FROM procedure_versions WHERE status = 'published' LIMIT 200`,
    );
    const pairs: [string, string][] = [];
    for (let i = 0; i < 2000; i++) pairs.push([text(12), text(50)]);
    for (const n of names) {
      const words = n.search_text.split(' ');
      const piece = words.slice(2, 4).join(' ');
      pairs.push([piece, n.search_text], [piece.replace(/[aeiou]/, 'y'), n.search_text], ['', n.search_text]);
    }
    const { rows } = await t.database.pool.query<{ s: number; near: boolean }>(
      `SELECT word_similarity(q, t) AS s, q <% t AS near FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(q, t, n) ORDER BY n`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    pairs.forEach(([q, text], i) => {
      const js = wordSimilarity(q, text);
      expect(js, JSON.stringify([q, text])).toBe(Math.fround(rows[i]!.s));
      expect(js! >= 0.6, JSON.stringify([q, text])).toBe(rows[i]!.near);
    });
    expect(wordSimilarity('東京', 'x')).toBeUndefined();
  });

  it('gives what the SQL search gives: the same items in the same order, and the same total', async () => {
    const { index } = await loadSearchSnapshot(t.database.db, today);
    const { rows } = await t.database.pool.query<{ name: string }>(
      `SELECT DISTINCT name FROM procedure_versions WHERE status = 'published'`,
    );
    const qs = queries(
      index,
      rows.map((x) => x.name),
    );
    const answered = await compare(index, qs);
    // With ASCII text everything, typo tolerance included, is answered in memory.
    expect(answered).toBe(qs.length * filters.length * pages.length);
  }, 120_000);

  it('asks PostgreSQL for typo tolerance once a name folds to non-ASCII letters, and agrees with it', async () => {
    const entry = structuredClone(template.find((e) => e.code === '1.001193')!);
    entry.code = '3.299001';
    entry.content.name = 'Đăng ký 𠀀𠀁 khai sinh đặc biệt Ωμέγα';
    await importCatalog(
      t.database.db,
      'system',
      { format: 'json', body: { format: 'motcua-catalog', formatVersion: 1, procedures: [entry] } },
      { ip: null },
      now,
    );
    const { index } = await loadSearchSnapshot(t.database.db, today);
    const qs = ['dac biet', 'khai sinh dac', '𠀀', 'ωμεγα', 'ωμ', 'dang ki khai sinh', 'giay phap xay dunh'];
    const answered = await compare(index, qs);
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThan(qs.length * filters.length * pages.length);
    const cache = await newCache();
    await cache.warm(today);
    for (const q of qs) {
      const input = { q, page: 1, pageSize: 20 };
      expect(await searchCatalog(t.database.db, cache, input, now)).toEqual(
        await searchProcedures(t.database.db, input, now),
      );
    }
  }, 60_000);
});

describe('search snapshot invalidation', () => {
  it('follows a publication on another server within moments, and on its own at once', async () => {
    const a = t.app;
    const b = await buildApp({ database: t.database, config: t.config });
    await b.ready();
    const other = await newCache();
    try {
      const before = await other.warm(today);
      expect(before).toBeDefined();
      const admin = await loginAs(a, 'tuphap.quantri');
      const code = '2.000488';
      const page = (await a.inject(`/api/v1/procedures/${code}`)).json<{
        version: { lockVersion: number };
      }>();
      const doc = template.find((e) => e.code === code)!;
      const draft = await as(a, admin)('PUT', `/api/v1/procedures/${code}/draft`, {
        version: page.version.lockVersion,
        content: { ...doc.content, name: 'Cấp Phiếu lý lịch tư pháp phiên bản mới nhất' },
      });
      expect(draft.statusCode, draft.body).toBe(200);
      // A draft is not public: nothing to drop.
      expect(other.searchIndex(today, Date.now())).toBe(before);
      const published = await as(a, admin)('POST', `/api/v1/procedures/${code}/publish`, {
        version: draft.json<{ version: { lockVersion: number } }>().version.lockVersion,
        effectiveFrom: today,
      });
      expect(published.statusCode, published.body).toBe(200);
      const search = (app: typeof a) =>
        app
          .inject('/api/v1/procedures?q=phien%20ban%20moi%20nhat')
          .then((res) => res.json<{ items: { code: string }[] }>().items[0]?.code);
      // The server that published answers with the new version immediately.
      expect(await search(a)).toBe(code);
      // Another server hears of it by notification.
      await eventually(() => other.searchIndex(today, Date.now()) !== before, 'snapshot dropped');
      await eventually(async () => (await search(b)) === code, 'other server serves the new version');
      const fresh = await other.warm(today);
      expect(fresh?.search({ q: 'phien ban moi nhat', page: 1, pageSize: 5 })?.items[0]?.code).toBe(code);
      // The procedure page serves the new version everywhere at once (the version in force is read per request).
      expect((await b.inject(`/api/v1/procedures/${code}`)).json<{ name: string }>().name).toBe(
        'Cấp Phiếu lý lịch tư pháp phiên bản mới nhất',
      );
    } finally {
      await b.close();
    }
  });

  it('notices a change made without a notification (an agency renamed) by its fingerprint', async () => {
    const cache = await newCache(0);
    const index = await cache.warm(today);
    const page = () => getProcedure(t.database.db, undefined, '2.000488', new Date(), undefined, cache);
    expect((await page()).agencies.find((a) => a.code === '000.00.09.H20')?.name).not.toMatch(/đổi tên/);
    const renamed = 'Sở Tư pháp tỉnh Đồng Tháp (đổi tên)';
    await t.database.pool.query(
      `UPDATE agencies SET name = $1, version = version + 1 WHERE code = '000.00.09.H20'`,
      [renamed],
    );
    const agencyName = async () => {
      const found = await searchCatalog(
        t.database.db,
        cache,
        { q: 'ly lich tu phap', agency: '000.00.09.H20', page: 1, pageSize: 1 },
        new Date(),
      );
      return found.items[0]?.agencies.find((a) => a.code === '000.00.09.H20')?.name;
    };
    await eventually(async () => (await agencyName()) === renamed, 'agency name in search results');
    expect(cache.searchIndex(today, Date.now())).not.toBe(index);
    await eventually(
      async () => (await page()).agencies.find((a) => a.code === '000.00.09.H20')?.name === renamed,
      'agency name on the page',
    );
  });

  it('shows a moved lock version on every server’s page, without dropping the search snapshot', async () => {
    const b = await buildApp({ database: t.database, config: t.config });
    await b.ready();
    const other = await newCache();
    try {
      const code = '1.004873';
      const anonymous = (app: typeof b) =>
        app.inject(`/api/v1/procedures/${code}`).then((r) => r.json<{ version: { lockVersion: number } }>());
      const lock = (await anonymous(t.app)).version.lockVersion;
      expect((await anonymous(b)).version.lockVersion).toBe(lock);
      const fromMemory = await getProcedure(t.database.db, undefined, code, new Date(), undefined, other);
      expect(other.page(code, today, Date.now())).toBeDefined();
      const index = await other.warm(today);

      const admin = await loginAs(t.app, 'admin');
      const doc = template.find((e) => e.code === code)!;
      const draft = await as(t.app, admin)('PUT', `/api/v1/procedures/${code}/draft`, {
        version: lock,
        content: { ...doc.content, requirements: 'Sửa đổi trong bản dự thảo' },
      });
      expect(draft.statusCode, draft.body).toBe(200);
      const moved = draft.json<{ version: { lockVersion: number } }>().version.lockVersion;
      expect(moved).toBeGreaterThan(lock);
      // This server at once; the others by notification.
      expect((await anonymous(t.app)).version.lockVersion).toBe(moved);
      await eventually(async () => (await anonymous(b)).version.lockVersion === moved, 'other server page');
      await eventually(() => other.page(code, today, Date.now()) === undefined, 'page dropped');
      expect(
        (await getProcedure(t.database.db, undefined, code, new Date(), undefined, other)).version
          .lockVersion,
      ).toBe(moved);
      expect(fromMemory.version.lockVersion).toBe(lock);
      expect(other.searchIndex(today, Date.now())).toBe(index);
      // The draft itself stays private.
      const page = await b.inject(`/api/v1/procedures/${code}`);
      expect(page.json<{ requirements: string }>().requirements).not.toBe('Sửa đổi trong bản dự thảo');
    } finally {
      await b.close();
    }
  });

  it('serves nothing from memory while it cannot listen, and recovers', async () => {
    const cache = await newCache();
    expect(await cache.warm(today)).toBeDefined();
    await t.database.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'motcua-catalog-listener' AND datname = current_database()`,
    );
    await eventually(() => cache.searchIndex(today, Date.now()) === undefined, 'snapshot refused');
    // Searches still work, from PostgreSQL.
    const found = await searchCatalog(
      t.database.db,
      cache,
      { q: 'khai sinh', page: 1, pageSize: 5 },
      new Date(),
    );
    expect(found.total).toBeGreaterThan(0);
    await eventually(() => cache.searchIndex(today, Date.now()) !== undefined, 'listening again');
  });

  it('serves other days from PostgreSQL and builds only today’s snapshot', async () => {
    const cache = await newCache();
    await cache.warm(today);
    const input = { q: 'khai sinh', on: '2025-07-01', page: 1, pageSize: 50 };
    expect(await searchCatalog(t.database.db, cache, input, now)).toEqual(
      await searchProcedures(t.database.db, input, now),
    );
    const before = await searchCatalog(t.database.db, cache, { ...input, on: '2020-01-01' }, now);
    expect(before.total).toBe(0);
  });
});

describe('procedure page cache', () => {
  it('serves every procedure exactly as without the cache, the first time and from memory', async () => {
    // Staff (with a principal) always read the database; the public is served from memory.
    const cache = await newCache();
    const { rows } = await t.database.pool.query<{ code: string }>(
      `SELECT code FROM procedures ORDER BY code LIMIT 120`,
    );
    for (const { code } of rows) {
      const plain = await getProcedure(t.database.db, undefined, code, now).catch(() => undefined);
      if (!plain) continue;
      expect(await getProcedure(t.database.db, undefined, code, now, undefined, cache)).toEqual(plain);
      expect(await getProcedure(t.database.db, undefined, code, now, undefined, cache)).toEqual(plain);
    }
    expect(cache.versionBody(Number.MAX_SAFE_INTEGER)).toBeUndefined();
  });
});
