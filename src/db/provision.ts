import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config/config.ts';
import { startEmbedded, type EmbeddedServer } from './embedded.ts';

export interface Provisioned {
  url: string;
  embedded: EmbeddedServer | undefined;
}

export const EMBEDDED_DATABASE = 'motcua';

/** Creates a database if it does not exist yet, connecting to the server's maintenance database. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
  return databaseUrl(serverUrl, name);
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  return url.toString();
}

/** DATABASE_URL when given; otherwise our own PostgreSQL server under the data directory. */
export async function provisionDatabase(config: Config, log: (msg: string) => void): Promise<Provisioned> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: undefined };
  const embedded = await startEmbedded({
    pgDataDir: config.pgDataDir,
    credentialsFile: path.join(config.dataDir, 'postgres-credentials.json'),
    log,
  });
  try {
    const url = await ensureDatabase(embedded.url, EMBEDDED_DATABASE);
    return { url, embedded };
  } catch (err) {
    await embedded.stop();
    throw err;
  }
}
