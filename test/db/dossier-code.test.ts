// Intake's shared write numbers dossiers in SQL; every other path formats codes in the domain. Both must agree.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierCodePrefix, dossierCounterSql, formatDossierCode } from '../../src/domain/dossier/index.ts';
import { freshDatabase } from '../support/db.ts';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describe('dossier codes in SQL and in the domain', () => {
  it('give the same code for every counter, short or long', async () => {
    const prefix = dossierCodePrefix('000.00.09.H20', '2026-12-07');
    const edges = [1, 9, 10, 999, 1000, 9999, 10_000, 10_001, 123_456, 2_147_483_647];
    const counters = [
      ...edges,
      ...fc.sample(fc.integer({ min: 1, max: 2_147_483_647 }), { numRuns: 200, seed: 7 }),
    ];
    const { rows } = await db.pool.query<{ n: number; code: string }>(
      `SELECT n, $1::text || ${dossierCounterSql('n')} AS code FROM unnest($2::int[]) AS n`,
      [prefix, counters],
    );
    expect(rows).toHaveLength(counters.length);
    for (const { n, code } of rows) expect(code).toBe(formatDossierCode('000.00.09.H20', '2026-12-07', n));
    expect(rows.find((r) => r.n === 9)?.code).toBe('000.00.09.H20-261207-0009');
    expect(rows.find((r) => r.n === 10_000)?.code).toBe('000.00.09.H20-261207-10000');
  });
});
