import type pg from 'pg';
import { CACHE_CHANNELS } from '../db/commit-notices.ts';
import { NotifyListener } from '../db/notify-listener.ts';
import type { LoadedSession } from '../features/auth/sessions.ts';

interface Entry {
  session: LoadedSession;
  userId: string;
  cachedUntil: number;
}

/**
 * Sessions with their grants, kept in memory so that an authenticated request costs no query.
 * Correctness comes from PostgreSQL: triggers on sessions, users, role assignments and agency paths
 * NOTIFY 'motcua_auth' at commit, and every server evicts what changed. While the listening connection
 * is down nothing is served from memory, and each entry also expires after `ttlMs` as a backstop.
 * This server's own changes are heard on the connection that made them, before their commit returns
 * (`Caches`, db/commit-notices.ts), so its own next request never races the notification.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byUser = new Map<string, Set<string>>();
  private readonly listener: NotifyListener;

  constructor(
    connection: pg.ClientConfig,
    private readonly options: { ttlMs: number; maxEntries: number; onError?: (err: unknown) => void } = {
      ttlMs: 30_000,
      maxEntries: 50_000,
    },
  ) {
    this.listener = new NotifyListener(connection, {
      channel: CACHE_CHANNELS.auth,
      applicationName: 'motcua-auth-listener',
      onNotify: (userId) => this.notified(userId),
      onReset: () => this.clear(),
      onError: options.onError,
    });
  }

  /** A change of auth state: the user whose sessions are dropped, or '*' (or nothing) for all. */
  notified(userId: string | undefined): void {
    if (!userId || userId === '*') this.clear();
    else this.evictUser(userId);
  }

  start(): Promise<void> {
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  get(id: string, now: number): LoadedSession | undefined {
    if (!this.listener.listening) return undefined;
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.cachedUntil <= now || entry.session.expiresAt.getTime() <= now) {
      this.remove(id);
      return undefined;
    }
    return entry.session;
  }

  set(session: LoadedSession, now: number): void {
    if (!this.listener.listening) return;
    if (this.entries.size >= this.options.maxEntries) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.remove(oldest);
    }
    const userId = session.principal.userId;
    this.entries.set(session.id, { session, userId, cachedUntil: now + this.options.ttlMs });
    let ids = this.byUser.get(userId);
    if (!ids) this.byUser.set(userId, (ids = new Set()));
    ids.add(session.id);
  }

  evictUser(userId: string): void {
    for (const id of this.byUser.get(userId) ?? []) this.entries.delete(id);
    this.byUser.delete(userId);
  }

  clear(): void {
    this.entries.clear();
    this.byUser.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    const ids = this.byUser.get(entry.userId);
    ids?.delete(id);
    if (ids?.size === 0) this.byUser.delete(entry.userId);
  }
}
