import { parseCrontab, quickAddJob, runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crontab, jobs, taskList } from '../../src/jobs/definitions.ts';
import { loginAs, testApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('background jobs', () => {
  it('purges expired sessions and old throttle rows through the real worker, keeping live ones', async () => {
    const live = await loginAs(t.app, 'sadec.vanthu');
    const expired = await loginAs(t.app, 'sadec.thuly');
    await t.database.pool.query(
      "UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1",
      [expired.userId],
    );
    await t.database.pool.query(
      `INSERT INTO login_throttle (key, failures, updated_at, locked_until) VALUES
         ('old.name', 2, now() - interval '2 days', NULL),
         ('locked.name', 5, now() - interval '2 days', now() + interval '1 hour'),
         ('recent.name', 1, now(), NULL)`,
    );
    await quickAddJob({ pgPool: t.database.pool }, 'housekeeping:purge_sessions', {});
    await runOnce({ pgPool: t.database.pool, taskList: taskList(t.database), noHandleSignals: true });

    const sessions = await t.database.pool.query<{ user_id: string }>('SELECT user_id FROM sessions');
    expect(sessions.rows.map((r) => r.user_id)).toContain(live.userId);
    expect(sessions.rows.map((r) => r.user_id)).not.toContain(expired.userId);
    const keys = (
      await t.database.pool.query<{ key: string }>('SELECT key FROM login_throttle ORDER BY key')
    ).rows.map((r) => r.key);
    expect(keys).toEqual(['locked.name', 'recent.name']);
    const failed = await t.database.pool.query(
      'SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE last_error IS NOT NULL',
    );
    expect(failed.rows[0].n).toBe(0);
  });

  it('schedules every periodic job in a crontab graphile-worker accepts', () => {
    const items = parseCrontab(crontab());
    expect(items.map((i) => i.task).sort()).toEqual(
      jobs
        .filter((j) => j.schedule)
        .map((j) => j.name)
        .sort(),
    );
  });
});
