/**
 * `npm run bench web` (issue 14, page weight): what a first visit costs on a slow line, with compression and,
 * as the baseline of the same run, without it.
 *
 *   1. Home page and a procedure page in Chromium (playwright-core), cache disabled, on an emulated line of
 *      1.6 Mbit/s down, 750 kbit/s up and 150 ms latency (DevTools' Network.emulateNetworkConditions): the
 *      time until the content is visible (the first procedure link / the procedure's name, measured in the
 *      page from the start of navigation) and the bytes transferred (the sum of encodedDataLength, headers
 *      included). The baseline asks with `Accept-Encoding: identity`, so nothing comes compressed.
 *      Every API call of these first loads (and of the other public pages) is recorded; a 4xx fails the run.
 *   2. An API list answer (50 procedures) under load, with and without compression: requests per second,
 *      bytes per answer, the server's CPU per answer.
 *
 *   WEB_RUNS=3       first visits per page and mode (the median is printed)
 *   WEB_TRACE=1      also print each visit's requests, start and end on the page's clock
 *   WEB_SECONDS=5    length of each load run in part 2
 *   DATABASE_URL=…   use that server (a database motcua_bench_web is created on it) instead of an embedded one
 */
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../src/db/embedded.ts';
import { databaseUrl, ensureDatabase } from '../src/db/provision.ts';
import { fmt, spawnNode, type Spawned } from './support.ts';

const RUNS = Number(process.env.WEB_RUNS ?? 3);
const SECONDS = Number(process.env.WEB_SECONDS ?? 5);
const DEMO_PASSWORD = 'bench-demo-password';
const LLTP = '2.000488'; // Cấp Phiếu lý lịch tư pháp
const DB_NAME = 'motcua_bench_web';
const LINE = {
  offline: false,
  latency: 150,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
};
const TARGET_VISIBLE_MS = 2000;
const TARGET_BYTES = 300 * 1024;
const PUBLIC_PAGES = ['/', `/thu-tuc/${LLTP}`, '/co-quan', '/lich', '/tra-cuu', '/dang-nhap'];

async function serve(): Promise<void> {
  const { loadConfig } = await import('../src/config/config.ts');
  const { startServer } = await import('../src/server/start.ts');
  const running = await startServer(loadConfig(), (msg) => process.stderr.write(`[server] ${msg}\n`));
  process.stdout.write(`listening ${running.url}\n`);
  process.once('SIGTERM', () => {
    void running.stop().then(() => process.exit(0));
  });
}

if (process.env.BENCH_WEB_ROLE === 'server') await serve();

// ---------------------------------------------------------------------------------------------------------

async function stop(p: Spawned): Promise<void> {
  if (p.child.exitCode !== null) return;
  p.child.kill('SIGTERM');
  await p.exited;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

interface Visit {
  visibleMs: number;
  loadedMs: number;
  bytes: number;
  requests: number;
  compressed: number;
  api: { status: number; url: string }[];
}

/**
 * One first visit: a fresh context, cache disabled, the slow line. `visible` is a CSS selector whose first
 * element must be on screen; the time is the page's own clock (0 = start of navigation).
 */
async function visit(
  browser: Browser,
  url: string,
  visible: string,
  identity: boolean,
  line = true,
): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (line) await cdp.send('Network.emulateNetworkConditions', LINE);
    if (identity)
      await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
    let bytes = 0;
    let requests = 0;
    let compressed = 0;
    const api: Visit['api'] = [];
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
      requests++;
    });
    cdp.on('Network.responseReceived', (e) => {
      const headers = Object.fromEntries(
        Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]),
      );
      if (headers['content-encoding'] && headers['content-encoding'] !== 'identity') compressed++;
      if (new URL(e.response.url).pathname.startsWith('/api/'))
        api.push({ status: e.response.status, url: e.response.url });
    });
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    const handle = await page.waitForFunction(
      (selector) => {
        const el = document.querySelector(selector);
        if (!el) return false;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.top < window.innerHeight ? performance.now() : false;
      },
      visible,
      { polling: 'raf', timeout: 120_000 },
    );
    const visibleMs = (await handle.jsonValue()) as number;
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    // When the last response ended, on the page's clock (networkidle itself waits for 500 ms of quiet).
    const timings = await page.evaluate(() =>
      performance
        .getEntries()
        .filter((e): e is PerformanceResourceTiming => 'responseEnd' in e)
        .map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd })),
    );
    const loadedMs = Math.max(...timings.map((e) => e.end));
    if (process.env.WEB_TRACE)
      for (const e of timings)
        console.log(
          `      ${fmt(e.start).padStart(5)} → ${fmt(e.end).padStart(5)} ms ${e.name.replace(/^https?:\/\/[^/]+/, '')}`,
        );
    if (process.env.WEB_TRACE) console.log(`      visible at ${fmt(visibleMs)} ms`);
    return { visibleMs, loadedMs, bytes, requests, compressed, api };
  } finally {
    await context.close();
  }
}

async function cpuOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

async function listLoad(
  url: string,
  pid: number,
  encoding: string | null,
): Promise<{ rps: number; p99: number; bytesPerAnswer: number; cpuMs: number; failed: number }> {
  const cpu0 = await cpuOf(pid);
  const r = await autocannon({
    url,
    connections: 10,
    duration: SECONDS,
    headers: encoding ? { 'accept-encoding': encoding } : {},
  });
  const cpuMs = (((await cpuOf(pid)) - cpu0) * 1000) / Math.max(1, r.requests.total);
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    bytesPerAnswer: r.throughput.total / Math.max(1, r.requests.total),
    cpuMs,
    failed: r.non2xx + r.errors + r.timeouts,
  };
}

export async function main(): Promise<void> {
  // Say whether the machine was busy when we started, so figures from a loaded run are not read as quiet ones.
  const load = os.loadavg()[0]!;
  const cores = os.availableParallelism();
  console.log(
    `(${cores} cores, load average ${load.toFixed(1)} at start: ` +
      (load > cores / 2 ? 'the machine is busy, figures are pessimistic)' : 'quiet machine)'),
  );
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'motcua-bench-web-'));
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
  const server = spawnNode(['bench/web.ts'], {
    BENCH_WEB_ROLE: 'server',
    PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    DEMO_PASSWORD,
    WORKER: 'false',
    DATA_DIR: dataDir,
    ...dbEnv,
  });
  let browser: Browser | undefined;
  let failures = 0;
  try {
    const base = (await server.waitFor(/listening (http:\/\/\S+)/, 600_000))[1]!;
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });

    console.log(
      `\n1. First visit at 360 × 740, cache disabled, ${LINE.downloadThroughput * 0.008} kbit/s down, ` +
        `${LINE.uploadThroughput * 0.008} kbit/s up, ${LINE.latency} ms latency (median of ${RUNS})`,
    );
    const pages = [
      { name: 'home', url: `${base}/`, visible: 'main a[href^="/thu-tuc/"]' },
      { name: `procedure ${LLTP}`, url: `${base}/thu-tuc/${LLTP}`, visible: 'main h2' },
    ];
    // One unthrottled visit first, so that the server's caches are warm for both modes alike.
    for (const p of pages) await visit(browser, p.url, p.visible, false, false);
    for (const p of pages) {
      for (const identity of [true, false]) {
        const runs: Visit[] = [];
        // Alternated with nothing else running in the browser; the median of RUNS.
        for (let i = 0; i < RUNS; i++) runs.push(await visit(browser, p.url, p.visible, identity));
        const label = identity ? 'uncompressed (baseline)' : 'compressed (now)';
        const v = {
          visible: median(runs.map((r) => r.visibleMs)),
          loaded: median(runs.map((r) => r.loadedMs)),
          bytes: median(runs.map((r) => r.bytes)),
        };
        const last = runs[runs.length - 1]!;
        console.log(
          `  ${p.name.padEnd(20)} ${label.padEnd(24)} content visible ${fmt(v.visible).padStart(5)} ms | ` +
            `all loaded ${fmt(v.loaded).padStart(5)} ms | ${fmt(v.bytes / 1024).padStart(4)} KB in ` +
            `${last.requests} requests (${last.compressed} compressed)`,
        );
        if (!identity) {
          const ok = v.visible < TARGET_VISIBLE_MS && v.bytes < TARGET_BYTES;
          console.log(
            `  ${''.padEnd(20)} target visible < ${TARGET_VISIBLE_MS} ms, transfer < ${TARGET_BYTES / 1024} KB: ` +
              (ok ? 'PASS' : 'FAIL'),
          );
          if (!ok) failures++;
        } else if (last.compressed > 0) {
          throw new Error('the baseline received compressed answers: Accept-Encoding: identity was not sent');
        }
      }
    }

    console.log('\n   API calls on the first load of the public pages (a visitor, no throttling):');
    for (const url of PUBLIC_PAGES) {
      const v = await visit(browser, base + url, 'main', false, false);
      const bad = v.api.filter((a) => a.status >= 400);
      console.log(
        `  ${url.padEnd(20)} ${v.api.map((a) => `${a.status} ${new URL(a.url).pathname}`).join(', ')}` +
          (bad.length ? '  <- 4xx: FAIL' : ''),
      );
      if (bad.length) failures++;
    }

    const list = `${base}/api/v1/procedures?pageSize=50`;
    console.log(`\n2. ${list.replace(base, '')} under load (10 connections, ${SECONDS} s each)`);
    const pid = server.child.pid!;
    await listLoad(list, pid, 'br'); // warm-up
    for (const [label, encoding] of [
      ['uncompressed (baseline)', null],
      ['brotli (now)', 'br'],
      ['gzip (now)', 'gzip'],
    ] as const) {
      const r = await listLoad(list, pid, encoding);
      console.log(
        `  ${label.padEnd(24)} ${fmt(r.rps).padStart(5)} answers/s | p99 ${fmt(r.p99).padStart(4)} ms | ` +
          `${fmt(r.bytesPerAnswer / 1024, 1).padStart(5)} KB per answer | server CPU ${fmt(r.cpuMs, 2)} ms per answer` +
          (r.failed ? ` | ${r.failed} failed` : ''),
      );
      if (r.failed) failures++;
    }
  } finally {
    await browser?.close();
    await stop(server);
    if (external) {
      const c = new pg.Client({ connectionString: databaseUrl(external, 'postgres') });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch(() => undefined);
      await c.end();
    }
    await rm(dataDir, { recursive: true, force: true });
  }
  if (failures) {
    console.log(`\n${failures} check(s) failed`);
    process.exitCode = 1;
  }
}
