import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
