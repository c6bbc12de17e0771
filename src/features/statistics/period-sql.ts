/**
 * The SQL definitions the period report counts with and its drill-down lists with, written once so that a
 * figure and the list behind it cannot drift apart. Flows: each dossier's contribution to the daily
 * aggregates is `motcua_stat_contributions` (migration 0015), the very function the aggregates' triggers
 * sum. Stocks: "open at an instant" and "overdue at it" below, for live dossiers and imported history.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { intArray } from './report-scope.ts';

/** The instant just before `at`: the report counts what is open at 00:00 on a day as open at 23:59:59.999999. */
export const justBefore = (at: Date): SQL => sql`(${at}::timestamptz - interval '1 microsecond')`;

/** Where each source's rows live and what of them a stock counts (the expressions match the range indexes). */
export const stockSources = {
  dossiers: {
    counted: sql`received_at is not null`,
    range: sql`tstzrange(received_at, coalesce(resolved_at, closed_at, 'infinity'))`,
  },
  history: {
    counted: sql`outcome <> 'refused'`,
    range: sql`tstzrange(received_at, coalesce(finished_at, 'infinity'))`,
  },
} as const;
export type StockSource = keyof typeof stockSources;

/** Open at `point` (see `justBefore`). */
export const openAt = (source: StockSource, point: SQL): SQL =>
  sql`${stockSources[source].counted} and ${stockSources[source].range} @> ${point}`;

/** Of the dossiers open at `point`, those already due: due before the instant the point stands for. */
export const overdueAt = (point: SQL): SQL => sql`due_at < ${point} + interval '1 microsecond'`;

export interface ProcedureLabels {
  procedure: { key: string; name: string };
  field: { key: string; name: string };
  level: { key: string; name: string };
}

/**
 * How a procedure is labelled in a grouped report: its code and the name, field and level of its latest
 * published version. `ids` null: every procedure (the drill-down finds a group's procedures by label).
 */
export async function procedureLabels(
  db: Executor,
  ids: readonly number[] | null,
): Promise<Map<number, ProcedureLabels>> {
  const out = new Map<number, ProcedureLabels>();
  if (ids !== null && ids.length === 0) return out;
  const labels = await db.execute<{
    id: number;
    code: string;
    name: string | null;
    field_code: string | null;
    field_name: string | null;
    level: string | null;
  }>(sql`
    select p.id, p.code, v.name, f.code as field_code, f.name as field_name, v.level::text as level
      from procedures p
      left join lateral (
        select name, field_id, level from procedure_versions
         where procedure_id = p.id and status = 'published' order by seq desc limit 1) v on true
      left join procedure_fields f on f.id = v.field_id
     where ${ids === null ? sql`true` : sql`p.id = any(${intArray(ids)}::int[])`}`);
  for (const l of labels.rows)
    out.set(l.id, {
      procedure: { key: l.code, name: l.name ?? l.code },
      field: { key: l.field_code ?? '', name: l.field_name ?? 'Chưa phân loại' },
      level: { key: l.level ?? '', name: l.level ?? 'Chưa phân loại' },
    });
  return out;
}

/** A procedure the labels do not know (none published) sits in the unclassified group, key ''. */
export const unclassified = { key: '', name: 'Chưa phân loại' };
