import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../../config/config.ts';
import { checkServer, openDatabase, redactUrl, runMigrations } from '../../db/client.ts';
import { EMBEDDED_DATABASE, databaseUrl, provisionDatabase } from '../../db/provision.ts';
import type { EmbeddedServer } from '../../db/embedded.ts';
import { EXIT_USAGE, runCatalogCli, USAGE } from './catalog-cli.ts';

// `npm run import:catalog -- <file> [--dry-run]`, `npm run export:catalog -- <file>`: see catalog-cli.ts.
const log = (msg: string) => process.stderr.write(`[motcua] ${msg}\n`);

/**
 * The embedded server of a running `npm start`, if any: starting it a second time would stop the one the
 * app is using, so connect to it where it listens (its port is in postmaster.pid).
 */
async function runningEmbedded(config: Config): Promise<string | undefined> {
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

const args = process.argv.slice(2);
if (args.length < 2 || args.includes('--help') || args.includes('-h')) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(EXIT_USAGE);
}

const config = loadConfig();
let url = config.databaseUrl ?? (await runningEmbedded(config));
let embedded: EmbeddedServer | undefined;
if (url === undefined) {
  const provisioned = await provisionDatabase(config, log);
  url = provisioned.url;
  embedded = provisioned.embedded;
} else if (!config.databaseUrl) {
  log('using the embedded PostgreSQL server of the running app');
}
const database = openDatabase(url, { max: 3 });
let code: number;
try {
  await checkServer(database.pool, url);
  await runMigrations(database);
  log(`database ${redactUrl(url)}`);
  code = await runCatalogCli(args, database.db, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
} finally {
  await database.close();
  await embedded?.stop();
}
process.exit(code);
