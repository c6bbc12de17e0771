import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from './client.ts';

// One query-key factory per resource, so invalidation after a change names exactly what it touched.
export const keys = {
  me: ['me'] as const,
  agencies: ['agencies'] as const,
  calendarYear: (year: number) => ['calendar', 'year', year] as const,
  procedures: (q: string) => ['procedures', 'search', q] as const,
  procedure: (code: string) => ['procedures', 'one', code] as const,
  profile: ['me', 'profile'] as const,
  /** Every dossier query starts with this: an action invalidates lists and pages at once. */
  dossiersAll: ['dossiers'] as const,
  dossiers: (params: Record<string, string | number | boolean | string[] | undefined>) =>
    ['dossiers', 'list', params] as const,
  dossier: (ref: string) => ['dossiers', 'one', ref] as const,
  track: (code: string, lastFour: string | null) => ['dossiers', 'track', code, lastFour] as const,
  staff: (agency: string, role: string) => ['staff', agency, role] as const,
  notifications: ['notifications'] as const,
};

export type StaffRole =
  | 'receiving_officer'
  | 'handling_officer'
  | 'approver'
  | 'clerk'
  | 'agency_admin'
  | 'supervisor'
  | 'system_admin';

export interface Me {
  id: string;
  kind: 'staff' | 'citizen' | 'business';
  username: string;
  fullName: string;
  roles: { role: StaffRole; agencyId: number | null }[];
  csrfToken: string;
}

export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        const me = await api<Me>('GET', '/api/v1/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (err) {
        if (err instanceof Error && 'status' in err && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) =>
      api<{ csrfToken: string }>('POST', '/api/v1/auth/login', input),
    onSuccess: async (result) => {
      setCsrfToken(result.csrfToken);
      await client.invalidateQueries({ queryKey: keys.me });
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ ok: boolean }>('POST', '/api/v1/auth/logout'),
    onSettled: async () => {
      setCsrfToken(undefined);
      client.setQueryData(keys.me, null);
      await client.invalidateQueries();
    },
  });
}

export interface Agency {
  code: string;
  name: string;
  level: 'ministry' | 'province' | 'department' | 'district' | 'commune';
  parentCode: string | null;
  address: string | null;
  phone: string | null;
}

export function useAgencies() {
  return useQuery({
    queryKey: keys.agencies,
    queryFn: () => api<{ items: Agency[] }>('GET', '/api/v1/agencies'),
    staleTime: 5 * 60_000,
  });
}

export type YearDayKind = 'holiday' | 'compensatory' | 'day_off' | 'make_up_working_day';
export interface YearDay {
  date: string;
  kind: YearDayKind;
  name: string;
  name_en: string;
}
export interface Notice {
  tetDaysOff?: string[];
  nationalDayDaysOff?: string[];
  daysOff: { date: string; reason?: string }[];
  makeUpWorkingDays: string[];
  source?: string;
  notes?: string;
}
export interface CalendarYear {
  year: number;
  source: 'stored' | 'built_in' | 'computed';
  notice: Notice;
  days: YearDay[];
}

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: keys.calendarYear(year),
    queryFn: () => api<CalendarYear>('GET', `/api/v1/calendar/years/${year}`),
  });
}

export function useReplaceYear(year: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (notice: Notice) =>
      api<{ year: number; days: YearDay[] }>('PUT', `/api/v1/calendar/years/${year}`, notice),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.calendarYear(year) }),
  });
}

export interface ProcedureSummary {
  code: string;
  name: string;
  field: { code: string; name: string };
  level: string;
  onlineLevel: 'full' | 'partial';
  deadline: { amount: number; unit: 'working_hours' | 'working_days' | 'calendar_days' | 'months' };
  agencies: { code: string; name: string }[];
}

export function useProcedureSearch(q: string) {
  return useQuery({
    queryKey: keys.procedures(q),
    queryFn: () =>
      api<{ items: ProcedureSummary[]; total: number }>(
        'GET',
        `/api/v1/procedures?${new URLSearchParams({ q, pageSize: '20' }).toString()}`,
      ),
    placeholderData: (previous) => previous,
    retry: false,
  });
}

export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  titleEn: string;
  dossierCode: string | null;
  createdAt: string;
  readAt: string | null;
}

export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: keys.notifications,
    queryFn: () =>
      api<{ items: NotificationItem[]; total: number; unread: number }>(
        'GET',
        '/api/v1/me/notifications?pageSize=50',
      ),
    enabled,
    refetchInterval: 60_000,
  });
}

export function useMarkNotificationsRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[] | undefined) =>
      api<{ marked: number; unread: number }>('POST', '/api/v1/me/notifications/read', ids ? { ids } : {}),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.notifications }),
  });
}
