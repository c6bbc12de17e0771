import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';
import { CITIZEN, inPerson, TUPHAP, XAYDUNG } from '../support/dossiers.ts';
import { staffWithGrants } from '../support/factories.ts';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  admin = await loginAs(t.app, 'admin');
});
afterAll(() => t.close());

type View = {
  id: string;
  code: string | null;
  applicantUserId: string | null;
  history: { action: string; data: Record<string, unknown> | null }[];
};

describe('who may take a dossier in for another agency’s procedure', () => {
  it('a desk of an agency that is neither a one-stop desk nor implementing the procedure may not', async () => {
    const desk = await loginAs(t.app, 'xaydung.tiepnhan');
    const res = await as(t.app, desk)('POST', '/api/v1/dossiers', inPerson());
    expect(res.statusCode, res.body).toBe(403);
    expect(errorOf(res).code).toBe('NOT_AT_DESK');
    const named = await as(t.app, desk)('POST', '/api/v1/dossiers', inPerson({ intakeAgency: XAYDUNG }));
    expect(named.statusCode).toBe(403);
    const { rows } = await t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM dossiers d JOIN agencies a ON a.id = d.intake_agency_id WHERE a.code = $1`,
      [XAYDUNG],
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('a one-stop desk and the implementing agency’s own desk may', async () => {
    for (const username of ['caolanh.tiepnhan', 'ttpvhcc.tiepnhan', 'tuphap.tiepnhan']) {
      const res = await as(t.app, await loginAs(t.app, username))('POST', '/api/v1/dossiers', inPerson());
      expect(res.statusCode, `${username}: ${res.body}`).toBe(201);
    }
  });
});

describe('the applicant’s account id is the applicant’s to know', () => {
  it('a desk intake in a citizen’s name links the account without telling the desk', async () => {
    const desk = await loginAs(t.app, 'tuphap.tiepnhan');
    const res = await as(t.app, desk)('POST', '/api/v1/dossiers', inPerson());
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json<View>();
    expect(view.applicantUserId).toBeNull();
    expect(view.history[0]!.data?.applicantId ?? null).toBeNull();
    const read = await as(t.app, desk)('GET', `/api/v1/dossiers/${view.code}`);
    expect(read.json<View>().applicantUserId).toBeNull();
    expect(JSON.stringify(read.json<View>().history)).not.toMatch(/"applicantId":"[0-9a-f-]{36}"/);

    // The dossier is linked all the same: the citizen sees it, with their own id.
    const { rows } = await t.database.pool.query<{ applicant_user_id: string | null }>(
      'SELECT applicant_user_id FROM dossiers WHERE id = $1',
      [view.id],
    );
    const citizen = await loginAs(t.app, CITIZEN);
    expect(rows[0]!.applicant_user_id).toBe(citizen.userId);
    const own = await as(t.app, citizen)('GET', `/api/v1/dossiers/${view.code}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json<View>().applicantUserId).toBe(citizen.userId);
    expect(own.json<View>().history[0]!.data?.applicantId).toBe(citizen.userId);
  });
});

describe('staff contact details and the system administrator’s account', () => {
  type Staff = {
    id: string;
    username: string;
    email: string | null;
    phone: string | null;
    actions: string[];
  };

  it('an agency administrator may not draw the system administrator’s account into their agency', async () => {
    const tuphap = await loginAs(t.app, 'tuphap.quantri');
    const res = await as(t.app, tuphap)('POST', `/api/v1/staff/${admin.userId}/roles`, {
      role: 'clerk',
      agency: TUPHAP,
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.body).not.toMatch(/@/);
    const { rows } = await t.database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM role_assignments WHERE user_id = $1',
      [admin.userId],
    );
    expect(rows[0]!.n).toBe(1);
    // The system administrator still may.
    const sys = await as(t.app, admin)('POST', `/api/v1/staff/${admin.userId}/roles`, {
      role: 'clerk',
      agency: TUPHAP,
    });
    expect(sys.statusCode, sys.body).toBe(201);
    // Listed now in Sở Tư pháp, but its contact details are not the agency administrator’s to see.
    const list = await as(t.app, tuphap)('GET', `/api/v1/staff?agency=${TUPHAP}&pageSize=200`);
    const item = list.json<{ items: Staff[] }>().items.find((i) => i.id === admin.userId)!;
    expect(item).toBeDefined();
    expect(item.email).toBeNull();
    expect(item.phone).toBeNull();
    expect(item.actions).toEqual([]);
  });

  it('contact details only for the people one administers, and oneself', async () => {
    await t.database.pool.query(
      `UPDATE users SET email = username || '@dongthap.gov.vn', phone = '0918000111' WHERE kind = 'staff'`,
    );
    // Posted in two agencies: Sở Tư pháp’s administrator does not administer them alone.
    const shared = await staffWithGrants(t.database.pool, [
      { role: 'handling_officer', agencyCode: TUPHAP },
      { role: 'handling_officer', agencyCode: XAYDUNG },
    ]);
    await t.database.pool.query(`UPDATE users SET email = 'shared@dongthap.gov.vn' WHERE id = $1`, [
      shared.id,
    ]);
    const tuphapAdmin = await loginAs(t.app, 'tuphap.quantri');
    const items = (await as(t.app, tuphapAdmin)('GET', `/api/v1/staff?agency=${TUPHAP}&pageSize=200`)).json<{
      items: Staff[];
    }>().items;
    const byName = (u: string) => items.find((i) => i.username === u)!;
    expect(byName('tuphap.thuly').email).toBe('tuphap.thuly@dongthap.gov.vn');
    expect(byName('tuphap.quantri').email).toBe('tuphap.quantri@dongthap.gov.vn');
    expect(byName(shared.username).email).toBeNull();
    expect(byName(shared.username).phone).toBeNull();

    // A plain officer sees colleagues’ names and roles, and only their own contact details.
    const clerk = await loginAs(t.app, 'tuphap.vanthu');
    const seen = (await as(t.app, clerk)('GET', `/api/v1/staff?agency=${TUPHAP}&pageSize=200`)).json<{
      items: Staff[];
    }>().items;
    for (const i of seen) {
      if (i.username === 'tuphap.vanthu') expect(i.email).toBe('tuphap.vanthu@dongthap.gov.vn');
      else expect([i.email, i.phone]).toEqual([null, null]);
    }
    const one = await as(t.app, clerk)('GET', `/api/v1/staff/${byName('tuphap.thuly').id}`);
    expect(one.json<Staff>().email).toBeNull();
    // The system administrator sees everyone’s.
    const all = (await as(t.app, admin)('GET', `/api/v1/staff?agency=${TUPHAP}&pageSize=200`)).json<{
      items: Staff[];
    }>().items;
    expect(all.find((i) => i.id === shared.id)!.email).toBe('shared@dongthap.gov.vn');
  });
});
