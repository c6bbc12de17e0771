import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type pg from 'pg';
import type { Executor, Tx } from '../../db/client.ts';
import { sessions } from '../../db/schema.ts';
import { rowsOn, statement } from '../../db/statements.ts';
import type { Principal, RoleGrant } from '../../domain/access/policy.ts';
import type { UserKind } from '../../domain/access/roles.ts';

export const SESSION_COOKIE = 'motcua_sid';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  tx: Tx,
  input: { userId: string; idleMinutes: number; now: Date; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + input.idleMinutes * 60_000);
  await tx.insert(sessions).values({
    id: hashToken(token),
    userId: input.userId,
    csrfToken,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

export interface LoadedSession {
  id: string;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
  principal: Principal & { fullName: string; username: string };
}

interface SessionRow {
  id: string;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
  user_id: string;
  kind: UserKind;
  full_name: string;
  username: string;
  grants: RoleGrant[];
}

// The hot path of every authenticated request: one round trip, a named prepared statement.
const LOAD_SESSION =
  statement(`SELECT s.id, s.csrf_token, s.last_seen_at, s.expires_at, u.id AS user_id, u.kind, u.full_name, u.username,
           coalesce(json_agg(json_build_object('role', ra.role, 'agencyId', ra.agency_id, 'agencyPath', a.path))
                    FILTER (WHERE ra.id IS NOT NULL), '[]') AS grants
         FROM sessions s
         JOIN users u ON u.id = s.user_id AND NOT u.disabled
         LEFT JOIN role_assignments ra ON ra.user_id = u.id
         LEFT JOIN agencies a ON a.id = ra.agency_id
         WHERE s.id = $1 AND s.expires_at > $2
         GROUP BY s.id, u.id`);

/** The session whose cookie token hashes to `id`, with the user's grants; undefined when gone or expired. */
export async function loadSession(pool: pg.Pool, id: string, now: Date): Promise<LoadedSession | undefined> {
  const [row] = await rowsOn<SessionRow>(pool, LOAD_SESSION, [id, now]);
  if (!row) return undefined;
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    principal: {
      userId: row.user_id,
      kind: row.kind,
      fullName: row.full_name,
      username: row.username,
      grants: row.grants,
    },
  };
}

/** Sliding expiry, written at most once a minute per session so reads stay reads. */
export async function touchSession(
  pool: pg.Pool,
  session: LoadedSession,
  now: Date,
  idleMinutes: number,
): Promise<void> {
  if (now.getTime() - session.lastSeenAt.getTime() < 60_000) return;
  const expiresAt = new Date(now.getTime() + idleMinutes * 60_000);
  await pool.query('UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1', [
    session.id,
    now,
    expiresAt,
  ]);
  // The same object may sit in the session cache: keep it in step with the row.
  session.lastSeenAt = now;
  session.expiresAt = expiresAt;
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteAllSessions(db: Executor, userId: string): Promise<number> {
  const deleted = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return deleted.length;
}
