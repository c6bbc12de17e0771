import {
  Alert,
  Anchor,
  Badge,
  Card,
  Grid,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { componentFilesUrl, resultFileUrl, useDossier, type DossierView } from '../../api/dossiers.ts';
import { ActionsPanel } from '../../dossier/actions.tsx';
import { useDuration, useQuantities } from '../../dossier/procedure-ui.tsx';
import {
  DossierLoadError,
  Field,
  FileList,
  FileUpload,
  FormLinks,
  History,
  StandingBadge,
  StatusBadge,
  ResultSection,
  SupplementItems,
} from '../../dossier/ui.tsx';
import { formatDateTime } from '../../format.ts';
import { StaffGate } from './StaffGate.tsx';

/** The desk digitises and files components while the dossier is at intake or waiting for a supplement. */
const deskActions = ['receive', 'request_supplement', 'refuse', 'provide_supplement', 'forward'];

export function StaffDossierPage() {
  return <StaffGate>{() => <StaffDossier />}</StaffGate>;
}

function StaffDossier() {
  const { ref } = useParams();
  const { t } = useTranslation();
  const quantities = useQuantities();
  const navigate = useNavigate();
  const dossier = useDossier(ref);
  if (dossier.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (dossier.error)
    return (
      <DossierLoadError
        error={dossier.error}
        back={
          <Anchor component={Link} to="/can-bo/ho-so">
            {t('staffDossier.back')}
          </Anchor>
        }
      />
    );
  const d = dossier.data;
  const dref = d.code ?? d.id;
  const canUploadComponents = d.actions.some((a) => deskActions.includes(a));
  const canUploadResult = d.actions.includes('issue') || d.actions.includes('approve');
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/can-bo/ho-so" size="sm">
        ← {t('staffDossier.back')}
      </Anchor>
      <Stack gap={4}>
        <Title order={2}>{d.code ? t('dossier.heading', { code: d.code }) : t('mine.draft')}</Title>
        <Text>{d.procedure.name}</Text>
        <Group gap="xs" wrap="wrap">
          <StatusBadge status={d.status} name={d.statusName} />
          {d.standing.kind !== 'not_received' && <StandingBadge standing={d.standing} />}
          {/* The dossier's change counter means nothing to staff: when it last changed does. */}
          <Text size="sm" c="dimmed" data-testid="last-change">
            {t('staffDossier.lastChange', { at: formatDateTime(d.history.at(-1)?.at ?? d.createdAt) })}
          </Text>
        </Group>
      </Stack>

      {d.opinionOnly && (
        <Alert color="blue" variant="light" data-testid="opinion-only">
          {t('opinion.onlyView')}
        </Alert>
      )}

      <Card withBorder padding="md" component="section" aria-labelledby="actions-heading">
        <Stack gap="sm">
          <Title order={3} size="h4" id="actions-heading">
            {t('staffDossier.actions')}
          </Title>
          <ActionsPanel
            view={d}
            onDone={(_a, next) => {
              if (next.code && next.code !== ref)
                void navigate(`/can-bo/ho-so/${next.code}`, { replace: true });
            }}
          />
          {canUploadResult && (
            <FileUpload label={t('staffDossier.resultFile')} url={resultFileUrl(dref)} dossierRef={ref!} />
          )}
          {!d.opinionOnly && <FormLinks view={d} staff />}
        </Stack>
      </Card>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <ApplicantCard view={d} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <TimesCard view={d} />
        </Grid.Col>
      </Grid>

      <Stack gap="sm" component="section">
        <Title order={3} size="h4">
          {t('dossier.components')}
        </Title>
        {d.components.map((c) => (
          <Card key={c.idx} withBorder padding="sm" data-component={c.idx}>
            <Stack gap="xs">
              <Group gap="xs" wrap="wrap">
                <Text fw={500}>
                  {c.idx + 1}. {c.name}
                </Text>
                <Text size="sm" c={c.provided ? '#1b5e20' : 'dimmed'}>
                  {c.provided ? t('staffDossier.provided') : t('staffDossier.notProvided')}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {[c.required ? t('procedure.required') : t('procedure.optional'), quantities(c)]
                  .filter(Boolean)
                  .join(' · ')}
                {c.fromNationalDb ? ` · ${t('procedure.fromNationalDb')}` : ''}
              </Text>
              <FileList dossierRef={dref} files={c.files} removable={canUploadComponents} />
              {canUploadComponents && (
                <FileUpload
                  label={t('staffDossier.scan', { name: c.name })}
                  url={componentFilesUrl(dref, c.idx)}
                  multiple
                  dossierRef={ref!}
                />
              )}
            </Stack>
          </Card>
        ))}
      </Stack>

      {d.supplements.length > 0 && (
        <Stack gap="sm" component="section">
          <Title order={3} size="h4">
            {t('supplement.heading')}
          </Title>
          {d.supplements.map((r, i) => (
            <Stack key={r.seq} gap="xs">
              <Text size="sm" c="dimmed">
                {t('supplement.requestOf', { at: formatDateTime(r.at) })} · {r.reason}
              </Text>
              <SupplementItems
                request={r}
                dossierRef={dref}
                pageRef={ref!}
                // The desk files what an in-person supplement brought, for the request now awaited.
                canUpload={i === d.supplements.length - 1 && d.actions.includes('provide_supplement')}
              />
            </Stack>
          ))}
        </Stack>
      )}

      {d.cooperation.length > 0 && <OpinionSection view={d} dossierRef={dref} />}

      <ResultSection view={d} dossierRef={dref} />

      <Stack gap="xs" component="section">
        <Title order={3} size="h4">
          {t('dossier.history')}
        </Title>
        <History
          history={d.history}
          agencyNames={d.agencyNames}
          supplements={d.supplements}
          dossierRef={dref}
        />
      </Stack>
    </Stack>
  );
}

function ApplicantCard({ view: d }: { view: DossierView }) {
  const { t } = useTranslation();
  const a = d.applicant;
  return (
    <Card withBorder padding="md" h="100%" component="section" aria-labelledby="applicant-heading">
      <Title order={3} size="h4" id="applicant-heading" mb="xs">
        {t('dossier.applicant')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" m={0}>
        {a.organizationName && <Field label={t('applicant.organizationName')}>{a.organizationName}</Field>}
        {a.taxCode && <Field label={t('applicant.taxCode')}>{a.taxCode}</Field>}
        <Field label={t('applicant.name')}>{a.name}</Field>
        <Field label={t('applicant.personalId')}>{a.personalId ?? '—'}</Field>
        <Field label={t('applicant.phone')}>{a.phone ?? '—'}</Field>
        <Field label={t('applicant.email')}>{a.email ?? '—'}</Field>
        <Field label={t('applicant.address')}>{a.address ?? '—'}</Field>
        <Field label={t('applicant.capacity')}>{t(`applicant.capacities.${a.capacity}`)}</Field>
        {a.representative && (
          <Field label={t('applicant.repName')}>
            {a.representative.name}
            {a.representative.personalId ? ` · ${a.representative.personalId}` : ''}
            {a.representative.phone ? ` · ${a.representative.phone}` : ''}
          </Field>
        )}
        {a.authorisation && (
          <Field label={t('applicant.authorisation')}>
            {a.authorisation.number}
            {a.authorisation.date ? ` · ${a.authorisation.date.split('-').reverse().join('/')}` : ''}
            {a.authorisation.issuer ? ` · ${a.authorisation.issuer}` : ''}
          </Field>
        )}
      </SimpleGrid>
    </Card>
  );
}

function TimesCard({ view: d }: { view: DossierView }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const step = d.currentStep;
  return (
    <Card withBorder padding="md" h="100%" component="section" aria-labelledby="times-heading">
      <Title order={3} size="h4" id="times-heading" mb="xs">
        {t('staffDossier.processing')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" m={0}>
        {d.procedure.caseName && <Field label={t('filing.case')}>{d.procedure.caseName}</Field>}
        <Field label={t('dossier.channel')}>{t(`channels.${d.channel}`)}</Field>
        {d.waybill && <Field label={t('intake.waybill')}>{d.waybill}</Field>}
        <Field label={t('dossier.agency')}>{d.agency.name}</Field>
        {d.intakeAgency && <Field label={t('intake.desk')}>{d.intakeAgency.name}</Field>}
        {d.submittedAt && <Field label={t('dossier.submittedAt')}>{formatDateTime(d.submittedAt)}</Field>}
        <Field label={t('dossier.receivedAt')}>{formatDateTime(d.receivedAt)}</Field>
        <Field label={t('dossier.dueAt')}>{formatDateTime(d.dueAt)}</Field>
        {d.originalDueAt && d.originalDueAt !== d.dueAt && (
          <Field label={t('dossier.originalDueAt')}>{formatDateTime(d.originalDueAt)}</Field>
        )}
        {d.resolvedAt && <Field label={t('dossier.resolvedAt')}>{formatDateTime(d.resolvedAt)}</Field>}
        {d.returnedAt && <Field label={t('dossier.returnedAt')}>{formatDateTime(d.returnedAt)}</Field>}
        <Field label={t('staffDossier.assignee')}>{d.assignee?.name ?? '—'}</Field>
        {step && (
          <Field label={t('staffDossier.step')}>
            {step.index === null
              ? t('staffDossier.processDone')
              : t('staffDossier.stepOf', { index: step.index + 1, total: step.total })}
            {step.step
              ? ` — ${t(`stepRoles.${step.step.role}`)}${step.step.unit ? ` (${step.step.unit})` : ''}, ${duration(step.step.budget)}`
              : ''}
          </Field>
        )}
        {d.supplementRequests > 0 && (
          <Field label={t('staffDossier.supplements')}>{d.supplementRequests}</Field>
        )}
        {d.cooperation.length > 0 && (
          <Field label={t('staffDossier.cooperation')}>
            {d.cooperation
              .map(
                (c) =>
                  `${c.agencyName} (${c.answeredAt ? t('opinion.answered') : t('staffDossier.pending')})`,
              )
              .join('; ')}
          </Field>
        )}
      </SimpleGrid>
    </Card>
  );
}

/** Each request for another agency's opinion: the question, its due time and files, and the answer. */
function OpinionSection({ view: d, dossierRef }: { view: DossierView; dossierRef: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="section" aria-labelledby="opinion-heading">
      <Title order={3} size="h4" id="opinion-heading">
        {t('opinion.section')}
      </Title>
      {d.cooperation.map((c, i) => {
        const overdue =
          c.answeredAt === null && c.replyDueAt !== null && Date.parse(c.replyDueAt) < Date.now();
        return (
          <Card key={i} withBorder padding="sm" data-opinion={c.agencyCode}>
            <Stack gap="xs">
              <Group gap="xs" wrap="wrap">
                <Text fw={600}>{c.agencyName}</Text>
                <Badge
                  variant="filled"
                  styles={{
                    root: {
                      background: c.answeredAt ? '#1b5e20' : overdue ? '#c92a2a' : '#5f3dc4',
                      color: '#fff',
                      textTransform: 'none',
                    },
                  }}
                >
                  {c.answeredAt
                    ? t('opinion.answer')
                    : overdue
                      ? t('opinion.replyOverdue')
                      : t('opinion.waiting')}
                </Badge>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" component="dl" m={0}>
                <Field label={t('opinion.sentAt')}>{formatDateTime(c.sentAt)}</Field>
                <Field label={t('opinion.replyDueAt')}>{formatDateTime(c.replyDueAt)}</Field>
                {c.answeredAt && (
                  <Field label={t('opinion.answeredAt')}>{formatDateTime(c.answeredAt)}</Field>
                )}
              </SimpleGrid>
              {c.question && (
                <Stack component="dl" m={0}>
                  <Field label={t('opinion.question')}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{c.question}</span>
                  </Field>
                </Stack>
              )}
              {c.requestFiles.length > 0 && (
                <Stack gap={2}>
                  <Text size="sm" c="dimmed">
                    {t('opinion.requestFiles')}
                  </Text>
                  <FileList dossierRef={dossierRef} files={c.requestFiles} />
                </Stack>
              )}
              {c.answeredAt && (
                <>
                  <Stack component="dl" m={0} gap="xs">
                    <Field label={t('opinion.answer')}>
                      <span style={{ whiteSpace: 'pre-wrap' }}>{c.result ?? ''}</span>
                    </Field>
                    {c.note && <Field label={t('opinion.note')}>{c.note}</Field>}
                  </Stack>
                  {c.replyFiles.length > 0 && (
                    <Stack gap={2}>
                      <Text size="sm" c="dimmed">
                        {t('opinion.replyFiles')}
                      </Text>
                      <FileList dossierRef={dossierRef} files={c.replyFiles} />
                    </Stack>
                  )}
                </>
              )}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
