import { randomBytes } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { Health } from '../../contracts/system.ts';
import { migrationsPending } from '../../db/client.ts';

/** A probe that has not answered by then counts as a failure (a full pool must not hang the check). */
const PROBE_TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('health probe timed out')), PROBE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Uploads need to write under FILES_DIR: a full or read-only disk makes the server not ready. */
async function filesWritable(filesDir: string): Promise<boolean> {
  const probe = path.join(filesDir, `.health-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(filesDir, { recursive: true, mode: 0o700 });
    await writeFile(probe, 'ok', { mode: 0o600 });
    return true;
  } catch {
    return false;
  } finally {
    await unlink(probe).catch(() => undefined);
  }
}

export function healthRoutes(app: FastifyInstance, pool: pg.Pool, filesDir: string): void {
  app.get(
    '/health/live',
    { schema: { tags: ['health'], summary: 'The process is up', response: { 200: Health } } },
    () => Promise.resolve({ status: 'ok' as const }),
  );
  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'The database answers, every migration is applied and the file store is writable',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const files = (await withTimeout(filesWritable(filesDir)).catch(() => false))
        ? ('ok' as const)
        : ('unwritable' as const);
      try {
        await withTimeout(pool.query('SELECT 1'));
      } catch {
        return reply
          .status(503)
          .send({ status: 'unavailable' as const, database: 'unreachable' as const, files });
      }
      const pending = await withTimeout(migrationsPending(pool)).catch(() => undefined);
      if (pending === undefined) {
        return reply
          .status(503)
          .send({ status: 'unavailable' as const, database: 'unreachable' as const, files });
      }
      const ok = pending === 0 && files === 'ok';
      return reply.status(ok ? 200 : 503).send({
        status: ok ? ('ok' as const) : ('unavailable' as const),
        database: 'ok' as const,
        pendingMigrations: pending,
        files,
      });
    },
  );
}
