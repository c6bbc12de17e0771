import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { isDatabaseUnavailable, isStorageFull } from '../../src/db/resource-errors.ts';
import { buildApp } from '../../src/server/app.ts';
import { as, errorOf, loginAs, testApp, type TestApp } from '../support/app.ts';
import { freshDatabase, urlFor } from '../support/db.ts';
import { tcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('while the database is unreachable', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let proxy: TcpProxy;
  let proxied: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await freshDatabase();
    const target = new URL(urlFor(database.name));
    proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
    proxied = openDatabase(proxy.url(urlFor(database.name)), { max: 3 });
    app = await buildApp({
      database: proxied,
      config: loadConfig({ DATA_DIR: '/tmp/motcua-test-data', LOGIN_RATE_PER_MINUTE: '100000' }),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await proxied.close();
    await proxy.close();
    await database.drop();
  });

  it('answers 503 with Retry-After instead of 500, is not ready, and serves again when it is back', async () => {
    const login = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'nobody', password: 'x'.repeat(12) },
      });
    expect((await login()).statusCode).toBe(401);
    expect((await app.inject('/health/ready')).statusCode).toBe(200);

    await proxy.cut();
    const down = await login();
    expect(down.statusCode, down.body).toBe(503);
    expect(down.headers['retry-after']).toBe('5');
    expect(errorOf(down).code).toBe('DATABASE_UNAVAILABLE');
    expect(errorOf(down).message).toMatch(/Cơ sở dữ liệu/);
    const ready = await app.inject('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'unavailable', database: 'unreachable', files: 'ok' });

    await proxy.restore();
    expect((await login()).statusCode).toBe(401);
    expect((await app.inject('/health/ready')).statusCode).toBe(200);
  });
});

describe('errors that mean "not now"', () => {
  it('recognises a terminated connection, a refused one and the pool’s wait for a connection, nothing else', async () => {
    const database = await freshDatabase();
    const client = new pg.Client({ connectionString: urlFor(database.name) });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const terminated = await client
        .query('SELECT pg_terminate_backend(pg_backend_pid())')
        .catch((e: unknown) => e);
      expect((terminated as { code?: string }).code).toBe('57P01');
      expect(isDatabaseUnavailable(terminated)).toBe(true);
      // The next use of that client, as the pool would see it.
      const after = await client.query('SELECT 1').catch((e: unknown) => e);
      expect(isDatabaseUnavailable(after)).toBe(true);
      // A connection refused, wrapped as Drizzle wraps a failed query.
      const refused = await new pg.Client({ host: '127.0.0.1', port: 1 }).connect().catch((e: unknown) => e);
      expect(isDatabaseUnavailable(new Error('Failed query', { cause: refused }))).toBe(true);
      // The pool's wait for a free connection.
      const pool = new pg.Pool({
        connectionString: urlFor(database.name),
        max: 1,
        connectionTimeoutMillis: 200,
      });
      const held = await pool.connect();
      const timedOut = await pool.query('SELECT 1').catch((e: unknown) => e);
      held.release();
      await pool.end();
      expect(isDatabaseUnavailable(timedOut)).toBe(true);
      // Errors of the request itself are not unavailability.
      const other = new pg.Pool({ connectionString: urlFor(database.name), max: 1 });
      const syntax = await other.query('SELEC 1').catch((e: unknown) => e);
      await other.end();
      expect(isDatabaseUnavailable(syntax)).toBe(false);
      expect(isStorageFull(syntax)).toBe(false);
    } finally {
      await client.end().catch(() => undefined);
      await database.drop();
    }
  });
});

describe('the file store', () => {
  let t: TestApp;
  let mounted: string | undefined;
  afterAll(async () => {
    await t?.close();
    if (mounted) execFileSync('umount', [mounted]);
  });

  it('makes the server not ready when FILES_DIR cannot be written', async () => {
    const blocker = path.join(mkdtempSync(path.join(tmpdir(), 'motcua-files-')), 'a-file');
    writeFileSync(blocker, '');
    const broken = await testApp({ FILES_DIR: path.join(blocker, 'files') });
    try {
      const ready = await broken.app.inject('/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'unavailable', database: 'ok', files: 'unwritable' });
    } finally {
      await broken.close();
      rmSync(path.dirname(blocker), { recursive: true, force: true });
    }
  });

  it('answers 507 with a clear message when the disk is full during an upload', async (context) => {
    // A 64 KiB tmpfs is a full disk on demand; mounting needs root, so elsewhere the test is skipped.
    const dir = mkdtempSync(path.join(tmpdir(), 'motcua-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
      mounted = dir;
    } catch {
      context.skip();
    }
    t = await testApp({ FILES_DIR: dir, LOGIN_RATE_PER_MINUTE: '100000', MAX_UPLOAD_MB: '1' });
    const citizen = await loginAs(t.app, '087090001234');
    const draft = await as(t.app, citizen)('POST', '/api/v1/dossiers', {
      procedure: '2.000488',
      caseIndex: 0,
      channel: 'online',
      submit: false,
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const big = Buffer.concat([PDF, Buffer.alloc(200 * 1024, 0x20)]);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/dossiers/${draft.json<{ id: string }>().id}/components/0/file`,
      headers: {
        cookie: citizen.cookie,
        'x-csrf-token': citizen.csrf,
        'content-type': 'application/octet-stream',
        'x-file-name': 'big.pdf',
      },
      payload: big,
    });
    expect(res.statusCode, res.body).toBe(507);
    expect(errorOf(res)).toMatchObject({ code: 'STORAGE_FULL' });
    expect(errorOf(res).message).toMatch(/hết dung lượng/);
    expect(errorOf(res).message_en).toMatch(/out of storage space/);
  });
});
