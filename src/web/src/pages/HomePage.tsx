import { Alert, Anchor, Badge, Card, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useProcedureSearch, type ProcedureSummary } from '../api/hooks.ts';
import { MAX_QUERY_LENGTH } from '../../../domain/catalog/search-text.ts';
import { useDuration } from '../dossier/procedure-ui.tsx';

function Deadline({ deadline }: { deadline: ProcedureSummary['deadline'] }) {
  const duration = useDuration();
  return <>{duration(deadline)}</>;
}

export function HomePage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 200);
  const search = useProcedureSearch(debounced);
  const unavailable = search.error instanceof ApiError && search.error.status === 404;
  return (
    <Stack>
      <Title order={2}>{t('home.heading')}</Title>
      <TextInput
        label={t('home.searchLabel')}
        placeholder={t('home.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        size="md"
        rightSection={search.isFetching ? <Loader size="xs" /> : null}
        type="search"
        autoComplete="off"
        maxLength={MAX_QUERY_LENGTH}
      />
      {unavailable ? (
        <Alert color="gray">{t('home.unavailable')}</Alert>
      ) : search.error ? (
        <Alert color="red" role="alert">
          {search.error.message}
        </Alert>
      ) : search.data ? (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {search.data.total === 0 ? t('home.none') : t('home.results', { count: search.data.total })}
          </Text>
          <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {search.data.items.map((p) => (
              <Card key={p.code} component="li" withBorder padding="sm">
                <Anchor component={Link} to={`/thu-tuc/${p.code}`} fw={600} c="red.9">
                  {p.name}
                </Anchor>
                <Group gap="xs" mt={4} wrap="wrap">
                  <Text size="sm" c="dimmed">
                    {t('home.code')}: {p.code}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('home.field')}: {p.field.name}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('home.deadline')}: <Deadline deadline={p.deadline} />
                  </Text>
                  <Badge
                    variant="filled"
                    // Explicit colours: white on these greens/greys stays above 4.5:1.
                    styles={{
                      root: { background: p.onlineLevel === 'full' ? '#1b5e20' : '#343a40', color: '#fff' },
                    }}
                  >
                    {t(`home.online.${p.onlineLevel}`)}
                  </Badge>
                </Group>
              </Card>
            ))}
          </Stack>
        </>
      ) : (
        <Loader role="status" aria-label={t('common.loading')} />
      )}
    </Stack>
  );
}
