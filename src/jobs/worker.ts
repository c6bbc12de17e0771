import { Logger, run, type Runner } from 'graphile-worker';
import type { Database } from '../db/client.ts';
import { crontab, taskList, type JobContext } from './definitions.ts';

/** The background worker of this server; stopped before the pool is closed. */
export interface Worker {
  stop(): Promise<void>;
}

/** Waits before starting the worker again after it stopped on an error: quick at first, then every 30 s. */
export const WORKER_RESTART_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
/** A worker that ran this long failed afresh: its next restart starts the backoff again. */
const STABLE_AFTER_MS = 60_000;

/**
 * Runs the background jobs in this process (graphile-worker, on the same PostgreSQL). Several servers
 * may each run one: jobs are taken with SKIP LOCKED and cron runs are deduplicated by the database.
 *
 * The database may go away at any time (a restart, a crash of the embedded server): graphile-worker's
 * cron retries with its own backoff (0.17+; 0.16 rejected a promise nobody could handle, which ended
 * the process at the next cron minute), and should the runner still stop on an error it is started
 * again here, so jobs resume once the database is back. Only the first start's failure is the caller's.
 */
export async function startWorker(
  database: Database,
  log: (level: string, message: string) => void,
  context?: JobContext,
  options: { restartDelaysMs?: number[] } = {},
): Promise<Worker> {
  const delays = options.restartDelaysMs ?? WORKER_RESTART_DELAYS_MS;
  const logger = new Logger(() => (level, message) => {
    // LogLevel is an ambient const enum (not importable here); its values are these strings.
    const name = String(level);
    if (name !== 'debug') log(name, message);
  });
  const launch = () =>
    run({
      pgPool: database.pool,
      taskList: taskList(database, context),
      crontab: crontab(),
      concurrency: 2,
      // The server owns signal handling and stops the worker before closing the pool.
      noHandleSignals: true,
      pollInterval: 2_000,
      logger,
    });

  let runner: Runner | undefined;
  let starting: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  let failures = 0;

  const watch = (current: Runner, startedAt: number) => {
    const restart = (why: string) => {
      if (stopping || runner !== current) return;
      runner = undefined;
      if (Date.now() - startedAt > STABLE_AFTER_MS) failures = 0;
      schedule(why);
    };
    current.promise.then(
      () => restart('it stopped on its own'),
      (err: unknown) => restart(`it stopped on an error: ${String(err)}`),
    );
  };

  const schedule = (why: string) => {
    const delay = delays[Math.min(failures, delays.length - 1)] ?? 1_000;
    failures++;
    log('error', `background worker: ${why}; starting it again in ${delay} ms`);
    timer = setTimeout(() => {
      timer = undefined;
      if (stopping) return;
      starting = launch().then(
        async (started) => {
          if (stopping) return started.stop();
          runner = started;
          log('info', 'background worker started again');
          watch(started, Date.now());
        },
        (err: unknown) => {
          if (!stopping) schedule(`it could not start: ${String(err)}`);
        },
      );
    }, delay);
  };

  runner = await launch();
  watch(runner, Date.now());
  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await starting;
      await runner?.stop();
      runner = undefined;
    },
  };
}
