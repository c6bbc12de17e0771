/**
 * The office's mail relay through nodemailer: STARTTLS (required unless turned off), TLS from the first byte on
 * port 465, AUTH, a small connection pool so that a burst of alerts does not open one connection each, and
 * RFC 2047 / MIME encoding of Vietnamese subjects and bodies. Retries are the job queue's business.
 */
import type { ConnectionOptions } from 'node:tls';
import nodemailer, { type Transporter } from 'nodemailer';
import { isMailAddress, parseMailbox, type MailMessage } from './message.ts';

export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465, "SMTPS"). */
  secure?: boolean;
  /** Upgrade with STARTTLS before anything else; a server that does not offer it is refused. */
  startTls: boolean;
  user?: string | undefined;
  password?: string | undefined;
  /** The sender, `address` or `Name <address>`. */
  from: string;
  /** The name this client gives in EHLO (default: the host name). */
  clientName?: string;
  /** For the connection, the greeting and each reply (default 30 s). */
  timeoutMs?: number;
  /** Further TLS options, e.g. a private CA. */
  tls?: ConnectionOptions;
}

export class SmtpError extends Error {
  /** The server's reply code, or null when the failure was not a reply (connection, protocol, TLS). */
  readonly code: number | null;
  constructor(message: string, code: number | null = null) {
    super(message);
    this.name = 'SmtpError';
    this.code = code;
  }
}

export interface SmtpSender {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function smtpSender(options: SmtpOptions): SmtpSender {
  parseMailbox(options.from); // a bad sender is a start-up error, not a failure per message
  const timeout = options.timeoutMs ?? 30_000;
  const transport: Transporter = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    requireTLS: options.startTls && !options.secure,
    ignoreTLS: !options.startTls && !options.secure,
    ...(options.user !== undefined && { auth: { user: options.user, pass: options.password ?? '' } }),
    ...(options.clientName !== undefined && { name: options.clientName }),
    ...(options.tls !== undefined && { tls: options.tls }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    pool: true,
    maxConnections: 2,
  });
  return {
    async send(message) {
      // Addresses are checked when stored; this guards against header or command injection all the same.
      if (!isMailAddress(message.to))
        throw new SmtpError(`not a mail address: ${JSON.stringify(message.to)}`);
      try {
        await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
        });
      } catch (err) {
        const e = err as { message?: string; responseCode?: number };
        throw new SmtpError(e.message ?? String(err), e.responseCode ?? null);
      }
    },
    close: () => transport.close(),
  };
}

/** One message on a connection of its own (tests, command line). */
export async function sendSmtp(options: SmtpOptions, message: MailMessage): Promise<void> {
  const sender = smtpSender(options);
  try {
    await sender.send(message);
  } finally {
    sender.close();
  }
}
