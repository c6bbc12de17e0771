/**
 * Telling a lost connection from an answer of the database. A statement that failed with an SQL error was
 * rolled back; one whose connection broke after it was sent may or may not have committed, so its caller
 * cannot know whether the change exists (`outcomeUnknown`).
 */

/** SQLSTATE classes and codes that mean the connection or the server went away, not that the SQL failed. */
const LOST_STATES = /^(08|57P0[1-4]|53300)/;
const LOST_SYSCALLS = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTCONN',
]);

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e instanceof Error && chain.length < 5; e = e.cause) chain.push(e);
  return chain;
}

/** True when the error (or one it wraps, e.g. drizzle's DrizzleQueryError) is a lost or refused connection. */
export function isConnectionError(err: unknown): boolean {
  return causes(err).some((e) => {
    const { code, message } = e as { code?: unknown; message?: string };
    if (typeof code === 'string' && (LOST_STATES.test(code) || LOST_SYSCALLS.has(code))) return true;
    // node-postgres reports a socket closed under it with no code.
    return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
      message ?? '',
    );
  });
}
