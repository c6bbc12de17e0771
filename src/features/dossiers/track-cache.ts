import type pg from 'pg';
import { CACHE_CHANNELS } from '../../db/commit-notices.ts';
import { NotifyListener } from '../../db/notify-listener.ts';

interface Entry<V> {
  value: V;
  cachedUntil: number;
}

/**
 * What public tracking read from the database for a dossier code, kept in memory: tracking is the busiest
 * public read, and most lookups (QR codes, citizens refreshing) ask again for a dossier that has not changed.
 * Correctness comes from PostgreSQL: a trigger on `dossiers` NOTIFYs 'motcua_dossier' with the code at every
 * commit that changes the row (every action writes it), and every server evicts that code. While the listening
 * connection is down nothing is served from memory; each entry also expires after `ttlMs`, which bounds what
 * the trigger does not see (an agency's address or phone).
 *
 * A read that started before a change but finishes after its notification must not put the old state back:
 * `generation` moves on with every notification and `set` refuses a value read under an older one.
 */
export class TrackCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly listener: NotifyListener;
  private generationValue = 0;

  constructor(
    connection: pg.ClientConfig,
    private readonly options: { ttlMs: number; maxEntries: number; onError?: (err: unknown) => void },
  ) {
    this.listener = new NotifyListener(connection, {
      channel: CACHE_CHANNELS.dossier,
      applicationName: 'motcua-track-listener',
      onNotify: (code) => this.notified(code),
      onReset: () => this.clear(),
      onError: options.onError,
    });
  }

  /** A dossier changed: the code to drop (nothing: all). */
  notified(code: string | undefined): void {
    if (code) this.evict(code);
    else this.clear();
  }

  start(): Promise<void> {
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  /** Taken before reading the database; handed back to `set`. */
  get generation(): number {
    return this.generationValue;
  }

  get(code: string, now: number): V | undefined {
    if (!this.listener.listening) return undefined;
    const entry = this.entries.get(code);
    if (!entry) return undefined;
    if (entry.cachedUntil <= now) {
      this.entries.delete(code);
      return undefined;
    }
    return entry.value;
  }

  set(code: string, value: V, readUnder: number, now: number): void {
    if (!this.listener.listening || readUnder !== this.generationValue) return;
    if (this.entries.size >= this.options.maxEntries) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(code, { value, cachedUntil: now + this.options.ttlMs });
  }

  evict(code: string): void {
    this.generationValue++;
    this.entries.delete(code);
  }

  clear(): void {
    this.generationValue++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
