import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { as, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

// Public tracking answers from a per-server cache evicted by NOTIFY: every change must still show at once on
// the server that made it and within moments on any other, including changes made straight in SQL.
const LLTP = '2.000488';

let t: TestApp;
let desk: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  desk = await loginAs(t.app, 'tuphap.tiepnhan');
});
afterAll(() => t.close());

async function receivedDossier(): Promise<string> {
  const res = await as(t.app, desk)('POST', '/api/v1/dossiers', {
    procedure: LLTP,
    caseIndex: 0,
    channel: 'in_person',
    applicant: { name: 'Trần Thị Bích', personalId: '087190004321', phone: '0987654321' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const { code } = res.json<{ code: string }>();
  const received = await as(t.app, desk)('POST', `/api/v1/dossiers/${code}/actions/receive`, {
    provided: [0],
  });
  expect(received.statusCode, received.body).toBe(200);
  return code;
}

const track = async (app: TestApp['app'], code: string) => {
  const res = await app.inject({ method: 'GET', url: `/api/v1/track/${code}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ status: string; dueAt: string | null; applicant: { name: string } }>();
};

describe('tracking cache', () => {
  it('shows an action at once on the server that took it', async () => {
    const code = await receivedDossier();
    expect((await track(t.app, code)).status).toBe('received');
    expect((await track(t.app, code)).status).toBe('received'); // now from memory
    const forwarded = await as(t.app, desk)('POST', `/api/v1/dossiers/${code}/actions/forward`, {});
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    expect((await track(t.app, code)).status).toBe(forwarded.json<{ status: string }>().status);
  });

  it('follows changes made by another server and straight in SQL', async () => {
    const code = await receivedDossier();
    const b = await buildApp({ database: t.database, config: t.config });
    try {
      await b.ready();
      expect((await track(b, code)).status).toBe('received');
      expect((await track(b, code)).status).toBe('received');
      const forwarded = await as(t.app, desk)('POST', `/api/v1/dossiers/${code}/actions/forward`, {});
      expect(forwarded.statusCode, forwarded.body).toBe(200);
      const next = forwarded.json<{ status: string }>().status;
      expect(next).not.toBe('received');
      await expect.poll(async () => (await track(b, code)).status).toBe(next);

      const due = '2031-03-04T09:00:00.000Z';
      expect((await track(b, code)).dueAt).not.toBe(due);
      await t.database.db.execute(
        sql`update dossiers set state = jsonb_set(state, '{dueAt}', to_jsonb(${Date.parse(due)}::bigint)) where code = ${code}`,
      );
      await expect.poll(async () => (await track(b, code)).dueAt).toBe(due);
      await expect.poll(async () => (await track(t.app, code)).dueAt).toBe(due);
    } finally {
      await b.close();
    }
  });

  it('keeps the privacy rules per request: a cached dossier is still masked for the next visitor', async () => {
    const code = await receivedDossier();
    const proved = await t.app.inject({ method: 'GET', url: `/api/v1/track/${code}?lastFour=4321` });
    expect(proved.json<{ applicant: { name: string } }>().applicant.name).toBe('Trần Thị Bích');
    expect((await track(t.app, code)).applicant.name).not.toBe('Trần Thị Bích');
  });

  it('keeps the masked answer as sent, and sends it only to viewers without a right to the personal data', async () => {
    const code = await receivedDossier();
    const anon = await t.app.inject({ method: 'GET', url: `/api/v1/track/${code}` });
    expect(anon.statusCode, anon.body).toBe(200);
    expect(anon.headers['cache-control']).toBe('private, no-store');
    expect(anon.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(anon.json<{ applicant: unknown; personalData: boolean }>()).toMatchObject({
      applicant: { name: 'T. T. B.' },
      personalData: false,
    });
    expect(anon.body).not.toContain('0987654321');
    expect(anon.body).not.toContain('087190004321');
    // Logged-in staff are not the applicant; a wrong guess proves nothing.
    expect((await as(t.app, desk)('GET', `/api/v1/track/${code}`)).body).toBe(anon.body);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/track/${code}?lastFour=0000` })).body).toBe(
      anon.body,
    );
    const proved = await t.app.inject({ method: 'GET', url: `/api/v1/track/${code}?lastFour=4321` });
    expect(proved.headers['cache-control']).toBe('private, no-store');
    expect(proved.json<{ applicant: unknown; personalData: boolean }>()).toMatchObject({
      applicant: { name: 'Trần Thị Bích', phone: '0987654321' },
      personalData: true,
    });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/track/${code}` })).body).toBe(anon.body);
  });
});
