import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  componentsOf,
  newIdempotencyKey,
  useCreateDossier,
  useDossierAction,
  useApplicantLookup,
  useProcedure,
  useProfile,
  type ApplicantMatch,
  type DossierAction,
  type DossierView,
  type ProcedureDetail,
} from '../../api/dossiers.ts';
import { useProcedureSearch, type Me } from '../../api/hooks.ts';
import {
  applicantBody,
  applicantFields,
  ApplicantFields,
  applicantReady,
  emptyApplicant,
  type ApplicantState,
} from '../../dossier/applicant.tsx';
import { NORMAL_CASE, useDuration, useQuantities } from '../../dossier/procedure-ui.tsx';
import { ErrorAlert, Field, fieldErrors, FormLinks, lines, StatusBadge } from '../../dossier/ui.tsx';
import { formatDateTime } from '../../format.ts';
import { ReceiptTimeWarning } from '../../dossier/receipt-time.tsx';
import { StaffGate } from './StaffGate.tsx';
import { MAX_QUERY_LENGTH } from '../../../../domain/catalog/search-text.ts';

type Outcome = 'receive' | 'request_supplement' | 'refuse';

export function IntakePage() {
  return <StaffGate>{(me) => <Intake me={me} />}</StaffGate>;
}

function Intake({ me }: { me: Me }) {
  const { t } = useTranslation();
  const profile = useProfile();
  const [round, setRound] = useState(0);
  const desks = (profile.data?.roles ?? []).filter((r) => r.role === 'receiving_officer' && r.agencyCode);
  if (!me.roles.some((r) => r.role === 'receiving_officer'))
    return (
      <Alert color="yellow" role="alert">
        {t('intake.notDesk')}
      </Alert>
    );
  if (profile.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  return (
    <IntakeForm
      key={round}
      desks={desks.map((d) => ({ code: d.agencyCode!, name: d.agencyName ?? d.agencyCode! }))}
      onNew={() => setRound((r) => r + 1)}
    />
  );
}

function ProcedurePicker({ value, onChange }: { value: string | null; onChange: (code: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const search = useProcedureSearch(debounced);
  const items = search.data?.items.slice(0, 8) ?? [];
  return (
    <Stack gap="xs">
      <TextInput
        label={t('intake.searchProcedure')}
        description={t('home.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        type="search"
        autoComplete="off"
        maxLength={MAX_QUERY_LENGTH}
        rightSection={search.isFetching ? <Loader size="xs" /> : null}
      />
      {debounced !== '' && (
        <Radio.Group label={t('intake.chooseProcedure')} value={value} onChange={onChange}>
          <Stack gap={6} mt={6}>
            {items.length === 0 && !search.isFetching && (
              <Text size="sm" c="dimmed">
                {t('home.none')}
              </Text>
            )}
            {items.map((p) => (
              <Radio key={p.code} value={p.code} label={p.name} description={`${p.code} · ${p.field.name}`} />
            ))}
          </Stack>
        </Radio.Group>
      )}
    </Stack>
  );
}

function IntakeForm({ desks, onNew }: { desks: { code: string; name: string }[]; onNew: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<string | null>(null);
  const procedure = useProcedure(code ?? undefined);
  return (
    <Stack gap="md">
      <Title order={2}>{t('intake.heading')}</Title>
      <Card withBorder padding="md">
        <ProcedurePicker value={code} onChange={setCode} />
      </Card>
      {code && procedure.isPending && <Loader role="status" aria-label={t('common.loading')} />}
      {procedure.error && <ErrorAlert message={procedure.error.message} />}
      {procedure.data && procedure.data.code === code && (
        <DossierForm key={code} procedure={procedure.data} desks={desks} onNew={onNew} />
      )}
    </Stack>
  );
}

function DossierForm({
  procedure: p,
  desks,
  onNew,
}: {
  procedure: ProcedureDetail;
  desks: { code: string; name: string }[];
  onNew: () => void;
}) {
  const { t } = useTranslation();
  const duration = useDuration();
  const quantities = useQuantities();
  const implementing = new Set(p.agencies.map((a) => a.code));
  const ownDesk = desks.find((d) => implementing.has(d.code));
  const [channel, setChannel] = useState<'in_person' | 'postal'>('in_person');
  const [waybill, setWaybill] = useState('');
  const [caseIndex, setCaseIndex] = useState<number | null>(null);
  const [agency, setAgency] = useState<string | null>(
    ownDesk?.code ?? (p.agencies.length === 1 ? p.agencies[0]!.code : null),
  );
  const [intakeAgency, setIntakeAgency] = useState<string | null>(ownDesk?.code ?? desks[0]?.code ?? null);
  const [applicant, setApplicant] = useState<ApplicantState>(emptyApplicant);
  const components = componentsOf(p, caseIndex);
  const [provided, setProvided] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome>('receive');
  const [reason, setReason] = useState('');
  const [extraItems, setExtraItems] = useState('');
  const [created, setCreated] = useState<DossierView | null>(null);
  const [finished, setFinished] = useState<DossierView | null>(null);
  const key = useRef(newIdempotencyKey());
  const create = useCreateDossier();
  const act = useDossierAction();

  const createErrors = fieldErrors(create.error, [
    ...applicantFields,
    'caseIndex',
    'agency',
    'intakeAgency',
    'waybill',
    'channel',
    'procedure',
  ]);
  const actErrors = fieldErrors(act.error, ['provided', 'items', 'reason', 'reasons']);
  // The action's error is about what was sent: once the officer changes the fields it names, it goes.
  const edited =
    <T,>(setter: (v: T) => void) =>
    (v: T) => {
      setter(v);
      if (act.error) act.reset();
    };

  if (finished) return <Finished view={finished} onNew={onNew} />;

  const missing = components
    .map((c, idx) => ({ c, idx }))
    .filter(({ c, idx }) => !provided.includes(String(idx)) && !c.fromNationalDb);

  const actionBody = (view: DossierView): { action: DossierAction; body: Record<string, unknown> } => {
    switch (outcome) {
      case 'receive':
        return { action: 'receive', body: { version: view.version, provided: provided.map(Number) } };
      case 'request_supplement':
        return {
          action: 'request_supplement',
          body: {
            version: view.version,
            items: [...missing.map(({ c }) => c.name), ...lines(extraItems)],
            reason: reason.trim(),
          },
        };
      case 'refuse':
        return { action: 'refuse', body: { version: view.version, reasons: lines(reason) } };
    }
  };

  const runAction = (view: DossierView) => {
    const { action, body } = actionBody(view);
    act.mutate({ ref: view.code ?? view.id, action, body }, { onSuccess: setFinished });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (created) return runAction(created);
    if (!applicantReady(applicant)) return;
    create.mutate(
      {
        key: key.current,
        body: {
          procedure: p.code,
          caseIndex,
          ...(agency ? { agency } : {}),
          ...(intakeAgency && desks.length > 1 ? { intakeAgency } : {}),
          channel,
          ...(channel === 'postal' ? { waybill: waybill.trim() } : {}),
          applicant: applicantBody(applicant),
        },
      },
      {
        onSuccess: (view) => {
          setCreated(view);
          runAction(view);
        },
      },
    );
  };

  const locked = created !== null;
  return (
    <Card withBorder padding="md" component="form" onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={3} size="h4">
            {p.name}
          </Title>
          <Text size="sm" c="dimmed">
            {p.code} · {t('procedure.deadline')}: {duration(p.deadline)}
          </Text>
        </Stack>
        {locked && (
          <Alert color="blue">
            {t('intake.createdPending', { code: created.code })}{' '}
            <Anchor component={Link} to={`/can-bo/ho-so/${created.code ?? created.id}`}>
              {t('intake.openDossier')}
            </Anchor>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <Radio.Group
            label={t('intake.channel')}
            value={channel}
            onChange={(v) => setChannel(v)}
            error={createErrors.of('channel')}
          >
            <Group gap="md" mt={6}>
              <Radio value="in_person" label={t('channels.in_person')} disabled={locked} />
              <Radio value="postal" label={t('channels.postal')} disabled={locked} />
            </Group>
          </Radio.Group>
          {channel === 'postal' && (
            <TextInput
              label={t('intake.waybill')}
              value={waybill}
              onChange={(e) => setWaybill(e.currentTarget.value)}
              error={createErrors.of('waybill')}
              required
              disabled={locked}
            />
          )}
        </SimpleGrid>
        {p.cases.length > 0 && (
          <Radio.Group
            label={t('filing.case')}
            value={caseIndex === null ? NORMAL_CASE : String(caseIndex)}
            onChange={(v) => {
              setCaseIndex(v === NORMAL_CASE ? null : Number(v));
              setProvided([]);
            }}
            error={createErrors.of('caseIndex')}
            required
          >
            <Stack gap={6} mt={6}>
              <Radio
                value={NORMAL_CASE}
                label={t('filing.normalCase')}
                description={`${t('procedure.deadline')}: ${duration(
                  p.methods.find((m) => m.kind === channel)?.deadline ?? p.deadline,
                )}`}
                disabled={locked}
              />
              {p.cases.map((c, i) => (
                <Radio
                  key={i}
                  value={String(i)}
                  label={c.name}
                  description={`${t('procedure.deadline')}: ${duration(c.deadline)}`}
                  disabled={locked}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {p.agencies.length > 1 && (
            <Select
              label={t('intake.resolvingAgency')}
              data={p.agencies.map((a) => ({ value: a.code, label: a.name }))}
              value={agency}
              onChange={setAgency}
              error={createErrors.of('agency')}
              required
              disabled={locked}
            />
          )}
          {desks.length > 1 && (
            <Select
              label={t('intake.desk')}
              data={desks.map((d) => ({ value: d.code, label: d.name }))}
              value={intakeAgency}
              onChange={setIntakeAgency}
              error={createErrors.of('intakeAgency')}
              required
              disabled={locked}
            />
          )}
        </SimpleGrid>
        <Title order={4} size="h5">
          {t('intake.applicant')}
        </Title>
        <ApplicantFields
          value={applicant}
          onChange={setApplicant}
          errorOf={createErrors.of}
          disabled={locked}
          chooseKind
          ownerExtra={
            !locked && applicant.kind === 'citizen' ? (
              <ApplicantLookup value={applicant} onChange={setApplicant} />
            ) : null
          }
        />
        <Checkbox.Group
          label={t('intake.checklist')}
          description={t('intake.checklistHint')}
          value={provided}
          onChange={edited(setProvided)}
          error={actErrors.of('provided')}
        >
          <Stack gap={6} mt={6}>
            {components.map((c, idx) => (
              <Checkbox
                key={idx}
                value={String(idx)}
                label={`${c.name}${quantities(c) ? ` — ${quantities(c, ', ')}` : ''}${
                  c.required ? '' : ` (${t('procedure.optional')})`
                }${c.fromNationalDb ? ` (${t('procedure.fromNationalDb')})` : ''}`}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Radio.Group
          label={t('intake.outcome')}
          value={outcome}
          onChange={edited((v: string) => setOutcome(v as Outcome))}
        >
          <Stack gap={6} mt={6}>
            <Radio value="receive" label={t('intake.outcomes.receive')} />
            <Radio value="request_supplement" label={t('intake.outcomes.request_supplement')} />
            <Radio value="refuse" label={t('intake.outcomes.refuse')} />
          </Stack>
        </Radio.Group>
        {outcome === 'receive' && missing.some(({ c }) => c.required) && (
          <Alert color="yellow">{t('intake.missingRequired')}</Alert>
        )}
        {outcome === 'receive' && <ReceiptTimeWarning agency={agency ?? p.agencies[0]?.code ?? null} />}
        {outcome === 'request_supplement' && (
          <>
            <Text size="sm">
              {t('intake.supplementItems')}: {missing.map(({ c }) => c.name).join('; ') || '—'}
            </Text>
            <Textarea
              label={t('actionFields.otherItems')}
              description={t('actionFields.onePerLine')}
              value={extraItems}
              onChange={(e) => edited(setExtraItems)(e.currentTarget.value)}
              error={actErrors.of('items')}
              autosize
              minRows={2}
            />
            <Textarea
              label={t('actionFields.reason')}
              value={reason}
              onChange={(e) => edited(setReason)(e.currentTarget.value)}
              error={actErrors.of('reason')}
              required
              autosize
              minRows={2}
            />
          </>
        )}
        {outcome === 'refuse' && (
          <Textarea
            label={t('actionFields.reasons')}
            description={t('actionFields.onePerLine')}
            value={reason}
            onChange={(e) => edited(setReason)(e.currentTarget.value)}
            error={actErrors.of('reasons')}
            required
            autosize
            minRows={2}
          />
        )}
        <ErrorAlert message={createErrors.general ?? actErrors.general} />
        <Group>
          <Button type="submit" color="red.9" loading={create.isPending || act.isPending}>
            {t(`intake.submit.${outcome}`)}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/**
 * Once a whole personal ID number is typed, the desk is offered what the citizen's account and their
 * earlier dossiers at this desk's agencies hold (only the form's fields); one press fills them in.
 */
function ApplicantLookup({
  value,
  onChange,
}: {
  value: ApplicantState;
  onChange: (next: ApplicantState) => void;
}) {
  const { t } = useTranslation();
  const id = value.personalId.trim();
  const complete = /^\d{12}$/.test(id);
  const [debounced] = useDebouncedValue(complete ? id : null, 300);
  const lookup = useApplicantLookup(complete && debounced === id ? id : null);
  const [filledFor, setFilledFor] = useState<string | null>(null);
  if (!complete || !lookup.data) return null;
  if (filledFor === id)
    return (
      <Text size="sm" c="green.9" mt="xs" role="status">
        {t('intake.lookup.filled')}
      </Text>
    );
  const matches = lookup.data.matches;
  if (matches.length === 0)
    return (
      <Text size="sm" c="dimmed" mt="xs" role="status">
        {t('intake.lookup.none')}
      </Text>
    );
  const fill = (m: ApplicantMatch) => {
    onChange({
      ...value,
      name: m.name,
      phone: m.phone ?? value.phone,
      email: m.email ?? value.email,
      address: m.address ?? value.address,
    });
    setFilledFor(id);
  };
  return (
    <Alert color="blue" mt="sm" title={t('intake.lookup.title')} role="status">
      <Stack gap="xs">
        {matches.map((m) => (
          <Group key={m.source} justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm">
              <b>{m.name}</b> · {t(`intake.lookup.source.${m.source}`)}
            </Text>
            <Button
              size="xs"
              color="red.9"
              onClick={() => fill(m)}
              aria-label={`${t('intake.lookup.fill')}: ${t(`intake.lookup.source.${m.source}`)}`}
            >
              {t('intake.lookup.fill')}
            </Button>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}

function Finished({ view, onNew }: { view: DossierView; onNew: () => void }) {
  const { t } = useTranslation();
  const ref = view.code ?? view.id;
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Alert color="green" role="status" variant="light">
          {t('intake.done', { code: view.code })}
        </Alert>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm" component="dl" m={0}>
          <Field label={t('dossier.code')}>
            <span data-testid="dossier-code">{view.code}</span>
          </Field>
          <Field label={t('dossier.status')}>
            <StatusBadge status={view.status} name={view.statusName} />
          </Field>
          <Field label={t('dossier.dueAt')}>{view.dueAt ? formatDateTime(view.dueAt) : '—'}</Field>
          <Field label={t('dossier.applicant')}>{view.applicant.name}</Field>
          <Field label={t('dossier.procedure')}>{view.procedure.name}</Field>
        </SimpleGrid>
        <Text size="sm" fw={500}>
          {t('intake.print')}
        </Text>
        <FormLinks view={view} staff />
        <Group>
          <Button component={Link} to={`/can-bo/ho-so/${ref}`} variant="outline" color="red.9">
            {t('intake.openDossier')}
          </Button>
          <Button onClick={onNew} color="red.9">
            {t('intake.new')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
