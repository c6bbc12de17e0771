import type pg from 'pg';

/**
 * The channels on which triggers and use cases tell the servers' caches what changed (migrations 0002 and
 * 0012, features/catalog/catalog-changes.ts).
 */
export const CACHE_CHANNELS = {
  auth: 'motcua_auth',
  dossier: 'motcua_dossier',
  catalog: 'motcua_catalog',
} as const;

export type CacheChannel = (typeof CACHE_CHANNELS)[keyof typeof CACHE_CHANNELS];

const LISTEN_ALL = Object.values(CACHE_CHANNELS)
  .map((c) => `LISTEN ${c}`)
  .join('; ');

/**
 * This process's own changes, heard on the connection that made them. Every pool connection LISTENs on the
 * cache channels, and PostgreSQL sends a session the notifications of its own transaction before it answers
 * the COMMIT (or the statement, outside a transaction): node-postgres hands them to `subscribe`rs before the
 * commit's promise settles. So a change made by this server evicts its caches before the request that made
 * it is answered, with no eviction by hand. Other servers' changes arrive through each cache's own
 * listening connection (`NotifyListener`).
 */
export class CommitNotices {
  private readonly handlers = new Map<string, Set<(payload: string | undefined) => void>>();

  /**
   * Called for every new pool connection before the pool hands it out (pg-pool's `onConnect`): the
   * connection is used only once it listens. A connection that cannot LISTEN would let this server's own
   * changes go unheard, so the rejection makes the pool close it and fail that checkout instead.
   */
  async attach(client: pg.ClientBase): Promise<void> {
    client.on('notification', (msg) => {
      for (const handler of this.handlers.get(msg.channel) ?? []) handler(msg.payload || undefined);
    });
    await client.query(LISTEN_ALL);
  }

  subscribe(channel: CacheChannel, handler: (payload: string | undefined) => void): () => void {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }
}
