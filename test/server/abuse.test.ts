import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

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
