import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from './client.ts';
import type { Done, LoginBody, LoginResult, Me, Session } from '../../../contracts/account.ts';
import type { AgencyList } from '../../../contracts/agencies.ts';
import type { ProcedureFieldList, ProcedureList, ProcedureView } from '../../../contracts/catalog.ts';

// The answers' shapes are the server's contracts (src/contracts), imported as types only.
export type { Me };
export type { Agency } from '../../../contracts/agencies.ts';
export type { ProcedureListItem as ProcedureSummary } from '../../../contracts/catalog.ts';
export type { StaffRole } from '../../../contracts/staff.ts';

// One query-key factory per resource, so invalidation after a change names exactly what it touched.
export const keys = {
  me: ['me'] as const,
  agencies: ['agencies'] as const,
  calendarYear: (year: number) => ['calendar', 'year', year] as const,
  procedures: (q: string, filters: Readonly<Record<string, string>> = {}) =>
    ['procedures', 'search', q, filters] as const,
  procedureFields: ['procedures', 'fields'] as const,
  procedure: (code: string) => ['procedures', 'one', code] as const,
  profile: ['me', 'profile'] as const,
  /** Every dossier query starts with this: an action invalidates lists and pages at once. */
  dossiersAll: ['dossiers'] as const,
  dossiers: (params: Record<string, string | number | boolean | string[] | undefined>) =>
    ['dossiers', 'list', params] as const,
  dossier: (ref: string) => ['dossiers', 'one', ref] as const,
  track: (code: string, lastFour: string | null) => ['dossiers', 'track', code, lastFour] as const,
  staff: (agency: string, role: string) => ['staff', agency, role] as const,
  applicantLookup: (personalId: string) => ['desk', 'applicant', personalId] as const,
  receiptTime: (agency: string) => ['calendar', 'receipt-time', agency] as const,
};

/**
 * The procedure page's query: used by its hook (api/dossiers.ts, in the page's lazy chunk) and started by its
 * route in the main bundle while that chunk loads, so that on a slow line data and code come in parallel.
 */
export const procedureQuery = (code: string) => ({
  queryKey: keys.procedure(code),
  queryFn: () => api<ProcedureView>('GET', `/api/v1/procedures/${encodeURIComponent(code)}`),
  staleTime: 5 * 60_000,
  retry: false,
});

/** Who is logged in (null: a visitor); also started by main.tsx before the first render. */
export const meQuery = {
  queryKey: keys.me,
  // Not /api/v1/me: a visitor gets 200 with me: null there, not a 401 on every first visit.
  queryFn: async () => {
    const { me } = await api<Session>('GET', '/api/v1/auth/session');
    if (me) setCsrfToken(me.csrfToken);
    return me;
  },
  staleTime: 60_000,
};

export function useMe() {
  return useQuery(meQuery);
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginBody) => api<LoginResult>('POST', '/api/v1/auth/login', input),
    onSuccess: async (result) => {
      setCsrfToken(result.csrfToken);
      await client.invalidateQueries({ queryKey: keys.me });
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<Done>('POST', '/api/v1/auth/logout'),
    onSettled: async () => {
      setCsrfToken(undefined);
      client.setQueryData(keys.me, null);
      await client.invalidateQueries();
    },
  });
}

export function useAgencies() {
  return useQuery({
    queryKey: keys.agencies,
    queryFn: () => api<AgencyList>('GET', '/api/v1/agencies'),
    staleTime: 5 * 60_000,
  });
}

/** Filters and page of the public procedure list (GET /api/v1/procedures). */
export interface ProcedureFilters {
  field?: string | undefined;
  agency?: string | undefined;
  level?: string | undefined;
  online?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

/**
 * A search of the catalog: the home page's list, also started by main.tsx before the first render. The key
 * holds only the filters that change the answer (page 1 and 20 per page are the defaults), so the list asked
 * for early and the one the home page renders share one cache entry.
 */
export const procedureSearchQuery = (q: string, filters: ProcedureFilters = {}) => {
  const params = new URLSearchParams({ q, pageSize: String(filters.pageSize ?? 20) });
  const effective: Record<string, string> = {};
  for (const key of ['field', 'agency', 'level', 'online', 'page', 'pageSize'] as const) {
    const value = filters[key];
    if (
      value === undefined ||
      value === '' ||
      (key === 'page' && value === 1) ||
      (key === 'pageSize' && value === 20)
    )
      continue;
    effective[key] = String(value);
    if (key !== 'pageSize') params.set(key, String(value));
  }
  return {
    queryKey: keys.procedures(q, effective),
    queryFn: () => api<ProcedureList>('GET', `/api/v1/procedures?${params.toString()}`),
    retry: false,
  };
};

export function useProcedureSearch(q: string, filters: ProcedureFilters = {}) {
  return useQuery({
    ...procedureSearchQuery(q, filters),
    placeholderData: (previous: ProcedureList | undefined) => previous,
  });
}

/** Fields (lĩnh vực) procedures are filed under, for the public filters. */
export function useProcedureFieldList() {
  return useQuery({
    queryKey: keys.procedureFields,
    queryFn: () => api<ProcedureFieldList>('GET', '/api/v1/procedure-fields'),
    staleTime: 5 * 60_000,
  });
}
