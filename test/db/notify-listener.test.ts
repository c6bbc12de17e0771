import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NotifyListener } from '../../src/db/notify-listener.ts';
import { freshDatabase, urlFor } from '../support/db.ts';
import { tcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';

let database: Awaited<ReturnType<typeof freshDatabase>>;
let proxy: TcpProxy;
beforeAll(async () => {
  database = await freshDatabase();
  const target = new URL(urlFor(database.name));
  proxy = await tcpProxy(target.hostname, Number(target.port || 5432));
});
afterAll(async () => {
  await proxy.close();
  await database.drop();
});

describe('a cache’s notification listener', () => {
  it('listens again once the database is back after an outage longer than one retry', async () => {
    const received: (string | undefined)[] = [];
    const listener = new NotifyListener(
      { connectionString: proxy.url(urlFor(database.name)) },
      {
        channel: 'motcua_test',
        applicationName: 'motcua-test',
        onNotify: (payload) => received.push(payload),
        onReset: () => undefined,
      },
    );
    await listener.start();
    try {
      expect(listener.listening).toBe(true);
      await proxy.cut();
      await vi.waitFor(() => expect(listener.listening).toBe(false), { timeout: 5_000, interval: 50 });
      // Down for several retries (one per second).
      await new Promise((r) => setTimeout(r, 2_500));
      await proxy.restore();
      await vi.waitFor(() => expect(listener.listening).toBe(true), { timeout: 10_000, interval: 100 });
      const client = new pg.Client({ connectionString: urlFor(database.name) });
      await client.connect();
      await client.query("SELECT pg_notify('motcua_test', 'back')");
      await client.end();
      await vi.waitFor(() => expect(received).toContain('back'), { timeout: 5_000, interval: 50 });
    } finally {
      await listener.stop();
    }
  }, 30_000);
});
