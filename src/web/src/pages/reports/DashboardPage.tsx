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
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { indexScores, openStatuses, useDashboard, type ServiceIndex } from '../../api/reports.ts';
import type { Me } from '../../api/hooks.ts';
import { formatDateTime, vnToday } from '../../format.ts';
import { AdminGate, formatCount, formatPercent } from '../admin/common.tsx';
import { ReportFiles } from './exports.tsx';
import { mondayOf, vnStart } from './period.ts';
import { useReportScopes, type Scope } from './scope.ts';
import '../admin/admin.css';

// The charts (@mantine/charts, recharts) come in their own chunk, asked for when a chart is drawn: the
// cards and the status table show without waiting for it, and no other page carries it.
const BarChart = lazy(() => import('./charts.tsx').then((m) => ({ default: m.BarChart })));
const RadarChart = lazy(() => import('./charts.tsx').then((m) => ({ default: m.RadarChart })));

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
  // One request for the whole dashboard: counts, lists, trend and index (GET /api/v1/reports/dashboard).
  const dash = useDashboard({ agency: scope.agency, subtree: scope.subtree });
  const data = dash.data;
  const weekStart = data?.weekFrom ?? vnStart(mondayOf(today));
  const statusCounts = shownStatuses.map((s) => ({ status: s, total: data?.counts.statuses[s] }));
  const overdueCount = data?.counts.overdue;
  const countError = dash.error;

  const loadingOr = (n: number | undefined) => (n === undefined ? '…' : formatCount(n, lang));
  const cards = [
    { key: 'week', value: loadingOr(data?.counts.week), href: inbox(scope, { receivedFrom: weekStart }) },
    { key: 'open', value: loadingOr(data?.counts.open), href: inbox(scope, { status: [...openStatuses] }) },
    {
      key: 'nearDue',
      value: data ? `${formatCount(data.nearDue.count, lang)}${data.nearDue.more ? '+' : ''}` : '…',
      href: inbox(scope, { status: [...openStatuses], sort: 'due' }),
    },
    { key: 'overdue', value: loadingOr(overdueCount), href: inbox(scope, { overdue: '1' }) },
    {
      key: 'onTime',
      value: data ? formatPercent(data.year.onTimeShare, lang) : '…',
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
                  <Table.Td>{t(`statuses.${status}`)}</Table.Td>
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
          {!data ? (
            <Loader role="status" aria-label={t('common.loading')} size="sm" />
          ) : (
            <Suspense fallback={<Loader role="status" aria-label={t('common.loading')} size="sm" />}>
              <BarChart
                title={t('dash.trendTitle', { name: scope.label })}
                series={[t('dash.received'), t('dash.resolved')]}
                colors={['#1c7ed6', '#2b8a3e']}
                groups={data.trend.map((m) => ({ label: m.label, values: [m.received, m.resolved] }))}
                format={(n) => formatCount(n, lang)}
              />
            </Suspense>
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
        {!data ? (
          <Loader role="status" aria-label={t('common.loading')} size="sm" />
        ) : data.overdue.items.length === 0 ? (
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
                {data.overdue.items.map((d) => (
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

      <Box component="section" aria-labelledby="index766">
        <Title order={3} size="h4" id="index766" mb="xs">
          {t('dash.index')}
        </Title>
        {!data ? (
          <Loader role="status" aria-label={t('common.loading')} size="sm" />
        ) : (
          <IndexRadar data={data.index} label={scope.label} />
        )}
      </Box>

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
        />
        <Anchor component={Link} to="/bao-cao" size="sm" mt="xs" display="inline-block">
          {t('dash.openReport')}
        </Anchor>
      </Box>
    </Stack>
  );
}

function IndexRadar({ data, label }: { data: ServiceIndex; label: string }) {
  const { t, i18n } = useTranslation();
  const { total, available, groups } = indexScores(data, i18n.language);
  const fmt = (n: number) =>
    new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: 2 }).format(n);
  return (
    <Stack gap="xs">
      <Text data-testid="index-total">
        {t('dash.indexTotal')}: <strong>{fmt(total)}</strong> / 100
        {available < 100 ? ` ${t('dash.indexAvailable', { points: fmt(available) })}` : ''}
      </Text>
      <Suspense fallback={<Loader role="status" aria-label={t('common.loading')} size="sm" />}>
        <RadarChart
          title={t('dash.indexTitle', { name: label })}
          axes={groups.map((g) => ({ label: g.name, value: g.points, max: g.max, available: g.available }))}
          partial={(points) => t('dash.indexPartial', { points })}
          format={fmt}
          headers={{ axis: t('dash.indexGroup'), points: t('dash.indexPoints'), max: t('dash.indexMax') }}
          noData={t('dash.noData')}
        />
      </Suspense>
    </Stack>
  );
}
