import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../../config/config.ts';
import { checkServer, openDatabase, redactUrl, runMigrations, type Database } from '../../db/client.ts';
import type { EmbeddedServer } from '../../db/embedded.ts';
import { EMBEDDED_DATABASE, databaseUrl, provisionDatabase } from '../../db/provision.ts';

/**
 * The embedded server of a running `npm start`, if any: starting it a second time would stop the one the
 * app is using, so connect to it where it listens (its port is in postmaster.pid).
 */
export async function runningEmbedded(config: Config): Promise<string | undefined> {
  try {
    const pid = (await readFile(path.join(config.pgDataDir, 'postmaster.pid'), 'utf8')).split('\n');
    const port = Number(pid[3]);
    const credentials = JSON.parse(
      await readFile(path.join(config.dataDir, 'postgres-credentials.json'), 'utf8'),
    ) as { user: string; password: string };
    if (!Number.isInteger(port) || port <= 0) return undefined;
    const server = `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/postgres`;
    const client = new pg.Client({ connectionString: server, connectionTimeoutMillis: 2_000 });
    await client.connect();
    await client.end();
    return databaseUrl(server, EMBEDDED_DATABASE);
  } catch {
    return undefined;
  }
}

/**
 * The database a command line works on: DATABASE_URL, else the embedded server of a running app, else
 * the embedded server started for the command (and stopped by `close`). Migrated before use.
 */
export async function openCliDatabase(
  config: Config,
  log: (msg: string) => void,
  options: { max?: number } = {},
): Promise<{ database: Database; close: () => Promise<void> }> {
  let url = config.databaseUrl ?? (await runningEmbedded(config));
  let embedded: EmbeddedServer | undefined;
  if (url === undefined) {
    const provisioned = await provisionDatabase(config, log);
    url = provisioned.url;
    embedded = provisioned.embedded;
  } else if (!config.databaseUrl) {
    log('using the embedded PostgreSQL server of the running app');
  }
  const database = openDatabase(url, { max: options.max ?? 3 });
  const close = async () => {
    await database.close();
    await embedded?.stop();
  };
  try {
    await checkServer(database.pool, url);
    await runMigrations(database);
  } catch (err) {
    await close();
    throw err;
  }
  log(`database ${redactUrl(url)}`);
  return { database, close };
}
