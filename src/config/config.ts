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
  runWorker: boolean;
  /** Largest accepted attachment, in bytes (`MAX_UPLOAD_MB`). */
  maxUploadBytes: number;
  /** Where attachments are stored, content-addressed (`FILES_DIR`). */
  filesDir: string;
}

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
    runWorker: boolVar(env, 'WORKER', true),
    maxUploadBytes: intVar(env, 'MAX_UPLOAD_MB', 20, 1, 200) * 1024 * 1024,
    filesDir: path.resolve(env.FILES_DIR || path.join(dataDir, 'files')),
  };
}
