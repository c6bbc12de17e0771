import { Alert, Anchor, Badge, Box, Loader, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { periodCells, type PeriodCell } from '../../../../domain/statistics/period-report.ts';
import { usePeriodDrill, type ReportGrouping } from '../../api/reports.ts';
import { formatDateTime } from '../../format.ts';
import { isoToVn } from '../../ui/DateField.tsx';
import { AdminGate, formatCount } from '../admin/common.tsx';
import '../admin/admin.css';

const PAGE_SIZE = 50;
const groupings: readonly string[] = ['agency', 'field', 'procedure', 'level'];

/** The dossiers behind one figure of the period report, as the figure counts them (the report links here). */
export function ReportDossiersPage() {
  return <AdminGate>{() => <ReportDossiers />}</AdminGate>;
}

function ReportDossiers() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [params, setParams] = useSearchParams();
  const agency = params.get('agency');
  const from = params.get('from');
  const to = params.get('to');
  const cell = params.get('cell');
  const groupBy = params.get('groupBy');
  const group = params.get('group');
  const page = Math.max(1, Number(params.get('page')) || 1);
  const valid =
    !!agency &&
    !!from &&
    !!to &&
    (periodCells as readonly string[]).includes(cell ?? '') &&
    (group === null || (groupBy !== null && groupings.includes(groupBy)));
  const drill = usePeriodDrill(
    valid
      ? {
          agency: agency,
          from: from,
          to: to,
          subtree: params.get('subtree') === 'true' || undefined,
          groupBy: group === null ? undefined : (groupBy as ReportGrouping),
          group: group ?? undefined,
          cell: cell as PeriodCell,
          page,
          pageSize: PAGE_SIZE,
        }
      : null,
  );
  // Back to the report as it was asked (grouping kept), without the row and the column.
  const back = new URLSearchParams(params);
  for (const k of ['cell', 'group', 'page']) back.delete(k);

  if (!valid)
    return (
      <Alert color="red" role="alert">
        {t('rpt.drill.invalid')}
      </Alert>
    );
  const figure = t(`rpt.figures.${cell}`);
  // The agency column where the list may hold several agencies.
  const wide = !!drill.data?.subtree && drill.data.groupBy !== 'agency';
  return (
    <Stack>
      <Anchor component={Link} to={`/bao-cao?${back.toString()}`} size="sm">
        ← {t('rpt.drill.back')}
      </Anchor>
      <Title order={2}>{t('rpt.drill.heading', { figure })}</Title>
      {drill.isPending ? (
        <Loader role="status" aria-label={t('common.loading')} />
      ) : drill.error ? (
        <Alert color="red" role="alert">
          {drill.error.message}
        </Alert>
      ) : (
        <>
          <Box>
            <Text fw={600}>{t('rpt.title', { name: drill.data.agencyName })}</Text>
            <Text size="sm">
              {t('rpt.periodLine', { from: isoToVn(drill.data.from), to: isoToVn(drill.data.to) })}
              {drill.data.subtree ? ` · ${t('rpt.includingSubtree')}` : ''}
            </Text>
            {drill.data.groupName !== null && (
              <Text size="sm">
                {t('rpt.drill.row', {
                  name:
                    drill.data.groupBy === 'level'
                      ? t(`procLevels.${drill.data.group}`, { defaultValue: drill.data.groupName })
                      : drill.data.group
                        ? drill.data.groupName
                        : t('rpt.unclassified'),
                })}
              </Text>
            )}
            {drill.data.ongoing && (
              <Text size="sm">{t('rpt.asOf', { at: formatDateTime(drill.data.endsAt) })}</Text>
            )}
          </Box>
          <Text fw={700} data-testid="drill-total">
            {t('rpt.drill.count', { count: formatCount(drill.data.total, lang) })}
          </Text>
          {drill.data.items.length === 0 ? (
            <Text c="dimmed">{t('rpt.drill.empty')}</Text>
          ) : (
            <Box className="scroll-region" tabIndex={0} role="region" aria-label={t('rpt.drill.tableLabel')}>
              <Table striped fz="sm" data-testid="drill-list" miw={960}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('rpt.drill.code')}</Table.Th>
                    <Table.Th>{t('rpt.drill.procedure')}</Table.Th>
                    <Table.Th>{t('rpt.drill.applicant')}</Table.Th>
                    {wide && <Table.Th>{t('rpt.drill.agency')}</Table.Th>}
                    <Table.Th>{t('rpt.drill.channel')}</Table.Th>
                    <Table.Th>{t('rpt.drill.receivedAt')}</Table.Th>
                    <Table.Th>{t('rpt.drill.dueAt')}</Table.Th>
                    <Table.Th>{t('rpt.drill.finishedAt')}</Table.Th>
                    <Table.Th>{t('rpt.drill.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {drill.data.items.map((d) => (
                    <Table.Tr key={`${d.source}:${d.id}`} data-source={d.source}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {d.source === 'dossier' ? (
                          <Anchor component={Link} to={`/can-bo/ho-so/${encodeURIComponent(d.code ?? d.id)}`}>
                            {d.code ?? d.id}
                          </Anchor>
                        ) : (
                          <Stack gap={2} align="flex-start">
                            <span>{d.code}</span>
                            {/* Under the code, whole: squeezed beside it, it shrank to a dot; its words say why there is no link. */}
                            <Badge size="xs" variant="light" color="gray">
                              {t('rpt.drill.imported')}
                            </Badge>
                          </Stack>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {d.procedure.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>{d.applicantName}</Table.Td>
                      {wide && <Table.Td>{d.agency.name}</Table.Td>}
                      <Table.Td>{t(`channels.${d.channel}`)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.receivedAt)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.dueAt)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.finishedAt)}</Table.Td>
                      <Table.Td>
                        {d.source === 'dossier'
                          ? t(`statuses.${d.status}`, { defaultValue: d.status })
                          : t([`rpt.drill.outcomes.${d.status}`, `statuses.${d.status}`], {
                              defaultValue: d.status,
                            })}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Box>
          )}
          {drill.data.total > PAGE_SIZE && (
            <Pagination
              total={Math.ceil(drill.data.total / PAGE_SIZE)}
              value={page}
              onChange={(p) => {
                const next = new URLSearchParams(params);
                next.set('page', String(p));
                setParams(next);
              }}
              color="red.9"
              getControlProps={(control) => ({ 'aria-label': t(`adm.pagination.${control}`) })}
              getItemProps={(p) => ({ 'aria-label': t('adm.pagination.page', { page: p }) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}
