/**
 * `npm run bench catalog`: search and procedure-page latency with 6,500 procedures loaded, and the import of
 * a 2,000-procedure Excel file, each beside a baseline measured in the same run on the same database. The
 * served figures use the server's catalog cache (features/catalog/catalog-cache.ts); the same work without
 * it is measured too.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { loadConfig } from '../src/config/config.ts';
import { openDatabase, runMigrations } from '../src/db/client.ts';
import { startEmbedded } from '../src/db/embedded.ts';
import type { Principal } from '../src/domain/access/policy.ts';
import { catalogDocument } from '../src/features/catalog/export-catalog.ts';
import { getProcedure } from '../src/features/catalog/get-procedure.ts';
import { searchProcedures } from '../src/features/catalog/search-procedures.ts';
import type { CatalogEntry, CatalogFile } from '../src/features/catalog/catalog-file.ts';
import { importCatalog } from '../src/features/catalog/import-catalog.ts';
import { writeWorkbook } from '../src/features/catalog/xlsx.ts';
import { seedDemo } from '../src/features/demo/seed.ts';
import { buildApp } from '../src/server/app.ts';
import { fmt } from './support.ts';

const actions = [
  'Cấp',
  'Cấp lại',
  'Gia hạn',
  'Điều chỉnh',
  'Thu hồi',
  'Công nhận',
  'Đăng ký',
  'Thẩm định',
  'Phê duyệt',
  'Xác nhận',
];
const objects = [
  'giấy phép kinh doanh dịch vụ lữ hành nội địa',
  'chứng chỉ hành nghề hoạt động xây dựng',
  'giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao',
  'giấy phép tổ chức lễ hội',
  'thẻ hướng dẫn viên du lịch',
  'giấy phép xây dựng nhà ở riêng lẻ',
  'hoạt động tín ngưỡng',
  'giấy chứng nhận quyền sử dụng đất',
  'phiếu lý lịch tư pháp',
  'giấy phép lao động cho người nước ngoài',
  'giấy chứng nhận đăng ký hộ kinh doanh',
  'giấy phép khai thác tài nguyên nước',
  'chứng chỉ năng lực hoạt động xây dựng',
  'giấy phép hoạt động bảo tàng',
  'danh hiệu gia đình văn hóa',
  'giấy phép biểu diễn nghệ thuật',
  'giấy xác nhận tình trạng hôn nhân',
  'hồ sơ thành lập hội',
  'giấy phép quảng cáo ngoài trời',
  'hạng cơ sở lưu trú du lịch',
];
const qualifiers = [
  '',
  ' đối với tổ chức',
  ' cho cá nhân',
  ' có yếu tố nước ngoài',
  ' trên địa bàn tỉnh',
  ' tại cấp xã',
  ' trường hợp bị mất, hỏng',
  ' đối với doanh nghiệp nhà nước',
];

export function generate(
  template: CatalogEntry[],
  n: number,
  codePrefix: string,
  effectiveFrom: string,
): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (let i = 0; i < n; i++) {
    const base = template[i % template.length]!;
    const name = `${actions[i % actions.length]} ${objects[Math.floor(i / actions.length) % objects.length]}${qualifiers[Math.floor(i / 200) % qualifiers.length]}${i >= 1600 ? ` (mẫu ${i})` : ''}`;
    out.push({
      ...structuredClone(base),
      code: `${codePrefix}.${String(100000 + i).padStart(6, '0')}`,
      effectiveFrom,
      content: { ...structuredClone(base.content), name },
    });
  }
  return out;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function time<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}

export async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'motcua-bench-catalog-'));
  await chmod(dir, 0o755);
  const server = await startEmbedded({
    pgDataDir: path.join(dir, 'postgres'),
    credentialsFile: path.join(dir, 'cred.json'),
    log: () => undefined,
  });
  const database = openDatabase(server.url.replace(/\/[^/]*$/, '/postgres'), { max: 10 });
  try {
    await runMigrations(database);
    await seedDemo(database.db, { password: 'bench-password-123' });
    const { rows } = await database.pool.query<{ id: string }>(
      `SELECT id FROM users WHERE username = 'admin'`,
    );
    const principal: Principal = {
      userId: rows[0]!.id,
      kind: 'staff',
      grants: [{ role: 'system_admin', agencyId: null, agencyPath: null }],
    };
    const meta = { ip: null };
    const demo = (await catalogDocument(database.db, new Date())).procedures;

    const load: CatalogFile = {
      format: 'motcua-catalog',
      formatVersion: 1,
      procedures: generate(demo, 6500 - demo.length, '3', '2025-07-01'),
    };
    const [, loadMs] = await time(() =>
      importCatalog(database.db, principal, { format: 'json', body: load }, meta, new Date()),
    );
    await database.pool.query('ANALYZE');
    const total = (await database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM procedures`))
      .rows[0]!.n;
    console.log(
      `procedures loaded: ${fmt(total)} (JSON import of ${fmt(load.procedures.length)} in ${fmt(loadMs / 1000, 1)} s)`,
    );

    const app = await buildApp({ database, config: loadConfig({ DATA_DIR: dir }) });
    await app.ready();
    try {
      const queries = [
        'dang ky khai sinh',
        'Đăng ký khai sinh',
        'dang ki khai sinh',
        'cap giay phep',
        'giấy phép xây dựng',
        'lu hanh',
        'huong dan vien',
        '1.001193',
        '3.101234',
        'ho tich',
        'the thao',
        'gia han chung chi',
        'tín ngưỡng',
        'xac nhan tinh trang hon nhan',
        'quảng cáo',
        'a',
        '%',
        'lao dong nuoc ngoai',
      ];
      // Each request in its own turn of the event loop, as requests arriving over sockets are: a loop of
      // injections answered from memory would otherwise never let Node run its deferred clean-ups, whose
      // backlog grows the heap and makes every garbage collection slow (measured: 10 KB per request kept,
      // scavenges of 15–40 ms instead of 1).
      const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
      const inject = async (url: string) => {
        const [res, ms] = await time(() => app.inject(url));
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        await turn();
        return ms;
      };
      const sample = async (urls: string[], rounds: number) => {
        const out: number[] = [];
        for (let r = 0; r < rounds; r++) for (const u of urls) out.push(await inject(u));
        return out;
      };
      const searchUrls = queries.map((q) => `/api/v1/procedures?q=${encodeURIComponent(q)}`);
      const pageUrls = ['1.001193', '2.000488', '1.009972', '3.100010', '3.103333', '3.106000'].map(
        (c) => `/api/v1/procedures/${c}`,
      );
      await sample([...searchUrls, ...pageUrls, '/health/live'], 3);
      // The search snapshot is built in the background once the app starts (searches go to PostgreSQL
      // meanwhile): let it finish, as it has long before real traffic on a running server.
      await new Promise((r) => setTimeout(r, 1_500));
      await sample([...searchUrls, ...pageUrls], 1);
      const base: number[] = [];
      const search: number[] = [];
      const page: number[] = [];
      for (let r = 0; r < 10; r++) {
        base.push(...(await sample(['/health/live'], 20)));
        search.push(...(await sample(searchUrls, 2)));
        page.push(...(await sample(pageUrls, 4)));
      }
      const perQuery = new Map<string, number[]>();
      for (let r = 0; r < 5; r++) {
        for (const q of queries) {
          const ms = await inject(`/api/v1/procedures?q=${encodeURIComponent(q)}`);
          perQuery.set(q, [...(perQuery.get(q) ?? []), ms]);
        }
      }
      const slowest = [...perQuery.entries()]
        .map(([q, ms]) => [q, percentile(ms, 50)] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4);
      // The same work without the caches, in the same run: the SQL search and the page read from the
      // database (feature calls, no HTTP around them).
      const sqlSearch: number[] = [];
      const plainPage: number[] = [];
      const codes = pageUrls.map((u) => u.slice(u.lastIndexOf('/') + 1));
      for (let r = 0; r < 5; r++) {
        for (const q of queries) {
          sqlSearch.push(
            (await time(() => searchProcedures(database.db, { q, page: 1, pageSize: 20 }, new Date())))[1],
          );
          await turn();
        }
        for (const c of codes) {
          for (let k = 0; k < 4; k++) {
            plainPage.push((await time(() => getProcedure(database.db, undefined, c, new Date())))[1]);
            await turn();
          }
        }
      }
      const sql: number[] = [];
      for (let i = 0; i < 300; i++) sql.push((await time(() => database.pool.query('SELECT 1')))[1]);
      console.log(
        `baseline: bare route GET /health/live (inject)    p50 ${fmt(percentile(base, 50), 2)} ms  p95 ${fmt(percentile(base, 95), 2)} ms`,
      );
      console.log(
        `baseline: SELECT 1 round trip                      p50 ${fmt(percentile(sql, 50), 2)} ms  p95 ${fmt(percentile(sql, 95), 2)} ms`,
      );
      console.log(
        `search GET /api/v1/procedures?q=… (${queries.length} queries)   p50 ${fmt(percentile(search, 50), 2)} ms  p95 ${fmt(percentile(search, 95), 2)} ms   (target p95 < 10)`,
      );
      console.log(
        `  slowest queries (median): ${slowest.map(([q, ms]) => `"${q}" ${fmt(ms, 1)} ms`).join(', ')}`,
      );
      console.log(
        `procedure page GET /api/v1/procedures/{code}       p50 ${fmt(percentile(page, 50), 2)} ms  p95 ${fmt(percentile(page, 95), 2)} ms   (target p95 < 5)`,
      );
      console.log(
        `without the caches (feature calls, no HTTP): SQL search p50 ${fmt(percentile(sqlSearch, 50), 2)} ms  p95 ${fmt(percentile(sqlSearch, 95), 2)} ms; ` +
          `page p50 ${fmt(percentile(plainPage, 50), 2)} ms  p95 ${fmt(percentile(plainPage, 95), 2)} ms`,
      );
    } finally {
      await app.close();
    }

    const excelDoc: CatalogFile = {
      format: 'motcua-catalog',
      formatVersion: 1,
      procedures: generate(demo, 2000, '4', '2025-07-01'),
    };
    const xlsx = await writeWorkbook(excelDoc);
    const [, parseMs] = await time(async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    });
    let last = '';
    const [result, importMs] = await time(() =>
      importCatalog(database.db, principal, { format: 'xlsx', body: xlsx }, meta, new Date(), (p) => {
        const line = `  import ${p.phase} ${p.done}/${p.total}`;
        if (line !== last) process.stdout.write(`${line}\n`);
        last = line;
      }),
    );
    console.log(
      `baseline: exceljs only loading the same workbook (${fmt(xlsx.length / 1024)} KiB)   ${fmt(parseMs / 1000, 2)} s`,
    );
    console.log(
      `import of a 2,000-procedure Excel file (created ${result.created}, processes ${result.processes})   ${fmt(importMs / 1000, 2)} s   (target < 30)`,
    );
    const [again, againMs] = await time(() =>
      importCatalog(database.db, principal, { format: 'xlsx', body: xlsx }, meta, new Date()),
    );
    console.log(
      `re-import of the same file (unchanged ${again.unchanged})                     ${fmt(againMs / 1000, 2)} s`,
    );
  } finally {
    await database.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
