/**
 * The dashboard of an agency (or of the subtree a supervisor oversees) in one answer: the dossier counts by
 * status, this week's, the open, near-due and overdue ones with the ten most overdue, this year's on-time
 * share, six months of received and resolved, and the QĐ 766 index. Each part is the use case the pages
 * use alone (the dossier list, the period report, the index), with their scope and checks, so the figures
 * are the same as on those pages; the page makes one request instead of some twenty-five.
 */
import { dashboardStatuses, type Dashboard, type DashboardDossier } from '../../contracts/reports.ts';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { lastMonths, mondayOf, vnDate } from '../../domain/statistics/calendar-periods.ts';
import type { DossierStatus } from '../../domain/dossier/index.ts';
import { listDossiers, type DossierListItem, type ListDossiersInput } from '../dossiers/list-dossiers.ts';
import { periodReport } from './period-report.ts';
import { serviceIndexReport } from './service-index.ts';

export interface DashboardInput {
  agency: string;
  subtree?: boolean | undefined;
}

export { dashboardStatuses };

const openStatuses: DossierStatus[] = [
  'received',
  'processing',
  'supplement_requested',
  'financial_obligation',
  'withdrawal_requested',
];

export type { Dashboard };

/** A dossier of the list, as the dashboard shows it. */
function dashboardDossier(d: DossierListItem): DashboardDossier {
  return {
    id: d.id,
    code: d.code,
    status: d.status,
    statusName: d.statusName,
    procedure: d.procedure,
    agency: d.agency,
    applicantName: d.applicantName,
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    nearDue: d.nearDue,
  };
}

export async function dashboard(
  db: Db,
  principal: Principal,
  input: DashboardInput,
  now: number,
): Promise<Dashboard> {
  const subtree = input.subtree ?? false;
  const today = vnDate(now);
  const yearFrom = `${today.slice(0, 4)}-01-01`;
  const scope = { agency: input.agency, subtree };
  // The year's report first: it refuses an agency the caller may not report on before anything is counted.
  const year = await periodReport(db, principal, { ...scope, from: yearFrom, to: today }, now);
  // The list is scoped to the caller already: a subtree view counts everything the caller may see.
  const base: Partial<ListDossiersInput> = subtree ? {} : { agency: input.agency };
  const count = async (filters: Partial<ListDossiersInput>) =>
    (await listDossiers(db, principal, { ...base, ...filters, page: 1, pageSize: 1 }, now)).total;
  const weekFrom = `${mondayOf(today)}T00:00:00+07:00`;
  const months = lastMonths(today, 6);
  const [statusCounts, week, open, overdueCount, soon, overdue, trend, index] = await Promise.all([
    Promise.all(dashboardStatuses.map((s) => count({ status: [s] }))),
    count({ receivedFrom: weekFrom }),
    count({ status: openStatuses }),
    count({ overdue: true }),
    listDossiers(
      db,
      principal,
      {
        ...base,
        status: openStatuses,
        dueBefore: new Date(now + 14 * 86_400_000).toISOString(),
        sort: 'due',
        page: 1,
        pageSize: 200,
      },
      now,
    ),
    listDossiers(db, principal, { ...base, overdue: true, sort: 'due', page: 1, pageSize: 10 }, now),
    Promise.all(months.map((m) => periodReport(db, principal, { ...scope, from: m.from, to: m.to }, now))),
    serviceIndexReport(db, principal, { ...scope, from: yearFrom, to: today }, now),
  ]);
  return {
    agency: input.agency,
    subtree,
    today,
    weekFrom,
    counts: {
      statuses: Object.fromEntries(dashboardStatuses.map((s, i) => [s, statusCounts[i]!])) as Record<
        (typeof dashboardStatuses)[number],
        number
      >,
      week,
      open,
      overdue: overdueCount,
    },
    nearDue: { count: soon.items.filter((d) => d.nearDue).length, more: soon.total > soon.items.length },
    overdue: { total: overdue.total, items: overdue.items.map(dashboardDossier) },
    year: { from: yearFrom, to: today, onTimeShare: year.rates.onTimeShare },
    trend: months.map((m, i) => ({
      ...m,
      received: trend[i]!.received.inPeriod,
      resolved: trend[i]!.resolved.total,
    })),
    index,
  };
}
