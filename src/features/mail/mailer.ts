/**
 * Outgoing email behind one interface, chosen by MAIL_TRANSPORT: `none` (the default: alerts stay in the
 * app), `log` (each message goes to the log, for demos) or `smtp` (the office's mail relay).
 */
import type { Config, MailTransport } from '../../config/config.ts';
import { smtpSender, type SmtpOptions } from './smtp.ts';

import type { MailMessage } from './message.ts';

export type { MailMessage } from './message.ts';

export interface Mailer {
  readonly transport: MailTransport;
  /** Resolves once the message is handed over; throws when it was not (the job queue retries). */
  send(message: MailMessage): Promise<void>;
  /** Closes pooled connections (at shutdown). */
  close?(): void;
}

export type MailLog = (fields: Record<string, unknown>, message: string) => void;

export const noMailer: Mailer = { transport: 'none', send: () => Promise.resolve() };

export function logMailer(log: MailLog): Mailer {
  return {
    transport: 'log',
    send(message) {
      log({ mail: { to: message.to, subject: message.subject } }, message.text);
      return Promise.resolve();
    },
  };
}

export function smtpMailer(options: SmtpOptions): Mailer {
  const sender = smtpSender(options);
  return { transport: 'smtp', send: (message) => sender.send(message), close: () => sender.close() };
}

export function createMailer(
  config: Pick<
    Config,
    'mailTransport' | 'smtpHost' | 'smtpPort' | 'smtpUser' | 'smtpPassword' | 'smtpFrom' | 'smtpStartTls'
  >,
  log: MailLog,
): Mailer {
  switch (config.mailTransport) {
    case 'none':
      return noMailer;
    case 'log':
      return logMailer(log);
    case 'smtp':
      return smtpMailer({
        host: config.smtpHost!,
        port: config.smtpPort,
        secure: config.smtpPort === 465,
        startTls: config.smtpStartTls,
        user: config.smtpUser,
        password: config.smtpPassword,
        from: config.smtpFrom!,
      });
  }
}
