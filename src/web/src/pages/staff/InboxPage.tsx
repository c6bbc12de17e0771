import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Pagination,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { statusDefinitions } from '../../../../domain/dossier/model.ts';
import {
  refOf,
  useDossierList,
  useOpinionRequests,
  useProfile,
  type OpinionRequestItem,
  type Channel,
  type DossierListItem,
  type DossierStatus,
} from '../../api/dossiers.ts';
import type { Me, StaffRole } from '../../api/hooks.ts';
import type { DossierStage } from '../../../../domain/dossier/stage.ts';
import { StandingBadge, StatusBadge, usePick } from '../../dossier/ui.tsx';
import { cutAtWord, formatDateTime, vnToday } from '../../format.ts';
import { DateField } from '../../ui/DateField.tsx';
import { StaffGate } from './StaffGate.tsx';

interface InboxTab {
  id: 'receive' | 'forward' | 'assign' | 'handle' | 'opinion' | 'approve' | 'issue' | 'return' | 'all';
  roles: readonly StaffRole[];
  status?: DossierStatus[];
  /** Whose turn it is (the server derives it from the events: domain/dossier/stage.ts). */
  stage?: DossierStage[];
  assignedToMe?: boolean;
}

/** One tab per piece of work, listing the dossiers waiting at that role's step; a user sees the tabs of the roles they hold. */
const inboxTabs: readonly InboxTab[] = [
  { id: 'receive', roles: ['receiving_officer'], stage: ['receive'] },
  { id: 'forward', roles: ['receiving_officer'], stage: ['forward'] },
  { id: 'assign', roles: ['approver'], stage: ['assign'] },
  {
    id: 'handle',
    roles: ['handling_officer'],
    status: ['processing', 'supplement_requested', 'financial_obligation'],
    assignedToMe: true,
  },
  // Other agencies' dossiers waiting for this agency's opinion (liên thông): its own list, from the API.
  { id: 'opinion', roles: ['handling_officer', 'approver'] },
  { id: 'approve', roles: ['approver'], stage: ['approve'] },
  { id: 'issue', roles: ['clerk'], stage: ['issue'] },
  { id: 'return', roles: ['receiving_officer'], stage: ['return'] },
  {
    id: 'all',
    roles: [
      'receiving_officer',
      'handling_officer',
      'approver',
      'clerk',
      'agency_admin',
      'supervisor',
      'system_admin',
    ],
  },
];

const PAGE_SIZE = 20;
const INBOX_PATH = '/can-bo/ho-so';
const statuses = Object.keys(statusDefinitions) as DossierStatus[];

export function InboxPage() {
  return <StaffGate>{(me) => <Inbox me={me} />}</StaffGate>;
}

function Inbox({ me }: { me: Me }) {
  const { t } = useTranslation();
  const pick = usePick();
  const profile = useProfile();
  const [params, setParams] = useSearchParams();
  const held = new Set(me.roles.map((r) => r.role));
  const tabs = inboxTabs.filter((tab) => tab.roles.some((r) => held.has(r)));
  const tabId = tabs.find((tab) => tab.id === params.get('tab'))?.id ?? tabs[0]?.id ?? 'all';
  const tab = tabs.find((x) => x.id === tabId) ?? inboxTabs[inboxTabs.length - 1]!;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const status = params.get('status') as DossierStatus | null;
  const channel = params.get('channel') as Channel | null;
  const overdue = params.get('overdue') === '1';
  const agency = params.get('agency');
  const sort = (params.get('sort') ?? 'due') as 'due' | 'received' | 'created';
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);

  const update = (patch: Record<string, string | null>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };
  useEffect(() => {
    // A click on a dossier within the debounce delay has already started leaving this page: writing the
    // search into the address now would bring the user back to the list.
    if (window.location.pathname !== INBOX_PATH) return;
    if ((params.get('q') ?? '') !== debouncedQ) update({ q: debouncedQ });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the typed search settles
  }, [debouncedQ]);

  const opinionTab = tabs.some((x) => x.id === 'opinion');
  // Always loaded for those who answer, so the tab shows how many requests wait even when not open.
  const opinions = useOpinionRequests(
    {
      q: tabId === 'opinion' ? debouncedQ || undefined : undefined,
      page: tabId === 'opinion' ? page : 1,
      pageSize: PAGE_SIZE,
    },
    opinionTab,
  );
  const list = useDossierList(
    {
      agency: agency ?? undefined,
      status: status ? [status] : tab.status,
      stage: tab.stage,
      channel: channel ?? undefined,
      overdue: overdue || undefined,
      assignedToMe: tab.assignedToMe,
      q: debouncedQ || undefined,
      sort,
      page,
      pageSize: PAGE_SIZE,
    },
    tabId !== 'opinion',
  );

  const agencies = [
    ...new Map(
      (profile.data?.roles ?? [])
        .filter((r) => r.agencyCode !== null)
        .map((r) => [r.agencyCode!, r.agencyName ?? r.agencyCode!]),
    ),
  ];

  return (
    <Stack>
      <Title order={2}>{t('inbox.heading')}</Title>
      <Tabs
        value={tabId}
        onChange={(v) => v && update({ tab: v, status: null })}
        keepMounted={false}
        color="red.9"
      >
        <Tabs.List>
          {tabs.map((x) => (
            <Tabs.Tab
              key={x.id}
              value={x.id}
              rightSection={
                x.id === 'opinion' && (opinions.data?.total ?? 0) > 0 ? (
                  <Badge size="sm" circle={false} color="red.9" data-testid="opinion-count">
                    {opinions.data!.total}
                  </Badge>
                ) : undefined
              }
            >
              {x.id === 'opinion' ? t('opinion.tab') : t(`inbox.tabs.${x.id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((x) => (
          <Tabs.Panel key={x.id} value={x.id} pt="md">
            {x.id === tabId && x.id === 'opinion' && (
              <Stack gap="sm">
                <TextInput
                  label={t('inbox.search')}
                  placeholder={t('inbox.searchPlaceholder')}
                  value={q}
                  onChange={(e) => setQ(e.currentTarget.value)}
                  type="search"
                  w={320}
                />
                <OpinionResults
                  loading={opinions.isPending}
                  error={opinions.error?.message}
                  items={opinions.data?.items ?? []}
                  total={opinions.data?.total ?? 0}
                />
                {(opinions.data?.total ?? 0) > PAGE_SIZE && (
                  <Pagination
                    total={Math.ceil((opinions.data?.total ?? 0) / PAGE_SIZE)}
                    value={page}
                    onChange={(p) => update({ page: String(p) }, false)}
                    color="red.9"
                    getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
                    getItemProps={(p) => ({ 'aria-label': t('pagination.page', { page: p }) })}
                  />
                )}
              </Stack>
            )}
            {x.id === tabId && x.id !== 'opinion' && (
              <Stack gap="sm">
                <Group gap="sm" align="flex-end" wrap="wrap">
                  <TextInput
                    label={t('inbox.search')}
                    placeholder={t('inbox.searchPlaceholder')}
                    value={q}
                    onChange={(e) => setQ(e.currentTarget.value)}
                    type="search"
                    w={320}
                    error={
                      list.error instanceof ApiError && list.error.field === 'q'
                        ? list.error.message
                        : undefined
                    }
                  />
                  <Select
                    label={t('inbox.status')}
                    placeholder={t('inbox.anyStatus')}
                    data={(x.status ?? statuses).map((s) => ({
                      value: s,
                      label: pick(statusDefinitions[s]),
                    }))}
                    value={status}
                    onChange={(v) => update({ status: v })}
                    clearable
                    w={240}
                  />
                  <Select
                    label={t('inbox.channel')}
                    placeholder={t('inbox.anyChannel')}
                    data={(['in_person', 'online', 'postal'] as const).map((c) => ({
                      value: c,
                      label: t(`channels.${c}`),
                    }))}
                    value={channel}
                    onChange={(v) => update({ channel: v })}
                    clearable
                    w={200}
                  />
                  {agencies.length > 1 && (
                    <Select
                      label={t('inbox.agency')}
                      placeholder={t('inbox.anyAgency')}
                      data={agencies.map(([code, name]) => ({ value: code, label: name }))}
                      value={agency}
                      onChange={(v) => update({ agency: v })}
                      clearable
                      w={260}
                    />
                  )}
                  <Select
                    label={t('inbox.sort')}
                    data={(['due', 'received', 'created'] as const).map((s) => ({
                      value: s,
                      label: t(`inbox.sorts.${s}`),
                    }))}
                    value={sort}
                    onChange={(v) => update({ sort: v === 'due' ? null : v })}
                    allowDeselect={false}
                    w={200}
                  />
                  <Checkbox
                    label={t('inbox.overdueOnly')}
                    checked={overdue}
                    onChange={(e) => update({ overdue: e.currentTarget.checked ? '1' : null })}
                    mb={8}
                  />
                </Group>
                <Results
                  tab={x.id}
                  loading={list.isPending}
                  error={list.error?.message}
                  items={list.data?.items ?? []}
                  total={list.data?.total ?? 0}
                  capped={list.data?.totalIsCapped ?? false}
                />
                {(list.data?.total ?? 0) > PAGE_SIZE && (
                  <Pagination
                    total={Math.ceil((list.data?.total ?? 0) / PAGE_SIZE)}
                    value={page}
                    onChange={(p) => update({ page: String(p) }, false)}
                    color="red.9"
                    getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
                    getItemProps={(p) => ({ 'aria-label': t('pagination.page', { page: p }) })}
                  />
                )}
              </Stack>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
      {agencies.length > 0 && <RegisterCard agencies={agencies} />}
    </Stack>
  );
}

/** Form 07, the register of an agency for a period, as PDF or Excel. */
function RegisterCard({ agencies }: { agencies: [string, string][] }) {
  const { t } = useTranslation();
  const today = vnToday();
  const [agency, setAgency] = useState<string | null>(agencies[0]?.[0] ?? null);
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  // The fields keep their last date while the text typed is not one: no link for a date not shown.
  const [fromTyped, setFromTyped] = useState(true);
  const [toTyped, setToTyped] = useState(true);
  const valid =
    !!agency &&
    fromTyped &&
    toTyped &&
    /^\d{4}-\d{2}-\d{2}$/.test(from) &&
    /^\d{4}-\d{2}-\d{2}$/.test(to) &&
    from <= to;
  const url = (format: 'pdf' | 'xlsx') =>
    `/api/v1/agencies/${encodeURIComponent(agency ?? '')}/register.${format}?${new URLSearchParams({ from, to }).toString()}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="register-heading">
      <Stack gap="sm">
        <Title order={3} size="h5" id="register-heading">
          {t('inbox.register.heading')}
        </Title>
        {/* Aligned at the top, so a message under a date field does not move the other fields. */}
        <Group gap="sm" align="flex-start" wrap="wrap">
          {agencies.length > 1 && (
            <Select
              label={t('inbox.agency')}
              data={agencies.map(([code, name]) => ({ value: code, label: name }))}
              value={agency}
              onChange={setAgency}
              allowDeselect={false}
              w={280}
            />
          )}
          <DateField
            label={t('inbox.register.from')}
            value={from}
            onChange={setFrom}
            onTextValid={setFromTyped}
            required
          />
          <DateField
            label={t('inbox.register.to')}
            value={to}
            onChange={setTo}
            onTextValid={setToTyped}
            required
            error={from !== '' && to !== '' && from > to ? t('inbox.register.order') : undefined}
          />
          {/* Level with the inputs, below their labels. */}
          <Group gap="sm" mt={25}>
            <Button
              component="a"
              href={valid ? url('pdf') : undefined}
              download
              variant="outline"
              color="red.9"
              disabled={!valid}
            >
              {t('inbox.register.pdf')}
            </Button>
            <Button
              component="a"
              href={valid ? url('xlsx') : undefined}
              download
              variant="outline"
              color="red.9"
              disabled={!valid}
            >
              {t('inbox.register.xlsx')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}

/** Procedure names longer than this are cut at a word, the whole name in a tooltip. */
const PROCEDURE_NAME_MAX = 90;

function Results({
  tab,
  loading,
  error,
  items,
  total,
  capped,
}: {
  tab: InboxTab['id'];
  loading: boolean;
  error: string | undefined;
  items: DossierListItem[];
  total: number;
  capped: boolean;
}) {
  const { t } = useTranslation();
  // Dossiers waiting at the desk have no receipt or due time yet; when they were sent is what orders the work.
  const waiting = tab === 'receive';
  if (loading) return <Loader role="status" aria-label={t('common.loading')} />;
  if (error)
    return (
      <Alert color="red" role="alert">
        {error}
      </Alert>
    );
  return (
    <>
      <Text size="sm" c="dimmed" aria-live="polite">
        {items.length === 0
          ? t('inbox.none')
          : t(capped ? 'inbox.countCapped' : 'inbox.count', { count: total })}
      </Text>
      {items.length > 0 && (
        <Box className="scroll-region" tabIndex={0} role="region" aria-label={t('inbox.heading')}>
          <Table striped={false} highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dossier.code')}</Table.Th>
                <Table.Th>{t('dossier.procedure')}</Table.Th>
                <Table.Th>{t('dossier.applicant')}</Table.Th>
                <Table.Th>{t('dossier.status')}</Table.Th>
                {waiting ? (
                  <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('inboxColumns.submittedAt')}</Table.Th>
                ) : (
                  <>
                    <Table.Th>{t('dossier.receivedAt')}</Table.Th>
                    <Table.Th>{t('dossier.dueAt')}</Table.Th>
                  </>
                )}
                <Table.Th>{t('inbox.standing')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => {
                const overdue = d.standing.kind === 'open' && d.standing.standing === 'overdue';
                return (
                  <Table.Tr
                    key={d.id}
                    data-code={d.code ?? ''}
                    data-standing={overdue ? 'overdue' : d.nearDue ? 'near_due' : 'normal'}
                    style={{
                      background: overdue ? '#fff0f0' : d.nearDue ? '#fff6df' : undefined,
                      borderLeft: overdue ? '4px solid #c92a2a' : d.nearDue ? '4px solid #a35200' : undefined,
                    }}
                  >
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/can-bo/ho-so/${refOf(d)}`}
                        fw={600}
                        style={{ whiteSpace: 'nowrap' }}
                      >
                        {d.code ?? t('mine.draft')}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        title={d.procedure.name}
                        data-testid="procedure-name"
                        style={{ minWidth: '14rem' }}
                      >
                        {cutAtWord(d.procedure.name, PROCEDURE_NAME_MAX)}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ minWidth: '9rem' }}>{d.applicantName}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={d.status} name={d.statusName} short />
                    </Table.Td>
                    {waiting ? (
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.submittedAt)}</Table.Td>
                    ) : (
                      <>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.receivedAt)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.dueAt)}</Table.Td>
                      </>
                    )}
                    <Table.Td>
                      <StandingBadge standing={d.standing} nearDue={d.nearDue} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Box>
      )}
    </>
  );
}

/** Requests for this agency's opinion: who asks, what, and by when the answer is due. */
function OpinionResults({
  loading,
  error,
  items,
  total,
}: {
  loading: boolean;
  error: string | undefined;
  items: OpinionRequestItem[];
  total: number;
}) {
  const { t } = useTranslation();
  if (loading) return <Loader role="status" aria-label={t('common.loading')} />;
  if (error)
    return (
      <Alert color="red" role="alert">
        {error}
      </Alert>
    );
  return (
    <>
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="opinion-total">
        {items.length === 0 ? t('opinion.none') : t('opinion.count', { count: total })}
      </Text>
      {items.length > 0 && (
        <Box className="scroll-region" tabIndex={0} role="region" aria-label={t('opinion.tab')}>
          <Table striped={false} highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dossier.code')}</Table.Th>
                <Table.Th>{t('opinion.askedBy')}</Table.Th>
                <Table.Th>{t('opinion.question')}</Table.Th>
                <Table.Th>{t('dossier.applicant')}</Table.Th>
                <Table.Th>{t('opinion.sentAt')}</Table.Th>
                <Table.Th>{t('opinion.replyDueAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => (
                <Table.Tr
                  key={d.id}
                  data-code={d.code ?? ''}
                  style={{
                    background: d.replyOverdue ? '#fff0f0' : undefined,
                    borderLeft: d.replyOverdue ? '4px solid #c92a2a' : undefined,
                  }}
                >
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/can-bo/ho-so/${refOf(d)}`}
                      fw={600}
                      style={{ whiteSpace: 'nowrap' }}
                    >
                      {d.code}
                    </Anchor>
                    <Text size="xs" lineClamp={2}>
                      {d.procedure.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>{d.agency.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={3}>
                      {d.question ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{d.applicantName}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.sentAt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(d.replyDueAt)}
                    {d.replyOverdue && (
                      <Text size="xs" c="#c92a2a" fw={600}>
                        {t('opinion.replyOverdue')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
    </>
  );
}
