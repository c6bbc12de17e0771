import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MarkReadResult, Notification, NotificationList } from '../../../contracts/notifications.ts';
import { api } from './client.ts';

// The answers' shapes are the server's contracts, imported as types only.
export type { Notification as Notice, NotificationList as NoticePage };

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
    queryFn: async () => (await api<NotificationList>('GET', '/api/v1/me/notifications?pageSize=1')).unread,
    enabled,
    refetchInterval: UNREAD_POLL_MS,
    staleTime: 15_000,
  });
}

export function useNotices(page: number, pageSize: number, unreadOnly: boolean) {
  return useQuery({
    queryKey: noticeKeys.page(page, unreadOnly),
    queryFn: () =>
      api<NotificationList>(
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
      api<MarkReadResult>('POST', '/api/v1/me/notifications/read', ids === undefined ? {} : { ids }),
    onSuccess: async (result) => {
      client.setQueryData(noticeKeys.unread, result.unread);
      await client.invalidateQueries({ queryKey: noticeKeys.all });
    },
  });
}
