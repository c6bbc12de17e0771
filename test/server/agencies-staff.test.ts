import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: Session;
let tuphapAdmin: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  admin = await loginAs(t.app, 'admin');
  tuphapAdmin = await loginAs(t.app, 'tuphap.quantri');
});
afterAll(() => t.close());

const auditCount = async (action: string) =>
  Number(
    (await t.database.pool.query('SELECT count(*) FROM audit_log WHERE action = $1', [action])).rows[0].count,
  );

describe('agency directory', () => {
  it('is public, ordered as a tree, with default office hours as null', async () => {
    const res = await t.app.inject('/api/v1/agencies');
    expect(res.statusCode).toBe(200);
    const items = res.json<{
      items: { code: string; parentCode: string | null; actions: string[]; officeHours: unknown }[];
    }>().items;
    expect(items).toHaveLength(9);
    expect(items[0]).toMatchObject({
      code: '000.00.00.H20',
      parentCode: null,
      actions: [],
      officeHours: null,
    });
    expect(items.slice(1).every((a) => a.parentCode === '000.00.00.H20')).toBe(true);
  });

  it('filters by subtree and level, and names the bad field', async () => {
    const communes = await t.app.inject('/api/v1/agencies?level=commune');
    expect(communes.json().items.map((a: { name: string }) => a.name)).toEqual([
      'Ủy ban nhân dân Phường Cao Lãnh',
      'Ủy ban nhân dân Phường Sa Đéc',
      'Ủy ban nhân dân Xã Tháp Mười',
    ]);
    const bad = await t.app.inject('/api/v1/agencies?under=H20');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).field).toBe('under');
    const unknown = await t.app.inject('/api/v1/agencies/999.99.99.Z99');
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('AGENCY_NOT_FOUND');
  });

  it('tells an agency administrator what they may do with their agency', async () => {
    const own = await as(t.app, tuphapAdmin)('GET', '/api/v1/agencies/000.00.09.H20');
    expect(own.json().actions).toEqual([
      'agency.update',
      'agency.manage_units',
      'staff.list',
      'staff.create',
    ]);
    const other = await as(t.app, tuphapAdmin)('GET', '/api/v1/agencies/000.00.10.H20');
    expect(other.json().actions).toEqual([]);
  });
});

describe('changing agencies', () => {
  it('lets a system administrator add an agency under another, audited', async () => {
    const before = await auditCount('agency.create');
    const res = await as(t.app, admin)('POST', '/api/v1/agencies', {
      code: '000.00.20.H20',
      name: 'Sở Y tế tỉnh Đồng Tháp',
      level: 'department',
      parentCode: '000.00.00.H20',
      officeHours: {
        periods: [
          { from: '07:00', to: '11:00' },
          { from: '13:00', to: '17:00' },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: '000.00.20.H20', parentCode: '000.00.00.H20', version: 1 });
    expect(await auditCount('agency.create')).toBe(before + 1);
    const dup = await as(t.app, admin)('POST', '/api/v1/agencies', {
      code: '000.00.20.H20',
      name: 'X',
      level: 'department',
    });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup)).toMatchObject({ code: 'AGENCY_CODE_TAKEN', field: 'code' });
  });

  it('refuses agency creation by anyone else', async () => {
    const res = await as(t.app, tuphapAdmin)('POST', '/api/v1/agencies', {
      code: '000.00.21.H20',
      name: 'Sở Giả',
      level: 'department',
      parentCode: '000.00.09.H20',
    });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });

  it.each([
    [{ code: '00.00.21.H20' }, 'code'],
    [{ level: 'village' }, 'level'],
    [{ officeHours: { periods: [{ from: '13:00', to: '11:00' }] } }, 'officeHours/periods/0'],
    [{ officeHours: { periods: [{ from: '25:00', to: '26:00' }] } }, 'officeHours/periods/0/from'],
    [{ officeHours: { periods: [] } }, 'officeHours/periods'],
  ])('validates %j', async (patch, field) => {
    const res = await as(t.app, admin)('POST', '/api/v1/agencies', {
      code: '000.00.22.H20',
      name: 'Sở Thử',
      level: 'department',
      ...patch,
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).field).toBe(field);
  });

  it('lets an agency administrator edit their agency with an optimistic version check', async () => {
    const current = (await t.app.inject('/api/v1/agencies/000.00.09.H20')).json<{ version: number }>();
    const ok = await as(t.app, tuphapAdmin)('PATCH', '/api/v1/agencies/000.00.09.H20', {
      version: current.version,
      address: 'Số 5 Võ Trường Toản, Phường Cao Lãnh',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(current.version + 1);
    const stale = await as(t.app, tuphapAdmin)('PATCH', '/api/v1/agencies/000.00.09.H20', {
      version: current.version,
      address: 'Lost update',
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT');
    const moved = await as(t.app, tuphapAdmin)('PATCH', '/api/v1/agencies/000.00.09.H20', {
      version: current.version + 1,
      parentCode: null,
    });
    expect(moved.statusCode).toBe(403);
  });

  it('moves a subtree and refuses cycles', async () => {
    const add = (code: string, parentCode: string) =>
      as(t.app, admin)('POST', '/api/v1/agencies', {
        code,
        name: `Cơ quan ${code}`,
        level: 'commune',
        parentCode,
      });
    expect((await add('000.40.00.H20', '000.00.00.H20')).statusCode).toBe(201);
    expect((await add('000.40.01.H20', '000.40.00.H20')).statusCode).toBe(201);
    const cycle = await as(t.app, admin)('PATCH', '/api/v1/agencies/000.40.00.H20', {
      version: 1,
      parentCode: '000.40.01.H20',
    });
    expect(cycle.statusCode).toBe(400);
    expect(errorOf(cycle).code).toBe('AGENCY_CYCLE');
    const move = await as(t.app, admin)('PATCH', '/api/v1/agencies/000.40.00.H20', {
      version: 1,
      parentCode: '000.00.09.H20',
    });
    expect(move.statusCode).toBe(200);
    const under = await t.app.inject('/api/v1/agencies?under=000.00.09.H20');
    expect(under.json().items.map((a: { code: string }) => a.code)).toEqual([
      '000.00.09.H20',
      '000.40.00.H20',
      '000.40.01.H20',
    ]);
  });

  it('manages units', async () => {
    const created = await as(t.app, tuphapAdmin)('POST', '/api/v1/agencies/000.00.09.H20/units', {
      name: 'Phòng Thanh tra',
    });
    expect(created.statusCode).toBe(201);
    const dup = await as(t.app, tuphapAdmin)('POST', '/api/v1/agencies/000.00.09.H20/units', {
      name: 'Phòng Thanh tra',
    });
    expect(dup.statusCode).toBe(409);
    const elsewhere = await as(t.app, tuphapAdmin)('POST', '/api/v1/agencies/000.00.10.H20/units', {
      name: 'Phòng X',
    });
    expect(elsewhere.statusCode).toBe(403);
    const removed = await as(t.app, tuphapAdmin)(
      'DELETE',
      `/api/v1/agencies/000.00.09.H20/units/${created.json().id}`,
    );
    expect(removed.statusCode).toBe(204);
  });
});

describe('staff accounts', () => {
  it('lets an agency administrator create staff in their agency only', async () => {
    const ok = await as(t.app, tuphapAdmin)('POST', '/api/v1/staff', {
      username: 'tuphap.thuly2',
      fullName: 'Võ Thị Thu Hà',
      email: 'vothithuha@dongthap.gov.vn',
      phone: '0918 111 222',
      password: 'staff-password-1',
      roles: [{ role: 'handling_officer', agency: '000.00.09.H20' }],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      username: 'tuphap.thuly2',
      phone: '0918111222',
      roles: [{ role: 'handling_officer', agencyCode: '000.00.09.H20' }],
      actions: ['staff.update', 'staff.grant_role'],
    });
    await loginAs(t.app, 'tuphap.thuly2', 'staff-password-1');

    const elsewhere = await as(t.app, tuphapAdmin)('POST', '/api/v1/staff', {
      username: 'xaydung.thuly2',
      fullName: 'Người Ngoài',
      password: 'staff-password-1',
      roles: [{ role: 'handling_officer', agency: '000.00.10.H20' }],
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(errorOf(elsewhere).field).toBe('roles/0');
    const supervisor = await as(t.app, tuphapAdmin)('POST', '/api/v1/staff', {
      username: 'tuphap.giamsat',
      fullName: 'Giám Sát',
      password: 'staff-password-1',
      roles: [{ role: 'supervisor', agency: '000.00.09.H20' }],
    });
    expect(supervisor.statusCode).toBe(403);
    const { rows } = await t.database.pool.query(
      "SELECT 1 FROM users WHERE username IN ('xaydung.thuly2', 'tuphap.giamsat')",
    );
    expect(rows).toHaveLength(0);
  });

  it('validates staff input', async () => {
    const base = {
      username: 'a.valid.name',
      fullName: 'A',
      password: 'staff-password-1',
      roles: [{ role: 'clerk', agency: '000.00.09.H20' }],
    };
    const cases: [object, string, string][] = [
      [{ username: 'x' }, 'VALIDATION_FAILED', 'username'],
      [{ email: 'nope' }, 'INVALID_EMAIL', 'email'],
      [{ roles: [] }, 'VALIDATION_FAILED', 'roles'],
      [{ roles: [{ role: 'clerk' }] }, 'ROLE_NEEDS_AGENCY', 'roles/0/agency'],
      [
        { roles: [{ role: 'clerk', agency: '000.00.09.H20', unitId: 1 }] },
        'UNIT_NOT_IN_AGENCY',
        'roles/0/unitId',
      ],
      [{ username: 'tuphap.tiepnhan' }, 'USERNAME_TAKEN', 'username'],
      [{ password: `x${base.username}` }, 'WEAK_PASSWORD', 'password'],
    ];
    for (const [patch, code, field] of cases) {
      const res = await as(t.app, tuphapAdmin)('POST', '/api/v1/staff', { ...base, ...patch });
      expect([400, 409]).toContain(res.statusCode);
      expect(errorOf(res), JSON.stringify(patch)).toMatchObject({ code, field });
    }
  });

  it('grants and revokes roles, and a person posted in two agencies shows only what each may see', async () => {
    const list = await as(t.app, admin)('GET', '/api/v1/staff?q=xaydung.thuly');
    const person = list.json().items[0] as { id: string };
    const grant = await as(t.app, tuphapAdmin)('POST', `/api/v1/staff/${person.id}/roles`, {
      role: 'clerk',
      agency: '000.00.09.H20',
    });
    expect(grant.statusCode).toBe(201);
    expect(grant.json().roles).toEqual([
      expect.objectContaining({ role: 'clerk', agencyCode: '000.00.09.H20' }),
    ]);
    const seenByAdmin = await as(t.app, admin)('GET', `/api/v1/staff/${person.id}`);
    expect(
      seenByAdmin
        .json()
        .roles.map((r: { agencyCode: string }) => r.agencyCode)
        .sort(),
    ).toEqual(['000.00.09.H20', '000.00.10.H20']);
    // The Tư pháp administrator cannot change a person who also works at Xây dựng.
    expect(grant.json().actions).toEqual(['staff.grant_role']);
    const update = await as(t.app, tuphapAdmin)('PATCH', `/api/v1/staff/${person.id}`, {
      version: 1,
      disabled: true,
    });
    expect(update.statusCode).toBe(403);
    const assignment = grant.json().roles[0].id as number;
    const revoke = await as(t.app, tuphapAdmin)('DELETE', `/api/v1/staff/${person.id}/roles/${assignment}`);
    expect(revoke.statusCode).toBe(204);
    expect((await as(t.app, tuphapAdmin)('GET', `/api/v1/staff/${person.id}`)).statusCode).toBe(404);
  });

  it('disabling an account ends its sessions', async () => {
    const victim = await loginAs(t.app, 'tuphap.vanthu');
    const found = await as(t.app, tuphapAdmin)('GET', '/api/v1/staff?agency=000.00.09.H20&role=clerk');
    const clerk = found.json().items[0] as { id: string; version: number };
    const res = await as(t.app, tuphapAdmin)('PATCH', `/api/v1/staff/${clerk.id}`, {
      version: clerk.version,
      disabled: true,
    });
    expect(res.statusCode).toBe(200);
    expect((await as(t.app, victim)('GET', '/api/v1/me')).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'tuphap.vanthu', password: 'demo-password-for-tests' },
    });
    expect(login.statusCode).toBe(401);
  });

  it('paginates and searches with accents', async () => {
    const page1 = await as(t.app, admin)('GET', '/api/v1/staff?pageSize=10&page=1');
    const page2 = await as(t.app, admin)('GET', '/api/v1/staff?pageSize=10&page=2');
    expect(page1.json().items).toHaveLength(10);
    expect(page1.json().total).toBeGreaterThan(40);
    const ids1 = new Set(page1.json().items.map((i: { id: string }) => i.id));
    expect(page2.json().items.some((i: { id: string }) => ids1.has(i.id))).toBe(false);
    const bad = await as(t.app, admin)('GET', '/api/v1/staff?pageSize=0');
    expect(errorOf(bad).field).toBe('pageSize');
    const weird = await as(t.app, admin)('GET', `/api/v1/staff?q=${encodeURIComponent("%' OR 1=1 --😀")}`);
    expect(weird.statusCode).toBe(200);
    expect(weird.json().total).toBe(0);
  });
});
