import os from 'node:os';
import path from 'node:path';

/** Every setting the server reads, with its environment variable; the README's table is written from this. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  pgDataDir: string;
  logLevel: string;
  seedDemo: boolean;
  trustProxy: boolean;
  cookieSecure: 'auto' | 'always' | 'never';
  sessionIdleMinutes: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRatePerMinute: number;
  registerRatePerMinute: number;
  /** Public tracking lookups per minute per address (`TRACK_RATE_PER_MINUTE`). */
  trackRatePerMinute: number;
  /** Password-reset requests per minute per address (`RESET_RATE_PER_MINUTE`). */
  passwordResetRatePerMinute: number;
  /**
   * The address citizens reach the site at, without a trailing slash (`PUBLIC_URL`), for links in emails;
   * without it a link is built from the address the request came to.
   */
  publicUrl: string | undefined;
  runWorker: boolean;
  /** Largest accepted attachment, in bytes (`MAX_UPLOAD_MB`). */
  maxUploadBytes: number;
  /** Where attachments are stored, content-addressed (`FILES_DIR`). */
  filesDir: string;
  /** Largest accepted history import (NDJSON), in bytes (`MAX_IMPORT_MB`). */
  maxImportBytes: number;
  /** Worker threads rendering PDFs (`PDF_THREADS`, default the number of cores; 0 renders on the main thread). */
  pdfThreads: number;
  /** PDFs waiting for a thread beyond which a print is refused with 503 (`PDF_QUEUE`). */
  pdfQueue: number;
  /** How alert emails go out (`MAIL_TRANSPORT`): none (in-app only), log (to the log, for demos), smtp. */
  mailTransport: MailTransport;
  smtpHost: string | undefined;
  /** 465 means TLS from the first byte; other ports start in clear and upgrade with STARTTLS. */
  smtpPort: number;
  smtpUser: string | undefined;
  smtpPassword: string | undefined;
  /** The sender, `address` or `Name <address>`. */
  smtpFrom: string | undefined;
  /** Require STARTTLS before authenticating and sending (refuse a server that does not offer it). */
  smtpStartTls: boolean;
}

export const mailTransports = ['none', 'log', 'smtp'] as const;
export type MailTransport = (typeof mailTransports)[number];

export class ConfigError extends Error {}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function publicUrlVar(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.PUBLIC_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `PUBLIC_URL must be an http(s) address such as https://dichvucong.example.gov.vn, got "${raw}"`,
    );
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) {
    throw new ConfigError(`PUBLIC_URL must be an http(s) address without query or credentials, got "${raw}"`);
  }
  return url.href.replace(/\/+$/, '');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const cookieSecure = env.COOKIE_SECURE || 'auto';
  if (cookieSecure !== 'auto' && cookieSecure !== 'always' && cookieSecure !== 'never') {
    throw new ConfigError(`COOKIE_SECURE must be auto, always or never, got "${cookieSecure}"`);
  }
  return {
    port: intVar(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    pgDataDir: path.resolve(env.PG_DATA_DIR || path.join(dataDir, 'postgres')),
    logLevel: env.LOG_LEVEL || 'info',
    seedDemo: boolVar(env, 'SEED_DEMO', true),
    trustProxy: boolVar(env, 'TRUST_PROXY', false),
    cookieSecure,
    sessionIdleMinutes: intVar(env, 'SESSION_IDLE_MINUTES', 480, 5, 60 * 24 * 30),
    loginMaxFailures: intVar(env, 'LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockMinutes: intVar(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    loginRatePerMinute: intVar(env, 'LOGIN_RATE_PER_MINUTE', 30, 1, 100_000),
    registerRatePerMinute: intVar(env, 'REGISTER_RATE_PER_MINUTE', 10, 1, 100_000),
    trackRatePerMinute: intVar(env, 'TRACK_RATE_PER_MINUTE', 60, 1, 1_000_000),
    passwordResetRatePerMinute: intVar(env, 'RESET_RATE_PER_MINUTE', 5, 1, 100_000),
    publicUrl: publicUrlVar(env),
    runWorker: boolVar(env, 'WORKER', true),
    maxUploadBytes: intVar(env, 'MAX_UPLOAD_MB', 20, 1, 200) * 1024 * 1024,
    filesDir: path.resolve(env.FILES_DIR || path.join(dataDir, 'files')),
    maxImportBytes: intVar(env, 'MAX_IMPORT_MB', 1024, 1, 4096) * 1024 * 1024,
    ...pdfSettings(env),
    ...mailSettings(env),
  };
}

function pdfSettings(env: NodeJS.ProcessEnv) {
  const pdfThreads = intVar(env, 'PDF_THREADS', os.availableParallelism(), 0, 64);
  return { pdfThreads, pdfQueue: intVar(env, 'PDF_QUEUE', 16 * Math.max(1, pdfThreads), 1, 10_000) };
}

function mailSettings(env: NodeJS.ProcessEnv) {
  const transport = env.MAIL_TRANSPORT || 'none';
  if (!(mailTransports as readonly string[]).includes(transport)) {
    throw new ConfigError(`MAIL_TRANSPORT must be none, log or smtp, got "${transport}"`);
  }
  const settings = {
    mailTransport: transport as MailTransport,
    smtpHost: env.SMTP_HOST || undefined,
    smtpPort: intVar(env, 'SMTP_PORT', 587, 1, 65535),
    smtpUser: env.SMTP_USER || undefined,
    smtpPassword: env.SMTP_PASSWORD || undefined,
    smtpFrom: env.SMTP_FROM || undefined,
    smtpStartTls: boolVar(env, 'SMTP_STARTTLS', true),
  };
  if (transport === 'smtp') {
    if (!settings.smtpHost) throw new ConfigError('MAIL_TRANSPORT=smtp needs SMTP_HOST');
    if (!settings.smtpFrom) throw new ConfigError('MAIL_TRANSPORT=smtp needs SMTP_FROM');
    if ((settings.smtpUser === undefined) !== (settings.smtpPassword === undefined))
      throw new ConfigError('SMTP_USER and SMTP_PASSWORD go together');
  }
  return settings;
}
