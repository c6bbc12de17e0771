import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, DEMO_PASSWORD, errorOf, loginAs, testApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '5', REGISTER_RATE_PER_MINUTE: '1000' });
});
afterAll(() => t.close());

describe('login', () => {
  it('sets an httpOnly, SameSite session cookie and returns a CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'tuphap.tiepnhan', password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'motcua_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    expect(res.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('marks the cookie Secure behind HTTPS', async () => {
    const secure = await testApp({ TRUST_PROXY: 'true' });
    try {
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { username: 'tuphap.tiepnhan', password: DEMO_PASSWORD },
      });
      expect(res.cookies.find((c) => c.name === 'motcua_sid')!.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('accepts the username in any case', async () => {
    const s = await loginAs(t.app, 'TuPhap.TiepNhan');
    const me = await as(t.app, s)('GET', '/api/v1/me');
    expect(me.json().username).toBe('tuphap.tiepnhan');
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'noivu.thuly', password: 'wrong-password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'no.such.user', password: 'wrong-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(errorOf(wrong).code).toBe('INVALID_CREDENTIALS');
    expect(errorOf(wrong).field).toBeUndefined();
  });

  it('locks a login name after repeated failures, existing or not, even for the right password', async () => {
    for (const username of ['xaydung.vanthu', 'ghost.account']) {
      const attempt = (password: string) =>
        t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      expect((await attempt('bad-1')).statusCode).toBe(401);
      expect((await attempt('bad-2')).statusCode).toBe(401);
      const third = await attempt('bad-3');
      expect(third.statusCode).toBe(429);
      expect(errorOf(third).code).toBe('LOGIN_LOCKED');
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      const right = await attempt(DEMO_PASSWORD);
      expect(right.statusCode).toBe(429);
    }
    // Other accounts are untouched.
    await loginAs(t.app, 'xaydung.thuly');
  });

  it('rejects unknown fields and wrong types with the field named', async () => {
    const extra = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'a', password: 'b', remember: true },
    });
    expect(extra.statusCode).toBe(400);
    expect(errorOf(extra)).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'remember' });
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'a', password: 12345 },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(errorOf(wrongType)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'password' });
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'a' },
    });
    expect(errorOf(missing)).toMatchObject({ code: 'REQUIRED_FIELD', field: 'password' });
    expect(errorOf(missing).message).toMatch(/bắt buộc/);
  });
});

describe('sessions', () => {
  it('answers 401 without a session', async () => {
    const res = await t.app.inject('/api/v1/me');
    expect(res.statusCode).toBe(401);
    expect(errorOf(res)).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Vui lòng đăng nhập.',
      message_en: 'Please log in.',
    });
  });

  it('requires the CSRF token on state-changing requests', async () => {
    const s = await loginAs(t.app, 'sadec.tiepnhan');
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(errorOf(without).code).toBe('CSRF_INVALID');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf.slice(0, -1) + (s.csrf.endsWith('A') ? 'B' : 'A') },
    });
    expect(wrong.statusCode).toBe(403);
    // Still logged in: the refused request did nothing.
    expect((await as(t.app, s)('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('logs out one session, and everywhere', async () => {
    const a = await loginAs(t.app, 'caolanh.thuly');
    const b = await loginAs(t.app, 'caolanh.thuly');
    const c = await loginAs(t.app, 'caolanh.thuly');
    expect((await as(t.app, a)('POST', '/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await as(t.app, a)('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await as(t.app, b)('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await as(t.app, b)('POST', '/api/v1/auth/logout-all')).statusCode).toBe(200);
    expect((await as(t.app, b)('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await as(t.app, c)('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('ignores a forged cookie', async () => {
    const res = await t.app.inject({ url: '/api/v1/me', headers: { cookie: 'motcua_sid=forged-token' } });
    expect(res.statusCode).toBe(401);
  });

  it('stores only a hash of the session token', async () => {
    const s = await loginAs(t.app, 'noivu.vanthu');
    const token = s.cookie.split('=')[1]!;
    const { rows } = await t.database.pool.query('SELECT id FROM sessions WHERE id = $1', [token]);
    expect(rows).toHaveLength(0);
  });
});

describe('me', () => {
  it('returns the user with roles in agencies', async () => {
    const s = await loginAs(t.app, 'vhttdl.pheduyet');
    const res = await as(t.app, s)('GET', '/api/v1/me/profile');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'staff',
      username: 'vhttdl.pheduyet',
      roles: [
        {
          role: 'approver',
          agencyCode: '000.00.12.H20',
          agencyName: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Tháp',
        },
      ],
    });
  });

  it('changes the password and ends the other sessions', async () => {
    const a = await loginAs(t.app, '082195004321');
    const b = await loginAs(t.app, '082195004321');
    const bad = await as(t.app, a)('POST', '/api/v1/me/password', {
      currentPassword: 'nope-nope',
      newPassword: 'a-new-password-1',
    });
    expect(bad.statusCode).toBe(401);
    const weak = await as(t.app, a)('POST', '/api/v1/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'short',
    });
    expect(errorOf(weak)).toMatchObject({ code: 'WEAK_PASSWORD', field: 'newPassword' });
    const ownId = await as(t.app, a)('POST', '/api/v1/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: '082195004321',
    });
    expect(errorOf(ownId)).toMatchObject({ code: 'WEAK_PASSWORD', field: 'newPassword' });
    const ok = await as(t.app, a)('POST', '/api/v1/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'a-new-password-1',
    });
    expect(ok.statusCode).toBe(200);
    expect((await as(t.app, a)('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await as(t.app, b)('GET', '/api/v1/me')).statusCode).toBe(401);
    await loginAs(t.app, '082195004321', 'a-new-password-1');
  });

  it('validates profile changes', async () => {
    const s = await loginAs(t.app, '087090001234');
    const bad = await as(t.app, s)('PATCH', '/api/v1/me/profile', { phone: '12ab' });
    expect(errorOf(bad)).toMatchObject({ code: 'INVALID_PHONE', field: 'phone' });
    const ok = await as(t.app, s)('PATCH', '/api/v1/me/profile', {
      phone: '+84 912 000 111',
      address: 'Số 1, Phường Sa Đéc',
    });
    expect(ok.json()).toMatchObject({ phone: '0912000111', address: 'Số 1, Phường Sa Đéc' });
  });
});

describe('register', () => {
  const citizen = {
    kind: 'citizen',
    personalId: '087201001111',
    fullName: 'Lê Thị Hồng',
    phone: '0909123456',
    email: 'lethihong@example.vn',
    password: 'mật-khẩu-đủ-dài',
  };

  it('creates a citizen account and logs in', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: citizen });
    expect(res.statusCode).toBe(201);
    const cookie = res.cookies.find((c) => c.name === 'motcua_sid')!;
    const me = await t.app.inject({
      url: '/api/v1/me/profile',
      headers: { cookie: `motcua_sid=${cookie.value}` },
    });
    expect(me.json()).toMatchObject({
      kind: 'citizen',
      username: '087201001111',
      fullName: 'Lê Thị Hồng',
      personalId: '087201001111',
    });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { ...citizen, email: 'other@example.vn' },
    });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('ACCOUNT_EXISTS');
    // The same answer, naming no field, whether the ID number or the email address is taken.
    const email = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { ...citizen, personalId: '087201003333', email: 'LeThiHong@example.vn' },
    });
    expect(email.statusCode).toBe(409);
    expect(email.json()).toEqual(again.json());
    expect(errorOf(again).field).toBeUndefined();
  });

  it.each([
    [{ personalId: '12345' }, 'INVALID_PERSONAL_ID', 'personalId'],
    [{ personalId: '999201001111' }, 'INVALID_PERSONAL_ID', 'personalId'],
    [{ personalId: '08720100111a' }, 'INVALID_PERSONAL_ID', 'personalId'],
    [{ phone: '0123' }, 'INVALID_PHONE', 'phone'],
    [{ email: 'not-an-email' }, 'INVALID_EMAIL', 'email'],
    [{ password: 'short' }, 'WEAK_PASSWORD', 'password'],
    [{ password: 'qwertyuiop' }, 'WEAK_PASSWORD', 'password'],
    [{ password: 'Password123!' }, 'WEAK_PASSWORD', 'password'],
    [{ password: 'matkhau123' }, 'WEAK_PASSWORD', 'password'],
    [{ password: '0123456789' }, 'WEAK_PASSWORD', 'password'],
    [{ password: 'aaaaaaaaaaaa' }, 'WEAK_PASSWORD', 'password'],
    [{ password: '087201002222' }, 'WEAK_PASSWORD', 'password'],
    [{ password: 'id087201002222' }, 'WEAK_PASSWORD', 'password'],
    [{ password: 'x@example.vn' }, 'WEAK_PASSWORD', 'password'],
    [{ password: 'tel0909123456' }, 'WEAK_PASSWORD', 'password'],
    [{ isAdmin: true }, 'UNKNOWN_FIELD', 'isAdmin'],
    [{ kind: 'staff' }, 'VALIDATION_FAILED', 'kind'],
  ])('refuses %j with %s on %s and creates nothing', async (patch, code, field) => {
    const payload = { ...citizen, personalId: '087201002222', email: 'x@example.vn', ...patch };
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code, field });
    const { rows } = await t.database.pool.query("SELECT 1 FROM users WHERE username = '087201002222'");
    expect(rows).toHaveLength(0);
  });

  it('creates a business account keyed by tax code', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        kind: 'business',
        taxCode: '1400123456',
        organizationName: 'Công ty TNHH Sen Hồng',
        fullName: 'Phạm Văn Bảo',
        phone: '0277 3851 999',
        password: 'business-password',
      },
    });
    expect(res.statusCode).toBe(201);
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: {
        kind: 'business',
        taxCode: '1400123457',
        fullName: 'A',
        phone: '0909123456',
        password: 'business-password',
      },
    });
    expect(errorOf(missing)).toMatchObject({ code: 'REQUIRED_FIELD', field: 'organizationName' });
  });
});

describe('rate limits', () => {
  it('limits login attempts per address in the common error format', async () => {
    const limited = await testApp({ LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const attempt = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'a.b', password: 'whatever' },
        });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const res = await attempt();
      expect(res.statusCode).toBe(429);
      expect(errorOf(res)).toMatchObject({
        code: 'RATE_LIMITED',
        message_en: 'Too many requests. Please try again later.',
      });
    } finally {
      await limited.close();
    }
  });
});
