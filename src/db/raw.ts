/**
 * Constant SQL texts with positional parameters, run on the pool or inside a drizzle transaction. For the
 * few hot statements where drizzle rebuilding a large query on every call cost more than the database's
 * own work (intake): the text is written once, and on the pool it runs as a named prepared statement.
 */
import { sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import type { Tx } from './client.ts';

export interface SqlRunner {
  /** `name` must belong to this one `text` (PostgreSQL keeps a prepared statement per name). */
  rows<R>(name: string, text: string, values: readonly unknown[]): Promise<R[]>;
}

export function poolRunner(pool: pg.Pool): SqlRunner {
  return {
    async rows<R>(name: string, text: string, values: readonly unknown[]) {
      const result = await pool.query({ name, text, values: values as unknown[] });
      return result.rows as R[];
    },
  };
}

const PLACEHOLDER = /\$(\d+)/g;

/** The same text as drizzle SQL, so that it runs in the caller's transaction. */
export function withParams(text: string, values: readonly unknown[]): SQL {
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

export function txRunner(tx: Tx): SqlRunner {
  return {
    async rows<R>(_name: string, text: string, values: readonly unknown[]) {
      const result = await tx.execute(withParams(text, values));
      return result.rows as R[];
    },
  };
}
