import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { DEMO_PASSWORD, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

// Limits that protect the server and its users from callers who are not who they should be.

let t: TestApp;
let citizen: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  citizen = await loginAs(t.app, '087090001234');
});
afterAll(() => t.close());

/** A body that sends one chunk and then never ends: a server that waits to read it never answers. */
function endlessBody(): Readable {
  return new Readable({
    read() {
      if (!this.readableFlowing) return;
      this.push(Buffer.alloc(64 * 1024, 0x7b));
    },
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([
    promise,
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms)),
  ]);
}

describe('bodies of callers who may not send them are never read', () => {
  const bodies = [
    ['POST', '/api/v1/catalog/import', 'application/json'],
    ['POST', '/api/v1/catalog/forms?fileName=a.pdf', 'application/octet-stream'],
    ['POST', '/api/v1/imports/dossiers', 'application/x-ndjson'],
    ['PUT', '/api/v1/dossiers/000.00.12.H18-230615-0001/components/0/file', 'application/octet-stream'],
    ['POST', '/api/v1/dossiers', 'application/json'],
    ['PATCH', '/api/v1/me/profile', 'application/json'],
  ] as const;

  it.each(bodies)('%s %s without a session: 401 before the body', async (method, url, type) => {
    const res = await withTimeout(
      t.app.inject({ method, url, headers: { 'content-type': type }, payload: endlessBody() }),
      3000,
    );
    expect(res).not.toBe('timeout');
    if (res === 'timeout') return;
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['POST', '/api/v1/catalog/import', 'application/json'],
    ['POST', '/api/v1/catalog/forms?fileName=a.pdf', 'application/octet-stream'],
    ['POST', '/api/v1/imports/dossiers', 'application/x-ndjson'],
  ] as const)('%s %s by a citizen: 403 before the body', async (method, url, type) => {
    const res = await withTimeout(
      t.app.inject({
        method,
        url,
        headers: { 'content-type': type, cookie: citizen.cookie, 'x-csrf-token': citizen.csrf },
        payload: endlessBody(),
      }),
      3000,
    );
    expect(res).not.toBe('timeout');
    if (res === 'timeout') return;
    expect(res.statusCode).toBe(403);
  });

  it('a malformed body from an anonymous caller is answered 401, not parsed (400)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import',
      headers: { 'content-type': 'application/json' },
      payload: '{"not json',
    });
    expect(res.statusCode).toBe(401);
  });

  it('public forms still take anonymous bodies', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { login: 'nobody' },
    });
    expect(res.statusCode).toBe(202);
  });
});

function loginFrom(address: string, username: string, password: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: address,
    payload: { username, password },
  });
}

describe('login lockout', () => {
  it('locks a name for the address that guessed, not for everyone', async () => {
    for (let i = 1; i <= 4; i++)
      expect((await loginFrom('10.0.0.1', 'admin', `bad-${i}`)).statusCode).toBe(401);
    const fifth = await loginFrom('10.0.0.1', 'admin', 'bad-5');
    expect(fifth.statusCode).toBe(429);
    expect(errorOf(fifth).code).toBe('LOGIN_LOCKED');
    expect(Number(fifth.headers['retry-after'])).toBe(15 * 60);
    // Locked from there, even with the right password…
    expect((await loginFrom('10.0.0.1', 'admin', DEMO_PASSWORD)).statusCode).toBe(429);
    // …but the administrator logs in from elsewhere.
    expect((await loginFrom('10.0.0.2', 'admin', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('locks for twice as long at each further failure after a lock ran out', async () => {
    const name = 'tuphap.thuly';
    for (let i = 1; i <= 4; i++) await loginFrom('10.0.1.1', name, `bad-${i}`);
    expect(Number((await loginFrom('10.0.1.1', name, 'bad-5')).headers['retry-after'])).toBe(15 * 60);
    const expire = () =>
      t.database.pool.query(
        `UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE key = $1`,
        [`${name}|10.0.1.1`],
      );
    await expire();
    const sixth = await loginFrom('10.0.1.1', name, 'bad-6');
    expect(sixth.statusCode).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBe(30 * 60);
    await expire();
    expect(Number((await loginFrom('10.0.1.1', name, 'bad-7')).headers['retry-after'])).toBe(60 * 60);
    // A success starts afresh.
    await expire();
    expect((await loginFrom('10.0.1.1', name, DEMO_PASSWORD)).statusCode).toBe(200);
    expect((await loginFrom('10.0.1.1', name, 'bad-8')).statusCode).toBe(401);
  });
});

describe('password change', () => {
  it('counts wrong current passwords as failed logins of the account from that address', async () => {
    const session = await loginAs(t.app, 'xaydung.vanthu');
    const change = (currentPassword: string, remoteAddress = '127.0.0.1') =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/me/password',
        remoteAddress,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        payload: { currentPassword, newPassword: 'another-long-password-9' },
      });
    for (let i = 1; i <= 4; i++) expect((await change(`wrong-${i}`)).statusCode).toBe(401);
    const fifth = await change('wrong-5');
    expect(fifth.statusCode).toBe(429);
    expect(errorOf(fifth).code).toBe('LOGIN_LOCKED');
    // No more argon2 checks from there, even of the right password; login from there is locked too.
    expect((await change(DEMO_PASSWORD)).statusCode).toBe(429);
    expect((await loginFrom('127.0.0.1', 'xaydung.vanthu', DEMO_PASSWORD)).statusCode).toBe(429);
    // The same session from another address still may.
    expect((await change(DEMO_PASSWORD, '10.0.2.1')).statusCode).toBe(200);
  });
});

describe('public tracking', () => {
  async function receivedDossier(phone: string): Promise<string> {
    const desk = await loginAs(t.app, 'tuphap.tiepnhan');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { cookie: desk.cookie, 'x-csrf-token': desk.csrf },
      payload: {
        procedure: '2.000488',
        caseIndex: 0,
        channel: 'in_person',
        applicant: { name: 'Phạm Thị Thu Hà', personalId: '087190004321', phone },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { code } = created.json<{ code: string }>();
    const received = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${code}/actions/receive`,
      headers: { cookie: desk.cookie, 'x-csrf-token': desk.csrf },
      payload: { provided: [0] },
    });
    expect(received.statusCode, received.body).toBe(200);
    return code;
  }
  const lookup = (code: string, remoteAddress: string, lastFour?: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/track/${code}${lastFour ? `?lastFour=${lastFour}` : ''}`,
      remoteAddress,
    });

  it('shows only the initials without proof, not the family name', async () => {
    const code = await receivedDossier('0912000001');
    const res = await lookup(code, '10.1.0.1');
    expect(res.json<{ applicant: unknown }>().applicant).toEqual({ name: 'P. T. T. H.' });
    expect(res.body).not.toContain('Phạm');
  });

  it('limits plain lookups per address (60 a minute)', async () => {
    const code = await receivedDossier('0912000002');
    const answers: number[] = [];
    for (let i = 0; i < 61; i++) answers.push((await lookup(code, '10.1.1.1')).statusCode);
    expect(answers.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(answers[60]).toBe(429);
    expect((await lookup(code, '10.1.1.2')).statusCode).toBe(200);
  });

  it('limits proofs per address (20 a minute) and wrong proofs per code from any address (10 a day)', async () => {
    const code = await receivedDossier('0912000003');
    const other = await receivedDossier('0912000004');
    // Ten wrong proofs of one code, each from its own address: the code then takes no proof, even the right one…
    for (let i = 0; i < 10; i++)
      expect(
        (await lookup(code, `10.2.0.${i + 1}`, String(1000 + i))).json<{ personalData: boolean }>(),
      ).toMatchObject({ personalData: false });
    const right = await lookup(code, '10.2.1.1', '0003');
    expect(right.statusCode).toBe(429);
    expect(errorOf(right).code).toBe('RATE_LIMITED');
    // …while plain lookups of it, and proofs of other codes, go on.
    expect((await lookup(code, '10.2.1.1')).statusCode).toBe(200);
    expect((await lookup(other, '10.2.1.1', '0004')).json<{ personalData: boolean }>().personalData).toBe(
      true,
    );
    // One address: 20 proofs a minute, whatever the codes.
    const answers: number[] = [];
    for (let i = 0; i < 21; i++) answers.push((await lookup(other, '10.2.2.1', '0004')).statusCode);
    expect(answers.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(answers[20]).toBe(429);
  });
});

describe('security headers', () => {
  it('sends a CSP, frame and referrer rules on pages and API answers, HSTS only over HTTPS', async () => {
    for (const url of ['/', '/api/v1/agencies', '/api/docs']) {
      const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'self'");
      expect(csp, url).toContain("object-src 'self'");
      expect(csp, url).not.toContain('upgrade-insecure-requests');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
    const behindHttps = await buildApp({ database: t.database, config: { ...t.config, trustProxy: true } });
    try {
      const res = await behindHttps.inject({
        url: '/api/v1/agencies',
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    } finally {
      await behindHttps.close();
    }
  });
});
