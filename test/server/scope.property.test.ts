import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffRoles, type StaffRole } from '../../src/domain/access/roles.ts';
import { as, errorOf, loginAs, testApp, type TestApp } from '../support/app.ts';
import { allAgencies, staffWithGrants, type AgencyRow } from '../support/factories.ts';

let t: TestApp;
let agencies: AgencyRow[];
let staffByAgency: Map<number, string[]>;
let allStaff: { id: string; agencyIds: number[]; systemAdmin: boolean }[];

beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  // Deepen the demo tree (a centre under a department, an older district with a commune and a
  // hamlet-level office under it) so that subtree rules have something to get wrong.
  const admin = await loginAs(t.app, 'admin');
  const add = async (code: string, name: string, level: string, parentCode: string) => {
    const res = await as(t.app, admin)('POST', '/api/v1/agencies', { code, name, level, parentCode });
    expect(res.statusCode, res.body).toBe(201);
    await staffWithGrants(t.database.pool, [{ role: 'handling_officer', agencyCode: code }]);
  };
  await add('000.00.91.H20', 'Trung tâm Trợ giúp pháp lý nhà nước', 'department', '000.00.09.H20');
  await add('000.28.00.H20', 'Ủy ban nhân dân huyện Tháp Mười (cũ)', 'district', '000.00.00.H20');
  await add('000.28.34.H20', 'Ủy ban nhân dân xã Mỹ Hòa (cũ)', 'commune', '000.28.00.H20');
  await add('000.28.35.H20', 'Bộ phận một cửa xã Mỹ Hòa (cũ)', 'commune', '000.28.34.H20');
  agencies = await allAgencies(t.database.pool);
  const { rows } = await t.database.pool.query<{
    id: string;
    agency_ids: (number | null)[];
    roles: string[];
  }>(
    `SELECT u.id, array_agg(ra.agency_id) AS agency_ids, array_agg(ra.role::text) AS roles
     FROM users u JOIN role_assignments ra ON ra.user_id = u.id WHERE u.kind = 'staff' GROUP BY u.id`,
  );
  allStaff = rows.map((r) => ({
    id: r.id,
    agencyIds: r.agency_ids.filter((a): a is number => a !== null),
    systemAdmin: r.roles.includes('system_admin'),
  }));
  staffByAgency = new Map(
    agencies.map((a) => [a.id, allStaff.filter((s) => s.agencyIds.includes(a.id)).map((s) => s.id)]),
  );
});
afterAll(() => t.close());

/**
 * The expected visibility, written from the rules rather than from the policy module:
 * a system administrator sees everything; any role in an agency shows that agency's staff;
 * a supervisor also sees every agency below theirs.
 */
function visibleAgencyIds(grants: { role: StaffRole; agency: AgencyRow | null }[]): Set<number> {
  if (grants.some((g) => g.role === 'system_admin')) return new Set(agencies.map((a) => a.id));
  const visible = new Set<number>();
  for (const g of grants) {
    if (!g.agency) continue;
    visible.add(g.agency.id);
    if (g.role === 'supervisor') {
      for (const a of agencies) if (a.path.startsWith(g.agency.path)) visible.add(a.id);
    }
  }
  return visible;
}

function canUpdateAgency(
  grants: { role: StaffRole; agency: AgencyRow | null }[],
  agency: AgencyRow,
): boolean {
  return grants.some(
    (g) => g.role === 'system_admin' || (g.role === 'agency_admin' && g.agency?.id === agency.id),
  );
}

describe('an officer never sees another agency’s data', () => {
  it('holds for staff lists, staff reads and agency updates over users × agencies × roles', async () => {
    const grantArb = fc.record({
      role: fc.constantFrom(...staffRoles),
      agencyIndex: fc.nat({ max: 100 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(grantArb, { minLength: 0, maxLength: 3 }),
        fc.nat({ max: 100 }),
        fc.nat({ max: 1000 }),
        async (rawGrants, targetIndex, staffIndex) => {
          const grants = rawGrants
            // Keep system administrators rare so most runs test real scoping.
            .filter((g, i) => g.role !== 'system_admin' || (i === 0 && g.agencyIndex % 5 === 0))
            .map((g) => ({
              role: g.role,
              agency: g.role === 'system_admin' ? null : agencies[g.agencyIndex % agencies.length]!,
            }));
          const user = await staffWithGrants(
            t.database.pool,
            grants.map((g) => ({ role: g.role, agencyCode: g.agency?.code ?? null })),
          );
          // Tracked at once: a run that fails (and fast-check's shrinking runs) still leave this user behind.
          const isAdmin = grants.some((g) => g.role === 'system_admin');
          allStaff.push({
            id: user.id,
            agencyIds: grants.flatMap((g) => (g.agency ? [g.agency.id] : [])),
            systemAdmin: isAdmin,
          });
          for (const g of grants)
            if (g.agency && !staffByAgency.get(g.agency.id)!.includes(user.id))
              staffByAgency.get(g.agency.id)!.push(user.id);
          const session = await loginAs(t.app, user.username);
          const request = as(t.app, session);
          const visible = visibleAgencyIds(grants);
          const target = agencies[targetIndex % agencies.length]!;

          // The list filtered by one agency: allowed exactly when visible, and then only that agency's people.
          const filtered = await request('GET', `/api/v1/staff?agency=${target.code}&pageSize=200`);
          if (visible.has(target.id)) {
            expect(filtered.statusCode).toBe(200);
            const ids = filtered
              .json<{ items: { id: string }[] }>()
              .items.map((i) => i.id)
              .sort();
            expect(ids).toEqual([...(staffByAgency.get(target.id) ?? [])].sort());
          } else {
            expect(filtered.statusCode).toBe(403);
            expect(errorOf(filtered).code).toBe('FORBIDDEN');
          }

          // The unfiltered list: exactly the people with a role in a visible agency (plus themselves if visible),
          // and of each only the roles held in visible agencies.
          const list = await request('GET', '/api/v1/staff?pageSize=200');
          if (visible.size === 0) {
            expect(list.statusCode).toBe(403);
          } else {
            expect(list.statusCode).toBe(200);
            const items = list.json<{ items: { id: string; roles: { agencyCode: string | null }[] }[] }>()
              .items;
            // A system administrator sees every staff account, even one left without any role.
            const expected = isAdmin
              ? allStaff
              : allStaff.filter((s) => s.agencyIds.some((a) => visible.has(a)));
            expect(items.map((i) => i.id).sort()).toEqual(expected.map((s) => s.id).sort());
            const visibleCodes = new Set(agencies.filter((a) => visible.has(a.id)).map((a) => a.code));
            for (const item of items) {
              for (const role of item.roles) {
                if (role.agencyCode !== null) expect(visibleCodes.has(role.agencyCode)).toBe(true);
              }
            }
          }

          // Reading one person: found exactly when they hold a role in a visible agency; otherwise 404, not 403.
          const other = allStaff[staffIndex % allStaff.length]!;
          const read = await request('GET', `/api/v1/staff/${other.id}`);
          const canSee = isAdmin || other.agencyIds.some((a) => visible.has(a));
          expect(read.statusCode).toBe(canSee ? 200 : 404);

          // Changing an agency: only its administrator or a system administrator (stale version → 409, else 403).
          const update = await request('PATCH', `/api/v1/agencies/${target.code}`, {
            version: 999999,
            address: 'x',
          });
          expect(update.statusCode).toBe(canUpdateAgency(grants, target) ? 409 : 403);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('refuses citizens and anonymous callers', async () => {
    const citizen = await loginAs(t.app, '087090001234');
    expect((await as(t.app, citizen)('GET', '/api/v1/staff')).statusCode).toBe(403);
    expect((await t.app.inject('/api/v1/staff')).statusCode).toBe(401);
    const someone = allStaff[0]!;
    expect((await as(t.app, citizen)('GET', `/api/v1/staff/${someone.id}`)).statusCode).toBe(404);
  });
});
