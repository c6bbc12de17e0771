import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Pagination,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../api/hooks.ts';
import { useMarkNoticesRead, useNotices, type Notice } from '../api/notifications.ts';
import { formatDateTime } from '../format.ts';
import { noticeKind } from '../notices/kinds.ts';

const PAGE_SIZE = 20;

/** The notification centre: the caller's notices, newest first, each leading to its dossier. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotices(page, PAGE_SIZE, unreadOnly);
  const mark = useMarkNoticesRead();
  if (me.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (!me.data)
    return (
      <Stack>
        <Title order={2}>{t('notices.heading')}</Title>
        <Alert color="blue">{t('notices.loginFirst')}</Alert>
        <Group>
          <Button component={Link} to={`/dang-nhap?next=${encodeURIComponent('/thong-bao')}`} color="red.9">
            {t('nav.login')}
          </Button>
        </Group>
      </Stack>
    );
  const staff = me.data.kind === 'staff';
  const unread = list.data?.unread ?? 0;
  return (
    <Stack>
      <Title order={2}>{t('notices.heading')}</Title>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Checkbox
          label={t('notices.unreadOnly')}
          checked={unreadOnly}
          onChange={(e) => {
            setUnreadOnly(e.currentTarget.checked);
            setPage(1);
          }}
        />
        <Button
          variant="outline"
          color="red.9"
          size="sm"
          disabled={unread === 0}
          loading={mark.isPending && mark.variables === undefined}
          onClick={() => mark.mutate(undefined)}
        >
          {t('notices.markAll')}
        </Button>
      </Group>
      {mark.error && (
        <Alert color="red" role="alert">
          {mark.error.message}
        </Alert>
      )}
      {list.isPending ? (
        <Loader role="status" aria-label={t('common.loading')} />
      ) : list.error ? (
        <Alert color="red" role="alert">
          {list.error.message}
        </Alert>
      ) : list.data.items.length === 0 ? (
        <Text>{unreadOnly ? t('notices.noneUnread') : t('notices.none')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('notices.count', { count: list.data.total })} · {t('notices.unread', { count: unread })}
          </Text>
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {list.data.items.map((n) => (
              <NoticeItem key={n.id} notice={n} staff={staff} />
            ))}
          </Stack>
          {list.data.total > PAGE_SIZE && (
            <Pagination
              total={Math.ceil(list.data.total / PAGE_SIZE)}
              value={page}
              onChange={setPage}
              color="red.9"
              getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
              getItemProps={(p) => ({ 'aria-label': t('pagination.page', { page: p }) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}

function NoticeItem({ notice: n, staff }: { notice: Notice; staff: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const mark = useMarkNoticesRead();
  const en = i18n.language === 'en';
  const kind = noticeKind(n.kind);
  const title = en ? n.titleEn : n.title;
  const unread = n.readAt === null;
  const to = n.dossierCode
    ? `${staff ? '/can-bo/ho-so' : '/ho-so-cua-toi'}/${encodeURIComponent(n.dossierCode)}`
    : null;
  return (
    <Card
      component="li"
      withBorder
      padding="sm"
      data-notice={n.id}
      data-kind={n.kind}
      data-unread={unread ? 'true' : 'false'}
      style={unread ? { borderLeft: '4px solid #c92a2a' } : undefined}
    >
      <Group gap="xs" wrap="wrap" mb={4}>
        <Badge
          variant="filled"
          styles={{ root: { background: kind.colour, color: '#fff', textTransform: 'none' } }}
        >
          {en ? kind.en : kind.vi}
        </Badge>
        {/* Said in words, not by colour alone. */}
        {unread && (
          <Text size="xs" fw={700} c="red.9">
            {t('notices.new')}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {formatDateTime(n.createdAt)}
        </Text>
      </Group>
      {to ? (
        <Anchor
          component={Link}
          to={to}
          fw={unread ? 700 : 400}
          onClick={(e) => {
            if (!unread) return;
            // Opening a notice reads it: mark it first, so the count is right on the page it opens.
            e.preventDefault();
            mark.mutate([n.id], { onSettled: () => void navigate(to) });
          }}
        >
          {title}
        </Anchor>
      ) : (
        <Text fw={unread ? 700 : 400}>{title}</Text>
      )}
      {unread && (
        <Group mt={6}>
          <Button
            size="compact-xs"
            variant="outline"
            color="red.9"
            loading={mark.isPending}
            aria-label={t('notices.markOneOf', { title })}
            onClick={() => mark.mutate([n.id])}
          >
            {t('notices.markOne')}
          </Button>
        </Group>
      )}
    </Card>
  );
}
