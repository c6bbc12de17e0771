import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { databaseUrl } from '../../src/db/provision.ts';

export function serverUrl(): string {
  return inject('serverUrl');
}

export function urlFor(name: string): string {
  return databaseUrl(serverUrl(), name);
}

/** A database of its own for one test file: a copy of the migrated, seeded template. */
export async function freshDatabase(): Promise<Database & { name: string; drop(): Promise<void> }> {
  const name = `motcua_t_${process.ppid}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDb')}`);
  } finally {
    await admin.end();
  }
  const database = openDatabase(urlFor(name), { max: 5 });
  return {
    ...database,
    name,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: serverUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
