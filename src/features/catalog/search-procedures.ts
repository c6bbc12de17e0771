import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Duration, OnlineLevel, ProcedureLevel } from '../../domain/catalog/model.ts';
import { foldForSearch } from '../../domain/catalog/search-text.ts';
import { vnToday } from '../../domain/catalog/versions.ts';
import { agenciesOfVersions } from './procedure-queries.ts';

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

export interface ProcedureListItem {
  code: string;
  name: string;
  field: { code: string; name: string };
  level: ProcedureLevel;
  onlineLevel: OnlineLevel;
  deadline: Duration;
  agencies: { code: string; name: string }[];
}

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
  total: number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}

/**
 * Published procedures in force on a day, filtered and, with `q`, ranked: the exact code first, then by
 * how well the query's words match a stretch of the name (trigram word similarity, typo-tolerant), then by
 * whole-name similarity (so the shortest name containing the query wins), then by name.
 * Matching uses the GIN trigram index: a substring of the folded name, or word similarity ≥ 0.6.
 */
export async function searchProcedures(
  db: Executor,
  input: SearchInput,
  now: Date,
): Promise<{ items: ProcedureListItem[]; total: number; page: number; pageSize: number }> {
  const today = input.on ?? vnToday(now);
  const q = foldForSearch(input.q ?? '');
  const conditions: SQL[] = [
    sql`v.status = 'published'`,
    sql`v.effective_from <= ${today}`,
    sql`(v.effective_to IS NULL OR v.effective_to > ${today})`,
  ];
  if (q) {
    conditions.push(
      // The search column holds the code too, so an exact code is a substring match; conditions on this
      // one column only, so PostgreSQL combines both index scans (a condition on another table would not).
      sql`(v.search_text LIKE ${'%' + escapeLike(q) + '%'} OR ${q} <% v.search_text)`,
    );
  }
  if (input.field) conditions.push(sql`f.code = ${input.field}`);
  if (input.level) conditions.push(sql`v.level = ${input.level}`);
  if (input.online) conditions.push(sql`v.online_level = ${input.online}`);
  if (input.agency) {
    conditions.push(sql`EXISTS (SELECT 1 FROM procedure_version_agencies va JOIN agencies a ON a.id = va.agency_id
                                WHERE va.version_id = v.id AND a.code = ${input.agency})`);
  }
  const order = q
    ? sql`(lower(p.code) = ${q}) DESC, word_similarity(${q}, v.search_text) DESC,
          similarity(${q}, v.search_text) DESC, v.name, p.code`
    : sql`f.name, v.name, p.code`;
  const result = await db.execute<Row>(sql`
    SELECT v.id AS version_id, p.code, v.name, f.code AS field_code, f.name AS field_name, v.level,
           v.online_level, v.deadline_amount, v.deadline_unit, count(*) OVER ()::int AS total
    FROM procedure_versions v
    JOIN procedures p ON p.id = v.procedure_id
    JOIN procedure_fields f ON f.id = v.field_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY ${order}
    LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize}`);
  const rows = result.rows;
  const agencyMap = await agenciesOfVersions(
    db,
    rows.map((r) => r.version_id),
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && input.page > 1) {
    // Past the last page the window function has no row to report the total on.
    const count = await db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM procedure_versions v
      JOIN procedures p ON p.id = v.procedure_id JOIN procedure_fields f ON f.id = v.field_id
      WHERE ${sql.join(conditions, sql` AND `)}`);
    total = count.rows[0]?.n ?? 0;
  }
  return {
    items: rows.map((r) => ({
      code: r.code,
      name: r.name,
      field: { code: r.field_code, name: r.field_name },
      level: r.level,
      onlineLevel: r.online_level,
      deadline: { amount: Number(r.deadline_amount), unit: r.deadline_unit },
      agencies: (agencyMap.get(r.version_id) ?? []).map((a) => ({ code: a.code, name: a.name })),
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}
