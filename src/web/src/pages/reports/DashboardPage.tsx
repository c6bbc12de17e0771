import {
  Alert,
  Anchor,
  Box,
  Card,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  indexScores,
  openStatuses,
  useDossierCounts,
  useDossierPage,
  useEndpointExists,
  useResolution,
  useResolutions,
  useServiceIndex,
} from '../../api/admin.ts';
import type { Me } from '../../api/hooks.ts';
import { formatDateTime, vnToday } from '../../format.ts';
import { AdminGate, formatCount, formatPercent } from '../admin/common.tsx';
import { BarChart, RadarChart } from './charts.tsx';
import { ReportFiles } from './exports.tsx';
import { lastMonths, mondayOf, vnStart } from './period.ts';
import { useReportScopes, type Scope } from './scope.ts';
import '../admin/admin.css';

const shownStatuses = [
  'submitted',
  'supplement_requested_at_intake',
  'received',
  'processing',
  'supplement_requested',
  'financial_obligation',
  'withdrawal_requested',
  'resolved',
  'returned',
  'refused',
  'stopped',
] as const;

export function DashboardPage() {
  return <AdminGate>{(me) => <Dashboard me={me} />}</AdminGate>;
}

function Dashboard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { scopes, loading, error } = useReportScopes(me);
  const [chosen, setChosen] = useState<string | null>(null);
  const scope = scopes.find((s) => s.value === chosen) ?? scopes[0];
  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2}>{t('dash.heading')}</Title>
        {scopes.length > 1 && (
          <Select
            label={t('dash.scope')}
            data={scopes.map((s) => ({ value: s.value, label: s.label }))}
            value={scope?.value ?? null}
            onChange={setChosen}
            allowDeselect={false}
            searchable
            w={380}
          />
        )}
      </Group>
      {loading ? (
        <Loader role="status" aria-label={t('common.loading')} />
      ) : error ? (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      ) : !scope ? (
        <Alert color="yellow">{t('dash.noScope')}</Alert>
      ) : (
        <ScopeDashboard key={scope.value} scope={scope} />
      )}
    </Stack>
  );
}

/** Inbox link for a list filter of this scope. */
function inbox(scope: Scope, params: Record<string, string | string[]>) {
  const q = new URLSearchParams({ tab: 'all' });
  if (!scope.subtree) q.set('agency', scope.agency);
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const x of v) q.append(k, x);
    else q.set(k, v);
  }
  return `/can-bo/ho-so?${q.toString()}`;
}

function ScopeDashboard({ scope }: { scope: Scope }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const today = vnToday();
  // The list is scoped to the caller already: a subtree view asks for everything it may see.
  const base = scope.subtree ? {} : { agency: scope.agency };
  const weekStart = vnStart(mondayOf(today));
  const [nowMs] = useState(() => Date.now());
  const counts = useDossierCounts([
    ...shownStatuses.map((s) => ({ key: s, params: { ...base, status: [s] } })),
    { key: 'week', params: { ...base, receivedFrom: weekStart } },
    { key: 'open', params: { ...base, status: [...openStatuses] } },
    { key: 'overdue', params: { ...base, overdue: true } },
  ]);
  const countOf = (i: number) => counts[i]?.data?.total;
  const statusCounts = shownStatuses.map((s, i) => ({ status: s, total: countOf(i) }));
  const week = countOf(shownStatuses.length);
  const open = countOf(shownStatuses.length + 1);
  const overdueCount = countOf(shownStatuses.length + 2);
  // Near due: the list marks each open dossier with less than a working day left; read the ones due soonest.
  const soon = useDossierPage({
    ...base,
    status: [...openStatuses],
    dueBefore: new Date(nowMs + 14 * 86_400_000).toISOString(),
    sort: 'due',
    page: 1,
    pageSize: 200,
  });
  const nearDue = soon.data?.items.filter((d) => d.nearDue).length;
  const overdue = useDossierPage({ ...base, overdue: true, sort: 'due', page: 1, pageSize: 10 });
  const year = useResolution({
    agency: scope.agency,
    from: `${today.slice(0, 4)}-01-01`,
    to: today,
    subtree: scope.subtree,
  });
  const months = lastMonths(today, 6);
  const trend = useResolutions(
    months.map((m) => ({ agency: scope.agency, from: m.from, to: m.to, subtree: scope.subtree })),
  );
  const hasIndex = useEndpointExists('/api/v1/reports/service-index');
  const index = useServiceIndex(
    { agency: scope.agency, from: `${today.slice(0, 4)}-01-01`, to: today, subtree: scope.subtree },
    !!hasIndex.data,
  );
  const countError = counts.find((c) => c.error)?.error;

  const loadingOr = (n: number | undefined) => (n === undefined ? '…' : formatCount(n, lang));
  const cards = [
    { key: 'week', value: loadingOr(week), href: inbox(scope, { receivedFrom: weekStart }) },
    { key: 'open', value: loadingOr(open), href: inbox(scope, { status: [...openStatuses] }) },
    {
      key: 'nearDue',
      value: soon.data
        ? `${formatCount(nearDue, lang)}${soon.data.total > soon.data.items.length ? '+' : ''}`
        : '…',
      href: inbox(scope, { status: [...openStatuses], sort: 'due' }),
    },
    { key: 'overdue', value: loadingOr(overdueCount), href: inbox(scope, { overdue: '1' }) },
    {
      key: 'onTime',
      value: year.data ? formatPercent(year.data.rates.onTimeShare, lang) : '…',
      href: '/bao-cao',
    },
  ];

  return (
    <Stack gap="lg">
      {countError && (
        <Alert color="red" role="alert">
          {countError.message}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }}>
        {cards.map((c) => (
          <Card key={c.key} withBorder padding="md" data-card={c.key}>
            <Text size="sm" c="dimmed">
              {t(`dash.cards.${c.key}`)}
            </Text>
            <Anchor
              component={Link}
              to={c.href}
              fz={28}
              fw={700}
              c={c.key === 'overdue' ? 'red.9' : undefined}
              data-value
            >
              {c.value}
            </Anchor>
            <Text size="xs" c="dimmed">
              {t(`dash.cardHints.${c.key}`)}
            </Text>
          </Card>
        ))}
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Box component="section" aria-labelledby="by-status">
          <Title order={3} size="h4" id="by-status" mb="xs">
            {t('dash.byStatus')}
          </Title>
          <Table striped data-testid="status-counts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dash.status')}</Table.Th>
                <Table.Th ta="right">{t('dash.count')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statusCounts.map(({ status, total }) => (
                <Table.Tr key={status} data-status={status}>
                  <Table.Td>{t(`dash.statuses.${status}`)}</Table.Td>
                  <Table.Td ta="right">
                    {total === undefined ? (
                      '…'
                    ) : total === 0 ? (
                      '0'
                    ) : (
                      <Anchor component={Link} to={inbox(scope, { status })} className="figure-link">
                        {formatCount(total, lang)}
                      </Anchor>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
        <Box component="section" aria-labelledby="trend">
          <Title order={3} size="h4" id="trend" mb="xs">
            {t('dash.trend')}
          </Title>
          {trend.some((q) => q.isPending) ? (
            <Loader role="status" aria-label={t('common.loading')} size="sm" />
          ) : trend.some((q) => q.error) ? (
            <Alert color="red" role="alert">
              {trend.find((q) => q.error)?.error?.message}
            </Alert>
          ) : (
            <BarChart
              title={t('dash.trendTitle', { name: scope.label })}
              series={[t('dash.received'), t('dash.resolved')]}
              colors={['#1c7ed6', '#2b8a3e']}
              groups={months.map((m, i) => ({
                label: m.label,
                values: [trend[i]?.data?.received.inPeriod ?? 0, trend[i]?.data?.resolved.total ?? 0],
              }))}
              format={(n) => formatCount(n, lang)}
            />
          )}
        </Box>
      </SimpleGrid>

      <Box component="section" aria-labelledby="overdue-list">
        <Group justify="space-between" align="baseline">
          <Title order={3} size="h4" id="overdue-list" mb="xs">
            {t('dash.overdueList')}
          </Title>
          {overdueCount ? (
            <Anchor component={Link} to={inbox(scope, { overdue: '1' })} size="sm">
              {t('dash.allOverdue', { count: overdueCount })}
            </Anchor>
          ) : null}
        </Group>
        {overdue.isPending ? (
          <Loader role="status" aria-label={t('common.loading')} size="sm" />
        ) : overdue.error ? (
          <Alert color="red" role="alert">
            {overdue.error.message}
          </Alert>
        ) : overdue.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('dash.noOverdue')}
          </Text>
        ) : (
          <Box className="scroll-region" tabIndex={0} role="region" aria-label={t('dash.overdueList')}>
            <Table data-testid="overdue">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dash.code')}</Table.Th>
                  <Table.Th>{t('dash.procedure')}</Table.Th>
                  <Table.Th>{t('dash.applicant')}</Table.Th>
                  <Table.Th>{t('dash.agency')}</Table.Th>
                  <Table.Th>{t('dash.dueAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overdue.data.items.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor component={Link} to={`/can-bo/ho-so/${encodeURIComponent(d.code ?? d.id)}`}>
                        {d.code ?? d.id}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {d.procedure.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>{d.applicantName}</Table.Td>
                    <Table.Td>{d.agency.name}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap', color: '#a51d1d' }}>
                      {formatDateTime(d.dueAt)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
        )}
      </Box>

      {hasIndex.data && (
        <Box component="section" aria-labelledby="index766">
          <Title order={3} size="h4" id="index766" mb="xs">
            {t('dash.index')}
          </Title>
          {index.isPending ? (
            <Loader role="status" aria-label={t('common.loading')} size="sm" />
          ) : index.error ? (
            <Alert color="red" role="alert">
              {index.error.message}
            </Alert>
          ) : (
            <IndexRadar data={index.data} label={scope.label} />
          )}
        </Box>
      )}

      <Box component="section" aria-labelledby="files">
        <Title order={3} size="h4" id="files" mb="xs">
          {t('dash.files')}
        </Title>
        <ReportFiles
          keys={['resolutionXlsx', 'resolutionPdf', 'catalogXlsx', 'serviceIndexXlsx', 'satisfactionXlsx']}
          params={{
            agency: scope.agency,
            from: `${today.slice(0, 4)}-01-01`,
            to: today,
            subtree: scope.subtree || undefined,
          }}
          showMissing
        />
        <Anchor component={Link} to="/bao-cao" size="sm" mt="xs" display="inline-block">
          {t('dash.openReport')}
        </Anchor>
      </Box>
    </Stack>
  );
}

function IndexRadar({ data, label }: { data: unknown; label: string }) {
  const { t, i18n } = useTranslation();
  const { total, groups } = indexScores(data, i18n.language);
  const fmt = (n: number) =>
    new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 2 }).format(n);
  return (
    <Stack gap="xs">
      {total !== null && (
        <Text>
          {t('dash.indexTotal')}: <strong>{fmt(total)}</strong> / 100
        </Text>
      )}
      <RadarChart
        title={t('dash.indexTitle', { name: label })}
        axes={groups.map((g) => ({ label: g.name, value: g.points, max: g.max }))}
        format={fmt}
        headers={{ axis: t('dash.indexGroup'), points: t('dash.indexPoints'), max: t('dash.indexMax') }}
        noData={t('dash.noData')}
      />
    </Stack>
  );
}
