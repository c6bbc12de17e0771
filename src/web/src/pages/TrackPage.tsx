import {
  Alert,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useTrack, type TrackingResult } from '../api/dossiers.ts';
import { Field, StatusBadge, usePick } from '../dossier/ui.tsx';
import { formatDateTime } from '../format.ts';

/** Public tracking by code; /tra-cuu/:code is also where the QR code on the receipt (form 01) leads. */
export function TrackPage() {
  const { code } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(code ?? '');
  const [lastFour, setLastFour] = useState<string | null>(null);
  const track = useTrack(code, lastFour);
  const notFound =
    track.error instanceof ApiError && track.error.status === 404 ? track.error.message : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next = typed.trim().toUpperCase();
    if (!next) return;
    setLastFour(null);
    void navigate(`/tra-cuu/${encodeURIComponent(next)}`);
  };
  return (
    <Stack gap="lg">
      <Title order={2}>{t('track.heading')}</Title>
      <form onSubmit={onSubmit} noValidate>
        <Group align="flex-end" wrap="wrap" gap="sm">
          <TextInput
            label={t('track.code')}
            description={t('track.codeHint')}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            error={code && !track.isFetching ? notFound : undefined}
            autoComplete="off"
            spellCheck={false}
            style={{ flex: '1 1 260px', minWidth: 0 }}
          />
          <Button type="submit" color="red.9">
            {t('track.submit')}
          </Button>
        </Group>
      </form>
      {code && track.isPending && <Loader role="status" aria-label={t('common.loading')} />}
      {track.error && !(track.error instanceof ApiError && track.error.status === 404) && (
        <Alert color="red" role="alert">
          {track.error.message}
        </Alert>
      )}
      {track.data && code && track.data.code === code && (
        <Result result={track.data} triedLastFour={lastFour} onLastFour={setLastFour} />
      )}
    </Stack>
  );
}

function Result({
  result: r,
  triedLastFour,
  onLastFour,
}: {
  result: TrackingResult;
  triedLastFour: string | null;
  onLastFour: (v: string) => void;
}) {
  const { t } = useTranslation();
  const pick = usePick();
  const [digits, setDigits] = useState('');
  const [digitsError, setDigitsError] = useState<string | null>(null);
  const prove = (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{4}$/.test(digits)) return setDigitsError(t('track.fourDigits'));
    setDigitsError(null);
    onLastFour(digits);
  };
  return (
    <Stack gap="md" aria-live="polite">
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Group gap="xs" wrap="wrap">
            <Text fw={600} data-testid="tracked-code" style={{ overflowWrap: 'anywhere' }}>
              {r.code}
            </Text>
            <StatusBadge status={r.status} name={r.statusName} />
          </Group>
          <Text>{r.procedure.name}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
            <Field label={t('dossier.agency')}>{r.agency.name}</Field>
            <Field label={t('dossier.applicant')}>{r.applicant.name}</Field>
            {r.submittedAt && <Field label={t('dossier.submittedAt')}>{formatDateTime(r.submittedAt)}</Field>}
            <Field label={t('dossier.receivedAt')}>{formatDateTime(r.receivedAt)}</Field>
            <Field label={t('dossier.dueAt')}>
              {r.dueAt ? formatDateTime(r.dueAt) : t('dossier.dueAfterReceipt')}
            </Field>
            {r.resolvedAt && <Field label={t('dossier.resolvedAt')}>{formatDateTime(r.resolvedAt)}</Field>}
            {r.returnedAt && <Field label={t('dossier.returnedAt')}>{formatDateTime(r.returnedAt)}</Field>}
          </SimpleGrid>
        </Stack>
      </Card>
      <Card withBorder padding="md" component="section" aria-labelledby="collect-at">
        <Title order={3} size="h5" id="collect-at">
          {t('track.collectAt')}
        </Title>
        <Text>{r.collectAt.name}</Text>
        {r.collectAt.address && <Text size="sm">{r.collectAt.address}</Text>}
        {r.collectAt.phone && (
          <Text size="sm">
            {t('track.phone')}: {r.collectAt.phone}
          </Text>
        )}
      </Card>
      <Stack gap="xs" component="section">
        <Title order={3} size="h4">
          {t('track.steps')}
        </Title>
        {r.steps.length === 0 ? (
          <Text size="sm">{t('track.noSteps')}</Text>
        ) : (
          <Timeline active={r.steps.length - 1} bulletSize={14} lineWidth={2} color="red.9">
            {r.steps.map((s, i) => (
              <Timeline.Item key={i} title={pick(s)}>
                <Text size="sm" c="dimmed">
                  {formatDateTime(s.at)}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>
      <Card withBorder padding="md" component="section">
        {r.personalData ? (
          <Stack gap={4}>
            <Title order={3} size="h5">
              {t('track.personal')}
            </Title>
            <Text size="sm">
              {t('applicant.name')}: {r.applicant.name}
            </Text>
            {r.applicant.phone && (
              <Text size="sm">
                {t('applicant.phone')}: {r.applicant.phone}
              </Text>
            )}
            {r.applicant.email && (
              <Text size="sm">
                {t('applicant.email')}: {r.applicant.email}
              </Text>
            )}
            {r.applicant.address && (
              <Text size="sm">
                {t('applicant.address')}: {r.applicant.address}
              </Text>
            )}
          </Stack>
        ) : (
          <form onSubmit={prove} noValidate>
            <Stack gap="xs">
              <Text size="sm">{t('track.maskedHint')}</Text>
              <Group align="flex-end" wrap="wrap" gap="sm">
                <TextInput
                  label={t('track.lastFour')}
                  value={digits}
                  onChange={(e) => setDigits(e.currentTarget.value.replace(/\D/g, '').slice(0, 4))}
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={4}
                  w={200}
                  error={digitsError ?? (triedLastFour && !r.personalData ? t('track.noMatch') : undefined)}
                />
                <Button type="submit" variant="outline" color="red.9">
                  {t('track.showPersonal')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Card>
    </Stack>
  );
}
