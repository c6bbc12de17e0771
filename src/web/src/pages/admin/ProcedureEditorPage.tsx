import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Fieldset,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useAdminAgencies, type AdminAgency } from '../../api/agencies.ts';
import {
  contentFromView,
  emptyContent,
  stepRoles,
  useCreateProcedure,
  useDiscardDraft,
  useDraft,
  useHistory,
  useProcedureFields,
  useProcesses,
  usePublish,
  useSaveDraft,
  useSetProcess,
  type ProcedureContent,
  type ProcessStep,
  type ProcessView,
  type ProcedureView,
} from '../../api/catalog.ts';
import { api, ApiError } from '../../api/client.ts';
import type { Me } from '../../api/hooks.ts';
import { formatDateTime, vnToday } from '../../format.ts';
import { useQuery } from '@tanstack/react-query';
import {
  AdminGate,
  AdminNav,
  DurationInput,
  IssueSummary,
  ListEditor,
  formatCount,
  hasRole,
  useIssues,
  usePathLabel,
} from './common.tsx';
import { DateField, isoToVn } from '../../ui/DateField.tsx';
import { ProcedureForm } from './ProcedureForm.tsx';
import './admin.css';

export function ProcedureEditorPage() {
  const { code } = useParams();
  return (
    <AdminGate allow={(me) => hasRole(me, 'system_admin', 'agency_admin')}>
      {(me) => <Editor key={code ?? 'new'} code={code} me={me} />}
    </AdminGate>
  );
}

/** The latest published version (scheduled or in force), read as it will stand; null when none. */
function useLatestPublished(code: string | undefined, on: string | null | undefined) {
  return useQuery({
    queryKey: ['procedures', 'admin', 'published', code ?? '', on ?? 'today'],
    queryFn: async () => {
      try {
        const q = on ? `?on=${on}` : '';
        return await api<ProcedureView>('GET', `/api/v1/procedures/${encodeURIComponent(code!)}${q}`);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    enabled: !!code && on !== undefined,
    retry: false,
  });
}

function Editor({ code, me }: { code: string | undefined; me: Me }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'content';
  const history = useHistory(code);
  const draft = useDraft(code);
  const latest = history.data?.versions.find((v) => v.status !== 'draft');
  // `on` is undefined until the history is known, null for "today", a date for a scheduled version.
  const on = !code
    ? undefined
    : history.isPending
      ? undefined
      : latest?.status === 'scheduled'
        ? latest.effectiveFrom
        : null;
  const published = useLatestPublished(code, on);
  const title = draft.data?.name ?? published.data?.name ?? (code ? code : t('adm.catalog.new'));
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <Stack>
      <Anchor component={Link} to="/quan-tri/thu-tuc" size="sm">
        ← {t('adm.catalog.back')}
      </Anchor>
      <Title order={2}>{title}</Title>
      <AdminNav me={me} />
      {code && (
        <Group gap="xs">
          <Badge variant="light" color="gray" styles={{ root: { textTransform: 'none' } }}>
            {t('adm.catalog.code')}: {code}
          </Badge>
          {latest && (
            <Badge variant="light" color="gray" styles={{ root: { textTransform: 'none' } }}>
              {t(`adm.versionStatus.${latest.status}`, { defaultValue: latest.status })} ·{' '}
              {t('adm.catalog.version')} {latest.seq}
            </Badge>
          )}
          {draft.data && (
            <Badge
              variant="light"
              color="orange"
              styles={{ root: { textTransform: 'none', color: '#7a3d00' } }}
            >
              {t('adm.proc.hasDraft', { seq: draft.data.version.seq })}
            </Badge>
          )}
        </Group>
      )}
      {notice && (
        <Alert
          color="green"
          role="status"
          data-testid="notice"
          withCloseButton
          closeButtonLabel={t('adm.close')}
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      )}
      {!code ? (
        <ContentEditor code={undefined} me={me} draft={null} published={null} onNotice={setNotice} />
      ) : (
        <Tabs
          value={tab}
          onChange={(v) => v && setParams(v === 'content' ? {} : { tab: v }, { replace: true })}
          color="red.9"
          keepMounted={false}
        >
          <Tabs.List>
            <Tabs.Tab value="content">{t('adm.proc.tabs.content')}</Tabs.Tab>
            <Tabs.Tab value="history">{t('adm.proc.tabs.history')}</Tabs.Tab>
            <Tabs.Tab value="processes">{t('adm.proc.tabs.processes')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="content" pt="md">
            {draft.isPending || history.isPending || published.isPending ? (
              <Loader role="status" aria-label={t('common.loading')} />
            ) : draft.error || published.error ? (
              <Alert color="red" role="alert">
                {(draft.error ?? published.error)?.message}
              </Alert>
            ) : !draft.data && !published.data ? (
              <Alert color="yellow" role="alert">
                {t('adm.proc.notFound')}
              </Alert>
            ) : (
              <ContentEditor
                code={code}
                me={me}
                draft={draft.data ?? null}
                published={published.data ?? null}
                onNotice={setNotice}
              />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="history" pt="md">
            <HistoryPanel code={code} />
          </Tabs.Panel>
          <Tabs.Panel value="processes" pt="md">
            <ProcessesPanel
              code={code}
              me={me}
              agencyCodes={draft.data?.content.agencies ?? published.data?.agencies.map((a) => a.code) ?? []}
              editable={(published.data ?? draft.data)?.actions.includes('procedure.manage_process') ?? false}
            />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}

function ContentEditor({
  code,
  me,
  draft,
  published,
  onNotice,
}: {
  code: string | undefined;
  me: Me;
  draft: (ProcedureView & { content: ProcedureContent }) | null;
  published: ProcedureView | null;
  onNotice: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const fields = useProcedureFields();
  const agencies = useAdminAgencies();
  const create = useCreateProcedure();
  const save = useSaveDraft(code ?? '');
  const discard = useDiscardDraft(code ?? '');
  const server = draft?.content ?? (published ? contentFromView(published) : emptyContent());
  const lockVersion = draft?.version.lockVersion ?? published?.version.lockVersion ?? 0;
  const [edited, setEdited] = useState<ProcedureContent | null>(null);
  const [newCode, setNewCode] = useState('');
  const [note, setNote] = useState('');
  const content = edited ?? server;
  const mutation = code ? save : create;
  // Publication problems name content fields too: they land beside them, like the save's.
  const publish = usePublish(code ?? '');
  const issues = useIssues(mutation.error ?? publish.error);
  const [reveal, setReveal] = useState<{ path: string; n: number } | null>(null);
  const goTo = {
    to: (path: string) => setReveal((r) => ({ path, n: (r?.n ?? 0) + 1 })),
    // Internal processes are edited on their own tab.
    accepts: (path: string) => path.startsWith('content/'),
  };
  const canEdit =
    !code || (draft ?? published)?.actions.includes('procedure.edit') || hasRole(me, 'system_admin');
  const canPublish =
    !!draft && ((draft.actions.includes('procedure.publish') || hasRole(me, 'system_admin')) ?? false);
  const isSystemAdmin = hasRole(me, 'system_admin');
  const agencyOptions = (agencies.data?.items ?? []).filter(
    (a) => isSystemAdmin || a.actions.includes('agency.update') || content.agencies.includes(a.code),
  );

  const onSave = () => {
    onNotice(null);
    const body = { content, ...(note.trim() ? { note: note.trim() } : {}) };
    if (!code) {
      create.mutate(
        { code: newCode.trim(), ...body },
        { onSuccess: (v) => void navigate(`/quan-tri/thu-tuc/${encodeURIComponent(v.code)}`) },
      );
    } else {
      save.mutate(
        { version: lockVersion, ...body },
        {
          onSuccess: () => {
            setEdited(null);
            setNote('');
            publish.reset();
            onNotice(t('adm.proc.draftSaved'));
          },
        },
      );
    }
  };

  return (
    <Stack>
      {code && !draft && published && (
        <Alert color="blue">{t('adm.proc.startsDraft', { seq: published.version.seq })}</Alert>
      )}
      {!canEdit && <Alert color="gray">{t('adm.proc.readOnly')}</Alert>}
      {!code && (
        <TextInput
          label={t('adm.proc.code')}
          description={t('adm.proc.codeHint')}
          required
          value={newCode}
          onChange={(e) => setNewCode(e.currentTarget.value)}
          error={issues.of('code')}
          w={260}
        />
      )}
      {fields.error && (
        <Alert color="red" role="alert">
          {fields.error.message}
        </Alert>
      )}
      <ProcedureForm
        value={content}
        onChange={(c) => {
          setEdited(c);
          onNotice(null);
        }}
        errorOf={issues.of}
        errorPaths={issues.all.flatMap((i) => (i.field ? [i.field] : []))}
        reveal={reveal}
        options={{ fields: fields.data?.items ?? [], agencies: agencyOptions }}
        disabled={!canEdit}
      />
      {canEdit && (
        <Fieldset legend={t('adm.proc.saveLegend')}>
          <Stack gap="sm">
            <Textarea
              label={t('adm.proc.versionNote')}
              autosize
              minRows={1}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={issues.of('note')}
            />
            {mutation.error && <IssueSummary issues={issues.all} testId="save-errors" onGo={goTo} />}
            <Group>
              <Button
                color="red.9"
                onClick={onSave}
                loading={mutation.isPending}
                disabled={!!code && !edited && !!draft}
              >
                {code ? t('adm.proc.saveDraft') : t('adm.proc.createDraft')}
              </Button>
              {edited && (
                <Button variant="default" onClick={() => setEdited(null)}>
                  {t('adm.proc.discardChanges')}
                </Button>
              )}
              {draft && !edited && (
                <Button
                  variant="subtle"
                  color="red.9"
                  c="red.9"
                  loading={discard.isPending}
                  onClick={() => {
                    if (window.confirm(t('adm.proc.confirmDiscard'))) discard.mutate(lockVersion);
                  }}
                >
                  {t('adm.proc.discardDraft')}
                </Button>
              )}
            </Group>
            {discard.error && (
              <Alert color="red" role="alert">
                {discard.error.message}
              </Alert>
            )}
          </Stack>
        </Fieldset>
      )}
      {code && draft && canPublish && (
        <PublishPanel
          publish={publish}
          onGo={goTo}
          lockVersion={lockVersion}
          dirty={!!edited}
          seq={draft.version.seq}
          onNotice={onNotice}
        />
      )}
    </Stack>
  );
}

function tomorrow(): string {
  const d = new Date(`${vnToday()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function PublishPanel({
  publish,
  onGo,
  lockVersion,
  dirty,
  seq,
  onNotice,
}: {
  publish: ReturnType<typeof usePublish>;
  onGo: { to: (path: string) => void; accepts: (path: string) => boolean };
  lockVersion: number;
  dirty: boolean;
  seq: number;
  onNotice: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const [effectiveFrom, setEffectiveFrom] = useState(tomorrow());
  const [note, setNote] = useState('');
  const issues = useIssues(publish.error);
  return (
    <Fieldset legend={t('adm.proc.publishLegend', { seq })}>
      <Stack gap="sm">
        <Text size="sm">{t('adm.proc.publishHint')}</Text>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <DateField
            label={t('adm.proc.effectiveFrom')}
            required
            value={effectiveFrom}
            onChange={setEffectiveFrom}
            error={issues.of('effectiveFrom')}
          />
          <TextInput
            label={t('adm.proc.publishNote')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={issues.of('note')}
            w={360}
          />
        </Group>
        {dirty && <Alert color="yellow">{t('adm.proc.saveFirst')}</Alert>}
        <IssueSummary
          issues={issues.all}
          testId="publish-errors"
          onGo={onGo}
          title={(count) => t('adm.proc.publishErrors', { count })}
        />
        <Group>
          <Button
            color="red.9"
            disabled={dirty || !effectiveFrom}
            loading={publish.isPending}
            onClick={() =>
              // mutateAsync, not mutate's callbacks: publishing removes the draft, so this panel may be
              // unmounted by the refetch before the callbacks would run, and the notice would be lost.
              void publish
                .mutateAsync({
                  version: lockVersion,
                  effectiveFrom,
                  ...(note.trim() ? { note: note.trim() } : {}),
                })
                .then(
                  (v) =>
                    onNotice(
                      t('adm.proc.published', {
                        seq: v.version.seq,
                        date: isoToVn(v.version.effectiveFrom ?? effectiveFrom),
                      }),
                    ),
                  () => undefined, // shown beside the form from publish.error
                )
            }
          >
            {t('adm.proc.publish')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function HistoryPanel({ code }: { code: string }) {
  const { t } = useTranslation();
  const history = useHistory(code);
  const label = usePathLabel();
  if (history.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (history.error)
    return (
      <Alert color="red" role="alert">
        {history.error.message}
      </Alert>
    );
  return (
    <Box className="scroll-region" tabIndex={0} role="region" aria-label={t('adm.proc.tabs.history')}>
      <Table data-testid="history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('adm.catalog.version')}</Table.Th>
            <Table.Th>{t('adm.proc.status')}</Table.Th>
            <Table.Th>{t('adm.proc.effectiveFrom')}</Table.Th>
            <Table.Th>{t('adm.proc.effectiveTo')}</Table.Th>
            <Table.Th>{t('adm.proc.publishedAt')}</Table.Th>
            <Table.Th>{t('adm.proc.changed')}</Table.Th>
            <Table.Th>{t('adm.proc.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.data.versions.map((v) => (
            <Table.Tr key={v.seq} data-seq={v.seq} data-status={v.status}>
              <Table.Td>{v.seq}</Table.Td>
              <Table.Td>{t(`adm.versionStatus.${v.status}`, { defaultValue: v.status })}</Table.Td>
              <Table.Td>{v.effectiveFrom ? isoToVn(v.effectiveFrom) : '—'}</Table.Td>
              <Table.Td>{v.effectiveTo ? isoToVn(v.effectiveTo) : '—'}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {v.publishedAt ? formatDateTime(v.publishedAt) : '—'}
              </Table.Td>
              <Table.Td>
                {v.changed.length > 0 ? v.changed.map((c) => label(`content/${c}`)).join(', ') : '—'}
              </Table.Td>
              <Table.Td>{v.note ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

// ——— Internal processes ———

function ProcessesPanel({
  code,
  me,
  agencyCodes,
  editable,
}: {
  code: string;
  me: Me;
  agencyCodes: string[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const processes = useProcesses(code);
  const agencies = useAdminAgencies();
  if (processes.isPending || agencies.isPending)
    return <Loader role="status" aria-label={t('common.loading')} />;
  if (processes.error || agencies.error)
    return (
      <Alert color="red" role="alert">
        {(processes.error ?? agencies.error)?.message}
      </Alert>
    );
  const all = agencies.data.items;
  const stored = new Map(processes.data.items.map((p) => [p.agency.code, p]));
  const mayEdit = (a: AdminAgency) =>
    editable && (hasRole(me, 'system_admin') || a.actions.includes('agency.update'));
  const shown = agencyCodes
    .map((c) => all.find((a) => a.code === c))
    .filter((a): a is AdminAgency => !!a && (stored.has(a.code) || mayEdit(a)));
  if (shown.length === 0) return <Text c="dimmed">{t('adm.process.none')}</Text>;
  return (
    <Stack>
      <Text size="sm">{t('adm.process.hint')}</Text>
      {shown.map((a) => (
        <ProcessEditor
          key={a.code}
          code={code}
          agency={a}
          all={all}
          stored={stored.get(a.code)}
          editable={mayEdit(a)}
        />
      ))}
    </Stack>
  );
}

const newStep = (): ProcessStep => ({
  role: 'handle',
  unit: null,
  cooperatingAgency: null,
  budget: { amount: 1, unit: 'working_days' },
  parallelGroup: null,
  branch: null,
});

function budgetText(b: ProcessView['budget'], t: TFunction, language: string) {
  // The unit agrees with the limit it follows: "1 working day", "1.5 working days".
  if (b.scale === 'working_minutes') {
    const limit = Math.round((b.limit / 480) * 100) / 100;
    return t('adm.process.budget', {
      used: formatCount(Math.round((b.used / 480) * 100) / 100, language),
      limit: formatCount(limit, language),
      unit: t('adm.durUnits.working_days', { count: limit }),
    });
  }
  return t('adm.process.budget', {
    used: formatCount(b.used, language),
    limit: formatCount(b.limit, language),
    unit: t(`adm.durUnits.${b.scale}`, { defaultValue: b.scale, count: b.limit }),
  });
}

function ProcessEditor({
  code,
  agency,
  all,
  stored,
  editable,
}: {
  code: string;
  agency: AdminAgency;
  all: AdminAgency[];
  stored: ProcessView | undefined;
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const setProcess = useSetProcess(code, agency.code);
  const [steps, setSteps] = useState<ProcessStep[]>(stored?.steps ?? [newStep()]);
  const [dirty, setDirty] = useState(!stored);
  const [saved, setSaved] = useState(false);
  const issues = useIssues(setProcess.error);
  const ofStep = (i: number, f: string) => issues.of(`steps/${i}/${f}`);
  return (
    <Fieldset legend={agency.name} data-agency={agency.code} disabled={!editable}>
      <Stack gap="sm">
        {stored ? (
          <Text size="sm" data-testid="budget">
            {budgetText(stored.budget, t, i18n.language)}
            {' · '}
            {t('adm.process.updatedAt', { at: formatDateTime(stored.updatedAt) })}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('adm.process.notSet')}
          </Text>
        )}
        <ListEditor
          legend={t('adm.process.steps')}
          items={steps}
          onChange={(s) => {
            setSteps(s);
            setDirty(true);
            setSaved(false);
          }}
          make={newStep}
          itemLabel={(i) => t('adm.process.step', { n: i + 1 })}
          addLabel={t('adm.process.addStep')}
          error={issues.of('steps')}
          render={(s, i, upd) => (
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Select
                  label={t('adm.process.role')}
                  data={stepRoles.map((r) => ({ value: r, label: t(`stepRoles.${r}`) }))}
                  value={s.role}
                  allowDeselect={false}
                  onChange={(v) => v && upd({ ...s, role: v })}
                  error={ofStep(i, 'role')}
                />
                <Select
                  label={t('adm.process.unit')}
                  placeholder={t('adm.process.noUnit')}
                  data={[
                    ...agency.units.map((u) => u.name),
                    ...(s.unit && !agency.units.some((u) => u.name === s.unit) ? [s.unit] : []),
                  ]}
                  value={s.unit}
                  onChange={(v) => upd({ ...s, unit: v })}
                  clearable
                  clearButtonProps={{ 'aria-label': t('adm.clear') }}
                  error={ofStep(i, 'unit')}
                />
                <Select
                  label={t('adm.process.cooperating')}
                  placeholder={t('adm.process.noCooperating')}
                  data={all
                    .filter((a) => a.code !== agency.code)
                    .map((a) => ({ value: a.code, label: a.name }))}
                  value={s.cooperatingAgency}
                  onChange={(v) => upd({ ...s, cooperatingAgency: v })}
                  clearable
                  clearButtonProps={{ 'aria-label': t('adm.clear') }}
                  searchable
                  error={ofStep(i, 'cooperatingAgency')}
                />
              </SimpleGrid>
              <Group align="flex-start" gap="sm" wrap="wrap">
                <DurationInput
                  label={t('adm.process.budgetLabel')}
                  value={s.budget}
                  onChange={(b) => upd({ ...s, budget: b })}
                  error={ofStep(i, 'budget')}
                  amountError={ofStep(i, 'budget/amount')}
                />
                <TextInput
                  label={t('adm.process.parallelGroup')}
                  description={t('adm.process.parallelHint')}
                  value={s.parallelGroup ?? ''}
                  onChange={(e) => upd({ ...s, parallelGroup: e.currentTarget.value || null })}
                  error={ofStep(i, 'parallelGroup')}
                  w={170}
                />
                <TextInput
                  label={t('adm.process.branch')}
                  value={s.branch ?? ''}
                  onChange={(e) => upd({ ...s, branch: e.currentTarget.value || null })}
                  error={ofStep(i, 'branch')}
                  w={130}
                  mt={0}
                />
              </Group>
              <TextInput
                label={t('adm.process.description')}
                value={s.description ?? ''}
                onChange={(e) => {
                  const next = { ...s };
                  if (e.currentTarget.value) next.description = e.currentTarget.value;
                  else delete next.description;
                  upd(next);
                }}
                error={ofStep(i, 'description')}
              />
            </Stack>
          )}
        />
        <IssueSummary issues={issues.all} testId="process-errors" />
        {saved && (
          <Alert color="green" role="status">
            {t('adm.process.saved')}
          </Alert>
        )}
        {editable && (
          <Group>
            <Button
              color="red.9"
              disabled={!dirty}
              loading={setProcess.isPending}
              onClick={() =>
                setProcess.mutate(
                  { version: stored?.version ?? 0, steps },
                  {
                    onSuccess: () => {
                      setDirty(false);
                      setSaved(true);
                    },
                  },
                )
              }
            >
              {t('adm.process.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Fieldset>
  );
}
