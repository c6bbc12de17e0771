import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMarkNotificationsRead, useMe, useNotifications } from '../api/hooks.ts';
import { formatDateTime } from '../format.ts';

/** The caller's notifications, newest first; opening a dossier from one marks it read. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const list = useNotifications(!!me.data);
  const mark = useMarkNotificationsRead();
  if (me.isPending || list.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (list.error)
    return (
      <Alert color="red" role="alert">
        {list.error.message}
      </Alert>
    );
  const staff = me.data?.kind === 'staff';
  const items = list.data?.items ?? [];
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('notifications.heading')}</Title>
        {(list.data?.unread ?? 0) > 0 && (
          <Button variant="outline" color="red.9" size="xs" onClick={() => mark.mutate(undefined)}>
            {t('notifications.markAll')}
          </Button>
        )}
      </Group>
      {items.length === 0 && <Text c="dimmed">{t('notifications.none')}</Text>}
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((n) => (
          <Card key={n.id} withBorder padding="sm" component="li" data-kind={n.kind}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Stack gap={2}>
                <Text fw={n.readAt ? 400 : 600}>{i18n.language === 'en' ? n.titleEn : n.title}</Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(n.createdAt)}
                </Text>
              </Stack>
              <Group gap="xs">
                {!n.readAt && (
                  <Badge color="red.9" variant="filled">
                    {t('notifications.unread')}
                  </Badge>
                )}
                {n.dossierCode && (
                  <Anchor
                    component={Link}
                    to={`${staff ? '/can-bo/ho-so' : '/ho-so-cua-toi'}/${n.dossierCode}`}
                    onClick={() => {
                      if (!n.readAt) mark.mutate([n.id]);
                    }}
                  >
                    {t('notifications.open', { code: n.dossierCode })}
                  </Anchor>
                )}
              </Group>
            </Group>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
