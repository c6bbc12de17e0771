import type { FastifyBaseLogger } from 'fastify';
import { CACHE_CHANNELS } from '../db/commit-notices.ts';
import type { Database } from '../db/client.ts';
import { CatalogCache } from '../features/catalog/catalog-cache.ts';
import type { TrackedDossier } from '../features/dossiers/track-dossier.ts';
import { TrackCache } from '../features/dossiers/track-cache.ts';
import { SessionCache } from './session-cache.ts';

/**
 * The server's in-memory caches of database state, created, started and closed together. Each one is
 * evicted by one mechanism, PostgreSQL's notifications: other servers' changes reach it through its own
 * listening connection (it serves nothing while that is down), and this server's own changes through the
 * connection that made them, before their commit returns (db/commit-notices.ts). No route evicts by hand.
 *
 * Not here, because nothing in them can go stale: calendars (keyed by the notices' versions,
 * calendar-store.ts), published versions' contents (immutable, intake/prepare.ts), and intake's guesses
 * (checked by the write that uses them, intake/write.ts).
 */
export class Caches {
  readonly sessions: SessionCache;
  readonly tracking: TrackCache<TrackedDossier>;
  readonly catalog: CatalogCache;
  private readonly unsubscribe: (() => void)[];

  private constructor(database: Database, log: FastifyBaseLogger) {
    const connection = { connectionString: database.pool.options.connectionString };
    this.sessions = new SessionCache(connection, {
      ttlMs: 30_000,
      maxEntries: 50_000,
      onError: (err) => log.warn({ err }, 'session cache listener lost'),
    });
    this.tracking = new TrackCache<TrackedDossier>(connection, {
      ttlMs: 30_000,
      maxEntries: 20_000,
      onError: (err) => log.warn({ err }, 'tracking cache listener lost'),
    });
    this.catalog = new CatalogCache(database.db, connection, {
      checkIntervalMs: 5_000,
      maxVersions: 1_000,
      onError: (err) => log.warn({ err }, 'catalog cache'),
    });
    const { notices } = database;
    this.unsubscribe = [
      notices.subscribe(CACHE_CHANNELS.auth, (p) => this.sessions.notified(p)),
      notices.subscribe(CACHE_CHANNELS.dossier, (p) => this.tracking.notified(p)),
      notices.subscribe(CACHE_CHANNELS.catalog, (p) => this.catalog.notified(p)),
    ];
  }

  static async open(database: Database, log: FastifyBaseLogger): Promise<Caches> {
    const caches = new Caches(database, log);
    try {
      await Promise.all([caches.sessions.start(), caches.tracking.start(), caches.catalog.start()]);
    } catch (err) {
      await caches.close();
      throw err;
    }
    return caches;
  }

  async close(): Promise<void> {
    for (const stop of this.unsubscribe) stop();
    await Promise.all([this.sessions.stop(), this.tracking.stop(), this.catalog.stop()]);
  }
}
