import type { Task } from 'graphile-worker';
import type { Database } from '../db/client.ts';
import { purgeExpiredSessions } from './housekeeping.ts';

/**
 * Every background job: a name, a payload carrying ids only, a handler. Handlers get the database
 * explicitly, like use cases do, and must be safe to run twice (jobs are retried on failure).
 */
export interface JobDefinition<Payload> {
  name: string;
  /** graphile-worker crontab line (minute hour day month weekday), or undefined for on-demand jobs. */
  schedule?: string;
  handler: (database: Database, payload: Payload, now: Date) => Promise<void>;
}

export const jobs = [
  {
    name: 'housekeeping:purge_sessions',
    schedule: '17 * * * *',
    handler: async (database, _payload: Record<string, never>, now) => {
      await purgeExpiredSessions(database.db, now);
    },
  } satisfies JobDefinition<Record<string, never>>,
] as const;

export function taskList(database: Database): Record<string, Task> {
  return Object.fromEntries(
    jobs.map((job) => [
      job.name,
      (payload: unknown) => job.handler(database, (payload ?? {}) as never, new Date()),
    ]),
  );
}

export function crontab(): string {
  return jobs
    .filter((job) => job.schedule)
    .map((job) => `${job.schedule} ${job.name}`)
    .join('\n');
}
