import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { CommitNotices } from './commit-notices.ts';
import * as schema from './schema.ts';

export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle; use cases take one explicitly (`…(tx, …)`). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the pool-backed database or an open transaction: read-only helpers accept both. */
export type Executor = Db | Tx;

export const MIN_SERVER_VERSION = 150000;
export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export class DatabaseUnavailableError extends Error {}

export interface Database {
  pool: pg.Pool;
  db: Db;
  /** This process's own changes to what servers cache, heard at commit (see commit-notices.ts). */
  notices: CommitNotices;
  close(): Promise<void>;
}

/** Hides the password when a URL is printed in an error or a log line. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

export function openDatabase(url: string, options: { max?: number } = {}): Database {
  const notices = new CommitNotices();
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // A burst of requests queues for a connection; waiting is better than failing (the server is up).
    connectionTimeoutMillis: 30_000,
    idleTimeoutMillis: 30_000,
    application_name: 'motcua',
    // So can a checked-out client between two queries (inside a transaction, or graphile-worker's
    // listener): pg then emits 'error' on the client itself, which would crash the process too. The
    // holder learns of it from its next query, which fails.
    // pg-pool awaits the promise this returns (its types say void): the connection is handed out only once
    // it listens (commit-notices.ts).
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    onConnect: async (client: pg.ClientBase) => {
      client.on('error', () => undefined);
      await notices.attach(client);
    },
  });
  // An idle client can lose its server (restart, network); pg emits on the pool, which would
  // otherwise crash the process. The next checkout reconnects.
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema });
  return { pool, db, notices, close: () => pool.end() };
}

/** Fails fast, with a message a commune IT officer can act on, when the server is unusable. */
export async function checkServer(pool: pg.Pool, url: string): Promise<number> {
  let version: number;
  try {
    const result = await pool.query<{ server_version_num: string }>('SHOW server_version_num');
    version = Number(result.rows[0]?.server_version_num);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new DatabaseUnavailableError(`Cannot reach PostgreSQL at ${redactUrl(url)}: ${reason}`);
  }
  const problem = versionProblem(version);
  if (problem) throw new DatabaseUnavailableError(`PostgreSQL at ${redactUrl(url)} ${problem}`);
  return version;
}

/** server_version_num is major × 10000 + minor since PostgreSQL 10. */
export function versionProblem(versionNum: number): string | undefined {
  if (!Number.isFinite(versionNum)) return 'did not report its version.';
  if (versionNum >= MIN_SERVER_VERSION) return undefined;
  return `is version ${Math.floor(versionNum / 10000)}; motcua needs PostgreSQL ${MIN_SERVER_VERSION / 10000} or newer.`;
}

// Any fixed number shared by every motcua process: two instances starting at once migrate one at a time.
const MIGRATION_LOCK = 7_140_011;

export async function runMigrations(database: Database): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** Ready means: the server answers and every committed migration has been applied. */
export async function migrationsPending(pool: pg.Pool): Promise<number> {
  const expected = readMigrationFiles({ migrationsFolder }).length;
  try {
    const result = await pool.query<{ n: string }>('SELECT count(*) AS n FROM drizzle.__drizzle_migrations');
    return Math.max(0, expected - Number(result.rows[0]?.n ?? 0));
  } catch {
    return expected;
  }
}
