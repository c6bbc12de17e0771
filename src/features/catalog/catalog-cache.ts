import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { NotifyListener } from '../../db/notify-listener.ts';
import type { Db, Executor } from '../../db/client.ts';
import type { Duration, OnlineLevel, ProcedureLevel } from '../../domain/catalog/model.ts';
import { SearchIndex, type IndexedProcedure } from '../../domain/catalog/search-index.ts';
import { CATALOG_CHANNEL, LOCK_CHANGE } from './catalog-changes.ts';
import { usesBefore } from './procedure-uses.ts';
import type { VersionAround, VersionBody } from './procedure-queries.ts';

export interface CatalogCacheOptions {
  /** At most this often a request starts a background check of the catalog's fingerprint. */
  checkIntervalMs: number;
  /**
   * Bodies of published versions kept for the procedure page (least recently read dropped first); as many
   * procedures' versions in force.
   */
  maxVersions: number;
  onError?: (err: unknown) => void;
}

interface PageEntry {
  day: string;
  generation: number;
  around: VersionAround;
}

interface Snapshot {
  day: string;
  generation: number;
  fingerprint: string;
  index: SearchIndex;
}

/**
 * A cheap summary of everything the search snapshot shows besides what a day selects: published versions
 * only ever grow in number (a trigger forbids changing or deleting them, and every publication or import
 * adds one), agencies count their changes in `version`, fields are few.
 */
async function fingerprint(db: Executor): Promise<string> {
  const result = await db.execute<{ fp: string }>(sql`SELECT concat_ws('|',
      (SELECT count(*) FROM procedure_versions WHERE status = 'published'),
      (SELECT count(*) || '/' || coalesce(sum(version), 0) FROM agencies),
      (SELECT md5(coalesce(string_agg(id || ':' || code || ':' || name, ',' ORDER BY id), '')) FROM procedure_fields)
    ) AS fp`);
  return result.rows[0]!.fp;
}

interface SnapshotRow extends Record<string, unknown> {
  version_id: number;
  code: string;
  name: string;
  search_text: string;
  field_code: string;
  field_name: string;
  level: ProcedureLevel;
  online_level: OnlineLevel;
  deadline_amount: number;
  deadline_unit: Duration['unit'];
  agencies: { code: string; name: string }[];
  uses: number;
}

/**
 * The procedures in force on a day, in browse order, as one consistent snapshot with its fingerprint and
 * the database's word-similarity threshold.
 */
export async function loadSearchSnapshot(
  db: Db,
  day: string,
): Promise<{ index: SearchIndex; fingerprint: string }> {
  return db.transaction(
    async (tx) => {
      const fp = await fingerprint(tx);
      const threshold = await tx.execute<{ t: string | null }>(
        sql`SELECT current_setting('pg_trgm.word_similarity_threshold', true) AS t`,
      );
      const rows = await tx.execute<SnapshotRow>(sql`
        SELECT v.id AS version_id, p.code, v.name, v.search_text, f.code AS field_code, f.name AS field_name,
               v.level, v.online_level, v.deadline_amount, v.deadline_unit, coalesce(u.uses, 0) AS uses,
               (SELECT coalesce(json_agg(json_build_object('code', a.code, 'name', a.name) ORDER BY a.code), '[]')
                  FROM procedure_version_agencies va JOIN agencies a ON a.id = va.agency_id
                 WHERE va.version_id = v.id) AS agencies
          FROM procedure_versions v
          JOIN procedures p ON p.id = v.procedure_id
          JOIN procedure_fields f ON f.id = v.field_id
          LEFT JOIN (${usesBefore(day)}) u ON u.procedure_id = v.procedure_id
         WHERE v.status = 'published' AND v.effective_from <= ${day}
           AND (v.effective_to IS NULL OR v.effective_to > ${day})
         ORDER BY v.name, p.code`);
      const procedures: IndexedProcedure[] = rows.rows.map((r) => ({
        versionId: r.version_id,
        code: r.code,
        name: r.name,
        searchText: r.search_text,
        field: { code: r.field_code, name: r.field_name },
        level: r.level,
        onlineLevel: r.online_level,
        deadline: { amount: Number(r.deadline_amount), unit: r.deadline_unit },
        agencies: r.agencies,
        uses: Number(r.uses),
      }));
      const t = Number.parseFloat(threshold.rows[0]?.t ?? '');
      return { index: new SearchIndex(procedures, Number.isFinite(t) ? t : 0.6), fingerprint: fp };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * What the public catalog serves from memory, per server process:
 *
 * - the **search snapshot**: every procedure in force today, searched in JavaScript with the SQL search's
 *   rules (domain/catalog/search-index.ts);
 * - for the **procedure page**, the bodies of published versions (immutable, like the form templates they
 *   link to: a body read once stays right) and, per procedure, which version is in force today with what
 *   may change around it (`VersionAround`).
 *
 * The snapshot and the pages belong to a day and to a generation. The generation moves on when this server
 * or any server changes the catalog (use cases `NOTIFY motcua_catalog` inside their transaction, delivered at
 * commit to every listener, and to this server before its commit returns (db/commit-notices.ts); a lock-version
 * change drops only the pages), and when a fingerprint of the catalog, checked in the background at most
 * every `checkIntervalMs`, differs (changes made without a notification, such as an agency renamed). While
 * the listening connection is down nothing is served from memory. A missing or outdated snapshot is rebuilt
 * in the background and a missing page is read by its request; meanwhile PostgreSQL answers, so no request
 * waits for a rebuild.
 */
export class CatalogCache {
  private readonly listener: NotifyListener;
  private closed = false;
  private generation = 0;
  private snapshot: Snapshot | undefined;
  private building: Promise<void> | undefined;
  /** After a failed build, none is tried again before this time (the database may be down). */
  private retryBuildAt = 0;
  private lastCheck = 0;
  private checking = false;
  /** The fingerprint last read, by a check or a snapshot. */
  private fingerprintSeen: string | undefined;
  private pageGeneration = 0;
  private readonly pages = new Map<string, PageEntry>();
  private readonly bodies = new Map<number, VersionBody>();

  constructor(
    private readonly db: Db,
    connection: pg.ClientConfig,
    private readonly options: CatalogCacheOptions = { checkIntervalMs: 5_000, maxVersions: 1_000 },
  ) {
    this.listener = new NotifyListener(connection, {
      channel: CATALOG_CHANNEL,
      applicationName: 'motcua-catalog-listener',
      onNotify: (payload) => this.notified(payload),
      onReset: () => this.invalidate(),
      onError: options.onError,
    });
  }

  /** The catalog changed (see catalog-changes.ts). */
  notified(payload: string | undefined): void {
    if (payload?.startsWith(`${LOCK_CHANGE} `)) this.invalidatePages();
    else this.invalidate();
  }

  start(): Promise<void> {
    return this.listener.start();
  }

  async stop(): Promise<void> {
    this.closed = true;
    await this.listener.stop();
    await this.building;
  }

  /** Drops the search snapshot and the pages: the catalog changed. */
  invalidate(): void {
    this.generation++;
    this.snapshot = undefined;
    this.invalidatePages();
  }

  /** Drops the pages only: a procedure's lock version moved (a draft saved or dropped). */
  invalidatePages(): void {
    this.pageGeneration++;
    this.pages.clear();
  }

  /**
   * The search snapshot of `day` if it is current; otherwise undefined (ask PostgreSQL) and a rebuild starts
   * in the background.
   */
  searchIndex(day: string, now: number): SearchIndex | undefined {
    if (!this.listener.listening) return undefined;
    this.maybeCheck(now);
    const s = this.snapshot;
    if (s && s.day === day && s.generation === this.generation) return s.index;
    this.build(day);
    return undefined;
  }

  /** The generation a page read now belongs to: pass it back to `keepPage`. */
  get pagesGeneration(): number {
    return this.pageGeneration;
  }

  /** Which version of the procedure is in force on `day`, with what is around it, if known and current. */
  page(code: string, day: string, now: number): VersionAround | undefined {
    if (!this.listener.listening) return undefined;
    this.maybeCheck(now);
    const entry = this.pages.get(code);
    if (!entry || entry.day !== day || entry.generation !== this.pageGeneration) return undefined;
    this.pages.delete(code);
    this.pages.set(code, entry);
    return entry.around;
  }

  /** Keeps what a request read, unless the catalog changed since it began reading (`generation`). */
  keepPage(code: string, day: string, generation: number, around: VersionAround): void {
    if (!this.listener.listening || generation !== this.pageGeneration) return;
    this.pages.set(code, { day, generation, around });
    while (this.pages.size > this.options.maxVersions) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) break;
      this.pages.delete(oldest);
    }
  }

  /** Builds the snapshot of `day` now if needed and returns it (start-up, benchmarks, tests). */
  async warm(day: string): Promise<SearchIndex | undefined> {
    for (let i = 0; i < 3; i++) {
      const index = this.searchIndex(day, 0);
      if (index) return index;
      await this.building;
    }
    return this.searchIndex(day, 0);
  }

  private build(day: string): void {
    if (this.building || this.closed || Date.now() < this.retryBuildAt) return;
    const generation = this.generation;
    this.building = loadSearchSnapshot(this.db, day)
      .then(({ index, fingerprint: fp }) => {
        // A change committed while loading may be missing from what was read: the next request rebuilds.
        if (this.generation === generation && this.listener.listening) {
          this.snapshot = { day, generation, fingerprint: fp, index };
          this.fingerprintSeen = fp;
        }
      })
      .catch((err: unknown) => {
        this.retryBuildAt = Date.now() + 1_000;
        this.options.onError?.(err);
      })
      .finally(() => {
        this.building = undefined;
      });
  }

  private maybeCheck(now: number): void {
    if (this.checking || now - this.lastCheck < this.options.checkIntervalMs) return;
    this.checking = true;
    this.lastCheck = now;
    const generation = this.generation;
    fingerprint(this.db)
      .then((fp) => {
        const known = this.snapshot?.fingerprint ?? this.fingerprintSeen;
        if (this.generation === generation && known !== undefined && fp !== known) this.invalidate();
        this.fingerprintSeen = fp;
      })
      .catch((err: unknown) => this.options.onError?.(err))
      .finally(() => {
        this.checking = false;
      });
  }

  /** The body of a published version, if kept. */
  versionBody(versionId: number): VersionBody | undefined {
    const body = this.bodies.get(versionId);
    if (body) {
      // Maps iterate in insertion order: re-inserting marks it most recently read.
      this.bodies.delete(versionId);
      this.bodies.set(versionId, body);
    }
    return body;
  }

  /** Keeps the body of a published version (never of a draft: a draft's content still changes). */
  keepVersionBody(versionId: number, body: VersionBody): void {
    this.bodies.set(versionId, body);
    while (this.bodies.size > this.options.maxVersions) {
      const oldest = this.bodies.keys().next().value;
      if (oldest === undefined) break;
      this.bodies.delete(oldest);
    }
  }
}
