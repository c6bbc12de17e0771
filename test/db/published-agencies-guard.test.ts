// Intake checks a guessed dossier against its version, not against the version's agency list: that list
// must be as immutable as a published version (trigger procedure_version_agencies_guard).
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/db.ts';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let published: { versionId: number; procedureId: number; agencyId: number };
let otherAgency: number;

beforeAll(async () => {
  db = await freshDatabase();
  const { rows } = await db.pool.query<{ versionId: number; procedureId: number; agencyId: number }>(
    `SELECT v.id AS "versionId", v.procedure_id AS "procedureId", min(va.agency_id) AS "agencyId"
       FROM procedure_versions v JOIN procedure_version_agencies va ON va.version_id = v.id
      WHERE v.status = 'published' GROUP BY v.id ORDER BY v.id LIMIT 1`,
  );
  published = rows[0]!;
  const other = await db.pool.query<{ id: number }>(
    `SELECT id FROM agencies WHERE id NOT IN (SELECT agency_id FROM procedure_version_agencies
                                                WHERE version_id = $1) ORDER BY id LIMIT 1`,
    [published.versionId],
  );
  otherAgency = other.rows[0]!.id;
});
afterAll(async () => {
  await db?.drop();
});

async function refused(text: string, values: unknown[]): Promise<unknown> {
  return db.pool.query(text, values).then(
    () => undefined,
    (err: unknown) => err,
  );
}

/** A copy of the published version as a draft of the same procedure, with one agency. */
async function draftCopy(client: pg.Pool | pg.PoolClient, status: 'draft' | 'published'): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO procedure_versions (procedure_id, seq, status, effective_from, name, field_id, level,
       online_level, deadline_amount, deadline_unit, search_text, content, content_hash)
     SELECT procedure_id, (SELECT max(seq) + 1 FROM procedure_versions WHERE procedure_id = v.procedure_id),
            $2::procedure_version_status, CASE WHEN $2::text = 'published' THEN DATE '2999-01-01' END, name, field_id, level, online_level,
            deadline_amount, deadline_unit, search_text, content, content_hash
       FROM procedure_versions v WHERE id = $1
     RETURNING id`,
    [published.versionId, status],
  );
  return rows[0]!.id;
}

describe('the agencies of a published version', () => {
  it('cannot be added, changed or removed', async () => {
    const { versionId, agencyId } = published;
    const errors = [
      await refused(`INSERT INTO procedure_version_agencies (version_id, agency_id) VALUES ($1, $2)`, [
        versionId,
        otherAgency,
      ]),
      await refused(
        `UPDATE procedure_version_agencies SET agency_id = $3 WHERE version_id = $1 AND agency_id = $2`,
        [versionId, agencyId, otherAgency],
      ),
      await refused(`DELETE FROM procedure_version_agencies WHERE version_id = $1 AND agency_id = $2`, [
        versionId,
        agencyId,
      ]),
    ];
    for (const err of errors) {
      expect(err).toMatchObject({ code: '23514', message: expect.stringContaining('immutable') });
    }
    const { rows } = await db.pool.query(
      `SELECT agency_id FROM procedure_version_agencies WHERE version_id = $1 AND agency_id IN ($2, $3)`,
      [versionId, agencyId, otherAgency],
    );
    expect(rows).toEqual([{ agency_id: agencyId }]);
  });

  it('cannot be moved onto a published version from a draft', async () => {
    const draft = await draftCopy(db.pool, 'draft');
    await db.pool.query(`INSERT INTO procedure_version_agencies (version_id, agency_id) VALUES ($1, $2)`, [
      draft,
      otherAgency,
    ]);
    const err = await refused(`UPDATE procedure_version_agencies SET version_id = $2 WHERE version_id = $1`, [
      draft,
      published.versionId,
    ]);
    expect(err).toMatchObject({ code: '23514' });
    await db.pool.query(`DELETE FROM procedure_versions WHERE id = $1`, [draft]);
  });

  it('of a draft still change, and a version published by the same transaction takes its agencies', async () => {
    const draft = await draftCopy(db.pool, 'draft');
    await db.pool.query(`INSERT INTO procedure_version_agencies (version_id, agency_id) VALUES ($1, $2)`, [
      draft,
      published.agencyId,
    ]);
    await db.pool.query(`UPDATE procedure_version_agencies SET agency_id = $2 WHERE version_id = $1`, [
      draft,
      otherAgency,
    ]);
    await db.pool.query(`DELETE FROM procedure_version_agencies WHERE version_id = $1`, [draft]);
    // Deleting a draft takes its agencies with it (cascade).
    await db.pool.query(`INSERT INTO procedure_version_agencies (version_id, agency_id) VALUES ($1, $2)`, [
      draft,
      otherAgency,
    ]);
    await db.pool.query(`DELETE FROM procedure_versions WHERE id = $1`, [draft]);

    // As import does: the version inserted published, then its agencies, in one transaction.
    const client = await db.pool.connect();
    let imported: number;
    try {
      await client.query('BEGIN');
      imported = await draftCopy(client, 'published');
      await client.query(`INSERT INTO procedure_version_agencies (version_id, agency_id) VALUES ($1, $2)`, [
        imported,
        otherAgency,
      ]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const err = await refused(`DELETE FROM procedure_version_agencies WHERE version_id = $1`, [imported]);
    expect(err).toMatchObject({ code: '23514' });
  });
});
