import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { buildApp } from '../../src/server/app.ts';
import { freshDatabase } from './db.ts';

import { DEMO_PASSWORD } from './constants.ts';

export { DEMO_PASSWORD };

export interface TestApp {
  app: FastifyInstance;
  database: Awaited<ReturnType<typeof freshDatabase>>;
  config: Config;
  close(): Promise<void>;
}

export async function testApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  // One PDF thread: it starts with a test's first print, and every thread loads pdfmake and the fonts.
  const config = loadConfig({ DATA_DIR: '/tmp/motcua-test-data', PDF_THREADS: '1', ...env });
  const app = await buildApp({ database, config });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

export async function loginAs(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'motcua_sid');
  expect(cookie).toBeDefined();
  const body = res.json<{ csrfToken: string; userId: string }>();
  return { cookie: `motcua_sid=${cookie!.value}`, csrf: body.csrfToken, userId: body.userId };
}

/** A request as a logged-in user, with the CSRF header on state-changing methods. */
export function as(app: FastifyInstance, session: Session | undefined) {
  return (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      headers: session
        ? { cookie: session.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrf }) }
        : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}

export function errorOf(res: LightMyRequestResponse) {
  return res.json<{ error: { code: string; message: string; message_en: string; field?: string } }>().error;
}
