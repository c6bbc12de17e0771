import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  Pagination,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { refOf, useDossierList, type DossierListItem } from '../api/dossiers.ts';
import { keys, useMe } from '../api/hooks.ts';
import { StandingBadge, StatusBadge } from '../dossier/ui.tsx';
import { formatDateTime } from '../format.ts';

const PAGE_SIZE = 10;

export function MyDossiersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [page, setPage] = useState(1);
  const list = useDossierList({ mine: true, sort: 'created', page, pageSize: PAGE_SIZE }, !!me.data);
  const [deleting, setDeleting] = useState<DossierListItem | null>(null);
  if (me.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (!me.data)
    return (
      <Stack>
        <Title order={2}>{t('mine.heading')}</Title>
        <Alert color="blue">{t('mine.loginFirst')}</Alert>
        <Group>
          <Button
            component={Link}
            to={`/dang-nhap?next=${encodeURIComponent('/ho-so-cua-toi')}`}
            color="red.9"
          >
            {t('nav.login')}
          </Button>
        </Group>
      </Stack>
    );
  return (
    <Stack>
      <Title order={2}>{t('mine.heading')}</Title>
      {list.isPending ? (
        <Loader role="status" aria-label={t('common.loading')} />
      ) : list.error ? (
        <Alert color="red" role="alert">
          {list.error.message}
        </Alert>
      ) : list.data.items.length === 0 ? (
        <Text>{t('mine.none')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('mine.count', { count: list.data.total })}
          </Text>
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {list.data.items.map((d) => (
              <Card key={d.id} component="li" withBorder padding="sm">
                <Anchor component={Link} to={`/ho-so-cua-toi/${refOf(d)}`} fw={600}>
                  {d.code ?? t('mine.draft')}
                </Anchor>
                <Text size="sm" mt={2}>
                  {d.procedure.name}
                </Text>
                <Group gap="xs" mt={6} wrap="wrap">
                  <StatusBadge status={d.status} name={d.statusName} />
                  {d.standing.kind === 'open' && <StandingBadge standing={d.standing} nearDue={d.nearDue} />}
                </Group>
                <Text size="sm" c="dimmed" mt={4}>
                  {d.submittedAt
                    ? `${t('dossier.submittedAt')}: ${formatDateTime(d.submittedAt)}`
                    : d.receivedAt // brought to a desk: never submitted online, received there
                      ? `${t('dossier.receivedAt')}: ${formatDateTime(d.receivedAt)}`
                      : t('mine.notSubmitted')}
                  {d.dueAt ? ` · ${t('dossier.dueAt')}: ${formatDateTime(d.dueAt)}` : ''}
                </Text>
                {/* Only drafts the applicant started online: the server says the same. */}
                {d.status === 'draft' && d.channel === 'online' && (
                  <Group mt={6}>
                    <Button
                      size="compact-sm"
                      variant="outline"
                      color="red.9"
                      aria-haspopup="dialog"
                      aria-label={t('draftDelete.buttonOf', { name: d.procedure.name })}
                      onClick={() => setDeleting(d)}
                    >
                      {t('draftDelete.button')}
                    </Button>
                  </Group>
                )}
              </Card>
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
      <ConfirmDelete draft={deleting} onClose={() => setDeleting(null)} />
    </Stack>
  );
}

/** Asks before deleting a draft: it cannot be undone, and its uploaded files go with it. */
function ConfirmDelete({ draft, onClose }: { draft: DossierListItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: (d: DossierListItem) =>
      api<undefined>('DELETE', `/api/v1/dossiers/${encodeURIComponent(refOf(d))}`),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: keys.dossiersAll });
      onClose();
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Modal
      opened={draft !== null}
      onClose={close}
      title={t('draftDelete.title')}
      centered
      closeButtonProps={{ 'aria-label': t('draftDelete.cancel') }}
    >
      {draft && (
        <Stack gap="sm">
          <Text size="sm">{draft.procedure.name}</Text>
          <Text size="sm">{t('draftDelete.body')}</Text>
          {remove.error && (
            <Alert color="red" role="alert">
              {remove.error.message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('draftDelete.cancel')}
            </Button>
            <Button color="red.9" loading={remove.isPending} onClick={() => remove.mutate(draft)}>
              {t('draftDelete.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
