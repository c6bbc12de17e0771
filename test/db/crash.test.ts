/**
 * Crash consistency of intake: an answer 201 is a promise that the dossier and its code exist. Under
 * concurrent intake the PostgreSQL postmaster and the app server are killed (SIGKILL) and restarted; every
 * dossier that was acknowledged must then exist with its code and content, codes stay unique, the daily
 * counters agree with the dossiers, and each dossier's state is the replay of its events.
 *
 * The cluster is private to this file (the same major version as the run's server), so killing it harms
 * nothing else; the app server is `test/support/serve.ts` in a process of its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, runMigrations } from '../../src/db/client.ts';
import { freePort } from '../../src/db/embedded.ts';
import { replay, type DossierEvent } from '../../src/domain/dossier/index.ts';
import { seedDemo } from '../../src/features/demo/seed.ts';
import { DEMO_PASSWORD } from '../support/constants.ts';
import { query, startPrivateCluster, type PrivateCluster } from '../support/private-cluster.ts';

const DESK = 'tuphap.tiepnhan';
const LLTP = '2.000488';
// CI runs this file twice (embedded PostgreSQL and the machine's 15): 6 kills of each kind per CI run.
const ROUNDS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: PrivateCluster;
let dataDir: string;
let port: number;
let server: ChildProcess | undefined;
let base: string;

async function startApp(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/serve.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: cluster.urlOf('motcua'),
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      WORKER: 'false',
      LOG_LEVEL: 'fatal',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = child;
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  for (let i = 0; i < 600; i++) {
    if (/listening /.test(output)) return;
    if (child.exitCode !== null) break;
    await sleep(50);
  }
  throw new Error(`the server did not start:\n${output}`);
}

async function killApp(): Promise<void> {
  const child = server!;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

interface Session {
  cookie: string;
  csrf: string;
}

async function login(): Promise<Session> {
  let res: Response | undefined;
  // Right after a crash of the database the first requests may fail.
  for (let i = 0; i < 100; i++) {
    res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: DESK, password: DEMO_PASSWORD }),
    }).catch(() => undefined);
    if (res?.status === 200) break;
    await sleep(100);
  }
  expect(res?.status).toBe(200);
  const cookie = /motcua_sid=[^;]+/.exec(res!.headers.get('set-cookie') ?? '')![0];
  return { cookie, csrf: ((await res!.json()) as { csrfToken: string }).csrfToken };
}

interface Acknowledged {
  id: string;
  code: string;
  name: string;
}

let serial = 0;
/** Every answer other than 201: a crash may cost an answer (503), never a 500. */
const statuses: number[] = [];

/** One intake at the desk; the dossier if the answer was 201, otherwise undefined (whatever went wrong). */
async function intake(session: Session): Promise<Acknowledged | undefined> {
  const name = `Nguyễn Văn Thử ${++serial}`;
  try {
    const res = await fetch(`${base}/api/v1/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: JSON.stringify({
        procedure: LLTP,
        caseIndex: 0,
        channel: 'in_person',
        applicant: { name, personalId: '087090001234', phone: '0912345678', address: 'Phường Cao Lãnh' },
      }),
    });
    if (res.status !== 201) {
      await res.arrayBuffer();
      statuses.push(res.status);
      return undefined;
    }
    const body = (await res.json()) as { id: string; code: string };
    return { id: body.id, code: body.code, name };
  } catch {
    return undefined;
  }
}

/** What must hold after any crash: acknowledged dossiers exist as answered; codes, counters, states agree. */
async function checkConsistency(acknowledged: Acknowledged[]): Promise<void> {
  const url = cluster.urlOf('motcua');
  const { rows } = await query(
    url,
    `SELECT id, code, applicant->>'name' AS name FROM dossiers WHERE id = ANY($1)`,
    [acknowledged.map((a) => a.id)],
  );
  const stored = new Map(rows.map((r: { id: string; code: string; name: string }) => [r.id, r]));
  const lost = acknowledged.filter((a) => {
    const s = stored.get(a.id);
    return !s || s.code !== a.code || s.name !== a.name;
  });
  expect(lost, `acknowledged dossiers lost or changed (of ${acknowledged.length})`).toEqual([]);

  const dup = await query(
    url,
    `SELECT code, count(*)::int AS n FROM dossiers WHERE code IS NOT NULL GROUP BY code HAVING count(*) > 1`,
  );
  expect(dup.rows).toEqual([]);

  // Each day's counter has given exactly the numbers its agency's dossiers carry: 1…last, none twice.
  const counters = await query(
    url,
    `SELECT c.last, count(d.id)::int AS n,
            coalesce(max(split_part(d.code, '-', 3)::int), 0) AS top
       FROM dossier_code_counters c JOIN agencies a ON a.id = c.agency_id
       LEFT JOIN dossiers d ON d.code LIKE a.code || '-' || to_char(c.day, 'YYMMDD') || '-%'
      GROUP BY c.agency_id, c.day, c.last`,
  );
  for (const c of counters.rows as { last: number; n: number; top: number }[]) {
    expect(c.n).toBe(c.last);
    expect(c.top).toBe(c.last);
  }

  const states = await query(
    url,
    `SELECT d.state, d.status, d.version,
            (SELECT json_agg(e.event ORDER BY e.seq) FROM dossier_events e WHERE e.dossier_id = d.id) AS events
       FROM dossiers d WHERE d.id = ANY($1)`,
    [acknowledged.map((a) => a.id)],
  );
  for (const r of states.rows as {
    state: unknown;
    status: string;
    version: number;
    events: DossierEvent[];
  }[]) {
    const state = replay(r.events);
    expect(state).toEqual(r.state);
    expect(r.status).toBe(state.status);
    expect(r.version).toBe(r.events.length);
  }
}

beforeAll(async () => {
  cluster = await startPrivateCluster();
  await query(cluster.url, 'CREATE DATABASE motcua');
  const database = openDatabase(cluster.urlOf('motcua'), { max: 2 });
  try {
    await runMigrations(database);
    await seedDemo(database.db, { password: DEMO_PASSWORD });
  } finally {
    await database.close();
  }
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'motcua-crash-app-'));
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  await startApp();
}, 180_000);

afterAll(async () => {
  if (server && server.exitCode === null) await killApp();
  await cluster?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe(`intake under crashes (private PostgreSQL cluster)`, () => {
  it('keeps acknowledged dossiers when the WAL writer never runs and the server crashes', async () => {
    // With the WAL writer and the background writer stopped, only a commit that flushes its own WAL is on
    // disk: an asynchronous commit (or a "flush" that writes no WAL of its own) is lost in the crash.
    const session = await login();
    const walwriter = await cluster.backendPid('walwriter');
    const bgwriter = await cluster.backendPid('background writer');
    process.kill(walwriter, 'SIGSTOP');
    process.kill(bgwriter, 'SIGSTOP');
    const acknowledged: Acknowledged[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        const a = await intake(session);
        expect(a).toBeDefined();
        acknowledged.push(a!);
      }
    } finally {
      // A child's crash makes the postmaster reset every process and recover from the WAL.
      process.kill(walwriter, 'SIGKILL');
      process.kill(bgwriter, 'SIGKILL');
    }
    for (let i = 0; i < 200; i++) {
      try {
        await query(cluster.url, 'SELECT 1');
        break;
      } catch {
        await sleep(50);
      }
    }
    await checkConsistency(acknowledged);
  }, 60_000);

  it(`loses no acknowledged dossier over ${ROUNDS} postmaster kills and ${ROUNDS} server kills under load`, async () => {
    const session = await login();
    const acknowledged: Acknowledged[] = [];
    let failures = 0;
    let running = true;
    const clients = Array.from({ length: 12 }, async () => {
      while (running) {
        const a = await intake(session);
        if (a) acknowledged.push(a);
        else {
          failures++;
          await sleep(20);
        }
      }
    });
    const acknowledgedBy = () => acknowledged.length;
    try {
      for (let round = 0; round < ROUNDS; round++) {
        // Load is running: wait for intakes to be answered before each crash.
        let before = acknowledgedBy();
        for (let i = 0; i < 200 && acknowledgedBy() < before + 10; i++) await sleep(25);
        const app = server!;
        await cluster.killPostmaster();
        await sleep(100);
        await cluster.start();
        // The app server lives through its database's crash and serves again.
        expect(app.exitCode).toBeNull();
        before = acknowledgedBy();
        for (let i = 0; i < 400 && acknowledgedBy() < before + 10; i++) await sleep(25);
        expect(acknowledgedBy(), `no intake answered after postmaster kill ${round + 1}`).toBeGreaterThan(
          before,
        );
        await killApp();
        await startApp();
        before = acknowledgedBy();
        for (let i = 0; i < 400 && acknowledgedBy() < before + 10; i++) await sleep(25);
        expect(acknowledgedBy(), `no intake answered after server kill ${round + 1}`).toBeGreaterThan(before);
      }
    } finally {
      running = false;
      await Promise.all(clients);
    }
    expect(failures).toBeGreaterThan(0);
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    await checkConsistency(acknowledged);
  }, 400_000);
});
