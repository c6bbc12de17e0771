import { Logger, runMigrations as installWorkerSchema, runOnce } from 'graphile-worker';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Mailer, MailMessage } from '../../src/features/mail/mailer.ts';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { purgeExpiredSessions } from '../../src/jobs/housekeeping.ts';
import { buildApp } from '../../src/server/app.ts';
import { PASSWORD_RESET_MAIL_JOB, taskList } from '../../src/jobs/definitions.ts';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

const PERSONAL_ID = '087190004455';
const EMAIL = 'Nguyen.Van.Reset@example.vn';
const FIRST_PASSWORD = 'first-password-123';

let t: TestApp;
const sent: MailMessage[] = [];
const mailer: Mailer = {
  transport: 'log',
  send: (m) => {
    sent.push(m);
    return Promise.resolve();
  },
};

beforeAll(async () => {
  t = await testApp({
    MAIL_TRANSPORT: 'log',
    PUBLIC_URL: 'https://dichvucong.example.gov.vn/',
    RESET_RATE_PER_MINUTE: '40',
    REGISTER_RATE_PER_MINUTE: '1000',
    LOGIN_RATE_PER_MINUTE: '1000',
  });
  // The worker installs its schema when it starts; this app runs none.
  await installWorkerSchema({ pgPool: t.database.pool });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: {
      kind: 'citizen',
      personalId: PERSONAL_ID,
      fullName: 'Nguyễn Văn Đặt',
      phone: '0912345678',
      email: EMAIL,
      password: FIRST_PASSWORD,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(() => t.close());
beforeEach(async () => {
  sent.length = 0;
  // Each test asks anew: the one-minute cooldown per account would otherwise swallow the request.
  await t.database.pool.query("DELETE FROM audit_log WHERE action = 'auth.password_reset_request'");
});

function ask(login: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { login }, headers });
}

function confirm(token: string, newPassword: string, session?: Session) {
  return as(t.app, session)('POST', '/api/v1/auth/password-reset/confirm', { token, newPassword });
}

// The public jobs view leaves the payload out.
const PAYLOADS = `SELECT j.payload FROM graphile_worker._private_jobs j
  JOIN graphile_worker._private_tasks k ON k.id = j.task_id WHERE k.identifier = $1`;

async function queued(): Promise<number> {
  const { rows } = await t.database.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = $1',
    [PASSWORD_RESET_MAIL_JOB],
  );
  return rows[0]!.n;
}

async function runJobs(): Promise<void> {
  await runOnce({
    pgPool: t.database.pool,
    taskList: taskList(t.database, { mailer }),
    noHandleSignals: true,
    logger: new Logger(() => () => undefined),
  });
}

function tokenIn(message: MailMessage): string {
  const m = /https:\/\/dichvucong\.example\.gov\.vn\/dat-lai-mat-khau\?token=([A-Za-z0-9_-]+)/.exec(
    message.text,
  );
  expect(m, message.text).not.toBeNull();
  return m![1]!;
}

/** Asks for a link and runs the mail job: the token the email carries. */
async function emailedToken(login = PERSONAL_ID): Promise<string> {
  expect((await ask(login)).statusCode).toBe(202);
  await runJobs();
  expect(sent).toHaveLength(1);
  return tokenIn(sent[0]!);
}

async function canLogIn(password: string): Promise<boolean> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: PERSONAL_ID, password },
  });
  return res.statusCode === 200;
}

describe('asking for a reset link', () => {
  it('answers an unknown account exactly as a known one, and queues mail only for the known one', async () => {
    const known = await ask(PERSONAL_ID);
    const byEmail = await ask(EMAIL.toLowerCase());
    const unknown = await ask('079123456789');
    const unknownEmail = await ask('nobody@example.vn');
    const noEmail = await ask('tuphap.khongco'); // no such staff either
    for (const res of [known, byEmail, unknown, unknownEmail, noEmail]) {
      expect(res.statusCode).toBe(202);
      expect(res.body).toBe(known.body);
      expect(res.headers['content-type']).toBe(known.headers['content-type']);
    }
    expect(known.json()).toEqual({ ok: true });
    // The second ask for the same account within a minute is answered alike but sends nothing more.
    expect(await queued()).toBe(1);
    const { rows } = await t.database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM password_reset_tokens',
    );
    expect(rows[0]!.n).toBe(0); // the token is made when the mail goes out, never stored in the queue
    const payload = await t.database.pool.query<{ payload: unknown }>(PAYLOADS, [PASSWORD_RESET_MAIL_JOB]);
    expect(Object.keys(payload.rows[0]!.payload as object).sort()).toEqual(['baseUrl', 'userId']);
    await runJobs();
    expect(sent).toHaveLength(1);
  });

  it('emails a Vietnamese message with an English line and a link to the public address', async () => {
    const token = await emailedToken(EMAIL);
    const mail = sent[0]!;
    expect(mail.to).toBe(EMAIL);
    expect(mail.subject).toContain('Đặt lại mật khẩu');
    expect(mail.text).toContain('Xin chào Nguyễn Văn Đặt,');
    expect(mail.text).toContain('30 phút');
    expect(mail.text).toContain('We received a request to reset your password');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the SHA-256 is stored.
    const { rows } = await t.database.pool.query<{ id: string; minutes: number }>(
      `SELECT id, round(extract(epoch FROM expires_at - created_at) / 60)::int AS minutes
         FROM password_reset_tokens`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).not.toContain(token);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.minutes).toBe(30);
  });

  it('never builds the link from the Host header: without PUBLIC_URL a demo uses its own address, else no mail', async () => {
    const other = await testApp({ MAIL_TRANSPORT: 'log' });
    const production = await buildApp({
      database: other.database,
      config: { ...other.config, seedDemo: false },
    });
    try {
      await installWorkerSchema({ pgPool: other.database.pool });
      for (const app of [other.app, production]) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/password-reset',
          headers: { host: 'evil.example' },
          payload: { login: 'tuphap.tiepnhan' },
        });
        expect(res.statusCode).toBe(202);
      }
      const { rows } = await other.database.pool.query<{ payload: { baseUrl: string } }>(PAYLOADS, [
        PASSWORD_RESET_MAIL_JOB,
      ]);
      expect(rows.map((r) => r.payload.baseUrl)).toEqual(['http://127.0.0.1:3000']);
    } finally {
      await production.close();
      await other.close();
    }
  });

  it('takes PUBLIC_URL without its trailing slash and refuses anything but an http(s) address', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://dvc.example.gov.vn/motcua/' }).publicUrl).toBe(
      'https://dvc.example.gov.vn/motcua',
    );
    expect(loadConfig({}).publicUrl).toBeUndefined();
    for (const bad of ['dvc.example.gov.vn', 'ftp://dvc.example.gov.vn', 'https://dvc.example.gov.vn/?a=1'])
      expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(ConfigError);
  });

  it('queues nothing when mail is off, with the same answer', async () => {
    const off = await testApp();
    try {
      const res = await off.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        payload: { login: 'tuphap.tiepnhan' },
      });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ ok: true });
    } finally {
      await off.close();
    }
  });

  it('refuses an empty login with the field named', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { login: '' },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).field).toBe('login');
  });
});

describe('setting a new password from the link', () => {
  it('changes the password, ends every session and cannot be used twice', async () => {
    const current = FIRST_PASSWORD;
    const a = await loginAs(t.app, PERSONAL_ID, current);
    const b = await loginAs(t.app, PERSONAL_ID, current);
    expect((await as(t.app, a)('GET', '/api/v1/me/profile')).statusCode).toBe(200); // cached in memory
    const token = await emailedToken();

    const res = await confirm(token, 'brand-new-password-1');
    expect(res.statusCode, res.body).toBe(200);
    expect(await canLogIn('brand-new-password-1')).toBe(true);
    expect(await canLogIn(current)).toBe(false);
    for (const s of [a, b]) {
      const me = await as(t.app, s)('GET', '/api/v1/me/profile');
      expect(me.statusCode).toBe(401);
    }
    const again = await confirm(token, 'another-password-22');
    expect(again.statusCode).toBe(400);
    expect(errorOf(again)).toMatchObject({ code: 'RESET_TOKEN_USED', field: 'token' });
    expect(errorOf(again).message).toContain('đã được sử dụng');
    expect(errorOf(again).message_en).toContain('already used');
    expect(await canLogIn('brand-new-password-1')).toBe(true);

    const { rows } = await t.database.pool.query<{ actor_id: string; data: { sessions: number } }>(
      "SELECT actor_id, data FROM audit_log WHERE action = 'auth.reset_password'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data.sessions).toBeGreaterThanOrEqual(2);
    // Back to the first password for the tests below, through another link.
    sent.length = 0;
    await t.database.pool.query("DELETE FROM audit_log WHERE action = 'auth.password_reset_request'");
    expect((await confirm(await emailedToken(), FIRST_PASSWORD)).statusCode).toBe(200);
  });

  it('logs out the caller who was logged in as that account', async () => {
    const s = await loginAs(t.app, PERSONAL_ID, FIRST_PASSWORD);
    sent.length = 0;
    const token = await emailedToken();
    const res = await confirm(token, 'yet-another-password', s);
    expect(res.statusCode, res.body).toBe(200);
    const cleared = res.cookies.find((c) => c.name === 'motcua_sid');
    expect(cleared?.value).toBe('');
    expect((await as(t.app, s)('GET', '/api/v1/me')).statusCode).toBe(401);
    sent.length = 0;
    await t.database.pool.query("DELETE FROM audit_log WHERE action = 'auth.password_reset_request'");
    expect((await confirm(await emailedToken(), FIRST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses an expired link, an unknown one and one replaced by a newer link', async () => {
    const old = await emailedToken();
    await t.database.pool.query(
      "UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE used_at IS NULL",
    );
    const expired = await confirm(old, 'good-enough-password');
    expect(expired.statusCode).toBe(400);
    expect(errorOf(expired)).toMatchObject({ code: 'RESET_TOKEN_EXPIRED', field: 'token' });

    const unknown = await confirm('not-a-token-we-ever-sent', 'good-enough-password');
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown)).toMatchObject({ code: 'RESET_TOKEN_INVALID', field: 'token' });

    sent.length = 0;
    await t.database.pool.query("DELETE FROM audit_log WHERE action = 'auth.password_reset_request'");
    const first = await emailedToken();
    sent.length = 0;
    await t.database.pool.query("DELETE FROM audit_log WHERE action = 'auth.password_reset_request'");
    const second = await emailedToken();
    const replaced = await confirm(first, 'good-enough-password');
    expect(errorOf(replaced)).toMatchObject({ code: 'RESET_TOKEN_INVALID', field: 'token' });
    expect(await canLogIn(FIRST_PASSWORD)).toBe(true);

    // A disabled account's link no longer works.
    await t.database.pool.query('UPDATE users SET disabled = true WHERE username = $1', [PERSONAL_ID]);
    try {
      const disabled = await confirm(second, 'good-enough-password');
      expect(errorOf(disabled)).toMatchObject({ code: 'RESET_TOKEN_INVALID', field: 'token' });
    } finally {
      await t.database.pool.query('UPDATE users SET disabled = false WHERE username = $1', [PERSONAL_ID]);
    }
  });

  it('refuses a weak password beside its field and keeps the link usable', async () => {
    const token = await emailedToken();
    const weak = await confirm(token, 'short');
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak)).toMatchObject({ code: 'WEAK_PASSWORD', field: 'newPassword' });
    const empty = await confirm(token, '');
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).field).toBe('newPassword');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { newPassword: 'long-enough-password' },
    });
    expect(errorOf(missing)).toMatchObject({ code: 'REQUIRED_FIELD', field: 'token' });
    expect(await canLogIn(FIRST_PASSWORD)).toBe(true);
    expect((await confirm(token, FIRST_PASSWORD)).statusCode).toBe(200);
  });

  it('lifts a login lock on the account', async () => {
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: PERSONAL_ID, password: 'wrong-password-x' },
      });
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: PERSONAL_ID, password: FIRST_PASSWORD },
    });
    expect(errorOf(locked).code).toBe('LOGIN_LOCKED');
    expect((await confirm(await emailedToken(), 'unlocked-password-1')).statusCode).toBe(200);
    expect(await canLogIn('unlocked-password-1')).toBe(true);
  });
});

describe('housekeeping', () => {
  it('drops reset tokens a day after they expired', async () => {
    await emailedToken();
    const count = async () =>
      (await t.database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM password_reset_tokens'))
        .rows[0]!.n;
    expect(await count()).toBeGreaterThan(0);
    await purgeExpiredSessions(t.database.db, new Date(Date.now() + 23 * 3600_000));
    expect(await count()).toBeGreaterThan(0);
    const purged = await purgeExpiredSessions(t.database.db, new Date(Date.now() + 25 * 3600_000));
    expect(purged.resetTokens).toBeGreaterThan(0);
    expect(await count()).toBe(0);
  });
});

// Last: it spends the address's allowance.
describe('rate limit', () => {
  it('limits reset requests per address like login', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 45; i++) {
      answers.push((await ask(`0791234567${String(i % 10)}0`)).statusCode);
    }
    expect(answers).toContain(429);
    const limited = await ask('079123456700');
    expect(errorOf(limited).code).toBe('RATE_LIMITED');
  });
});
