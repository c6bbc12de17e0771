/**
 * Errors that say a resource is missing rather than that the request or the code is wrong. They are
 * recognised through any chain of `cause`s (Drizzle wraps the driver's error in DrizzleQueryError).
 */

// SQLSTATE classes and codes (PostgreSQL appendix A) meaning "not now": the server is starting, shutting
// down or restarting after a crash, the connection broke, or no connection slot is free.
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
]);
const UNAVAILABLE_SQLSTATE_CLASSES = ['08']; // connection_exception
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);
// node-postgres reports these as plain Errors without a code.
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // the server went away, or the pool's connectionTimeoutMillis passed
  /^timeout exceeded when trying to connect$/, // pg-pool: no client within connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
];

const STORAGE_FULL_CODES = new Set([
  'ENOSPC', // no space left on device
  'EDQUOT', // disk quota exceeded
  '53100', // PostgreSQL disk_full
]);

interface Failure {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

function* chain(err: unknown): Generator<Failure> {
  const seen = new Set<unknown>();
  let current: unknown = err;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const failure: Failure = current;
    yield failure;
    current = failure.cause;
  }
}

/** The database cannot be reached or cannot take this connection now; trying again later may work. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of chain(err)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code)) return true;
    if (code.length === 5 && UNAVAILABLE_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}

/** A disk (the file store's or the database's) is full. */
export function isStorageFull(err: unknown): boolean {
  for (const e of chain(err)) if (typeof e.code === 'string' && STORAGE_FULL_CODES.has(e.code)) return true;
  return false;
}
