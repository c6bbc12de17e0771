// Hooks of the working calendar page: a year's days off and make-up days, and the official notice that sets
// them (system administrators).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalendarYear, OfficialNotice, YearDay, YearDays } from '../../../contracts/calendar.ts';
import { api } from './client.ts';
import { keys } from './hooks.ts';

// The answers' shapes are the server's contracts (src/contracts), imported as types only.
export type { CalendarYear, OfficialNotice as Notice, YearDay };
export type YearDayKind = YearDay['kind'];

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: keys.calendarYear(year),
    queryFn: () => api<CalendarYear>('GET', `/api/v1/calendar/years/${year}`),
  });
}

export function useReplaceYear(year: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (notice: OfficialNotice) => api<YearDays>('PUT', `/api/v1/calendar/years/${year}`, notice),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.calendarYear(year) }),
  });
}
