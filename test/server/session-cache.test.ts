import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { as, loginAs, testApp, type TestApp } from '../support/app.ts';

// Two servers on one database, as behind a load balancer: each caches sessions in memory, and a
// change made through one (or straight in SQL) must reach the other.
let a: TestApp;
let b: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  a = await testApp();
  b = await buildApp({ database: a.database, config: a.config });
  await b.ready();
});
afterAll(async () => {
  await b.close();
  await a.close();
});

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not reached within 2 s');
}

describe('session cache across servers', () => {
  it('ends a session on every server when it logs out on one', async () => {
    const s = await loginAs(a.app, 'sadec.thuly');
    expect((await as(b, s)('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await as(a.app, s)('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await as(a.app, s)('POST', '/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await as(a.app, s)('GET', '/api/v1/me')).statusCode).toBe(401);
    await eventually(async () => (await as(b, s)('GET', '/api/v1/me')).statusCode === 401);
  });

  it('sees a role revoked directly in the database', async () => {
    const s = await loginAs(a.app, 'thapmuoi.pheduyet');
    const before = await as(b, s)('GET', '/api/v1/me');
    expect(before.json().roles).toHaveLength(1);
    await a.database.pool.query(
      "DELETE FROM role_assignments WHERE user_id = (SELECT id FROM users WHERE username = 'thapmuoi.pheduyet')",
    );
    await eventually(async () => (await as(b, s)('GET', '/api/v1/me')).json().roles.length === 0);
    expect((await as(b, s)('GET', '/api/v1/staff')).statusCode).toBe(403);
  });

  it('sees an account disabled directly in the database', async () => {
    const s = await loginAs(a.app, 'thapmuoi.vanthu');
    expect((await as(b, s)('GET', '/api/v1/me')).statusCode).toBe(200);
    await a.database.pool.query("UPDATE users SET disabled = true WHERE username = 'thapmuoi.vanthu'");
    await eventually(async () => (await as(b, s)('GET', '/api/v1/me')).statusCode === 401);
  });
});
