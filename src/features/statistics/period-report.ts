/**
 * The period report (Biểu 06) of an agency, optionally with its subtree, grouped by procedure, field,
 * agency or level. Flows come from the daily aggregates (kept by triggers in the same transaction as
 * every dossier change), stocks at the two ends from the range indexes on dossiers and imported history:
 * the cost follows the period and the dossiers open at its ends, not the years behind it.
 */
import { sql } from 'drizzle-orm';
import {
  reportGroupings,
  type PeriodGroup,
  type PeriodReport,
  type ReportGrouping,
} from '../../contracts/reports.ts';
import type { Db } from '../../db/client.ts';
import { can, type Principal } from '../../domain/access/policy.ts';
import { AppError } from '../../domain/errors.ts';
import {
  addsUp,
  definitions,
  emptyCounts,
  figuresOf,
  periodOf,
  type PeriodCounts,
} from '../../domain/statistics/period-report.ts';
import {
  justBefore,
  openAt,
  overdueAt,
  procedureLabels,
  unclassified,
  type ProcedureLabels,
} from './period-sql.ts';
import { intArray } from './report-scope.ts';

export { reportGroupings, type ReportGrouping };

export interface PeriodReportInput {
  agency: string;
  from: string;
  to: string;
  subtree?: boolean | undefined;
  groupBy?: ReportGrouping | undefined;
}

export type ReportGroup = PeriodGroup;
export type { PeriodReport };

interface CountRow extends Record<string, unknown> {
  agency_id: number;
  procedure_id: number | null;
  channel?: string;
  received: number;
  resolved_early: number;
  resolved_on_time: number;
  resolved_late: number;
  refused: number;
  withdrawn: number;
  stopped: number;
}

interface StockRow extends Record<string, unknown> {
  agency_id: number;
  procedure_id: number | null;
  carried_over: number;
  open_at_end: number;
  overdue_at_end: number;
}

interface Label {
  key: string;
  name: string;
}

function addFlows(c: PeriodCounts, r: CountRow): void {
  if (r.channel === 'online') c.receivedOnline += r.received;
  else if (r.channel === 'postal') c.receivedPostal += r.received;
  else c.receivedInPerson += r.received;
  c.resolvedEarly += r.resolved_early;
  c.resolvedOnTime += r.resolved_on_time;
  c.resolvedLate += r.resolved_late;
  c.refused += r.refused;
  c.withdrawn += r.withdrawn;
  c.stopped += r.stopped;
}

export async function periodReport(
  db: Db,
  principal: Principal,
  input: PeriodReportInput,
  now: number,
): Promise<PeriodReport> {
  const period = periodOf(input.from, input.to, now);
  const found = await db.execute<{ id: number; code: string; name: string; path: string }>(
    sql`select id, code, name, path from agencies where code = ${input.agency}`,
  );
  const agency = found.rows[0];
  if (!agency) throw new AppError('AGENCY_NOT_FOUND', { field: 'agency' });
  if (!can(principal, 'report.read', agency)) throw new AppError('FORBIDDEN');
  const subtree = input.subtree ?? false;
  const agencyRows = subtree
    ? (
        await db.execute<{ id: number; code: string; name: string; level: string }>(
          sql`select id, code, name, level from agencies where path like ${agency.path + '%'}`,
        )
      ).rows
    : (
        await db.execute<{ id: number; code: string; name: string; level: string }>(
          sql`select id, code, name, level from agencies where id = ${agency.id}`,
        )
      ).rows;
  const ids = agencyRows.map((a) => a.id);
  const groupBy = input.groupBy ?? null;
  const byProcedure = groupBy === 'procedure' || groupBy === 'field' || groupBy === 'level';
  const start = new Date(period.start);
  const end = new Date(period.end);

  // Flows: per channel (and per procedure when the grouping needs it) over the days of the period.
  const flows = byProcedure
    ? await db.execute<CountRow>(sql`
        select agency_id, procedure_id, channel, sum(received)::int as received,
               sum(resolved_early)::int as resolved_early, sum(resolved_on_time)::int as resolved_on_time,
               sum(resolved_late)::int as resolved_late, sum(refused)::int as refused,
               sum(withdrawn)::int as withdrawn, sum(stopped)::int as stopped
          from stats_daily
         where agency_id = any(${intArray(ids)}::int[]) and day between ${period.from} and ${period.to}
         group by agency_id, procedure_id, channel`)
    : await db.execute<CountRow>(sql`
        select agency_id, null::int as procedure_id, channel, sum(received)::int as received,
               sum(resolved_early)::int as resolved_early, sum(resolved_on_time)::int as resolved_on_time,
               sum(resolved_late)::int as resolved_late, sum(refused)::int as refused,
               sum(withdrawn)::int as withdrawn, sum(stopped)::int as stopped
          from stats_agency_daily
         where agency_id = any(${intArray(ids)}::int[]) and day between ${period.from} and ${period.to}
         group by agency_id, channel`);

  // Stocks: dossiers open just before the start and just before the end. One index probe per agency
  // (the GiST index takes an equality on the agency, not a list).
  const procedureKey = byProcedure ? sql`procedure_id` : sql`null::int`;
  // Each point is its own probe so that it is an index-only scan of the covering range index (an OR of
  // both points would be a bitmap scan visiting the heap: old, scattered history made that 70 ms an agency).
  const stocks = await db.execute<StockRow>(sql`
    with points as (
      select ${justBefore(start)} as s, ${justBefore(end)} as e
    ), open_rows as (
      select a.id as agency_id, o.procedure_id, o.carried, o.open_end, o.overdue
        from unnest(${intArray(ids)}::int[]) a(id), points p,
        lateral (
          select ${procedureKey} as procedure_id, count(*)::int as carried, 0 as open_end, 0 as overdue
            from dossiers where agency_id = a.id and ${openAt('dossiers', sql`p.s`)} group by 1
          union all
          select ${procedureKey}, 0, count(*)::int, count(*) filter (where ${overdueAt(sql`p.e`)})::int
            from dossiers where agency_id = a.id and ${openAt('dossiers', sql`p.e`)} group by 1
          union all
          select ${procedureKey}, count(*)::int, 0, 0
            from dossier_history where agency_id = a.id and ${openAt('history', sql`p.s`)} group by 1
          union all
          select ${procedureKey}, 0, count(*)::int, count(*) filter (where ${overdueAt(sql`p.e`)})::int
            from dossier_history where agency_id = a.id and ${openAt('history', sql`p.e`)} group by 1
        ) o
    )
    select agency_id, procedure_id, sum(carried)::int as carried_over, sum(open_end)::int as open_at_end,
           sum(overdue)::int as overdue_at_end
      from open_rows group by agency_id, procedure_id`);

  // Labels of the groups.
  const agencyById = new Map(agencyRows.map((a) => [a.id, a]));
  const labelsById = byProcedure
    ? await procedureLabels(db, [
        ...new Set(
          [...flows.rows, ...stocks.rows].map((r) => r.procedure_id).filter((p): p is number => p !== null),
        ),
      ])
    : new Map<number, ProcedureLabels>();
  const labelOf = (agencyId: number, procedureId: number | null): Label | null => {
    if (groupBy === null) return null;
    if (groupBy === 'agency') {
      const a = agencyById.get(agencyId)!;
      return { key: a.code, name: a.name };
    }
    const labels = procedureId === null ? undefined : labelsById.get(procedureId);
    if (!labels) return unclassified;
    return labels[groupBy];
  };

  const total = emptyCounts();
  const groups = new Map<string, { label: Label; counts: PeriodCounts }>();
  const groupOf = (agencyId: number, procedureId: number | null) => {
    const label = labelOf(agencyId, procedureId);
    if (!label) return null;
    let g = groups.get(label.key);
    if (!g) groups.set(label.key, (g = { label, counts: emptyCounts() }));
    return g.counts;
  };
  for (const r of flows.rows) {
    addFlows(total, r);
    const g = groupOf(r.agency_id, r.procedure_id);
    if (g) addFlows(g, r);
  }
  for (const r of stocks.rows) {
    for (const c of [total, groupOf(r.agency_id, r.procedure_id)]) {
      if (!c) continue;
      c.carriedOver += r.carried_over;
      c.openAtEnd += r.open_at_end;
      c.overdueAtEnd += r.overdue_at_end;
    }
  }
  const figures = figuresOf(total);
  return {
    agency: agency.code,
    agencyName: agency.name,
    from: period.from,
    to: period.to,
    endsAt: new Date(period.end).toISOString(),
    ongoing: period.ongoing,
    subtree,
    groupBy,
    ...figures,
    groups: [...groups.values()]
      .map((g) => ({ key: g.label.key, name: g.label.name, ...figuresOf(g.counts) }))
      .sort((a, b) => b.received.total - a.received.total || a.key.localeCompare(b.key)),
    addsUp: addsUp(figures),
    definitions: { vi: [...definitions.vi], en: [...definitions.en] },
  };
}
