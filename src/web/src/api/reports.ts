// Hooks of the dashboard and the reports (the period report and its drill-down). Only lazy staff pages
// import this file.
import { useQuery } from '@tanstack/react-query';
import type {
  Dashboard,
  PeriodDrill,
  PeriodGroup,
  PeriodReport,
  ReportGrouping,
  ServiceIndex,
} from '../../../contracts/reports.ts';
import type { PeriodCell } from '../../../domain/statistics/period-report.ts';
import { adminKeys, query } from './admin.ts';
import { api } from './client.ts';

// The answers' shapes are the server's contracts (src/contracts), imported as types only.
export type { Dashboard, PeriodDrill, PeriodReport, ReportGrouping, ServiceIndex };
/** The figures of a row of the period report (and of its total). */
export type PeriodFigures = Omit<PeriodGroup, 'key' | 'name'>;

export const openStatuses = [
  'received',
  'processing',
  'supplement_requested',
  'financial_obligation',
  'withdrawal_requested',
] as const;

export interface ReportParams {
  agency: string;
  from: string;
  to: string;
  subtree?: boolean | undefined;
  groupBy?: ReportGrouping | undefined;
}

const reportUrl = (p: ReportParams) => `/api/v1/reports/resolution?${query({ ...p })}`;

export function useResolution(params: ReportParams | null) {
  return useQuery({
    queryKey: adminKeys.resolution({ ...(params ?? {}) }),
    queryFn: () => api<PeriodReport>('GET', reportUrl(params!)),
    enabled: !!params,
    staleTime: 60_000,
    retry: false,
  });
}

/** A figure of the period report: its row (none for the total) and its column (`section.name`). */
export interface DrillParams extends ReportParams {
  group?: string | undefined;
  cell: PeriodCell;
  page: number;
  pageSize: number;
}

/** The dossiers behind one figure of the period report (the same count, the same definitions). */
export function usePeriodDrill(params: DrillParams | null) {
  return useQuery({
    queryKey: adminKeys.resolutionDossiers({ ...(params ?? {}) }),
    queryFn: () => api<PeriodDrill>('GET', `/api/v1/reports/resolution/dossiers?${query({ ...params! })}`),
    enabled: !!params,
    staleTime: 60_000,
    retry: false,
  });
}

/** The whole dashboard of a scope in one request (counts, lists, trend and index). */
export function useDashboard(params: { agency: string; subtree: boolean }) {
  return useQuery({
    queryKey: adminKeys.dashboard({ ...params }),
    queryFn: () =>
      api<Dashboard>(
        'GET',
        `/api/v1/reports/dashboard?${query({ agency: params.agency, subtree: params.subtree || undefined })}`,
      ),
    staleTime: 30_000,
    retry: false,
  });
}

/** One of the five QĐ 766 groups as the dashboard's radar shows it. */
export interface IndexScore {
  key: string;
  name: string;
  /** Null when nothing in the group has data (not a zero: the radar leaves it out). */
  points: number | null;
  max: number;
  /** The points of the indicators that have data. */
  available: number;
}

/** The five groups of the index, each with its score and maximum, in the user's language. */
export function indexScores(
  index: ServiceIndex,
  language: string,
): { total: number; available: number; groups: IndexScore[] } {
  const groups = index.groups.map((g) => {
    // A group whose indicators all lack data has no score: its 0 points are not a result.
    const noData = g.availablePoints <= 0;
    return {
      key: g.id,
      name: language === 'en' ? g.name.en : g.name.vi,
      points: noData ? null : g.points,
      max: g.maxPoints,
      available: noData ? 0 : g.availablePoints,
    };
  });
  return { total: index.totals.points, available: index.totals.availablePoints, groups };
}
