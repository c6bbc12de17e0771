import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { CACHE_CHANNELS } from '../../db/commit-notices.ts';

/** The channel on which servers hear that the published catalog changed (see catalog-cache.ts). */
export const CATALOG_CHANNEL = CACHE_CHANNELS.catalog;

/**
 * Payload prefix of a change that only moves a procedure's lock version (a draft saved or dropped): the
 * public page shows it, the search does not.
 */
export const LOCK_CHANGE = 'lock';

/**
 * Tells every server that what the public catalog shows changed (a publication, an import, a field, a lock
 * version).
 * Sent inside the writing transaction: PostgreSQL delivers it at commit, and never if the transaction rolls
 * back. Listeners drop everything they derived from the catalog, or only their pages for a `LOCK_CHANGE`.
 */
export async function notifyCatalogChanged(tx: Tx, what: string): Promise<void> {
  await tx.execute(sql`SELECT pg_notify(${CATALOG_CHANNEL}, ${what.slice(0, 200)})`);
}
