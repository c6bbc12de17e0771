/**
 * `Idempotency-Key`: a client that lost the answer retries with the same key and gets the first result
 * back; nothing is done twice. The key is stored in the transaction that did the work, so a failed attempt
 * leaves no key and may be retried; concurrent attempts with one key take turns on an advisory lock.
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { isDatabaseUnavailable } from '../../db/resource-errors.ts';
import { idempotencyKeys } from '../../db/schema.ts';
import { AppError } from '../../domain/errors.ts';

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');
}

export async function idempotent<T>(
  db: Db,
  request: { userId: string; key: string | undefined; hash: string },
  work: (tx: Tx) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  try {
    return await attempt(db, request, work);
  } catch (err) {
    // The connection broke, perhaps during the commit: the change may exist. With the same key a retry
    // is answered from what was stored, or does the work once.
    throw isDatabaseUnavailable(err) ? new AppError('COMMIT_OUTCOME_UNKNOWN', { cause: err }) : err;
  }
}

async function attempt<T>(
  db: Db,
  request: { userId: string; key: string | undefined; hash: string },
  work: (tx: Tx) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  const { key } = request;
  if (key === undefined) return { result: await db.transaction(work), replayed: false };
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${request.userId + '\n' + key}, 0))`);
    const [existing] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, request.userId), eq(idempotencyKeys.key, key)));
    if (existing) {
      if (existing.requestHash !== request.hash)
        throw new AppError('IDEMPOTENCY_KEY_REUSED', { field: 'Idempotency-Key' });
      return { result: existing.response as T, replayed: true };
    }
    const result = await work(tx);
    await tx.insert(idempotencyKeys).values({
      userId: request.userId,
      key,
      requestHash: request.hash,
      status: 200,
      response: result,
    });
    return { result, replayed: false };
  });
}
