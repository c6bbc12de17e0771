import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';

export interface Notice {
  id: number;
  /** dossier.near_due, dossier.overdue, dossier.<action>, and kinds added later. */
  kind: string;
  title: string;
  titleEn: string;
  dossierCode: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NoticePage {
  items: Notice[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export const noticeKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  page: (page: number, unreadOnly: boolean) => ['notifications', 'page', page, unreadOnly] as const,
};

/** How often the bell asks for the unread count: alerts come from a background job, not from this page. */
const UNREAD_POLL_MS = 60_000;

export function useUnreadNotices(enabled: boolean) {
  return useQuery({
    queryKey: noticeKeys.unread,
    // One row is the least a page can hold; the count comes with it.
    queryFn: async () => (await api<NoticePage>('GET', '/api/v1/me/notifications?pageSize=1')).unread,
    enabled,
    refetchInterval: UNREAD_POLL_MS,
    staleTime: 15_000,
  });
}

export function useNotices(page: number, pageSize: number, unreadOnly: boolean) {
  return useQuery({
    queryKey: noticeKeys.page(page, unreadOnly),
    queryFn: () =>
      api<NoticePage>(
        'GET',
        `/api/v1/me/notifications?${new URLSearchParams({
          page: String(page),
          pageSize: String(pageSize),
          ...(unreadOnly ? { unread: 'true' } : {}),
        }).toString()}`,
      ),
    placeholderData: (previous) => previous,
  });
}

/** Marks the given notices read, or all of the caller's without ids. */
export function useMarkNoticesRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids?: number[]) =>
      api<{ marked: number; unread: number }>(
        'POST',
        '/api/v1/me/notifications/read',
        ids === undefined ? {} : { ids },
      ),
    onSuccess: async (result) => {
      client.setQueryData(noticeKeys.unread, result.unread);
      await client.invalidateQueries({ queryKey: noticeKeys.all });
    },
  });
}
