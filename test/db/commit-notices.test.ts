// This server's own changes must reach its caches before the commit that made them returns: the request
// that made a change is answered after it, and the client's next request must not see the cache from before.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_CHANNELS } from '../../src/db/commit-notices.ts';
import { freshDatabase } from '../support/db.ts';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let userId: string;
beforeAll(async () => {
  db = await freshDatabase();
  const { rows } = await db.pool.query<{ id: string }>(`SELECT id FROM users ORDER BY username LIMIT 1`);
  userId = rows[0]!.id;
});
afterAll(async () => {
  await db?.drop();
});

describe('changes heard on the connection that made them', () => {
  it('are delivered before the commit returns, in a transaction or a single statement', async () => {
    const heard: (string | undefined)[] = [];
    const stop = db.notices.subscribe(CACHE_CHANNELS.auth, (p) => heard.push(p));
    try {
      // Fresh connections each time: every pool connection LISTENs before its first query.
      for (let i = 0; i < 5; i++) {
        await Promise.all(
          [0, 1, 2].map(() =>
            db.pool.query(`UPDATE users SET full_name = full_name WHERE id = $1`, [userId]),
          ),
        );
        // No await between the commit and the check: each was heard on its own connection (the other
        // listening connections may hear it too, later).
        expect(heard.filter((p) => p === userId).length).toBeGreaterThanOrEqual(3);
        heard.length = 0;
        const payload = `tx ${i}`;
        await db.db.transaction(async (tx) => {
          await tx.execute(sql`SELECT pg_notify(${CACHE_CHANNELS.auth}, ${payload})`);
          expect(heard).not.toContain(payload);
        });
        expect(heard).toContain(payload);
        heard.length = 0;
      }
    } finally {
      stop();
    }
  });

  it('are not delivered when the transaction rolls back, nor to a handler that unsubscribed', async () => {
    const heard: (string | undefined)[] = [];
    const stop = db.notices.subscribe(CACHE_CHANNELS.catalog, (p) => heard.push(p));
    await db.db
      .transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_notify(${CACHE_CHANNELS.catalog}, 'rolled back')`);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await db.pool.query(`SELECT pg_notify($1, 'kept')`, [CACHE_CHANNELS.catalog]);
    expect(heard).toContain('kept');
    stop();
    await db.pool.query(`SELECT pg_notify($1, 'after')`, [CACHE_CHANNELS.catalog]);
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).not.toContain('rolled back');
    expect(heard).not.toContain('after');
  });
});
