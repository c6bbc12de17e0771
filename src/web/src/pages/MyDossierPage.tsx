import { Alert, Anchor, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { componentFilesUrl, useDossier, type DossierView } from '../api/dossiers.ts';
import { ActionsPanel, lastSupplementRequest } from '../dossier/actions.tsx';
import {
  BulletList,
  DossierLoadError,
  Field,
  FileList,
  FileUpload,
  FormLinks,
  History,
  missingComponents,
  StandingBadge,
  StatusBadge,
  ResultSection,
  SupplementItems,
  unsuppliedItems,
} from '../dossier/ui.tsx';
import { formatDateTime } from '../format.ts';

/** Statuses in which the applicant attaches files (the API refuses uploads in any other). */
const uploadStatuses = ['draft', 'supplement_requested_at_intake', 'supplement_requested'];

export function MyDossierPage() {
  const { ref } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const dossier = useDossier(ref);
  if (dossier.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (dossier.error)
    return (
      <DossierLoadError
        error={dossier.error}
        back={
          <Anchor component={Link} to="/ho-so-cua-toi">
            {t('mine.back')}
          </Anchor>
        }
      />
    );
  const d = dossier.data;
  const dref = d.code ?? d.id;
  const canUpload =
    uploadStatuses.includes(d.status) && d.actions.some((a) => a === 'submit' || a === 'provide_supplement');
  const supplement = d.actions.includes('provide_supplement') ? lastSupplementRequest(d) : null;
  const awaited = supplement ? d.supplements.at(-1) : undefined;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/ho-so-cua-toi" size="sm">
        ← {t('mine.back')}
      </Anchor>
      <Stack gap={4}>
        <Title order={2}>{d.code ? t('dossier.heading', { code: d.code }) : t('mine.draft')}</Title>
        <Text>{d.procedure.name}</Text>
        <Group gap="xs" wrap="wrap">
          <StatusBadge status={d.status} name={d.statusName} />
          {d.standing.kind !== 'not_received' && <StandingBadge standing={d.standing} />}
        </Group>
      </Stack>

      <Summary view={d} />

      {supplement && (
        <Alert
          color="yellow"
          title={t('mine.supplementHeading')}
          role="alert"
          // The light variant's yellow title is 2:1 on its background; dark brown is above 7:1.
          styles={{ title: { color: '#4a3200' } }}
        >
          <Text size="sm">{supplement.reason}</Text>
          {!awaited && <BulletList items={supplement.items} />}
          <Text size="sm" mt={4} fw={d.supplementDueAt ? 600 : undefined}>
            {d.supplementDueAt
              ? t('mine.supplementDue', { at: formatDateTime(d.supplementDueAt) })
              : t('mine.supplementNoDue')}
          </Text>
          <Text size="sm" mt={4}>
            {t('mine.supplementHint')}
          </Text>
        </Alert>
      )}

      {awaited && (
        <Stack gap="sm" component="section">
          <Title order={3} size="h4">
            {t('supplement.heading')}
          </Title>
          <SupplementItems request={awaited} dossierRef={dref} pageRef={ref!} canUpload />
        </Stack>
      )}

      <Stack gap="sm" component="section">
        <Title order={3} size="h4">
          {t('dossier.components')}
        </Title>
        {d.components.map((c) => (
          <Card key={c.idx} withBorder padding="sm">
            <Stack gap="xs">
              {canUpload ? (
                <FileUpload
                  label={`${c.idx + 1}. ${c.name}`}
                  url={componentFilesUrl(dref, c.idx)}
                  multiple
                  dossierRef={ref!}
                />
              ) : (
                <Text fw={500}>
                  {c.idx + 1}. {c.name}
                </Text>
              )}
              <FileList dossierRef={dref} files={c.files} removable={canUpload} />
            </Stack>
          </Card>
        ))}
      </Stack>

      <ResultSection view={d} dossierRef={dref} />

      <Stack gap="xs" component="section">
        <Title order={3} size="h4">
          {t('mine.papers')}
        </Title>
        <FormLinks view={d} staff={false} />
        {!d.receivedAt && <Text size="sm">{t('filing.receiptLater')}</Text>}
      </Stack>

      {d.rating && (
        <Alert color="green" variant="light">
          {t('rating.given', { quick: t(`quickRatings.${d.rating.quick}`) })}
        </Alert>
      )}

      {d.actions.some((a) => a !== 'save_draft') && (
        <Stack gap="xs" component="section">
          <Title order={3} size="h4">
            {t('mine.whatNext')}
          </Title>
          <ActionsPanel
            view={d}
            check={(a) => {
              if (a === 'provide_supplement') {
                const missing = unsuppliedItems(d);
                return missing.length > 0 ? t('supplement.missing', { items: missing.join('; ') }) : null;
              }
              if (a !== 'submit') return null;
              const missing = missingComponents(d);
              return missing.length > 0
                ? t('filing.missingFiles', { names: missing.map((c) => c.name).join('; ') })
                : null;
            }}
            onDone={(_action, next) => {
              if (next.code && next.code !== ref)
                void navigate(`/ho-so-cua-toi/${next.code}`, { replace: true });
            }}
          />
        </Stack>
      )}

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

function Summary({ view: d }: { view: DossierView }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm" component="dl" m={0}>
        {d.procedure.caseName && <Field label={t('filing.case')}>{d.procedure.caseName}</Field>}
        <Field label={t('dossier.agency')}>{d.agency.name}</Field>
        <Field label={t('dossier.channel')}>{t(`channels.${d.channel}`)}</Field>
        {d.submittedAt && <Field label={t('dossier.submittedAt')}>{formatDateTime(d.submittedAt)}</Field>}
        <Field label={t('dossier.receivedAt')}>{formatDateTime(d.receivedAt)}</Field>
        <Field label={t('dossier.dueAt')}>
          {d.dueAt ? formatDateTime(d.dueAt) : t('dossier.dueAfterReceipt')}
        </Field>
        {d.originalDueAt && d.originalDueAt !== d.dueAt && (
          <Field label={t('dossier.originalDueAt')}>{formatDateTime(d.originalDueAt)}</Field>
        )}
        {d.resolvedAt && <Field label={t('dossier.resolvedAt')}>{formatDateTime(d.resolvedAt)}</Field>}
        {d.returnedAt && <Field label={t('dossier.returnedAt')}>{formatDateTime(d.returnedAt)}</Field>}
        <Field label={t('applicant.name')}>{d.applicant.name}</Field>
      </SimpleGrid>
    </Card>
  );
}
