/**
 * The satisfaction report of an agency (optionally with its subtree): the applicants' ratings given in the
 * period, in total and per procedure, officer (the handling officer the dossier was assigned to) or agency.
 * Summed in PostgreSQL over the (agency, created_at) index of `dossier_ratings`; the bands are the
 * domain's, passed as parameters.
 */
import { sql, type SQL } from 'drizzle-orm';
import { satisfactionGroupings } from '../../contracts/reports.ts';
import type { Executor } from '../../db/client.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { quickRatings, ratingCriteria, type RatingCriterion } from '../../domain/dossier/model.ts';
import {
  addSums,
  criterionNames,
  emptySums,
  satisfactionBands,
  satisfactionFigures,
  type BandKey,
  type RatingSums,
  type SatisfactionFigures,
} from '../../domain/statistics/satisfaction.ts';
import { intArray, reportScope, type ReportInput } from './report-scope.ts';

export { satisfactionGroupings };
export type SatisfactionGrouping = (typeof satisfactionGroupings)[number];

export interface SatisfactionInput extends ReportInput {
  groupBy?: SatisfactionGrouping | undefined;
}

export interface SatisfactionGroup extends SatisfactionFigures {
  key: string;
  name: string;
}

export interface SatisfactionReport extends SatisfactionFigures {
  agency: string;
  agencyName: string;
  from: string;
  to: string;
  subtree: boolean;
  groupBy: SatisfactionGrouping | null;
  groups: SatisfactionGroup[];
  /** The bands of the total score and the criteria, for the table's headings and notes. */
  bandDefinitions: typeof satisfactionBands;
  criterionNames: typeof criterionNames;
}

type SumRow = Record<string, unknown> & { key: string | null; count: number; score_sum: number };

function band(key: BandKey) {
  return satisfactionBands.find((b) => b.key === key)!;
}

function sumsOf(r: SumRow): RatingSums {
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    count: r.count,
    quick: {
      very_satisfied: n('very_satisfied'),
      satisfied: n('satisfied'),
      not_satisfied: n('not_satisfied'),
    },
    scoreSum: r.score_sum,
    criteriaSums: Object.fromEntries(ratingCriteria.map((c, i) => [c, n(`c${i}`)])) as Record<
      RatingCriterion,
      number
    >,
    bands: { high: n('high'), medium: n('medium'), low: n('low') },
  };
}

export async function satisfactionReport(
  db: Executor,
  principal: Principal,
  input: SatisfactionInput,
  now: number,
): Promise<SatisfactionReport> {
  const scope = await reportScope(db, principal, input, now);
  const groupBy = input.groupBy ?? null;
  const key: SQL =
    groupBy === 'procedure'
      ? sql`d.procedure_id::text`
      : groupBy === 'officer'
        ? sql`r.officer_id::text`
        : groupBy === 'agency'
          ? sql`r.agency_id::text`
          : sql`null::text`;
  const join = groupBy === 'procedure' ? sql`join dossiers d on d.id = r.dossier_id` : sql``;
  const criteria = sql.join(
    ratingCriteria.map((c, i) => sql`coalesce(sum((r.criteria->>${c})::int), 0)::int as ${sql.raw(`c${i}`)}`),
    sql`, `,
  );
  const quick = sql.join(
    quickRatings.map((q) => sql`count(*) filter (where r.quick = ${q})::int as ${sql.raw(q)}`),
    sql`, `,
  );
  const high = band('high');
  const medium = band('medium');
  const low = band('low');
  const result = await db.execute<SumRow>(sql`
    select ${key} as key, count(*)::int as count, coalesce(sum(r.score), 0)::int as score_sum, ${quick}, ${criteria},
           count(*) filter (where r.score between ${high.min} and ${high.max})::int as high,
           count(*) filter (where r.score between ${medium.min} and ${medium.max})::int as medium,
           count(*) filter (where r.score between ${low.min} and ${low.max})::int as low
      from dossier_ratings r ${join}
     where r.agency_id = any(${intArray(scope.ids)}::int[])
       and r.created_at >= ${new Date(scope.period.start)} and r.created_at < ${new Date(scope.period.end)}
     group by 1`);

  const total = emptySums();
  for (const r of result.rows) addSums(total, sumsOf(r));

  const names = new Map<string, { key: string; name: string }>();
  const keys = result.rows.map((r) => r.key).filter((k): k is string => k !== null);
  if (groupBy === 'agency') {
    for (const a of scope.agencies) names.set(String(a.id), { key: a.code, name: a.name });
  } else if (groupBy === 'officer' && keys.length > 0) {
    const users = await db.execute<{ id: string; username: string; full_name: string }>(
      sql`select id::text as id, username, full_name from users where id = any(${`{${keys.join(',')}}`}::uuid[])`,
    );
    for (const u of users.rows) names.set(u.id, { key: u.username, name: u.full_name });
  } else if (groupBy === 'procedure' && keys.length > 0) {
    const procedures = await db.execute<{ id: number; code: string; name: string | null }>(sql`
      select p.id, p.code, v.name
        from procedures p
        left join lateral (
          select name from procedure_versions
           where procedure_id = p.id and status = 'published' order by seq desc limit 1) v on true
       where p.id = any(${intArray(keys.map(Number))}::int[])`);
    for (const p of procedures.rows) names.set(String(p.id), { key: p.code, name: p.name ?? p.code });
  }
  const unassigned =
    groupBy === 'officer'
      ? { key: '', name: 'Chưa phân công người xử lý' }
      : { key: '', name: 'Chưa phân loại' };
  const groups: SatisfactionGroup[] =
    groupBy === null
      ? []
      : result.rows
          .map((r) => ({
            ...(r.key === null ? unassigned : (names.get(r.key) ?? { key: r.key, name: r.key })),
            ...satisfactionFigures(sumsOf(r)),
          }))
          .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

  return {
    agency: scope.agency.code,
    agencyName: scope.agency.name,
    from: scope.period.from,
    to: scope.period.to,
    subtree: scope.subtree,
    groupBy,
    ...satisfactionFigures(total),
    groups,
    bandDefinitions: satisfactionBands,
    criterionNames,
  };
}
