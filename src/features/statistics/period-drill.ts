/**
 * The dossiers behind one figure of the period report (Biểu 06): for a cell (column) and a row (the total,
 * or one group of the grouped report), exactly the dossiers the figure counts, a page at a time. Same scope
 * and period rules as the report (`reportScope`), and the same definitions (`period-sql.ts`): flows are the
 * rows whose contribution to the daily aggregates (`motcua_stat_contributions`, what the triggers sum) falls
 * on a day of the period in that column; stocks are the rows open at the period's start or end.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { PeriodDrill, PeriodDrillItem } from '../../contracts/reports.ts';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { AppError } from '../../domain/errors.ts';
import { cellParts, type CellPart, type PeriodCell } from '../../domain/statistics/period-report.ts';
import type { ReportGrouping } from './period-report.ts';
import {
  justBefore,
  openAt,
  overdueAt,
  procedureLabels,
  unclassified,
  type StockSource,
} from './period-sql.ts';
import { intArray, reportScope } from './report-scope.ts';

const DAY_MS = 86_400_000;

export interface PeriodDrillInput {
  agency: string;
  from: string;
  to: string;
  subtree?: boolean | undefined;
  /** With `group`: the row of the grouped report (its key: agency or procedure code, field code, level). */
  groupBy?: ReportGrouping | undefined;
  group?: string | undefined;
  cell: PeriodCell;
  page: number;
  pageSize: number;
}

export type { PeriodDrill, PeriodDrillItem };

interface ItemRow extends Record<string, unknown> {
  source: 'dossier' | 'history';
  id: string;
  code: string | null;
  agency_id: number;
  procedure_id: number;
  applicant_name: string | null;
  channel: PeriodDrillItem['channel'];
  status: string;
  received_at: Date | null;
  due_at: Date | null;
  finished_at: Date | null;
}

const columns = {
  dossiers: sql`'dossier'::text as source, d.id::text as id, d.code, d.agency_id, d.procedure_id,
    d.applicant->>'name' as applicant_name, d.channel::text as channel, d.status::text as status,
    d.received_at, d.due_at, coalesce(d.resolved_at, d.closed_at) as finished_at`,
  history: sql`'history'::text as source, d.id::text as id, d.code, d.agency_id, d.procedure_id,
    d.applicant_name, d.channel::text as channel, d.outcome::text as status,
    d.received_at, d.due_at, d.finished_at`,
} as const;
const tables = { dossiers: sql`dossiers d`, history: sql`dossier_history d` } as const;
/** Each source's row as the statistics triggers see it (migration 0009). */
const statRow = {
  dossiers: sql`motcua_dossier_stat_row(d, 1)`,
  history: sql`motcua_history_stat_row(d, 1)`,
} as const;
/** The instants a row's contributions fall on (a superset, so that an index can narrow the rows first). */
const flowInstants = {
  dossiers: { received: [sql`d.received_at`], finished: [sql`d.resolved_at`, sql`d.closed_at`] },
  history: { received: [sql`d.received_at`], finished: [sql`d.finished_at`] },
} as const;

export async function periodDrill(
  db: Db,
  principal: Principal,
  input: PeriodDrillInput,
  now: number,
): Promise<PeriodDrill> {
  const scope = await reportScope(db, principal, input, now);
  const { period } = scope;
  const groupBy = input.group === undefined ? null : (input.groupBy ?? null);
  if (input.group !== undefined && !input.groupBy)
    throw new AppError('VALIDATION_FAILED', {
      field: 'groupBy',
      vi: '"Nhóm theo" là bắt buộc khi chọn một dòng của báo cáo.',
      en: '"Group by" is required with a report row.',
    });

  let agencyIds = scope.ids;
  let procedureFilter: SQL = sql`true`;
  let groupName: string | null = null;
  if (groupBy === 'agency') {
    const one = scope.agencies.find((a) => a.code === input.group);
    if (!one) throw new AppError('AGENCY_NOT_FOUND', { field: 'group' });
    agencyIds = [one.id];
    groupName = one.name;
  } else if (groupBy !== null) {
    // The report labels a procedure by its latest published version: the same function finds the group's.
    const labels = [...(await procedureLabels(db, null)).entries()].filter(
      ([, l]) => l[groupBy].key === input.group,
    );
    groupName = labels[0]?.[1][groupBy].name ?? unclassified.name;
    procedureFilter = sql`d.procedure_id = any(${intArray(labels.map(([id]) => id))}::int[])`;
  }

  // Flows are counted on the days from..to (nothing happens after now); stocks at the period's bounds.
  const flowStart = new Date(period.start);
  const flowEnd = new Date(Date.parse(`${period.to}T00:00:00+07:00`) + DAY_MS);
  const startPoint = justBefore(new Date(period.start));
  const endPoint = justBefore(new Date(period.end));

  const partQuery = (source: StockSource, part: CellPart): SQL => {
    const base = sql`select ${columns[source]} from ${tables[source]}`;
    const where = sql`d.agency_id = any(${intArray(agencyIds)}::int[]) and ${procedureFilter}`;
    if ('stock' in part) {
      const point = part.stock === 'carriedOver' ? startPoint : endPoint;
      const which =
        part.stock === 'openOverdue'
          ? sql` and ${overdueAt(point)}`
          : part.stock === 'openWithinDeadline'
            ? sql` and not coalesce(${overdueAt(point)}, false)`
            : sql``;
      return sql`${base} where ${where} and ${openAt(source, point)}${which}`;
    }
    const instants = flowInstants[source][part.flow === 'received' ? 'received' : 'finished'];
    const near = sql.join(
      instants.map((at) => sql`(${at} >= ${flowStart} and ${at} < ${flowEnd})`),
      sql` or `,
    );
    const channels = part.channels
      ? sql` and c.channel = any(${`{${part.channels.join(',')}}`}::dossier_channel[])`
      : sql``;
    return sql`${base} cross join lateral motcua_stat_contributions(jsonb_build_array(${statRow[source]})) c
      where ${where} and (${near}) and c.day between ${period.from} and ${period.to}
        and c.${sql.raw(part.flow)} > 0${channels}`;
  };
  const parts = cellParts[input.cell].flatMap((part) => [
    partQuery('dossiers', part),
    partQuery('history', part),
  ]);
  const cell = sql.join(parts, sql` union all `);

  const [counted] = (await db.execute<{ total: number }>(sql`select count(*)::int as total from (${cell}) x`))
    .rows;
  const rows = (
    await db.execute<ItemRow>(sql`
      select * from (${cell}) x
       order by received_at nulls last, code, id
       limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`)
  ).rows;
  const labels = await procedureLabels(db, [...new Set(rows.map((r) => r.procedure_id))]);
  const agencyById = new Map(scope.agencies.map((a) => [a.id, a]));
  const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
  return {
    agency: scope.agency.code,
    agencyName: scope.agency.name,
    from: period.from,
    to: period.to,
    endsAt: new Date(period.end).toISOString(),
    ongoing: period.ongoing,
    subtree: scope.subtree,
    groupBy,
    group: groupBy === null ? null : input.group!,
    groupName,
    cell: input.cell,
    total: counted?.total ?? 0,
    page: input.page,
    pageSize: input.pageSize,
    items: rows.map((r) => {
      const a = agencyById.get(r.agency_id)!;
      const p = labels.get(r.procedure_id)?.procedure;
      return {
        source: r.source,
        id: r.id,
        code: r.code,
        agency: { code: a.code, name: a.name },
        procedure: { code: p?.key ?? '', name: p?.name ?? '' },
        applicantName: r.applicant_name,
        channel: r.channel,
        status: r.status,
        receivedAt: iso(r.received_at),
        dueAt: iso(r.due_at),
        finishedAt: iso(r.finished_at),
      };
    }),
  };
}
