import {
  Alert,
  Anchor,
  Box,
  Button,
  Group,
  List,
  Loader,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  useResolution,
  type PeriodFigures,
  type PeriodReport,
  type ReportGrouping,
} from '../../api/reports.ts';
import type { Me } from '../../api/hooks.ts';
import { formatDateTime, vnToday } from '../../format.ts';
import { DateField, isoToVn } from '../../ui/DateField.tsx';
import { AdminGate, formatCount, formatPercent, useIssues } from '../admin/common.tsx';
import { ReportFiles } from './exports.tsx';
import { drillHref, presetRange, presets, type DrillContext, type Figure, type Preset } from './period.ts';
import { useReportScopes } from './scope.ts';
import '../admin/admin.css';

const groupings: ReportGrouping[] = ['agency', 'field', 'procedure', 'level'];

export function ReportPage() {
  return <AdminGate>{(me) => <Report me={me} />}</AdminGate>;
}

function Report({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { agencies, loading, error, mayWiden } = useReportScopes(me);
  const [params, setParams] = useSearchParams();
  const today = vnToday();
  const initial = presetRange('month', today, false);
  // The form edits a copy; the report follows the URL, so a report can be bookmarked or sent.
  const [agency, setAgency] = useState<string | null>(params.get('agency'));
  const [from, setFrom] = useState(params.get('from') ?? initial.from);
  const [to, setTo] = useState(params.get('to') ?? initial.to);
  // A fresh form counts the agencies below too (where the user may): a supervisor's first agency is the
  // people's committee, which receives nothing itself, and alone would show a report of zeros.
  const [subtree, setSubtree] = useState(params.get('agency') ? params.get('subtree') === 'true' : true);
  const [groupBy, setGroupBy] = useState<string | null>(params.get('groupBy'));
  const [official, setOfficial] = useState(params.get('official') === '1');
  const chosenAgency = agency ?? agencies[0]?.code ?? null;
  const widenable = chosenAgency ? mayWiden(chosenAgency) : false;

  const applied = params.get('agency')
    ? {
        agency: params.get('agency')!,
        from: params.get('from') ?? initial.from,
        to: params.get('to') ?? initial.to,
        subtree: params.get('subtree') === 'true' || undefined,
        groupBy: (params.get('groupBy') as ReportGrouping | null) ?? undefined,
      }
    : null;
  const report = useResolution(applied);
  const issues = useIssues(report.error);

  const applyPreset = (p: Preset, officialPeriods = official) => {
    const r = presetRange(p, today, officialPeriods);
    setFrom(r.from);
    setTo(r.to);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosenAgency) return;
    const next = new URLSearchParams({ agency: chosenAgency, from, to });
    if (subtree && widenable) next.set('subtree', 'true');
    if (groupBy) next.set('groupBy', groupBy);
    if (official) next.set('official', '1');
    setParams(next);
  };

  if (loading) return <Loader role="status" aria-label={t('common.loading')} />;
  if (error)
    return (
      <Alert color="red" role="alert">
        {error.message}
      </Alert>
    );
  return (
    <Stack>
      <Title order={2}>{t('rpt.heading')}</Title>
      <form onSubmit={onSubmit} noValidate aria-label={t('rpt.form')}>
        <Stack gap="sm">
          <Group align="flex-start" gap="sm" wrap="wrap">
            <Select
              label={t('rpt.agency')}
              data={agencies.map((a) => ({ value: a.code, label: a.name }))}
              value={chosenAgency}
              onChange={(v) => setAgency(v)}
              searchable
              allowDeselect={false}
              w={360}
              error={issues.of('agency')}
            />
            <DateField
              label={t('rpt.from')}
              value={from}
              onChange={setFrom}
              required
              error={issues.of('from')}
            />
            <DateField label={t('rpt.to')} value={to} onChange={setTo} required error={issues.of('to')} />
            <Select
              label={t('rpt.groupBy')}
              placeholder={t('rpt.noGrouping')}
              data={groupings.map((g) => ({ value: g, label: t(`rpt.groupings.${g}`) }))}
              value={groupBy}
              onChange={setGroupBy}
              clearable
              clearButtonProps={{ 'aria-label': t('adm.clear') }}
              w={200}
              error={issues.of('groupBy')}
            />
          </Group>
          <Group gap="xs" wrap="wrap" role="group" aria-label={t('rpt.presets')}>
            <Text size="sm" fw={500}>
              {t('rpt.presets')}:
            </Text>
            {presets.map((p) => (
              <Button key={p} size="xs" variant="outline" color="red.9" onClick={() => applyPreset(p)}>
                {t(`rpt.preset.${p}`)}
              </Button>
            ))}
          </Group>
          <Group gap="xl" wrap="wrap">
            <Switch
              label={t('rpt.official')}
              description={t('rpt.officialHint')}
              checked={official}
              onChange={(e) => setOfficial(e.currentTarget.checked)}
              color="red.9"
            />
            <Switch
              label={t('rpt.subtree')}
              description={widenable ? undefined : t('rpt.subtreeUnavailable')}
              checked={subtree && widenable}
              disabled={!widenable}
              onChange={(e) => setSubtree(e.currentTarget.checked)}
              color="red.9"
            />
          </Group>
          <Group>
            <Button type="submit" color="red.9" disabled={!chosenAgency || !from || !to}>
              {t('rpt.show')}
            </Button>
          </Group>
        </Stack>
      </form>
      {!applied ? (
        <Text c="dimmed">{t('rpt.choose')}</Text>
      ) : report.isPending ? (
        <Loader role="status" aria-label={t('common.loading')} />
      ) : report.error ? (
        <Alert color="red" role="alert" data-testid="report-error">
          {report.error.message}
        </Alert>
      ) : (
        <ReportView report={report.data} />
      )}
    </Stack>
  );
}

interface Column {
  figure: Figure;
  get: (f: PeriodFigures) => number;
}

const columns: Column[] = [
  { figure: 'received.total', get: (f) => f.received.total },
  { figure: 'received.online', get: (f) => f.received.online },
  { figure: 'received.inPersonOrPostal', get: (f) => f.received.inPersonOrPostal },
  { figure: 'received.carriedOver', get: (f) => f.received.carriedOver },
  { figure: 'resolved.total', get: (f) => f.resolved.total },
  { figure: 'resolved.early', get: (f) => f.resolved.early },
  { figure: 'resolved.onTime', get: (f) => f.resolved.onTime },
  { figure: 'resolved.late', get: (f) => f.resolved.late },
  { figure: 'inProgress.total', get: (f) => f.inProgress.total },
  { figure: 'inProgress.withinDeadline', get: (f) => f.inProgress.withinDeadline },
  { figure: 'inProgress.overdue', get: (f) => f.inProgress.overdue },
  { figure: 'other.refused', get: (f) => f.other.refused },
  { figure: 'other.withdrawn', get: (f) => f.other.withdrawn },
  { figure: 'other.stopped', get: (f) => f.other.stopped },
];

function ReportView({ report }: { report: PeriodReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const definitions = lang === 'en' ? report.definitions.en : report.definitions.vi;
  const ctx: DrillContext = {
    agency: report.agency,
    from: report.from,
    to: report.to,
    subtree: report.subtree,
  };
  const rowName = (g: PeriodReport['groups'][number]) =>
    report.groupBy === 'level'
      ? t(`procLevels.${g.key}`, { defaultValue: g.name })
      : g.key
        ? g.name
        : t('rpt.unclassified');
  const rows = [
    { key: '__total', name: t('rpt.total'), figures: report as PeriodFigures, group: undefined },
    ...report.groups.map((g) => ({
      key: g.key || '__none',
      name: rowName(g),
      figures: g,
      group: { by: report.groupBy!, key: g.key },
    })),
  ];
  return (
    <Stack data-testid="report">
      <Box>
        <Title order={3} size="h4">
          {t('rpt.title', { name: report.agencyName })}
        </Title>
        <Text size="sm">
          {t('rpt.periodLine', { from: isoToVn(report.from), to: isoToVn(report.to) })}
          {report.subtree ? ` · ${t('rpt.includingSubtree')}` : ''}
        </Text>
        {report.ongoing && (
          <Text size="sm" data-testid="report-as-of">
            {t('rpt.asOf', { at: formatDateTime(report.endsAt) })}
          </Text>
        )}
      </Box>
      <Group gap="xl" wrap="wrap">
        <Text>
          {t('rpt.onlineShare')}:{' '}
          <strong data-testid="online-share">{formatPercent(report.rates.onlineShare, lang)}</strong>
        </Text>
        <Text>
          {t('rpt.onTimeShare')}:{' '}
          <strong data-testid="on-time-share">{formatPercent(report.rates.onTimeShare, lang)}</strong>
        </Text>
      </Group>
      {!report.addsUp && (
        <Alert color="yellow" role="alert">
          {t('rpt.doesNotAddUp')}
        </Alert>
      )}
      <Box className="scroll-region" tabIndex={0} role="region" aria-label={t('rpt.tableLabel')}>
        <Table
          withTableBorder
          withColumnBorders
          className="report-table"
          verticalSpacing={6}
          fz="sm"
          miw={1100}
        >
          <Table.Caption>{t('rpt.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th rowSpan={3} scope="col">
                {report.groupBy ? t(`rpt.groupings.${report.groupBy}`) : t('rpt.unit')}
              </Table.Th>
              <Table.Th colSpan={4} scope="colgroup">
                {t('rpt.cols.received')}
              </Table.Th>
              <Table.Th colSpan={4} scope="colgroup">
                {t('rpt.cols.resolved')}
              </Table.Th>
              <Table.Th colSpan={3} scope="colgroup">
                {t('rpt.cols.inProgress')}
              </Table.Th>
              <Table.Th colSpan={3} scope="colgroup">
                {t('rpt.cols.other')}
              </Table.Th>
            </Table.Tr>
            <Table.Tr>
              <Table.Th rowSpan={2} scope="col">
                {t('rpt.cols.total')}
              </Table.Th>
              <Table.Th colSpan={2} scope="colgroup">
                {t('rpt.cols.inPeriod')}
              </Table.Th>
              <Table.Th rowSpan={2} scope="col">
                {t('rpt.cols.carriedOver')}
              </Table.Th>
              <Table.Th rowSpan={2} scope="col">
                {t('rpt.cols.total')}
              </Table.Th>
              <Table.Th rowSpan={2} scope="col">
                {t('rpt.cols.early')}
              </Table.Th>
              <Table.Th rowSpan={2} scope="col">
                {t('rpt.cols.onTime')}
              </Table.Th>
              <Table.Th rowSpan={2} scope="col">
                {t('rpt.cols.late')}
              </Table.Th>
              <Table.Th rowSpan={2} scope="col">
                {t('rpt.cols.total')}
              </Table.Th>
              <Table.Th rowSpan={2} scope="col">
                {t('rpt.cols.withinDeadline')}
              </Table.Th>
              <Table.Th rowSpan={2} scope="col">
                {t('rpt.cols.overdue')}
              </Table.Th>
              <Table.Th rowSpan={2} scope="col">
                {t('rpt.cols.refused')}
              </Table.Th>
              <Table.Th rowSpan={2} scope="col">
                {t('rpt.cols.withdrawn')}
              </Table.Th>
              <Table.Th rowSpan={2} scope="col">
                {t('statuses.stopped')}
              </Table.Th>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="col">{t('channels.online')}</Table.Th>
              <Table.Th scope="col">{t('rpt.cols.inPersonOrPostal')}</Table.Th>
            </Table.Tr>
            <Table.Tr>
              {Array.from({ length: 15 }, (_, i) => (
                <Table.Td key={i} c="dimmed" fz="xs" fs="italic">
                  ({i + 1})
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.key} fw={row.group ? undefined : 700} data-row={row.key}>
                <Table.Th scope="row" fw={row.group ? 400 : 700}>
                  {row.name}
                </Table.Th>
                {columns.map((c) => (
                  <Table.Td key={c.figure} data-figure={c.figure}>
                    <FigureCell
                      value={c.get(row.figures)}
                      figure={c.figure}
                      ctx={{ ...ctx, group: row.group }}
                      label={`${t(`rpt.figures.${c.figure}`)} — ${row.name}`}
                      breakdown={
                        c.figure === 'received.inPersonOrPostal'
                          ? { inPerson: row.figures.received.inPerson, postal: row.figures.received.postal }
                          : undefined
                      }
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
      <Text size="xs" c="dimmed">
        {t('rpt.drillHint')}
      </Text>
      <Box component="section" aria-labelledby="definitions">
        <Title order={4} size="h5" id="definitions">
          {t('rpt.definitions')}
        </Title>
        <List size="sm" type="ordered">
          {definitions.map((d) => (
            <List.Item key={d}>{d}</List.Item>
          ))}
          <List.Item>{t('rpt.historyNote')}</List.Item>
        </List>
      </Box>
      <ReportFiles
        keys={['resolutionXlsx', 'resolutionPdf']}
        params={{
          agency: report.agency,
          from: report.from,
          to: report.to,
          subtree: report.subtree || undefined,
          groupBy: report.groupBy ?? undefined,
        }}
      />
    </Stack>
  );
}

function FigureCell({
  value,
  figure,
  ctx,
  label,
  breakdown,
}: {
  value: number;
  figure: Figure;
  ctx: DrillContext;
  label: string;
  breakdown?: { inPerson: number; postal: number } | undefined;
}) {
  const { t, i18n } = useTranslation();
  const text = formatCount(value, i18n.language);
  const sub = breakdown ? (
    <Text size="xs" c="dimmed">
      <DrillLink
        value={breakdown.inPerson}
        figure="received.inPerson"
        ctx={ctx}
        label={`${t('rpt.figures.received.inPerson')}`}
        prefix={t('rpt.inPersonShort')}
      />
      {' · '}
      <DrillLink
        value={breakdown.postal}
        figure="received.postal"
        ctx={ctx}
        label={`${t('rpt.figures.received.postal')}`}
        prefix={t('rpt.postalShort')}
      />
    </Text>
  ) : null;
  return (
    <>
      {value === 0 ? (
        text
      ) : (
        <Anchor
          component={Link}
          to={drillHref(figure, ctx)}
          aria-label={`${text} — ${label}`}
          className="figure-link"
          fw={600}
        >
          {text}
        </Anchor>
      )}
      {sub}
    </>
  );
}

function DrillLink({
  value,
  figure,
  ctx,
  label,
  prefix,
}: {
  value: number;
  figure: Figure;
  ctx: DrillContext;
  label: string;
  prefix: string;
}) {
  const { i18n } = useTranslation();
  const text = `${prefix} ${formatCount(value, i18n.language)}`;
  if (value === 0) return <span>{text}</span>;
  return (
    <Anchor component={Link} to={drillHref(figure, ctx)} size="xs" aria-label={`${text} — ${label}`}>
      {text}
    </Anchor>
  );
}
