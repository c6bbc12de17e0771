import {
  Alert,
  Anchor,
  Badge,
  Card,
  Group,
  Loader,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import {
  useAgencies,
  useProcedureFieldList,
  useProcedureSearch,
  type ProcedureSummary,
} from '../api/hooks.ts';
import { MAX_QUERY_LENGTH } from '../../../domain/catalog/search-text.ts';
import { useDuration } from '../dossier/procedure-ui.tsx';

const PAGE_SIZE = 20;
const FILTERS = ['field', 'agency', 'level', 'online'] as const;
type Filter = (typeof FILTERS)[number];

function Deadline({ deadline }: { deadline: ProcedureSummary['deadline'] }) {
  const duration = useDuration();
  return <>{duration(deadline)}</>;
}

/**
 * The public catalog: search, filters and pages. Filters and page live in the address (`?field=…&page=2`)
 * so that a list can be linked to and "back" from a procedure returns to the same page. Without a query the
 * server lists the most used procedures first, then in Vietnamese alphabetical order.
 */
export function HomePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q.trim(), 200);
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const filter = (k: Filter) => params.get(k) ?? undefined;
  /** Changes some parameters; any change but the page's goes back to page 1. */
  const update = (changes: Partial<Record<Filter | 'q' | 'page', string | null>>) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '' || v === undefined) next.delete(k);
          else next.set(k, v);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: !('page' in changes) },
    );
  useEffect(() => {
    // The page may be on its way out (a result clicked before the typing settled, the next page's chunk
    // still loading): writing the query then would navigate back here.
    if (window.location.pathname !== '/') return;
    if ((params.get('q') ?? '') !== debounced) update({ q: debounced });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the typed query settles
  }, [debounced]);
  const search = useProcedureSearch(debounced, {
    field: filter('field'),
    agency: filter('agency'),
    level: filter('level'),
    online: filter('online'),
    page,
    pageSize: PAGE_SIZE,
  });
  const fields = useProcedureFieldList();
  const agencies = useAgencies();
  const unavailable = search.error instanceof ApiError && search.error.status === 404;
  const pages = search.data ? Math.ceil(search.data.total / PAGE_SIZE) : 0;
  const anyFilter = FILTERS.some((k) => params.has(k));
  const select = (k: Filter, label: string, data: { value: string; label: string }[]) => (
    <Select
      label={label}
      placeholder={t('home.any')}
      data={data}
      value={filter(k) ?? null}
      onChange={(v) => update({ [k]: v })}
      clearable
      clearButtonProps={{ 'aria-label': t('home.clearFilter', { filter: label }) }}
      searchable={data.length > 8}
      nothingFoundMessage={t('home.none')}
      comboboxProps={{ withinPortal: true }}
    />
  );
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
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" role="group" aria-label={t('home.filters')}>
        {select(
          'field',
          t('home.field'),
          (fields.data?.items ?? []).map((f) => ({ value: f.code, label: f.name })),
        )}
        {select(
          'agency',
          t('home.agency'),
          (agencies.data?.items ?? []).map((a) => ({ value: a.code, label: a.name })),
        )}
        {select(
          'level',
          t('home.level'),
          (['province', 'commune'] as const).map((l) => ({ value: l, label: t(`levels.${l}`) })),
        )}
        {select(
          'online',
          t('home.onlineLevel'),
          (['full', 'partial'] as const).map((o) => ({ value: o, label: t(`home.online.${o}`) })),
        )}
      </SimpleGrid>
      {unavailable ? (
        <Alert color="gray">{t('home.unavailable')}</Alert>
      ) : search.error ? (
        <Alert color="red" role="alert">
          {search.error.message}
        </Alert>
      ) : search.data ? (
        <>
          <Group justify="space-between" gap="xs">
            <Text size="sm" c="dimmed">
              <span aria-live="polite" data-testid="result-count">
                {search.data.total === 0
                  ? t('home.none')
                  : pages > 1
                    ? t('home.resultsPaged', { count: search.data.total, page, pages })
                    : t('home.results', { count: search.data.total })}
              </span>
              {!debounced && search.data.total > 0 ? ` · ${t('home.orderHint')}` : ''}
            </Text>
            {anyFilter && (
              <Anchor
                component="button"
                type="button"
                size="sm"
                c="red.9"
                onClick={() => update({ field: null, agency: null, level: null, online: null })}
              >
                {t('home.clearFilters')}
              </Anchor>
            )}
          </Group>
          <Stack
            gap="xs"
            component="ol"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
            aria-label={t('home.listLabel')}
          >
            {search.data.items.map((p) => (
              <Card key={p.code} component="li" withBorder padding="sm" data-code={p.code}>
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
          {pages > 1 && (
            <Group justify="center">
              <Pagination
                total={pages}
                value={Math.min(page, pages)}
                onChange={(p) => {
                  update({ page: p === 1 ? null : String(p) });
                  window.scrollTo({ top: 0 });
                }}
                color="red.9"
                aria-label={t('home.pages')}
                getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
                getItemProps={(p) => ({ 'aria-label': t('pagination.page', { page: p }) })}
              />
            </Group>
          )}
        </>
      ) : (
        <Loader role="status" aria-label={t('common.loading')} />
      )}
    </Stack>
  );
}
