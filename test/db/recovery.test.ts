import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded } from '../../src/db/embedded.ts';

/** `npm start` on a data directory of its own (embedded PostgreSQL), as a child process. */
function startMotcua(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      WORKER: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, as in a terminal: a Ctrl-C reaches the server and its PostgreSQL.
    detached: true,
  });
  let out = '';
  const collect = (d: Buffer) => (out += d.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function postmasterPid(pgDataDir: string): Promise<number> {
  return Number((await readFile(path.join(pgDataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'motcua-recovery-'));
  await chmod(dir, 0o755);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the embedded PostgreSQL server under supervision', () => {
  it('is started again after it is killed, and the pool works again', async () => {
    const pgDataDir = path.join(dir, 'solo', 'postgres');
    const lines: string[] = [];
    const server = await startEmbedded({
      pgDataDir,
      credentialsFile: path.join(dir, 'solo', 'credentials.json'),
      log: (m) => lines.push(m),
      restartDelaysMs: [100, 200],
    });
    const pool = new pg.Pool({ connectionString: server.url, max: 2 });
    pool.on('error', () => undefined);
    try {
      expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
      const pid = await postmasterPid(pgDataDir);
      process.kill(pid, 'SIGKILL');
      await until(
        'the server to be seen dead',
        () => Promise.resolve(server.state === 'restarting' ? true : undefined),
        5_000,
      );
      await until(
        'a query to succeed again',
        async () => (await pool.query<{ two: number }>('SELECT 2 AS two')).rows[0]?.two,
        20_000,
      );
      expect(server.state).toBe('running');
      expect(await postmasterPid(pgDataDir)).not.toBe(pid);
      expect(lines.join('\n')).toMatch(/exited unexpectedly \(signal SIGKILL\)[\s\S]*restarted/);
      // PostgreSQL's own messages are kept under the data directory.
      expect(await readFile(server.logFile, 'utf8')).toContain(
        'database system is ready to accept connections',
      );
    } finally {
      await pool.end();
      await server.stop();
    }
  });

  it('reports the last lines of PostgreSQL’s log when it cannot start', async () => {
    // An orphaned backend (its postmaster killed, itself busy in a query) still holds the shared memory.
    const pgDataDir = path.join(dir, 'orphan', 'postgres');
    const options = {
      pgDataDir,
      credentialsFile: path.join(dir, 'orphan', 'credentials.json'),
      log: () => undefined,
    };
    const script = `
      import { startEmbedded } from ${JSON.stringify(path.resolve('src/db/embedded.ts'))};
      await startEmbedded({ pgDataDir: ${JSON.stringify(pgDataDir)}, credentialsFile: ${JSON.stringify(options.credentialsFile)}, log: () => {} });
      console.log('started');
      setInterval(() => {}, 1000);`;
    const owner = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let backend = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        owner.stdout.on('data', (d: Buffer) => d.toString().includes('started') && resolve());
        owner.on('exit', (code) => reject(new Error(`child exited ${code}`)));
      });
      const credentials = JSON.parse(await readFile(options.credentialsFile, 'utf8'));
      const client = new pg.Client({
        host: '127.0.0.1',
        port: credentials.port,
        user: credentials.user,
        password: credentials.password,
        database: 'postgres',
      });
      client.on('error', () => undefined);
      await client.connect();
      backend = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      // A CPU-bound query does not notice its postmaster's death.
      client.query('SELECT count(*) FROM generate_series(1, 10000000000)').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      owner.kill('SIGKILL');
      process.kill(await postmasterPid(pgDataDir), 'SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
      expect(alive(backend)).toBe(true);

      const failure = await startEmbedded(options).then(
        async (s) => {
          await s.stop();
          return undefined;
        },
        (err: unknown) => err as Error,
      );
      expect(failure?.message).toMatch(/did not start/);
      expect(failure?.message).toMatch(/Last lines of its log .*postgresql\.log/);
      expect(failure?.message).toMatch(/shared memory block .* is still in use/);
    } finally {
      owner.kill('SIGKILL');
      if (backend && alive(backend)) process.kill(backend, 'SIGKILL');
    }
  });
});

describe('npm start on an embedded database', () => {
  let first: ReturnType<typeof startMotcua>;
  let address: string;
  const dataDir = () => path.join(dir, 'app');

  beforeAll(async () => {
    first = startMotcua(dataDir());
    await until(
      'the first server',
      () => Promise.resolve(/ready at (http:\/\/\S+)/.exec(first.output())?.[1]),
      90_000,
    ).then(
      (a) => (address = a),
      (err: unknown) => {
        throw new Error(`${String(err)}\n${first.output()}`);
      },
    );
  }, 120_000);
  afterAll(async () => {
    if (first.child.exitCode === null) first.child.kill('SIGTERM');
    await first.exited;
  });

  const ready = async () => (await fetch(`${address}/health/ready`)).status;
  /** A request that reads the database: an unknown session cookie is looked up, then refused. */
  const me = async () =>
    (await fetch(`${address}/api/v1/me`, { headers: { cookie: 'motcua_sid=unknown-session' } })).status;

  it('refuses a second start on the same data directory and leaves the first serving', async () => {
    const pid = await postmasterPid(path.join(dataDir(), 'postgres'));
    const second = startMotcua(dataDir());
    try {
      expect(await second.exited).toBe(1);
    } finally {
      second.child.kill('SIGKILL');
    }
    expect(second.output()).toMatch(/in use by another motcua process \(pid \d+\)/);
    expect(second.output()).not.toContain('stopping a PostgreSQL server');
    expect(alive(pid)).toBe(true);
    expect(await ready()).toBe(200);
    expect(await me()).toBe(401);
  }, 60_000);

  it('is not ready while its PostgreSQL is down, then serves again once it is restarted', async () => {
    expect(await ready()).toBe(200);
    const pid = await postmasterPid(path.join(dataDir(), 'postgres'));
    process.kill(pid, 'SIGKILL');
    const statusesWhileDown = await until(
      'readiness to go false',
      async () => ((await ready()) === 503 ? [503, await me()] : undefined),
      10_000,
    );
    await until('readiness to come back', async () => ((await ready()) === 200 ? true : undefined), 30_000);
    expect(await me()).toBe(401);
    expect(first.child.exitCode).toBeNull();
    expect(first.output()).toMatch(/embedded PostgreSQL exited unexpectedly/);
    expect(first.output()).toMatch(/embedded PostgreSQL restarted/);
    // While it was down the API said so (503), not 500, unless it came back first.
    expect([
      [503, 503],
      [503, 401],
    ]).toContainEqual(statusesWhileDown);
  }, 60_000);

  it('stops cleanly on a Ctrl-C, without taking PostgreSQL’s own exit for a crash', async () => {
    process.kill(-first.child.pid!, 'SIGINT');
    expect(await first.exited).toBe(0);
    const shutdown = first.output().slice(first.output().indexOf('SIGINT received'));
    expect(shutdown).toContain('stopped cleanly');
    expect(shutdown).not.toMatch(/exited unexpectedly|restarted/);
  }, 30_000);
});
