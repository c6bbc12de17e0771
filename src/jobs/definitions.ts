import type { Task } from 'graphile-worker';
import type { Database, Tx } from '../db/client.ts';
import { closeUnsupplied } from '../features/dossiers/auto-close.ts';
import { sendDueAlerts, type CreatedAlert } from '../features/dossiers/due-alerts.ts';
import { noMailer, type Mailer } from '../features/mail/mailer.ts';
import { mailNotification } from '../features/mail/notification-mail.ts';
import { mailPasswordReset, type PasswordResetMailPayload } from '../features/mail/password-reset-mail.ts';
import { enqueueJobs } from './enqueue.ts';
import { purgeExpiredSessions } from './housekeeping.ts';

/** What jobs need beyond the database, built once from the configuration. */
export interface JobContext {
  mailer: Mailer;
}

const defaultContext: JobContext = { mailer: noMailer };

/**
 * Every background job: a name, a payload carrying ids only, a handler. Handlers get the database
 * explicitly, like use cases do, and must be safe to run twice (jobs are retried on failure).
 */
export interface JobDefinition<Payload> {
  name: string;
  /** graphile-worker crontab line (minute hour day month weekday), or undefined for on-demand jobs. */
  schedule?: string | undefined;
  handler: (database: Database, payload: Payload, now: Date, context: JobContext) => Promise<void>;
}

export const MAIL_JOB = 'mail:notification';

/** One email job per new alert of an officer with an address, in the transaction that created the alert. */
export function queueAlertMails(context: JobContext) {
  if (context.mailer.transport === 'none') return undefined;
  return (tx: Tx, created: CreatedAlert[]) =>
    enqueueJobs(
      tx,
      MAIL_JOB,
      created.filter((c) => c.email !== null).map((c) => ({ notificationId: c.notificationId })),
      { maxAttempts: 10 },
    );
}

export const PASSWORD_RESET_MAIL_JOB = 'mail:password_reset';

/** The password-reset email, queued in the transaction that records the request. */
export function queuePasswordResetMail(tx: Tx, payload: PasswordResetMailPayload): Promise<void> {
  // A link is only useful for a while: a few attempts, not graphile-worker's default 25 over days.
  return enqueueJobs(tx, PASSWORD_RESET_MAIL_JOB, [{ ...payload }], { maxAttempts: 5 });
}

export const jobs = [
  {
    name: 'housekeeping:purge_sessions',
    schedule: '17 * * * *',
    handler: async (database, _payload: Record<string, never>, now) => {
      await purgeExpiredSessions(database.db, now);
    },
  } satisfies JobDefinition<Record<string, never>>,
  {
    // Near-due (≤ 1 working day left) and overdue alerts; each officer once a day per dossier.
    name: 'dossiers:due_alerts',
    schedule: '*/15 * * * *',
    handler: async (database, _payload: Record<string, never>, now, context) => {
      const onCreated = queueAlertMails(context);
      await sendDueAlerts(database.db, now, onCreated ? { onCreated } : {});
    },
  } satisfies JobDefinition<Record<string, never>>,
  {
    // Closes dossiers whose supplement did not come within the procedure's closeUnsuppliedAfter.
    name: 'dossiers:auto_close',
    schedule: '7 * * * *',
    handler: async (database, _payload: Record<string, never>, now) => {
      await closeUnsupplied(database.db, now);
    },
  } satisfies JobDefinition<Record<string, never>>,
  {
    // One email per job, so a slow mail server delays only its own message; failures are retried.
    name: MAIL_JOB,
    schedule: undefined,
    handler: async (database, payload: { notificationId: number }, _now, context) => {
      await mailNotification(database.db, context.mailer, payload.notificationId);
    },
  } satisfies JobDefinition<{ notificationId: number }>,
  {
    // Creates the single-use link when it runs (the queue never holds a usable token) and sends it.
    name: PASSWORD_RESET_MAIL_JOB,
    schedule: undefined,
    handler: async (database, payload: PasswordResetMailPayload, now, context) => {
      await mailPasswordReset(database.db, context.mailer, payload, now);
    },
  } satisfies JobDefinition<PasswordResetMailPayload>,
] as const;

export function taskList(database: Database, context: JobContext = defaultContext): Record<string, Task> {
  return Object.fromEntries(
    jobs.map((job) => [
      job.name,
      (payload: unknown) => job.handler(database, (payload ?? {}) as never, new Date(), context),
    ]),
  );
}

export function crontab(): string {
  return jobs
    .filter((job) => job.schedule)
    .map((job) => `${job.schedule} ${job.name}`)
    .join('\n');
}
