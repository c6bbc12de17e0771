/**
 * `npm run bench forms` (issue #15, 3.10): what printing form 01 costs, and what it does to the rest of the
 * server. Every figure is printed beside a baseline measured in the same run.
 *
 *   1. CPU per form 01 PDF, rendered one after another in a process of its own: as the server renders it
 *      now (fonts parsed once per thread), beside the baseline of fonts parsed for every document (what
 *      pdfkit does when it is loaded before render.ts can share them: the previous behaviour).
 *   2. A server (`startServer`, as `npm start` runs it): `/health/live` p99 while 20 clients download form
 *      01 without pause, beside `/health/live` p99 with no load, and the server's CPU per download; then
 *      the same with PDF_THREADS=0 (rendering on the event loop, as before the worker pool).
 *
 *   FORMS_SECONDS=5    length of each load run
 *   FORMS_RENDERS=40   documents rendered for the CPU figure
 *   DATABASE_URL=…     use that server (a database motcua_bench_forms is created on it) instead of an
 *                      embedded one
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort } from '../src/db/embedded.ts';
import { databaseUrl, ensureDatabase } from '../src/db/provision.ts';
import { fmt, spawnNode, type Spawned } from './support.ts';

const SECONDS = Number(process.env.FORMS_SECONDS ?? 5);
const RENDERS = Number(process.env.FORMS_RENDERS ?? 40);
const DOWNLOADS = 20;
const DEMO_PASSWORD = 'bench-demo-password';
const LLTP = '2.000488'; // Cấp Phiếu lý lịch tư pháp, Sở Tư pháp
const DB_NAME = 'motcua_bench_forms';

// ---------------------------------------------------------------------------------------------------------
// Child processes: a renderer (part 1) and the server under test (part 2).

async function renderChild(shared: boolean): Promise<void> {
  if (!shared) {
    // pdfkit loaded first: render.ts can no longer give it shared fonts, so each document parses its own.
    const require = createRequire(import.meta.url);
    require(createRequire(require.resolve('pdfmake')).resolve('pdfkit'));
  }
  const { renderForm01 } = await import('../src/features/documents/index.ts');
  const render = await import('../src/features/documents/render.ts');
  const { form01 } = await import('../test/features/documents/fixtures.ts');
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  for (let i = 0; i < 3; i++) await renderForm01(form01);
  const c0 = cpu();
  const t0 = performance.now();
  for (let i = 0; i < RENDERS; i++) {
    // A different dossier each time (code, QR code), as in real use.
    const code = `000.00.09.H20-261122-${String(i).padStart(4, '0')}`;
    await renderForm01({
      ...form01,
      dossierCode: code,
      trackingUrl: `https://motcua.example/tra-cuu/${code}`,
    });
  }
  const result = {
    fontsShared: render.fontsShared,
    cpuMs: (cpu() - c0) / RENDERS,
    wallMs: (performance.now() - t0) / RENDERS,
  };
  process.stdout.write(`result ${JSON.stringify(result)}\n`);
}

async function serve(): Promise<void> {
  const { loadConfig } = await import('../src/config/config.ts');
  const { startServer } = await import('../src/server/start.ts');
  const running = await startServer(loadConfig(), (msg) => process.stderr.write(`[server] ${msg}\n`));
  process.stdout.write(`listening ${running.url}\n`);
  process.once('SIGTERM', () => {
    void running.stop().then(() => process.exit(0));
  });
}

const role = process.env.BENCH_FORMS_ROLE;
if (role === 'render-shared' || role === 'render-unshared') await renderChild(role === 'render-shared');
if (role === 'server') await serve();

// ---------------------------------------------------------------------------------------------------------

async function stop(p: Spawned): Promise<void> {
  if (p.child.exitCode !== null) return;
  p.child.kill('SIGTERM');
  await p.exited;
}

async function renderCost(shared: boolean): Promise<{ cpuMs: number; wallMs: number; fontsShared: boolean }> {
  const child = spawnNode(['bench/forms.ts'], {
    BENCH_FORMS_ROLE: shared ? 'render-shared' : 'render-unshared',
  });
  const line = (await child.waitFor(/result (\{.*\})/, 300_000))[1]!;
  await child.exited;
  return JSON.parse(line) as { cpuMs: number; wallMs: number; fontsShared: boolean };
}

/** CPU seconds (user + system, all threads) used so far by a process. */
async function cpuOf(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

interface Session {
  cookie: string;
  csrf: string;
}

async function login(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = /motcua_sid=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0];
  if (res.status !== 200 || !cookie) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** A dossier taken in and received at the desk, so that its form 01 exists. */
async function receivedDossier(base: string, desk: Session): Promise<string> {
  const post = async (url: string, body: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: desk.cookie, 'x-csrf-token': desk.csrf },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { code: string };
  };
  const { code } = await post('/api/v1/dossiers', {
    procedure: LLTP,
    caseIndex: 0,
    channel: 'in_person',
    applicant: { name: 'Nguyễn Thị Hồng Nhung', personalId: '087190009999', phone: '0909123456' },
  });
  await post(`/api/v1/dossiers/${code}/actions/receive`, { provided: [0, 1] });
  return code;
}

interface Latency {
  p50: number;
  p99: number;
  requests: number;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/**
 * One client asking `/health/live` every 10 ms (or as soon as it is answered, if later), until `until`
 * settles: a load of its own too small to weigh in the server's CPU per download.
 */
async function probe(url: string, until: Promise<unknown>): Promise<Latency> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let done = false;
  void until.finally(() => (done = true));
  const times: number[] = [];
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const t0 = performance.now();
      http
        .get(url, { agent }, (res) => {
          res.resume();
          res.on('end', () => {
            times.push(performance.now() - t0);
            resolve();
          });
        })
        .on('error', reject);
    });
  do {
    const next = performance.now() + 10;
    await once();
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  } while (!done);
  agent.destroy();
  return { p50: percentile(times, 50), p99: percentile(times, 99), requests: times.length };
}

interface ServerFigures {
  idle: Latency;
  live: Latency;
  downloads: { perSecond: number; p50: number; p99: number; failed: number };
  cpuMsPerDownload: number;
}

async function serverRun(env: Record<string, string>, label: string): Promise<ServerFigures> {
  const server = spawnNode(['bench/forms.ts'], {
    BENCH_FORMS_ROLE: 'server',
    PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    DEMO_PASSWORD,
    LOGIN_RATE_PER_MINUTE: '10000',
    WORKER: 'false',
    ...env,
  });
  try {
    const base = (await server.waitFor(/listening (http:\/\/\S+)/, 600_000))[1]!;
    const desk = await login(base, 'tuphap.tiepnhan');
    const code = await receivedDossier(base, desk);
    const formUrl = `${base}/api/v1/dossiers/${code}/forms/01.pdf`;
    // Warm-up: the worker threads start, load pdfmake and the fonts (or the main thread does).
    for (let i = 0; i < 4; i++) {
      const res = await fetch(formUrl, { headers: { cookie: desk.cookie } });
      if (res.status !== 200) throw new Error(`form 01: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
    const idle = await probe(`${base}/health/live`, new Promise((r) => setTimeout(r, SECONDS * 1000)));
    const pid = server.child.pid!;
    const cpu0 = await cpuOf(pid);
    const t0 = performance.now();
    // A fixed number of downloads, DOWNLOADS at a time, so that none is left half done when CPU is read.
    const loading = new Promise<autocannon.Result>((resolve, reject) => {
      autocannon(
        {
          url: formUrl,
          connections: DOWNLOADS,
          amount: DOWNLOADS * SECONDS * 2,
          headers: { cookie: desk.cookie },
          timeout: 120,
        },
        (err, result) => (err ? reject(err as Error) : resolve(result)),
      );
    });
    const live = await probe(`${base}/health/live`, loading);
    const r = await loading;
    const seconds = (performance.now() - t0) / 1000;
    const cpuMsPerDownload = (((await cpuOf(pid)) - cpu0) * 1000) / Math.max(1, r.requests.total);
    const downloads = {
      perSecond: r['2xx'] / seconds,
      p50: r.latency.p50,
      p99: r.latency.p99,
      failed: r.non2xx + r.errors + r.timeouts,
    };
    console.log(
      `  ${label}: ${r['2xx']} downloads in ${fmt(seconds, 1)} s (${downloads.failed} failed), ` +
        `download p50 ${fmt(downloads.p50)} ms, p99 ${fmt(downloads.p99)} ms`,
    );
    return { idle, live, downloads, cpuMsPerDownload };
  } finally {
    await stop(server);
  }
}

export async function main(): Promise<void> {
  console.log(
    `(on a shared machine: ${os.availableParallelism()} cores, load average ${os.loadavg()[0]!.toFixed(1)})`,
  );

  console.log(`\n1. CPU per form 01 PDF, ${RENDERS} rendered one after another in one process`);
  const before = await renderCost(false);
  const after = await renderCost(true);
  if (before.fontsShared || !after.fontsShared)
    throw new Error('the baseline did not parse fonts per document');
  console.log(
    `  fonts parsed per document (baseline): ${fmt(before.cpuMs, 1)} ms CPU, ${fmt(before.wallMs, 1)} ms wall`,
  );
  console.log(
    `  fonts shared by the thread (now):     ${fmt(after.cpuMs, 1)} ms CPU, ${fmt(after.wallMs, 1)} ms wall`,
  );
  console.log(`  target < 60 ms CPU: ${after.cpuMs < 60 ? 'PASS' : 'FAIL'}`);

  console.log(
    `\n2. /health/live while ${DOWNLOADS} clients download form 01 (${DOWNLOADS * SECONDS * 2} downloads)`,
  );
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'motcua-bench-forms-'));
  // The embedded server runs as the postgres user when we are root: it must be able to enter the folder.
  await chmod(dataDir, 0o755);
  let dbEnv: Record<string, string> = {};
  const external = process.env.DATABASE_URL;
  if (external) {
    const c = new pg.Client({ connectionString: databaseUrl(external, 'postgres') });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await c.end();
    dbEnv = { DATABASE_URL: await ensureDatabase(databaseUrl(external, 'postgres'), DB_NAME) };
  }
  try {
    // Both servers use the same database (embedded in dataDir, or DB_NAME): the first seeds it.
    const env = { DATA_DIR: dataDir, ...dbEnv };
    const pool = await serverRun(env, 'worker pool (now)');
    const inline = await serverRun({ ...env, PDF_THREADS: '0' }, 'on the event loop (before)');
    const row = (name: string, f: ServerFigures) =>
      console.log(
        `  ${name.padEnd(28)} idle p99 ${fmt(f.idle.p99).padStart(5)} ms | under load p50 ${fmt(f.live.p50).padStart(5)} ms, ` +
          `p99 ${fmt(f.live.p99).padStart(6)} ms | server CPU ${fmt(f.cpuMsPerDownload, 1)} ms per download`,
      );
    console.log('  /health/live:');
    row('worker pool (now)', pool);
    row('on the event loop (before)', inline);
    console.log(`  target under load p99 < 50 ms: ${pool.live.p99 < 50 ? 'PASS' : 'FAIL'}`);
  } finally {
    if (external) {
      const c = new pg.Client({ connectionString: databaseUrl(external, 'postgres') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch(() => undefined);
      await c.end();
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}
