/**
 * The QĐ 766 index of an agency (optionally with its subtree) over a period, from the data the system
 * holds: the period report (flows from the daily aggregates, stocks from the range indexes), the catalog
 * metrics, and three range reads bounded by the period — the dossiers received in it with their online
 * payments and scanned components (the (agency, received_at) index and, for imported history, the
 * (agency, lifetime) GiST index), the results issued in it (the dossiers' GiST index), and the ratings given
 * in it (the (agency, created_at) index). None of them reads the years before the period; their cost grows
 * with the dossiers of the period, since payments, results and scans are not in the daily aggregates.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { payableOnline } from '../../domain/statistics/catalog-metrics.ts';
import {
  scoreServiceIndex,
  type ServiceIndexCounts,
  type ServiceIndexScore,
} from '../../domain/statistics/service-index.ts';
import { catalogData } from './catalog-metrics.ts';
import { periodReport } from './period-report.ts';
import { intArray, reportScope, type ReportInput, type ReportScope } from './report-scope.ts';

export interface ServiceIndexReport extends ServiceIndexScore {
  agency: string;
  agencyName: string;
  from: string;
  to: string;
  subtree: boolean;
  counts: ServiceIndexCounts;
}

interface ReceivedRow extends Record<string, unknown> {
  procedure_id: number;
  /** Received in the period (this system's dossiers and imported history). */
  dossiers: number;
  /** Of those, paid online: a payment gateway recorded it, or the imported row says so. */
  paid: number;
  /** This system's in-person and postal dossiers received in the period (history has no files). */
  paper: number;
  /** Of those, with a component scanned before the end of the period. */
  scanned: number;
}

/**
 * Dossiers received in the period, per procedure: one pass over this system's dossiers on the
 * (agency, received_at) index, one over imported history on its (agency, lifetime) GiST index.
 */
async function received(db: Db, scope: ReportScope): Promise<ReceivedRow[]> {
  const { period, ids } = scope;
  const start = new Date(period.start);
  const end = new Date(period.end);
  const result = await db.execute<ReceivedRow>(sql`
    with live as (
      select d.procedure_id, coalesce(p.paid, false) as paid, d.channel <> 'online' as paper,
             coalesce(cf.scanned, false) as scanned
        from dossiers d
        -- Only a dossier that waited for a financial obligation can have paid, and a payment ends that
        -- pause: the payment event is found by the pause's end on the events' time index, one probe per
        -- pause, instead of reading every event of every dossier (LIMIT keeps the lookups per dossier).
        left join lateral (
          select true as paid
            from jsonb_array_elements(d.state->'pauses') ps
            join dossier_events e
              on e.at = timestamptz 'epoch' + (ps->>'to')::bigint * interval '1 millisecond'
             and e.dossier_id = d.id
           where ps->>'reason' = 'financial_obligation' and e.action = 'record_payment'
             and e.actor_role = 'system' and e.at < ${end}
           limit 1
        ) p on true
        left join lateral (
          select true as scanned from dossier_files f
           where d.channel <> 'online' and f.dossier_id = d.id and f.purpose = 'component'
             and f.uploaded_at < ${end}
           limit 1
        ) cf on true
       where d.agency_id = any(${intArray(ids)}::int[]) and d.received_at >= ${start} and d.received_at < ${end}
         and d.status <> 'refused'
    ), history as (
      select h.procedure_id, h.paid_online as paid, false as paper, false as scanned
        from unnest(${intArray(ids)}::int[]) a(id)
        cross join lateral (
          select procedure_id, paid_online from dossier_history
           where agency_id = a.id and outcome <> 'refused'
             and tstzrange(received_at, coalesce(finished_at, 'infinity')) && tstzrange(${start}, ${end})
             and received_at >= ${start} and received_at < ${end}
        ) h
    )
    select procedure_id, count(*)::int as dossiers, count(*) filter (where paid)::int as paid,
           count(*) filter (where paper)::int as paper, count(*) filter (where scanned)::int as scanned
      from (select * from live union all select * from history) x
     group by procedure_id`);
  return result.rows;
}

/** Results this system issued in the period, and those that are electronic. */
async function issued(db: Db, scope: ReportScope): Promise<{ issued: number; electronic: number }> {
  const { period, ids } = scope;
  const start = new Date(period.start);
  const end = new Date(period.end);
  const result = await db.execute<{ issued: number; electronic: number }>(sql`
    with issued as (
      select d.id, d.resolved_at
        from unnest(${intArray(ids)}::int[]) a(id)
        cross join lateral (
          select id, resolved_at from dossiers
           where agency_id = a.id and received_at is not null
             and tstzrange(received_at, coalesce(resolved_at, closed_at, 'infinity'))
                 && tstzrange(${start}::timestamptz - interval '1 microsecond', ${end}::timestamptz)
             and status in ('resolved', 'returned') and resolved_at >= ${start} and resolved_at < ${end}
        ) d
    )
    -- The issue event is the one at the dossier's resolved_at: one probe of the events' time index per
    -- result instead of reading every event of the dossier.
    select count(*)::int as issued, count(*) filter (where ev.electronic or rf.result_file)::int as electronic
      from issued i
      left join lateral (
        select true as electronic from dossier_events e
         where e.at = i.resolved_at and e.dossier_id = i.id and e.action = 'issue'
           and (e.event->'data'->>'electronic')::boolean
         limit 1
      ) ev on true
      left join lateral (
        select true as result_file from dossier_files f
         where f.dossier_id = i.id and f.purpose = 'result' and f.uploaded_at < ${end}
         limit 1
      ) rf on true`);
  return result.rows[0]!;
}

async function ratings(db: Db, scope: ReportScope): Promise<{ total: number; not_satisfied: number }> {
  const { period, ids } = scope;
  const result = await db.execute<{ total: number; not_satisfied: number }>(sql`
    select count(*)::int as total, count(*) filter (where quick = 'not_satisfied')::int as not_satisfied
      from dossier_ratings
     where agency_id = any(${intArray(ids)}::int[])
       and created_at >= ${new Date(period.start)} and created_at < ${new Date(period.end)}`);
  return result.rows[0]!;
}

export async function serviceIndexReport(
  db: Db,
  principal: Principal,
  input: ReportInput,
  now: number,
): Promise<ServiceIndexReport> {
  const scope = await reportScope(db, principal, input, now);
  const [report, catalog, inPeriod, results, rated] = await Promise.all([
    periodReport(
      db,
      principal,
      {
        agency: input.agency,
        from: input.from,
        to: input.to,
        subtree: scope.subtree,
      },
      now,
    ),
    catalogData(db, scope),
    received(db, scope),
    issued(db, scope),
    ratings(db, scope),
  ]);

  const feeProcedures = new Set(catalog.rows.filter((r) => r.hasFee).map((r) => r.procedureId));
  const payable = catalog.rows.filter((r) => payableOnline(r)).length;
  // A dossier carries a fee when its procedure has one, or when it was paid online anyway.
  let feeDossiers = 0;
  let paidDossiers = 0;
  let paper = 0;
  let scanned = 0;
  const proceduresPaidOnline = new Set<number>();
  for (const p of inPeriod) {
    feeDossiers += feeProcedures.has(p.procedure_id) ? p.dossiers : p.paid;
    paidDossiers += p.paid;
    if (p.paid > 0 && feeProcedures.has(p.procedure_id)) proceduresPaidOnline.add(p.procedure_id);
    paper += p.paper;
    scanned += p.scanned;
  }

  const counts: ServiceIndexCounts = {
    onTime: {
      numerator: report.resolved.early + report.resolved.onTime + report.inProgress.withinDeadline,
      denominator: report.resolved.total + report.inProgress.total,
    },
    onlineDossiers: { numerator: report.received.online, denominator: report.received.inPeriod },
    fullOnlineProcedures: {
      numerator: catalog.rows.filter((r) => r.onlineLevel === 'full').length,
      denominator: catalog.rows.length,
    },
    onlinePaymentProcedures: { numerator: payable, denominator: feeProcedures.size },
    proceduresWithOnlinePayment: { numerator: proceduresPaidOnline.size, denominator: feeProcedures.size },
    dossiersPaidOnline: { numerator: paidDossiers, denominator: feeDossiers },
    electronicResults: { numerator: results.electronic, denominator: results.issued },
    digitizedDossiers: { numerator: scanned, denominator: paper },
    notSatisfied: { numerator: rated.not_satisfied, denominator: rated.total },
  };
  return {
    agency: scope.agency.code,
    agencyName: scope.agency.name,
    from: scope.period.from,
    to: scope.period.to,
    subtree: scope.subtree,
    counts,
    ...scoreServiceIndex(counts),
  };
}
