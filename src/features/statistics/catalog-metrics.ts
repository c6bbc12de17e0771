/**
 * Catalog metrics of an agency (optionally with its subtree) for a period: the procedures it implements
 * — the published versions in force at the end of the period that name it (`procedure_version_agencies`)
 * — how many are offered fully online, how many of those had an online dossier in the period (from the
 * daily aggregates, so imported history counts), how many have fees and how many are payable online.
 * Cost: one row per (agency, procedure) and a primary-key range of the daily aggregates for each.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Principal } from '../../domain/access/policy.ts';
import type { OnlineLevel } from '../../domain/catalog/model.ts';
import {
  catalogFigures,
  hasFee,
  payableOnline,
  type CatalogFigures,
  type CatalogProcedureRow,
  type FeeAmount,
} from '../../domain/statistics/catalog-metrics.ts';
import { intArray, reportScope, type ReportInput, type ReportScope } from './report-scope.ts';

export interface CatalogProcedure {
  code: string;
  name: string;
  onlineLevel: OnlineLevel;
  hasFee: boolean;
  /** Derived rule: a fee procedure offered fully online. */
  payableOnline: boolean;
  /** Dossiers received in the period, all channels and online (imported history included). */
  received: number;
  receivedOnline: number;
}

export interface CatalogGroup extends Omit<CatalogFigures, 'summary'> {
  key: string;
  name: string;
}

export interface CatalogMetricsReport extends CatalogFigures {
  agency: string;
  agencyName: string;
  from: string;
  to: string;
  subtree: boolean;
  /** The day whose catalog is counted (the last day of the period). */
  catalogDay: string;
  procedures: CatalogProcedure[];
  /** Per agency, when the subtree is included. */
  groups: CatalogGroup[];
}

interface ImplementedRow extends Record<string, unknown> {
  agency_id: number;
  procedure_id: number;
  code: string;
  name: string;
  online_level: OnlineLevel;
  fees: FeeAmount[] | null;
  case_fees: FeeAmount[] | null;
  method_fees: FeeAmount[] | null;
  received: number;
  received_online: number;
}

export interface CatalogData {
  /** One row per distinct procedure (dossiers summed over the agencies of the scope). */
  rows: CatalogProcedureRow[];
  byAgency: Map<number, CatalogProcedureRow[]>;
}

/** The procedures of the scope with their fees and the period's dossiers. No access check: callers do it. */
export async function catalogData(db: Executor, scope: ReportScope): Promise<CatalogData> {
  const { period, ids } = scope;
  const result = await db.execute<ImplementedRow>(sql`
    with implemented as (
      select va.agency_id, v.procedure_id, v.name, v.online_level,
             v.content->'fees' as fees,
             jsonb_path_query_array(v.content, '$.cases[*].fees[*]') as case_fees,
             jsonb_path_query_array(v.content, '$.methods[*].fees[*]') as method_fees
        from procedure_version_agencies va
        join procedure_versions v on v.id = va.version_id
       where va.agency_id = any(${intArray(ids)}::int[]) and v.status = 'published'
         and v.effective_from <= ${period.to}::date
         and (v.effective_to is null or v.effective_to > ${period.to}::date)
    )
    select i.agency_id, i.procedure_id, p.code, i.name, i.online_level::text as online_level,
           i.fees, i.case_fees, i.method_fees, s.received, s.received_online
      from implemented i
      join procedures p on p.id = i.procedure_id
      cross join lateral (
        select coalesce(sum(sd.received), 0)::int as received,
               coalesce(sum(sd.received) filter (where sd.channel = 'online'), 0)::int as received_online
          from stats_daily sd
         where sd.agency_id = i.agency_id and sd.procedure_id = i.procedure_id
           and sd.day between ${period.from}::date and ${period.to}::date
      ) s
     order by p.code`);
  const byAgency = new Map<number, CatalogProcedureRow[]>();
  const byProcedure = new Map<number, CatalogProcedureRow>();
  for (const r of result.rows) {
    const row: CatalogProcedureRow = {
      procedureId: r.procedure_id,
      code: r.code,
      name: r.name,
      onlineLevel: r.online_level,
      hasFee: hasFee([...(r.fees ?? []), ...(r.case_fees ?? []), ...(r.method_fees ?? [])]),
      received: r.received,
      receivedOnline: r.received_online,
    };
    let list = byAgency.get(r.agency_id);
    if (!list) byAgency.set(r.agency_id, (list = []));
    list.push(row);
    const seen = byProcedure.get(r.procedure_id);
    if (seen) {
      seen.received += row.received;
      seen.receivedOnline += row.receivedOnline;
    } else byProcedure.set(r.procedure_id, { ...row });
  }
  return { rows: [...byProcedure.values()], byAgency };
}

export async function catalogMetrics(
  db: Executor,
  principal: Principal,
  input: ReportInput,
  now: number,
): Promise<CatalogMetricsReport> {
  const scope = await reportScope(db, principal, input, now);
  const data = await catalogData(db, scope);
  const groups: CatalogGroup[] = scope.subtree
    ? scope.agencies
        .filter((a) => data.byAgency.has(a.id))
        .map((a) => {
          const { summary: _summary, ...figures } = catalogFigures(data.byAgency.get(a.id)!);
          return { key: a.code, name: a.name, ...figures };
        })
    : [];
  return {
    agency: scope.agency.code,
    agencyName: scope.agency.name,
    from: scope.period.from,
    to: scope.period.to,
    subtree: scope.subtree,
    catalogDay: scope.period.to,
    ...catalogFigures(data.rows),
    procedures: data.rows.map((r) => ({
      code: r.code,
      name: r.name,
      onlineLevel: r.onlineLevel,
      hasFee: r.hasFee,
      payableOnline: payableOnline(r),
      received: r.received,
      receivedOnline: r.receivedOnline,
    })),
    groups,
  };
}
