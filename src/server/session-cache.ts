import pg from 'pg';
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
 * Routes that change auth state in this process also evict at once, so their own next request
 * never races the notification.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byUser = new Map<string, Set<string>>();
  private listener: pg.Client | undefined;
  private listening = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: pg.ClientConfig,
    private readonly options: { ttlMs: number; maxEntries: number; onError?: (err: unknown) => void } = {
      ttlMs: 30_000,
      maxEntries: 50_000,
    },
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ ...this.connection, application_name: 'motcua-auth-listener' });
    client.on('notification', (msg) => {
      if (msg.channel !== 'motcua_auth') return;
      if (!msg.payload || msg.payload === '*') this.clear();
      else this.evictUser(msg.payload);
    });
    const lost = (err?: unknown) => {
      if (this.listener !== client) return;
      this.listening = false;
      this.listener = undefined;
      this.clear();
      if (err) this.options.onError?.(err);
      client.end().catch(() => undefined);
      if (!this.closed) this.retryTimer = setTimeout(() => void this.start().catch(lost), 1_000);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    this.listener = client;
    await client.connect();
    await client.query('LISTEN motcua_auth');
    this.listening = true;
  }

  async stop(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.listener;
    this.listener = undefined;
    this.listening = false;
    this.clear();
    await client?.end().catch(() => undefined);
  }

  get(id: string, now: number): LoadedSession | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.cachedUntil <= now || entry.session.expiresAt.getTime() <= now) {
      this.remove(id);
      return undefined;
    }
    return entry.session;
  }

  set(session: LoadedSession, now: number): void {
    if (!this.listening) return;
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
