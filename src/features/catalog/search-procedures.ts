import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { escapeLike } from '../../db/like.ts';
import type { ProcedureList, ProcedureListItem } from '../../contracts/catalog.ts';
import type { Duration, OnlineLevel, ProcedureLevel } from '../../domain/catalog/model.ts';
import { compareForBrowse, FUZZY_LIMIT, type IndexedProcedure } from '../../domain/catalog/search-index.ts';
import { foldQuery } from '../../domain/catalog/search-text.ts';
import { vnToday } from '../../domain/catalog/versions.ts';
import type { CatalogCache } from './catalog-cache.ts';
import { usesBefore } from './procedure-uses.ts';

export interface SearchInput {
  q?: string | undefined;
  field?: string | undefined;
  level?: ProcedureLevel | undefined;
  agency?: string | undefined;
  online?: OnlineLevel | undefined;
  /** The day whose versions are served (default: today in Vietnam). */
  on?: string | undefined;
  page: number;
  pageSize: number;
}

export type { ProcedureListItem };

interface Row extends Record<string, unknown> {
  version_id: number;
  code: string;
  name: string;
  field_code: string;
  field_name: string;
  level: ProcedureLevel;
  online_level: OnlineLevel;
  deadline_amount: number;
  deadline_unit: Duration['unit'];
  total?: number;
  agencies: { code: string; name: string }[];
}

export { FUZZY_LIMIT };
async function countAll(db: Executor, from: SQL, conditions: SQL[]): Promise<number> {
  const count = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n ${from} WHERE ${sql.join(conditions, sql` AND `)}`,
  );
  return count.rows[0]?.n ?? 0;
}

type SearchResult = ProcedureList;

function listItem(p: IndexedProcedure): ProcedureListItem {
  return {
    code: p.code,
    name: p.name,
    field: p.field,
    level: p.level,
    onlineLevel: p.onlineLevel,
    deadline: p.deadline,
    agencies: p.agencies,
  };
}

/**
 * The public search: from the cache's in-memory snapshot of today's catalog when it is current (same rules,
 * same results: domain/catalog/search-index.ts), otherwise, and for other days, from PostgreSQL.
 */
export async function searchCatalog(
  db: Executor,
  cache: CatalogCache | undefined,
  input: SearchInput,
  now: Date,
): Promise<SearchResult> {
  const today = vnToday(now);
  if (cache && (input.on === undefined || input.on === today)) {
    const index = cache.searchIndex(today, now.getTime());
    const found = index?.search({
      q: foldQuery(input.q ?? ''),
      field: input.field,
      level: input.level,
      agency: input.agency,
      online: input.online,
      page: input.page,
      pageSize: input.pageSize,
    });
    if (found) {
      return {
        items: found.items.map(listItem),
        total: found.total,
        page: input.page,
        pageSize: input.pageSize,
      };
    }
  }
  return searchProcedures(db, input, now);
}

/**
 * Published procedures in force on a day, filtered and, with `q`, searched in two stages over the folded
 * search column (GiST trigram index): names or codes containing the phrase, and only when there is none,
 * typo-tolerant matches by trigram word similarity (≥ 0.6), nearest first. Measured with 6,500 procedures
 * (`npm run bench catalog`): ranking every match by similarity cost 200 ms when a phrase matched thousands.
 */
export async function searchProcedures(db: Executor, input: SearchInput, now: Date): Promise<SearchResult> {
  const today = input.on ?? vnToday(now);
  const q = foldQuery(input.q ?? '');
  const conditions: SQL[] = [
    sql`v.status = 'published'`,
    sql`v.effective_from <= ${today}`,
    sql`(v.effective_to IS NULL OR v.effective_to > ${today})`,
  ];
  if (input.field) conditions.push(sql`f.code = ${input.field}`);
  if (input.level) conditions.push(sql`v.level = ${input.level}`);
  if (input.online) conditions.push(sql`v.online_level = ${input.online}`);
  if (input.agency) {
    conditions.push(sql`EXISTS (SELECT 1 FROM procedure_version_agencies va JOIN agencies a ON a.id = va.agency_id
                                WHERE va.version_id = v.id AND a.code = ${input.agency})`);
  }
  const offset = (input.page - 1) * input.pageSize;
  const select = sql`SELECT v.id AS version_id, p.code, v.name, f.code AS field_code, f.name AS field_name, v.level,
           v.online_level, v.deadline_amount, v.deadline_unit,
           -- Evaluated only for the page's rows: PostgreSQL computes such output columns after sort and limit.
           (SELECT coalesce(json_agg(json_build_object('code', a.code, 'name', a.name) ORDER BY a.code), '[]')
              FROM procedure_version_agencies va JOIN agencies a ON a.id = va.agency_id
             WHERE va.version_id = v.id) AS agencies`;
  const from = sql`FROM procedure_versions v
    JOIN procedures p ON p.id = v.procedure_id
    JOIN procedure_fields f ON f.id = v.field_id`;

  let rows: Row[];
  let total: number;
  if (!q) {
    // Browsing (no query, or one that folds to nothing like "%"): the most used first, then Vietnamese
    // alphabetical order (compareForBrowse, as the in-memory index). PostgreSQL's collations differ between
    // servers, so the keys of every match are sorted here (a few bytes each, ~6,500 at most) and only the
    // page's rows are read in full. The snapshot answers browsing for today; this serves other days.
    const where = sql.join(conditions, sql` AND `);
    const keys = await db.execute<{ version_id: number; code: string; name: string; uses: number }>(
      sql`SELECT v.id AS version_id, p.code, v.name, coalesce(u.uses, 0)::int AS uses ${from}
            LEFT JOIN (${usesBefore(today)}) u ON u.procedure_id = v.procedure_id
           WHERE ${where}`,
    );
    const ordered = keys.rows.sort(compareForBrowse);
    total = ordered.length;
    const ids = ordered.slice(offset, offset + input.pageSize).map((k) => k.version_id);
    const position = new Map(ids.map((id, i) => [id, i]));
    const result = ids.length
      ? await db.execute<Row>(
          sql`${select} ${from} WHERE v.id IN (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        )
      : { rows: [] as Row[] };
    rows = result.rows.sort((a, b) => position.get(a.version_id)! - position.get(b.version_id)!);
  } else {
    // Cheap stages first, ranked without any similarity computation (which would score every matching row):
    // an exact code, then the earliest occurrence (the code, then the start of the name), then the shortest
    // name, i.e. the one the query describes best.
    const words = q.split(' ').filter((w) => w.length > 0);
    const short = q.length < 3;
    const stages: SQL[] = short
      ? // One or two letters match everything somewhere: only word starts count.
        [sql`(v.search_text LIKE ${escapeLike(q) + '%'} OR v.search_text LIKE ${'% ' + escapeLike(q) + '%'})`]
      : // All of the query's words, in any order and with other words between them; names holding the phrase
        // as typed rank first (strpos = 0 sorts them last otherwise), so one query serves both.
        [
          sql.join(
            words.map((w) => sql`v.search_text LIKE ${'%' + escapeLike(w) + '%'}`),
            sql` AND `,
          ),
        ];
    rows = [];
    total = 0;
    for (const stage of stages) {
      const where = sql.join([...conditions, stage], sql` AND `);
      // The ranking visits every match anyway, so the window count costs next to nothing.
      const found = await db.execute<Row>(sql`${select}, count(*) OVER ()::int AS total ${from} WHERE ${where}
        ORDER BY (lower(p.code) = ${q}) DESC, strpos(v.search_text, ${q}) = 0, strpos(v.search_text, ${q}),
                 length(v.search_text), v.name, p.code
        LIMIT ${input.pageSize} OFFSET ${offset}`);
      if (found.rows.length > 0) {
        rows = found.rows;
        total = found.rows[0]!.total ?? 0;
        break;
      }
      if (offset > 0) {
        total = await countAll(db, from, [...conditions, stage]);
        if (total > 0) break;
      }
    }
    if (total === 0 && !short) {
      // Last, only when no name holds the words (typos): trigram word similarity (≥ 0.6), nearest first,
      // walked in distance order by the GiST index so that only the best candidates are scored. Approximate
      // matches are few by nature; at most FUZZY_LIMIT are returned and counted.
      const near = await db.execute<Row>(sql`${select} ${from}
        WHERE ${sql.join([...conditions, sql`${q} <% v.search_text`], sql` AND `)}
        ORDER BY ${q} <<-> v.search_text, v.name, p.code
        LIMIT ${FUZZY_LIMIT}`);
      total = near.rows.length;
      rows = near.rows.slice(offset, offset + input.pageSize);
    }
  }
  return {
    items: rows.map((r) => ({
      code: r.code,
      name: r.name,
      field: { code: r.field_code, name: r.field_name },
      level: r.level,
      onlineLevel: r.online_level,
      deadline: { amount: Number(r.deadline_amount), unit: r.deadline_unit },
      agencies: r.agencies,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}
