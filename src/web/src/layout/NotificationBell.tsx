import { Anchor, Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUnreadNotices } from '../api/notifications.ts';

/** The bell in the header: a link to the notification centre with the count of unread notices. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadNotices(true).data ?? 0;
  const label = unread > 0 ? t('notices.bellUnread', { count: unread }) : t('notices.bell');
  return (
    <Anchor
      component={Link}
      to="/thong-bao"
      c="white"
      aria-label={label}
      title={label}
      data-testid="notification-bell"
      style={{ position: 'relative', display: 'inline-flex', alignItems: 'center', padding: 4 }}
    >
      <svg width="22" height="22" viewBox="0 0 24 24" fill="none" aria-hidden="true" focusable="false">
        <path
          d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm-2.2 15a2.3 2.3 0 0 0 4.4 0"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinejoin="round"
        />
      </svg>
      {unread > 0 && (
        <Box
          component="span"
          aria-hidden="true"
          data-testid="notification-count"
          style={{
            position: 'absolute',
            top: -4,
            right: -6,
            minWidth: 18,
            height: 18,
            padding: '0 4px',
            borderRadius: 9,
            background: '#fff',
            color: '#a61e1e',
            fontSize: 11,
            fontWeight: 700,
            lineHeight: '18px',
            textAlign: 'center',
          }}
        >
          {unread > 99 ? '99+' : unread}
        </Box>
      )}
    </Anchor>
  );
}
