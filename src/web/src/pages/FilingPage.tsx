import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Loader,
  Progress,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  componentFilesUrl,
  newIdempotencyKey,
  useCreateDossier,
  useDossier,
  useDossierAction,
  useProcedure,
  useProfile,
  type DossierView,
  type ProcedureDetail,
  type Profile,
} from '../api/dossiers.ts';
import { useMe } from '../api/hooks.ts';
import {
  applicantBody,
  applicantFields,
  applicantFromProfile,
  applicantReady,
  ApplicantFields,
  type ApplicantState,
} from '../dossier/applicant.tsx';
import { Fees, NORMAL_CASE, useDuration } from '../dossier/procedure-ui.tsx';
import {
  ErrorAlert,
  Field,
  fieldErrors,
  FileList,
  FileUpload,
  FormLinks,
  missingComponents,
} from '../dossier/ui.tsx';
import { formatDateTime } from '../format.ts';

const STEPS = ['case', 'applicant', 'files', 'review'] as const;

export function FilingPage() {
  const { code } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const procedure = useProcedure(code);
  const profile = useProfile(!!me.data);
  if (me.isPending || procedure.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (procedure.error)
    return (
      <Alert color="red" role="alert">
        {procedure.error.message}
      </Alert>
    );
  if (!me.data)
    return (
      <Stack>
        <Title order={2}>{t('filing.heading')}</Title>
        <Text>{procedure.data.name}</Text>
        <Alert color="blue">{t('filing.loginFirst')}</Alert>
        <Group>
          <Button
            component={Link}
            to={`/dang-nhap?next=${encodeURIComponent(`/nop-ho-so/${code}`)}`}
            color="red.9"
          >
            {t('nav.login')}
          </Button>
        </Group>
      </Stack>
    );
  if (me.data.kind === 'staff')
    return (
      <Alert color="yellow" role="alert">
        {t('filing.staffCannotFile')}
      </Alert>
    );
  if (profile.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (profile.error)
    return (
      <Alert color="red" role="alert">
        {profile.error.message}
      </Alert>
    );
  return <Filing procedure={procedure.data} profile={profile.data} />;
}

function Filing({ procedure: p, profile }: { procedure: ProcedureDetail; profile: Profile }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const [step, setStep] = useState(0);
  const [caseIndex, setCaseIndex] = useState<number | null>(null);
  const [agency, setAgency] = useState<string | null>(p.agencies.length === 1 ? p.agencies[0]!.code : null);
  const [applicant, setApplicant] = useState<ApplicantState>(() => applicantFromProfile(profile));
  const [draftRef, setDraftRef] = useState<string | null>(null);
  const [stepError, setStepError] = useState<string | null>(null);
  // The files step's error is worked out from the dossier as it is now, so it lists only what is still
  // missing and goes away by itself once the last required file is uploaded.
  const [filesChecked, setFilesChecked] = useState(false);
  const idempotencyKey = useRef(newIdempotencyKey());
  const create = useCreateDossier();
  const act = useDossierAction();
  const draft = useDossier(draftRef ?? undefined);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const go = (next: number) => {
    setStepError(null);
    setFilesChecked(false);
    setStep(next);
    // Move focus to the new step's heading so screen readers and keyboards follow.
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const createErrors = fieldErrors(create.error, [...applicantFields, 'caseIndex', 'agency']);
  const submitErrors = fieldErrors(act.error, []);

  const chosenCase = caseIndex === null ? undefined : p.cases[caseIndex];
  const onlineMethod = p.methods.find((m) => m.kind === 'online');
  const fees = chosenCase?.fees ?? onlineMethod?.fees ?? p.fees;
  const deadline = chosenCase?.deadline ?? onlineMethod?.deadline ?? p.deadline;

  const nextFromCase = () => {
    if (p.agencies.length > 1 && !agency) return setStepError(t('filing.chooseAgency'));
    go(1);
  };

  const saveDraft = () => {
    if (draftRef) return go(2);
    if (!applicantReady(applicant)) return;
    create.mutate(
      {
        key: idempotencyKey.current,
        body: {
          procedure: p.code,
          caseIndex,
          ...(agency && p.agencies.length > 1 ? { agency } : {}),
          channel: 'online',
          applicant: applicantBody(applicant),
          submit: false,
        },
      },
      {
        onSuccess: (view) => {
          setDraftRef(view.id);
          go(2);
        },
      },
    );
  };

  const view = draft.data;
  const submitted = view && view.status !== 'draft';

  const nextFromFiles = () => {
    if (!view) return;
    if (missingComponents(view).length > 0) return setFilesChecked(true);
    go(3);
  };
  const stillMissing = view && filesChecked ? missingComponents(view) : [];
  const filesError =
    stillMissing.length > 0
      ? t('filing.missingFiles', { names: stillMissing.map((c) => c.name).join('; ') })
      : null;

  const submit = () => {
    if (!view) return;
    act.mutate({ ref: view.id, action: 'submit', body: { version: view.version } });
  };

  if (submitted && view) return <Submitted view={view} />;

  const stepName = t(`filing.steps.${STEPS[step]!}`);
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={2}>{t('filing.heading')}</Title>
        <Text>{p.name}</Text>
      </Stack>
      <Stack gap={4}>
        <Title order={3} size="h4" ref={headingRef} tabIndex={-1} data-step={STEPS[step]}>
          {t('filing.stepOf', { step: step + 1, total: STEPS.length, name: stepName })}
        </Title>
        <Progress
          value={((step + 1) / STEPS.length) * 100}
          aria-label={t('filing.progress')}
          color="red.9"
          size="sm"
        />
      </Stack>

      {step === 0 && (
        <Stack gap="sm">
          {p.cases.length > 0 && (
            <Radio.Group
              label={t('filing.case')}
              value={caseIndex === null ? NORMAL_CASE : String(caseIndex)}
              onChange={(v) => setCaseIndex(v === NORMAL_CASE ? null : Number(v))}
              error={createErrors.of('caseIndex')}
              required
            >
              <Stack gap="xs" mt={6}>
                <Radio
                  value={NORMAL_CASE}
                  label={t('filing.normalCase')}
                  description={`${t('procedure.deadline')}: ${duration(onlineMethod?.deadline ?? p.deadline)}`}
                />
                {p.cases.map((c, i) => (
                  <Radio
                    key={i}
                    value={String(i)}
                    label={c.name}
                    description={`${t('procedure.deadline')}: ${duration(c.deadline)}`}
                  />
                ))}
              </Stack>
            </Radio.Group>
          )}
          {p.agencies.length > 1 && (
            <Select
              label={t('filing.agency')}
              data={p.agencies.map((a) => ({ value: a.code, label: a.name }))}
              value={agency}
              onChange={setAgency}
              error={createErrors.of('agency')}
              required
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
          )}
          {p.cases.length === 0 && p.agencies.length <= 1 && <Text>{t('filing.noChoice')}</Text>}
          <Card withBorder padding="sm">
            <Text size="sm">
              {t('procedure.deadline')}: <strong>{duration(deadline)}</strong>
            </Text>
            <Text size="sm" fw={500} mt={4}>
              {t('procedure.fees')}
            </Text>
            <Fees fees={fees} />
          </Card>
          <ErrorAlert message={stepError} />
          <Group>
            <Button onClick={nextFromCase} color="red.9">
              {t('filing.next')}
            </Button>
          </Group>
        </Stack>
      )}

      {step === 1 && (
        <Stack gap="sm">
          {draftRef && <Alert color="blue">{t('filing.applicantLocked')}</Alert>}
          <ApplicantFields
            value={applicant}
            onChange={setApplicant}
            errorOf={createErrors.of}
            disabled={!!draftRef}
            profile={profile}
          />
          <ErrorAlert message={createErrors.general} />
          <Group>
            <Button variant="default" onClick={() => go(0)} disabled={!!draftRef}>
              {t('filing.back')}
            </Button>
            <Button onClick={saveDraft} loading={create.isPending} color="red.9">
              {draftRef ? t('filing.next') : t('filing.saveDraftAndContinue')}
            </Button>
          </Group>
        </Stack>
      )}

      {step === 2 && (
        <Stack gap="sm">
          <Text size="sm">{t('filing.filesHint')}</Text>
          {!view ? (
            draft.error ? (
              <ErrorAlert message={draft.error.message} />
            ) : (
              <Loader role="status" aria-label={t('common.loading')} />
            )
          ) : (
            view.components.map((c) => (
              <Card key={c.idx} withBorder padding="sm">
                <Stack gap="xs">
                  <FileUpload
                    label={`${c.idx + 1}. ${c.name}`}
                    url={componentFilesUrl(view.id, c.idx)}
                    multiple
                    dossierRef={view.id}
                    description={
                      c.fromNationalDb
                        ? t('filing.fromNationalDb')
                        : c.required
                          ? t('filing.requiredFile')
                          : t('filing.optionalFile')
                    }
                  />
                  <FileList dossierRef={view.id} files={c.files} removable />
                </Stack>
              </Card>
            ))
          )}
          <ErrorAlert message={filesError} />
          <Group>
            <Button variant="default" onClick={() => go(1)}>
              {t('filing.back')}
            </Button>
            <Button onClick={nextFromFiles} color="red.9" disabled={!view}>
              {t('filing.next')}
            </Button>
          </Group>
        </Stack>
      )}

      {step === 3 && view && (
        <Stack gap="sm">
          <Card withBorder padding="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
              <Field label={t('dossier.procedure')}>{view.procedure.name}</Field>
              {p.cases.length > 0 && (
                <Field label={t('filing.case')}>{view.procedure.caseName ?? t('filing.normalCase')}</Field>
              )}
              <Field label={t('dossier.agency')}>{view.agency.name}</Field>
              <Field label={t('applicant.name')}>{view.applicant.name}</Field>
              <Field label={t('applicant.personalId')}>{view.applicant.personalId ?? '—'}</Field>
              <Field label={t('applicant.phone')}>{view.applicant.phone ?? '—'}</Field>
              <Field label={t('applicant.capacity')}>
                {t(`applicant.capacities.${view.applicant.capacity}`)}
              </Field>
              <Field label={t('procedure.deadline')}>{duration(deadline)}</Field>
            </SimpleGrid>
          </Card>
          <Title order={4} size="h5">
            {t('dossier.components')}
          </Title>
          <Stack gap="xs" component="ul" style={{ paddingLeft: 20, margin: 0 }}>
            {view.components.map((c) => (
              <li key={c.idx}>
                <Text size="sm">
                  {c.name}:{' '}
                  {c.files.length > 0
                    ? c.files.map((f) => f.fileName).join(', ')
                    : c.fromNationalDb
                      ? t('filing.fromNationalDb')
                      : t('files.none')}
                </Text>
              </li>
            ))}
          </Stack>
          <Text size="sm" fw={500}>
            {t('procedure.fees')}
          </Text>
          <Fees fees={fees} />
          <Text size="sm" c="dimmed">
            {t('filing.reviewHint')}
          </Text>
          <ErrorAlert message={submitErrors.general} />
          <Group>
            <Button variant="default" onClick={() => go(2)}>
              {t('filing.back')}
            </Button>
            <Button component={Link} to={`/ho-so-cua-toi/${view.id}`} variant="outline" color="red.9">
              {t('filing.keepDraft')}
            </Button>
            <Button onClick={submit} loading={act.isPending} color="red.9">
              {t('filing.submit')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('filing.draftSavedAt', { at: formatDateTime(view.createdAt) })}
          </Text>
        </Stack>
      )}
    </Stack>
  );
}

function Submitted({ view }: { view: DossierView }) {
  const { t } = useTranslation();
  const ref = view.code ?? view.id;
  return (
    <Stack gap="md">
      <Title order={2}>{t('filing.doneHeading')}</Title>
      <Alert color="green" role="status" variant="light">
        <Text>{t('filing.done')}</Text>
        <Text mt={4}>
          {t('dossier.code')}: <strong data-testid="dossier-code">{view.code}</strong>
        </Text>
      </Alert>
      <Card withBorder padding="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
          <Field label={t('dossier.procedure')}>{view.procedure.name}</Field>
          <Field label={t('dossier.agency')}>{view.agency.name}</Field>
          <Field label={t('dossier.submittedAt')}>{formatDateTime(view.submittedAt)}</Field>
          <Field label={t('dossier.dueAt')}>
            {view.dueAt ? formatDateTime(view.dueAt) : t('dossier.dueAfterReceipt')}
          </Field>
        </SimpleGrid>
      </Card>
      <Text size="sm">{t('filing.receiptLater')}</Text>
      <FormLinks view={view} staff={false} />
      <Group>
        <Button component={Link} to={`/ho-so-cua-toi/${ref}`} color="red.9">
          {t('filing.openDossier')}
        </Button>
        <Anchor component={Link} to={`/tra-cuu/${ref}`}>
          {t('filing.track')}
        </Anchor>
      </Group>
    </Stack>
  );
}
