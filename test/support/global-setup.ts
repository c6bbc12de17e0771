import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, runMigrations } from '../../src/db/client.ts';
import { startEmbedded, type EmbeddedServer } from '../../src/db/embedded.ts';
import { databaseUrl } from '../../src/db/provision.ts';
import { seedDemo } from '../../src/features/demo/seed.ts';

import { DEMO_PASSWORD } from './constants.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    templateDb: string;
  }
}

let embedded: EmbeddedServer | undefined;
let tempDir: string | undefined;

/**
 * One PostgreSQL server for the run: the one in TEST_DATABASE_URL (CI's PostgreSQL 15) or an
 * embedded one. A template database is migrated and seeded once; each test file clones it.
 */
export async function setup(project: TestProject): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'motcua-test-'));
    // The server runs as the postgres user when we are root; it must be able to enter the folder.
    await chmod(tempDir, 0o755);
    embedded = await startEmbedded({
      pgDataDir: path.join(tempDir, 'postgres'),
      credentialsFile: path.join(tempDir, 'credentials.json'),
      log: () => undefined,
    });
    serverUrl = embedded.url;
  }
  const templateDb = `motcua_tpl_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${templateDb}`);
  await admin.end();
  const database = openDatabase(databaseUrl(serverUrl, templateDb), { max: 2 });
  try {
    await runMigrations(database);
    await seedDemo(database.db, { password: DEMO_PASSWORD });
  } finally {
    await database.close();
  }
  project.provide('serverUrl', serverUrl);
  project.provide('templateDb', templateDb);
}

export async function teardown(): Promise<void> {
  if (embedded) await embedded.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
  // On an external server the template is left for inspection only if dropping fails.
  if (process.env.TEST_DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'motcua_tpl_${process.pid}_%' OR datname LIKE 'motcua_t_${process.pid}_%'`,
    );
    for (const r of rows)
      await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}
