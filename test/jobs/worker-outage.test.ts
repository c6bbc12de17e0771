import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { startWorker, type Worker } from '../../src/jobs/worker.ts';
import { freshDatabase, urlFor } from '../support/db.ts';
import { tcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let proxy: TcpProxy;
let proxied: Database;
const unhandled: unknown[] = [];
const recordUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  database = await freshDatabase();
  const target = new URL(urlFor(database.name));
  proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
  proxied = openDatabase(proxy.url(urlFor(database.name)));
  process.on('unhandledRejection', recordUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', recordUnhandled);
  vi.useRealTimers();
  await proxied.close();
  await proxy.close();
  await database.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Queues a job through the direct pool and waits until the worker has done it. */
async function jobRuns(key: string): Promise<void> {
  await database.pool.query(
    "SELECT graphile_worker.add_job('housekeeping:purge_sessions', '{}'::json, job_key => $1)",
    [key],
  );
  await vi.waitFor(
    async () => {
      const left = await database.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = $1',
        [key],
      );
      expect(left.rows[0]?.n).toBe(0);
    },
    { timeout: 20_000, interval: 200 },
  );
}

describe('background jobs while the database is down', () => {
  it('survive a cron minute without the database, and run jobs again once it is back', async () => {
    // The clock (Date only; timers stay real) a few seconds before a minute that has cron jobs (:15),
    // so the tick comes within the test instead of up to a minute later.
    vi.useFakeTimers({
      toFake: ['Date'],
      shouldAdvanceTime: true,
      now: new Date('2030-01-07T03:14:55.000Z'),
    });
    const messages: string[] = [];
    const worker: Worker = await startWorker(
      proxied,
      (level, message) => messages.push(`${level}: ${message}`),
      undefined,
      { restartDelaysMs: [200] },
    );
    try {
      // graphile-worker 0.17.3 keeps a failed first read of its task ids for good: let it read them first.
      await jobRuns('before-outage');
      expect(Date.now()).toBeLessThan(Date.parse('2030-01-07T03:15:00.000Z'));
      await proxy.cut();
      // Past 03:15:00: the cron tick tried to schedule dossiers:due_alerts without a database.
      await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(Date.parse('2030-01-07T03:15:01.500Z')), {
        timeout: 10_000,
        interval: 100,
      });
      await vi.waitFor(() => expect(messages.join('\n')).toMatch(/Cron hit an error; restarting/), {
        timeout: 10_000,
        interval: 100,
      });
      await sleep(500);
      expect(unhandled).toEqual([]);

      await proxy.restore();
      await jobRuns('after-outage');
      expect(unhandled).toEqual([]);
    } finally {
      await worker.stop();
    }
  }, 40_000);
});
