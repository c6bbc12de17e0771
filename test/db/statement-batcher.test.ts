// The batcher behind intake's shared statements: how calls are grouped, and who gets which failure.
import { describe, expect, it } from 'vitest';
import { StatementBatcher } from '../../src/db/statement-batcher.ts';

/** A statement that records each batch it ran and answers after the test lets it. */
function recorder<T, R>(answer: (items: T[]) => R[] | Error) {
  const batches: T[][] = [];
  const run = (items: T[]): Promise<R[]> => {
    batches.push(items);
    return new Promise((resolve, reject) =>
      setImmediate(() => {
        const result = answer(items);
        if (result instanceof Error) reject(result);
        else resolve(result);
      }),
    );
  };
  return { batches, run };
}

const settled = <R>(p: Promise<R>) =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

describe('StatementBatcher', () => {
  it('runs calls of one turn together, answers each its own result, and then the ones that queued meanwhile', async () => {
    const r = recorder<number, number>((items) => items.map((n) => n * 10));
    const batcher = new StatementBatcher(r.run);
    const first = [1, 2, 3].map((n) => batcher.submit(n));
    // Arrives while the first statement runs: waits for the next one.
    await new Promise((resolve) => setImmediate(resolve));
    const later = [4, 5].map((n) => batcher.submit(n));
    expect(await Promise.all([...first, ...later])).toEqual([10, 20, 30, 40, 50]);
    expect(r.batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('never puts more than maxBatch items in one statement', async () => {
    const r = recorder<number, number>((items) => items);
    const batcher = new StatementBatcher(r.run, { maxBatch: 3 });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => batcher.submit(i)));
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(r.batches.map((b) => b.length)).toEqual([3, 3, 2]);
  });

  it('tries each item alone after a shared failure, so one bad item fails only its caller', async () => {
    const r = recorder<number, number>((items) =>
      items.includes(2) ? new Error(`bad ${items.join(',')}`) : items,
    );
    const batcher = new StatementBatcher(r.run);
    const outcomes = await Promise.all([1, 2, 3].map((n) => settled(batcher.submit(n))));
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toMatchObject({ ok: false, error: { message: 'bad 2' } });
    expect(r.batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('does not try items alone when retryAlone says the failure was not theirs: every caller gets it', async () => {
    const lost = Object.assign(new Error('connection lost'), { code: '08006' });
    const r = recorder<number, number>(() => lost);
    const batcher = new StatementBatcher(r.run, {
      retryAlone: (err) => (err as { code?: string }).code !== '08006',
    });
    const outcomes = await Promise.all([1, 2, 3].map((n) => settled(batcher.submit(n))));
    expect(outcomes).toEqual([1, 2, 3].map(() => ({ ok: false, error: lost })));
    // One statement only: retrying one by one could do committed work twice.
    expect(r.batches).toEqual([[1, 2, 3]]);
  });

  it('fails the whole batch when the statement answers a different number of results', async () => {
    const r = recorder<number, number>((items) => items.slice(1));
    const batcher = new StatementBatcher(r.run);
    const outcomes = await Promise.all([1, 2].map((n) => settled(batcher.submit(n))));
    for (const o of outcomes)
      expect(o).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/1 results for 2 items/) },
      });
    // The batcher is not stuck: a later call runs its own statement (which here is still broken).
    const again = await settled(batcher.submit(9));
    expect(again).toMatchObject({ ok: false });
    expect(r.batches.at(-1)).toEqual([9]);
  });
});
