/**
 * `npm run bench reports`: the period report (features/statistics/period-report.ts, called as a function
 * on the server's pool, no HTTP) for a whole province and for one agency over half-years, with one year
 * and with ten years of history at the same activity (default 1 million and 10 million dossiers for 30
 * agencies), beside a `SELECT 1` round trip measured in the same run; the QĐ 766 index for one agency
 * when features/statistics/service-index.ts exists; and the import of the year as a 1-million-line NDJSON
 * file through the history importer (features/statistics/import-history.ts).
 *
 * The most recent year is the NDJSON import; the nine years before it are added in SQL (generate_series,
 * 200,000 rows per statement) through the same statement-level triggers, into a copy of that database.
 * Both databases are measured in the same run, alternately.
 *
 *   DOSSIERS=10000000  ten years of history (the one-year database holds a tenth)
 *   RUNS=40            timed runs per case (after 3 warm-up runs)
 *   KEEP=1             keep the cluster and the file under data/bench-reports and reuse them
 *   IMPORT=1           with KEEP=1, import the file again (into the one-year database) and time it
 *   BATCH=20000        rows per INSERT statement of the importer
 */
import { createWriteStream, createReadStream, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import { openDatabase, runMigrations, type Database } from '../src/db/client.ts';
import { startEmbedded } from '../src/db/embedded.ts';
import { databaseUrl } from '../src/db/provision.ts';
import type { Principal } from '../src/domain/access/policy.ts';
import { seedDemo } from '../src/features/demo/seed.ts';
import { DEFAULT_BATCH_SIZE, importHistory } from '../src/features/statistics/import-history.ts';
import { periodReport, type PeriodReportInput } from '../src/features/statistics/period-report.ts';
import { fmt } from './support.ts';

const intEnv = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const DOSSIERS = intEnv('DOSSIERS', 10_000_000);
const YEARS = 10;
const PER_YEAR = Math.round(DOSSIERS / YEARS);
const RUNS = intEnv('RUNS', 40);
const BATCH = intEnv('BATCH', DEFAULT_BATCH_SIZE);
const KEEP = process.env.KEEP === '1';
const REIMPORT = process.env.IMPORT === '1';
const SQL_CHUNK = 200_000;
const AGENCIES = 30;
const PROCEDURES = 300;
const DAY = 86_400_000;
const VN = 7 * 3_600_000;

const log = (s: string) => process.stdout.write(`${s}\n`);

// ---------- data ----------

/** mulberry32: a small deterministic generator, so the file is the same from run to run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cumulative weights 1/(k+1)^s: a few agencies and procedures take most dossiers, as in real provinces. */
function zipf(n: number, s: number): Float64Array {
  const w = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) sum += w[k] = 1 / Math.pow(k + 1, s);
  let acc = 0;
  for (let k = 0; k < n; k++) w[k] = acc += w[k]! / sum;
  return w;
}
function pick(cum: Float64Array, r: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Thanh', 'Hữu', 'Đức', 'Thu', 'Kim', 'Quốc'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hà',
  'Hải',
  'Hạnh',
  'Hương',
  'Khánh',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Phúc',
  'Quang',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Yến',
];

/** Calendar days a procedure takes (1–20), the same in the file and in SQL. */
const durationDays = (procedureIndex: number) => 1 + ((procedureIndex * 7919) % 20);

/** An instant written in Vietnam time with its offset, as a replaced system would export it. */
function vnIso(ms: number): string {
  return `${new Date(ms + VN).toISOString().slice(0, 19)}+07:00`;
}

/** One year of a province's dossiers ending at `end`, as NDJSON. */
export async function writeYearFile(
  file: string,
  lines: number,
  end: number,
  agencyCodes: string[],
  procedureCodes: string[],
): Promise<void> {
  const out = createWriteStream(file);
  const r = rng(20261122);
  const agencyCum = zipf(agencyCodes.length, 0.8);
  const procedureCum = zipf(procedureCodes.length, 1.1);
  const start = end - 365 * DAY;
  // Vietnam midnight of the first day.
  const firstDay = Math.floor((start + VN) / DAY) * DAY - VN;
  let chunk = '';
  for (let i = 0; i < lines; i++) {
    const a = pick(agencyCum, r());
    const p = pick(procedureCum, r());
    const day = Math.floor(r() * 365);
    let received = firstDay + day * DAY + 7.5 * 3_600_000 + Math.floor(r() * 9.5 * 3_600_000);
    if (received > end - 3_600_000) received = end - 3_600_000 - Math.floor(r() * 30 * DAY);
    const rc = r();
    const channel = rc < 0.6 ? 'online' : rc < 0.95 ? 'in_person' : 'postal';
    const dur = durationDays(p) * DAY;
    const ro = r();
    let outcome = ro < 0.02 ? 'refused' : ro < 0.05 ? 'withdrawn' : ro < 0.06 ? 'stopped' : 'resolved';
    const rf = r();
    let due: number | null = received + dur;
    let finished: number | null =
      outcome === 'refused'
        ? received + 30 * 60_000
        : outcome === 'resolved'
          ? received + Math.round((0.15 + 0.9 * rf) * dur)
          : received + Math.round(rf * dur);
    if (outcome === 'refused') due = null;
    let returned: number | null = outcome === 'resolved' ? finished + Math.floor(r() * 2 * DAY) : null;
    if (finished > end) {
      outcome = 'open';
      finished = null;
      returned = null;
    }
    if (returned !== null && returned > end) returned = null;
    const rs = r();
    const supplements = rs < 0.08 ? 1 : rs < 0.1 ? 2 : 0;
    const paid = channel === 'online' && r() < 0.3;
    const name = `${FAMILY[Math.floor(r() * FAMILY.length)]} ${MIDDLE[Math.floor(r() * MIDDLE.length)]} ${GIVEN[Math.floor(r() * GIVEN.length)]}`;
    const agency = agencyCodes[a]!;
    const code = `${agency}-${vnIso(received).slice(2, 10).replaceAll('-', '')}-${String(i + 1).padStart(7, '0')}`;
    chunk +=
      JSON.stringify({
        code,
        agency,
        procedure: procedureCodes[p],
        channel,
        receivedAt: vnIso(received),
        dueAt: due === null ? null : vnIso(due),
        finishedAt: finished === null ? null : vnIso(finished),
        returnedAt: returned === null ? null : vnIso(returned),
        outcome,
        supplementRequests: supplements,
        paidOnline: paid,
        applicant: { name },
      }) + '\n';
    if (chunk.length > 4_000_000) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** The nine years before the file's year, in SQL, through the statement-level triggers. */
async function loadOlderYears(pool: pg.Pool, end: number, rows: number): Promise<number> {
  const { rows: ids } = await pool.query<{ agencies: number[]; procedures: number[] }>(`
    select (select array_agg(id order by id) from agencies where parent_id is not null) as agencies,
           (select array_agg(id order by id) from procedures) as procedures`);
  const agencyIds = ids[0]!.agencies.slice(0, AGENCIES);
  const procedureIds = ids[0]!.procedures;
  const days = 365 * (YEARS - 1);
  const firstDay = Math.floor((end - 365 * DAY * YEARS + VN) / DAY) * DAY - VN;
  const t0 = performance.now();
  for (let lo = 1; lo <= rows; lo += SQL_CHUNK) {
    const hi = Math.min(rows, lo + SQL_CHUNK - 1);
    await pool.query(
      `
      with base as (
        select g,
               ($1::int[])[1 + least(29, floor(power(random(), 2.2) * array_length($1::int[], 1))::int)] as agency_id,
               1 + floor(power(random(), 2.5) * array_length($2::int[], 1))::int as p,
               random() as rc, random() as ro, random() as rf, random() as rr, random() as rs, random() as rp,
               $3::timestamptz + floor(random() * $4) * interval '1 day' + interval '7 hours 30 minutes'
                 + random() * interval '9 hours 30 minutes' as received_at
          from generate_series($5::int, $6::int) g
      ), shaped as (
        select *, ($2::int[])[p] as procedure_id, (1 + ((p - 1) * 7919) % 20) * interval '1 day' as dur,
               case when ro < 0.02 then 'refused' when ro < 0.05 then 'withdrawn' when ro < 0.06 then 'stopped'
                    else 'resolved' end as outcome
          from base
      ), timed as (
        select *, case when outcome = 'refused' then received_at + interval '30 minutes'
                       when outcome = 'resolved' then received_at + (0.15 + 0.9 * rf) * dur
                       else received_at + rf * dur end as finished_at
          from shaped
      )
      insert into dossier_history (code, agency_id, procedure_id, channel, received_at, due_at, finished_at,
                                   returned_at, outcome, supplement_requests, paid_online, applicant_name, import_id)
      select 'OLD-' || g, agency_id, procedure_id,
             (case when rc < 0.6 then 'online' when rc < 0.95 then 'in_person' else 'postal' end)::dossier_channel,
             received_at, case when outcome = 'refused' then null else received_at + dur end, finished_at,
             case when outcome = 'resolved' then finished_at + rr * interval '2 days' end,
             outcome::history_outcome, case when rs < 0.08 then 1 when rs < 0.1 then 2 else 0 end,
             rc < 0.6 and rp < 0.3, 'Nguyễn Văn ' || (g % 1000), '00000000-0000-4000-8000-000000000009'
        from timed`,
      [agencyIds, procedureIds, new Date(firstDay), days, lo, hi],
    );
    if ((hi / SQL_CHUNK) % 5 === 0 || hi === rows)
      log(`  older years: ${fmt(hi)} / ${fmt(rows)} rows (${fmt((performance.now() - t0) / 1000, 0)} s)`);
  }
  return performance.now() - t0;
}

// ---------- databases ----------

interface Meta extends Record<string, unknown> {
  end: number;
  importSeconds?: number;
  loadSeconds?: number;
}

async function exists(admin: pg.Client, name: string): Promise<boolean> {
  return (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
}

async function metaOf(url: string): Promise<Meta | undefined> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ value: Meta }>(`select value from bench_meta where key = 'done'`);
    return r.rows[0]?.value;
  } catch {
    return undefined;
  } finally {
    await c.end();
  }
}

async function markDone(pool: pg.Pool, meta: Meta): Promise<void> {
  await pool.query(`create table if not exists bench_meta (key text primary key, value jsonb not null)`);
  await pool.query(
    `insert into bench_meta values ('done', $1) on conflict (key) do update set value = excluded.value`,
    [meta],
  );
}

/** 30 agencies under the demo province's root (the demo has 8), and the province's codes. */
async function addAgencies(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ id: number; path: string; n: number }>(`
    select r.id, r.path, (select count(*)::int from agencies c where c.parent_id = r.id) as n
      from agencies r where r.code = '000.00.00.H20'`);
  const root = rows[0]!;
  for (let k = root.n; k < AGENCIES; k++) {
    const department = k % 2 === 0;
    const code = department ? `000.00.${50 + k}.H20` : `000.${30 + k}.${60 + k}.H20`;
    const name = department ? `Sở thử nghiệm số ${k}` : `UBND xã thử nghiệm số ${k}`;
    const { rows: ins } = await pool.query<{ id: number }>(
      `insert into agencies (code, name, level, parent_id, path) values ($1, $2, $3, $4, '/') returning id`,
      [code, name, department ? 'department' : 'commune', root.id],
    );
    await pool.query(`update agencies set path = $1 where id = $2`, [
      `${root.path}${ins[0]!.id}/`,
      ins[0]!.id,
    ]);
  }
}

async function withPool<T>(url: string, f: (d: Database) => Promise<T>, max = 2): Promise<T> {
  const d = openDatabase(url, { max });
  try {
    return await f(d);
  } finally {
    await d.close();
  }
}

async function vacuum(pool: pg.Pool): Promise<void> {
  await pool.query('vacuum analyze dossier_history, stats_daily, stats_agency_daily');
}

async function backendPeakMiB(pool: pg.Pool): Promise<number | null> {
  try {
    const pid = (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return null;
  }
}

// ---------- measurement ----------

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function time<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}

interface Case {
  label: string;
  kind: 'province' | 'agency' | 'grouped' | 'index';
  input: PeriodReportInput;
  /** Only meaningful at ten years (the one-year database has no dossier then). */
  old: boolean;
  target: number | null;
}

function halfYear(year: number, half: 1 | 2): { from: string; to: string } {
  return half === 1
    ? { from: `${year}-01-01`, to: `${year}-06-30` }
    : { from: `${year}-07-01`, to: `${year}-12-31` };
}
const vnDate = (ms: number) => new Date(ms + VN).toISOString().slice(0, 10);

export async function main(): Promise<void> {
  const dir = KEEP
    ? path.resolve('data/bench-reports')
    : await mkdtemp(path.join(os.tmpdir(), 'motcua-bench-reports-'));
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o755);
  if (KEEP) await chmod(path.dirname(dir), 0o755);
  const server = await startEmbedded({
    pgDataDir: path.join(dir, 'postgres'),
    credentialsFile: path.join(dir, 'cred.json'),
    log: () => undefined,
  });
  const serverUrl = server.url.replace(/\/[^/]*$/, '/postgres');
  const url = (name: string) => databaseUrl(serverUrl, name);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const SEED = 'reports_seed';
  const SMALL = 'reports_1y';
  const LARGE = 'reports_10y';
  try {
    log(
      `history: ${fmt(DOSSIERS)} dossiers over ${YEARS} years for ${AGENCIES} agencies (one year: ${fmt(PER_YEAR)})`,
    );
    log(`data: ${dir}${KEEP ? ' (kept)' : ' (removed at the end; KEEP=1 keeps it)'}`);

    // The province: demo data, 30 agencies.
    if (!(await exists(admin, SEED)) || !(await metaOf(url(SEED)))) {
      await admin.query(`drop database if exists ${SEED} with (force)`);
      await admin.query(`create database ${SEED}`);
      await withPool(url(SEED), async (d) => {
        await runMigrations(d);
        await seedDemo(d.db, { password: 'bench-password-123' });
        await addAgencies(d.pool);
        await markDone(d.pool, { end: Date.now() });
      });
    } else {
      await withPool(url(SEED), (d) => runMigrations(d));
    }

    // The most recent year, as an NDJSON file imported through the history importer.
    const fileMeta = path.join(dir, `history-${PER_YEAR}.json`);
    const file = path.join(dir, `history-${PER_YEAR}.ndjson`);
    let end: number;
    if (existsSync(file) && existsSync(fileMeta)) {
      end = (JSON.parse(await readFile(fileMeta, 'utf8')) as { end: number }).end;
    } else {
      end = Date.now() - 60_000;
      const codes = await withPool(url(SEED), async (d) => {
        const a = await d.pool.query<{ code: string }>(
          `select code from agencies where parent_id is not null order by id limit ${AGENCIES}`,
        );
        const p = await d.pool.query<{ code: string }>(`select code from procedures order by code`);
        const procedures = p.rows.map((r) => r.code);
        // A few hundred procedures: the demo catalog and codes unknown to it (placeholders on import).
        for (let k = 0; procedures.length < PROCEDURES; k++) procedures.push(`3.${String(200000 + k)}`);
        return { agencies: a.rows.map((r) => r.code), procedures };
      });
      const [, ms] = await time(() => writeYearFile(file, PER_YEAR, end, codes.agencies, codes.procedures));
      await writeFile(fileMeta, JSON.stringify({ end }));
      log(
        `generated ${path.basename(file)}: ${fmt((await stat(file)).size / 1024 / 1024)} MiB in ${fmt(ms / 1000, 1)} s`,
      );
    }

    let importFigures:
      | {
          seconds: number;
          lines: number;
          imported: number;
          rss: number;
          backend: number | null;
          phases: string;
        }
      | undefined;
    if (!(await exists(admin, SMALL)) || !(await metaOf(url(SMALL))) || REIMPORT) {
      await admin.query(`drop database if exists ${SMALL} with (force)`);
      await admin.query(`create database ${SMALL} template ${SEED} strategy file_copy`);
      importFigures = await withPool(
        url(SMALL),
        async (d) => {
          await runMigrations(d);
          const principal: Principal | 'system' = 'system';
          let rss = process.memoryUsage().rss;
          const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 200);
          const phases: Record<string, number> = {};
          const t0 = performance.now();
          let lastLog = 0;
          try {
            const report = await importHistory(
              d.db,
              principal,
              { source: createReadStream(file, { highWaterMark: 1024 * 1024 }), batchSize: BATCH },
              { ip: null, source: 'bench' },
              new Date(end + 60_000),
              (p) => {
                phases[p.phase] = performance.now() - t0;
                const now = performance.now();
                if (now - lastLog > 10_000 || p.phase === 'done') {
                  lastLog = now;
                  log(
                    `  import ${p.phase} ${fmt(p.done)}${p.total ? ` / ${fmt(p.total)}` : ''} (${fmt((now - t0) / 1000, 1)} s)`,
                  );
                }
              },
            );
            const seconds = (performance.now() - t0) / 1000;
            const backend = await backendPeakMiB(d.pool);
            await vacuum(d.pool);
            await markDone(d.pool, { end, importSeconds: seconds });
            return {
              seconds,
              lines: report.lines,
              imported: report.imported,
              rss: rss / 1024 / 1024,
              backend,
              phases: `read+check lines ${fmt((phases.read ?? 0) / 1000, 1)} s, compare with database until ${fmt((phases.check ?? 0) / 1000, 1)} s, write until ${fmt((phases.write ?? 0) / 1000, 1)} s`,
            };
          } finally {
            clearInterval(sampler);
          }
        },
        // One connection: its backend is the one whose peak memory is read.
        1,
      );
      // A copy made before this import no longer matches it.
      if (REIMPORT) await admin.query(`drop database if exists ${LARGE} with (force)`);
    }

    let loadSeconds: number | undefined;
    if (!(await exists(admin, LARGE)) || !(await metaOf(url(LARGE)))) {
      await admin.query(`drop database if exists ${LARGE} with (force)`);
      await admin.query(`create database ${LARGE} template ${SMALL} strategy file_copy`);
      const older = DOSSIERS - PER_YEAR;
      log(`loading ${fmt(older)} older dossiers in SQL (${fmt(SQL_CHUNK)} rows per statement, triggers on)…`);
      await withPool(url(LARGE), async (d) => {
        loadSeconds = (await loadOlderYears(d.pool, end, older)) / 1000;
        const t0 = performance.now();
        await vacuum(d.pool);
        log(`  vacuum analyze: ${fmt((performance.now() - t0) / 1000, 1)} s`);
        await markDone(d.pool, { end, loadSeconds });
      });
    }

    const small = openDatabase(url(SMALL), { max: 4 });
    const large = openDatabase(url(LARGE), { max: 4 });
    try {
      for (const d of [small, large]) await runMigrations(d);
      const sizes = await Promise.all(
        [small, large].map(async (d) => {
          const r = await d.pool.query<{ n: number; days: number; size: string }>(`
            select (select count(*)::int from dossier_history) as n,
                   (select count(*)::int from stats_agency_daily) as days,
                   pg_size_pretty(pg_database_size(current_database())) as size`);
          return r.rows[0]!;
        }),
      );
      log(
        `one year: ${fmt(sizes[0]!.n)} dossiers (${sizes[0]!.size}); ten years: ${fmt(sizes[1]!.n)} dossiers (${sizes[1]!.size}); ` +
          `stats_agency_daily rows ${fmt(sizes[0]!.days)} / ${fmt(sizes[1]!.days)}`,
      );
      const meta1 = await metaOf(url(SMALL));
      const meta10 = await metaOf(url(LARGE));

      const { rows: rootRows } = await small.pool.query<{
        id: number;
        path: string;
        code: string;
        busiest: string;
      }>(`
        select r.id, r.path, r.code,
               (select a.code from dossier_history h join agencies a on a.id = h.agency_id
                 group by a.code order by count(*) desc limit 1) as busiest
          from agencies r where r.code = '000.00.00.H20'`);
      const root = rootRows[0]!;
      const { rows: userRows } = await small.pool.query<{ id: string }>(
        `select id from users where username = 'tinh.giamsat'`,
      );
      // The provincial supervisor: reads every agency of the province.
      const principal: Principal = {
        userId: userRows[0]!.id,
        kind: 'staff',
        grants: [{ role: 'supervisor', agencyId: root.id, agencyPath: root.path }],
      };

      const endYear = new Date(end + VN).getUTCFullYear();
      const endMonth = new Date(end + VN).getUTCMonth() + 1;
      // The last complete half-year inside the most recent year, and the six months to yesterday.
      const recent = endMonth >= 7 ? halfYear(endYear, 1) : halfYear(endYear - 1, 2);
      const rolling = { from: vnDate(end - 182 * DAY), to: vnDate(end - DAY) };
      const old1 = halfYear(endYear - 8, 1);
      const old2 = halfYear(endYear - 6, 2);
      const province = (p: { from: string; to: string }) => ({ agency: root.code, subtree: true, ...p });
      const agency = (p: { from: string; to: string }) => ({ agency: root.busiest, ...p });
      const cases: Case[] = [
        {
          label: `province ${recent.from}…${recent.to}`,
          kind: 'province',
          input: province(recent),
          old: false,
          target: 200,
        },
        {
          label: `province ${rolling.from}…${rolling.to}`,
          kind: 'province',
          input: province(rolling),
          old: false,
          target: 200,
        },
        {
          label: `province ${old1.from}…${old1.to}`,
          kind: 'province',
          input: province(old1),
          old: true,
          target: 200,
        },
        {
          label: `province ${old2.from}…${old2.to}`,
          kind: 'province',
          input: province(old2),
          old: true,
          target: 200,
        },
        {
          label: `agency ${recent.from}…${recent.to}`,
          kind: 'agency',
          input: agency(recent),
          old: false,
          target: 50,
        },
        {
          label: `agency ${rolling.from}…${rolling.to}`,
          kind: 'agency',
          input: agency(rolling),
          old: false,
          target: 50,
        },
        {
          label: `agency ${old1.from}…${old1.to}`,
          kind: 'agency',
          input: agency(old1),
          old: true,
          target: 50,
        },
        {
          label: `province by agency ${recent.from}…`,
          kind: 'grouped',
          input: { ...province(recent), groupBy: 'agency' },
          old: false,
          target: null,
        },
        {
          label: `province by procedure ${recent.from}…`,
          kind: 'grouped',
          input: { ...province(recent), groupBy: 'procedure' },
          old: false,
          target: null,
        },
        {
          label: `agency by field ${recent.from}…`,
          kind: 'grouped',
          input: { ...agency(recent), groupBy: 'field' },
          old: false,
          target: null,
        },
      ];

      // The QĐ 766 index, when its feature exists.
      let serviceIndex:
        | ((
            db: Database['db'],
            principal: Principal,
            input: PeriodReportInput,
            now: number,
          ) => Promise<unknown>)
        | undefined;
      const indexModule = path.resolve(import.meta.dirname, '../src/features/statistics/service-index.ts');
      if (existsSync(indexModule)) {
        const mod = (await import(indexModule)) as Record<string, unknown>;
        const f = mod.serviceIndexReport ?? mod.serviceIndex;
        if (typeof f === 'function') serviceIndex = f as typeof serviceIndex;
      }
      if (serviceIndex) {
        cases.push(
          {
            label: `766 index, agency ${recent.from}…`,
            kind: 'index',
            input: agency(recent),
            old: false,
            target: 500,
          },
          {
            label: `766 index, agency ${old1.from}…`,
            kind: 'index',
            input: agency(old1),
            old: true,
            target: 500,
          },
        );
      }
      const run = (d: Database, c: Case) =>
        c.kind === 'index'
          ? serviceIndex!(d.db, principal, c.input, Date.now())
          : periodReport(d.db, principal, c.input, Date.now());

      // Sanity: the reports add up and the ten-year database holds the same recent year.
      for (const c of cases.filter((c) => c.kind === 'province' && !c.old)) {
        const a = (await periodReport(small.db, principal, c.input, Date.now())) as {
          received: { total: number };
          addsUp: boolean;
        };
        const b = (await periodReport(large.db, principal, c.input, Date.now())) as {
          received: { total: number };
          addsUp: boolean;
        };
        log(
          `  ${c.label}: received ${fmt(a.received.total)} (1y) / ${fmt(b.received.total)} (10y), adds up ${a.addsUp && b.addsUp}`,
        );
      }

      for (const d of [small, large]) for (const c of cases) for (let k = 0; k < 3; k++) await run(d, c);
      const samples = new Map<string, number[]>();
      const add = (key: string, ms: number) => samples.set(key, [...(samples.get(key) ?? []), ms]);
      for (let r = 0; r < RUNS; r++) {
        for (const [name, d] of [
          ['1y', small],
          ['10y', large],
        ] as const) {
          for (let k = 0; k < 10; k++) add(`base ${name}`, (await time(() => d.pool.query('SELECT 1')))[1]);
          for (const c of cases) add(`${c.label} ${name}`, (await time(() => run(d, c)))[1]);
        }
      }

      log('');
      if (importFigures) {
        log(
          `import of ${fmt(importFigures.lines)} NDJSON lines (${fmt(importFigures.imported)} written, batches of ${fmt(BATCH)}): ` +
            `${fmt(importFigures.seconds, 1)} s = ${fmt(importFigures.lines / importFigures.seconds)} lines/s   (target < 120 s: ${importFigures.seconds < 120 ? 'PASS' : 'FAIL'})`,
        );
        log(
          `  ${importFigures.phases}; peak RSS node ${fmt(importFigures.rss)} MiB, PostgreSQL backend ${importFigures.backend === null ? '?' : fmt(importFigures.backend)} MiB`,
        );
      } else if (meta1?.importSeconds) {
        log(
          `import of the one-year file: ${fmt(meta1.importSeconds, 1)} s when the data was built (IMPORT=1 to measure again)`,
        );
      }
      const load = loadSeconds ?? meta10?.loadSeconds;
      if (load)
        log(
          `SQL load of the ${fmt(DOSSIERS - PER_YEAR)} older dossiers through the triggers: ${fmt(load, 0)} s${loadSeconds ? '' : ' (when the data was built)'}`,
        );
      const p = (key: string) => {
        const xs = samples.get(key)!;
        return { p50: percentile(xs, 50), p95: percentile(xs, 95) };
      };
      const ms = (x: number) => fmt(x, 2).padStart(8);
      log(`\nperiod report = periodReport() called on the pool (no HTTP); ${RUNS} runs per case; ms`);
      log(
        `${'case'.padEnd(44)}${'1y p50'.padStart(8)}${'p95'.padStart(8)}${'10y p50'.padStart(9)}${'p95'.padStart(8)}   10y/1y  target`,
      );
      for (const name of ['base']) {
        const a = p(`${name} 1y`);
        const b = p(`${name} 10y`);
        log(`${'baseline: SELECT 1 round trip'.padEnd(44)}${ms(a.p50)}${ms(a.p95)} ${ms(b.p50)}${ms(b.p95)}`);
      }
      for (const c of cases) {
        const a = p(`${c.label} 1y`);
        const b = p(`${c.label} 10y`);
        const ratio = b.p50 / a.p50;
        const verdicts: string[] = [];
        if (c.target !== null)
          verdicts.push(`p95 < ${c.target}: ${b.p95 < c.target && a.p95 < c.target ? 'PASS' : 'FAIL'}`);
        if (!c.old && c.kind !== 'grouped') verdicts.push(`≤ 1.5×: ${ratio <= 1.5 ? 'PASS' : 'FAIL'}`);
        if (c.old) verdicts.push('(no data at 1y)');
        log(
          `${c.label.padEnd(44)}${ms(a.p50)}${ms(a.p95)} ${ms(b.p50)}${ms(b.p95)}   ${fmt(ratio, 2).padStart(5)}   ${verdicts.join(', ')}`,
        );
      }
      if (!serviceIndex)
        log('(features/statistics/service-index.ts not found: the 766 index is not measured)');
    } finally {
      await small.close();
      await large.close();
    }
  } finally {
    await admin.end();
    await server.stop();
    if (!KEEP) await rm(dir, { recursive: true, force: true });
  }
}
