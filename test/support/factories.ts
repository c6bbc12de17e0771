import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { StaffRole } from '../../src/domain/access/roles.ts';

export interface AgencyRow {
  id: number;
  code: string;
  path: string;
}

export async function allAgencies(pool: pg.Pool): Promise<AgencyRow[]> {
  return (await pool.query<AgencyRow>('SELECT id, code, path FROM agencies ORDER BY id')).rows;
}

/**
 * A staff user holding exactly these grants, with the demo password (its hash is copied from a demo account
 * so the factory costs no hashing).
 */
export async function staffWithGrants(
  pool: pg.Pool,
  grants: { role: StaffRole; agencyCode: string | null }[],
): Promise<{ id: string; username: string }> {
  const username = `t.${randomBytes(6).toString('hex')}`;
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO users (kind, username, full_name, password_hash)
     SELECT 'staff', $1, 'Người Thử Nghiệm', password_hash FROM users WHERE username = 'admin' RETURNING id`,
    [username],
  );
  const id = rows[0]!.id;
  for (const g of grants) {
    await pool.query(
      `INSERT INTO role_assignments (user_id, role, agency_id)
       VALUES ($1, $2, (SELECT id FROM agencies WHERE code = $3)) ON CONFLICT DO NOTHING`,
      [id, g.role, g.agencyCode],
    );
  }
  return { id, username };
}
