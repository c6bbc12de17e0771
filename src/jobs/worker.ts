import { Logger, run, type Runner } from 'graphile-worker';
import type { Database } from '../db/client.ts';
import { crontab, taskList, type JobContext } from './definitions.ts';

/**
 * Runs the background jobs in this process (graphile-worker, on the same PostgreSQL). Several servers
 * may each run one: jobs are taken with SKIP LOCKED and cron runs are deduplicated by the database.
 */
export async function startWorker(
  database: Database,
  log: (level: string, message: string) => void,
  context?: JobContext,
): Promise<Runner> {
  const logger = new Logger(() => (level, message) => {
    // LogLevel is an ambient const enum (not importable here); its values are these strings.
    const name = String(level);
    if (name !== 'debug') log(name, message);
  });
  return run({
    pgPool: database.pool,
    taskList: taskList(database, context),
    crontab: crontab(),
    concurrency: 2,
    // The server owns signal handling and stops the worker before closing the pool.
    noHandleSignals: true,
    pollInterval: 2_000,
    logger,
  });
}
