/**
 * Prepared statements, the one way the server runs a statement many times: PostgreSQL parses and plans a
 * named statement once per connection instead of on every call (planning was most of the server's work on
 * the hot paths of intake, actions, tracking and the procedure page). A statement is named after its text,
 * so one name always means one text (as PostgreSQL and node-postgres require) and an edited text never
 * meets an older plan under its old name. Only for lookups by key and writes, whose plan does not depend on
 * the values. Three shapes, by how much building the query costs:
 *
 * - `statement(text)` + `SqlRunner`: constant SQL text with positional parameters, written once (intake,
 *   where drizzle rebuilding a large query on every call cost more than the database's own work); runs on
 *   the pool or inside a drizzle transaction;
 * - `perDatabase(build)`: a drizzle query with placeholders, built and `.prepare`d once per database handle;
 * - `runPrepared(site, query)`: a drizzle query built per call, whose text may vary (another number of rows).
 */
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import type { Tx } from './client.ts';

const names = new Map<string, string>();
const texts = new Map<string, string>();

/** The name of a statement's text: the same text always gets the same name. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `motcua_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    if (names.size >= 2000) {
      names.clear();
      texts.clear();
    }
    names.set(text, name);
    texts.set(name, text);
  }
  return name;
}

export interface Statement {
  readonly name: string;
  readonly text: string;
}

/** A constant SQL text with positional parameters ($1, $2…), named once. */
export function statement(text: string): Statement {
  return { name: statementName(text), text };
}

export interface SqlRunner {
  rows<R>(statement: Statement, values: readonly unknown[]): Promise<R[]>;
}

/** Runs a statement on the pool (any of its connections) as a named prepared statement. */
export async function rowsOn<R>(
  pool: pg.Pool,
  { name, text }: Statement,
  values: readonly unknown[],
): Promise<R[]> {
  const result = await pool.query({ name, text, values: values as unknown[] });
  return result.rows as R[];
}

export function poolRunner(pool: pg.Pool): SqlRunner {
  return { rows: (statement, values) => rowsOn(pool, statement, values) };
}

const PLACEHOLDER = /\$(\d+)/g;

/** The same text as drizzle SQL, so that it runs in the caller's transaction. */
function withParams(text: string, values: readonly unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    chunks.push(sql.raw(text.slice(last, m.index)));
    chunks.push(sql`${values[Number(m[1]) - 1]}`);
    last = m.index + m[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

/** Runs statements inside a drizzle transaction (the rarer paths: intake with an idempotency key, tests). */
export function txRunner(tx: Tx): SqlRunner {
  return {
    async rows<R>({ text }: Statement, values: readonly unknown[]) {
      const result = await tx.execute(withParams(text, values));
      return result.rows as R[];
    },
  };
}

/**
 * The query `build(db)` makes (a drizzle query with placeholders for its values), built and prepared once per
 * database handle, as long as the handle lives.
 */
export function perDatabase<D extends object, P>(
  build: (db: D) => { toSQL(): { sql: string }; prepare(name: string): P },
): (db: D) => P {
  const prepared = new WeakMap<D, P>();
  return (db) => {
    let query = prepared.get(db);
    if (query === undefined) {
      const built = build(db);
      prepared.set(db, (query = built.prepare(statementName(built.toSQL().sql))));
    }
    return query;
  };
}

interface Preparable<T> {
  prepare(name: string): { execute(): Promise<T>; getQuery(): { sql: string } };
}

const lastNameAt = new Map<string, string>();

/**
 * Runs a drizzle query, built by the caller, as a statement named after its text. `site` names the call
 * site: its last statement name is tried first, so the query's text is rendered once unless it changed.
 */
export function runPrepared<T>(site: string, query: Preparable<T>): Promise<T> {
  const guess = lastNameAt.get(site);
  if (guess !== undefined) {
    const prepared = query.prepare(guess);
    const text = prepared.getQuery().sql;
    if (texts.get(guess) === text) return prepared.execute();
    const name = statementName(text);
    lastNameAt.set(site, name);
    return query.prepare(name).execute();
  }
  const text = query.prepare('').getQuery().sql;
  const name = statementName(text);
  lastNameAt.set(site, name);
  return query.prepare(name).execute();
}
