import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useProcedure } from '../api/dossiers.ts';
import { Components, Fees, LegalDocuments, useDuration } from '../dossier/procedure-ui.tsx';
import { Field } from '../dossier/field.tsx';
import { formatDate } from '../format.ts';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Title order={3} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** Multi-line catalog text (steps, requirements) as paragraphs. */
function Paragraphs({ text }: { text: string }) {
  return (
    <Stack gap={4}>
      {text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l, i) => (
          <Text key={i} size="sm">
            {l}
          </Text>
        ))}
    </Stack>
  );
}

export function ProcedurePage() {
  const { code } = useParams();
  const { t } = useTranslation();
  const procedure = useProcedure(code);
  const duration = useDuration();
  if (procedure.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (procedure.error)
    return (
      <Stack>
        <Alert color="red" role="alert">
          {procedure.error.message}
        </Alert>
        <Anchor component={Link} to="/">
          {t('procedure.back')}
        </Anchor>
      </Stack>
    );
  const p = procedure.data;
  const online = p.methods.length === 0 || p.methods.some((m) => m.kind === 'online');
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/" size="sm">
        ← {t('procedure.back')}
      </Anchor>
      <Stack gap="xs">
        <Title order={2}>{p.name}</Title>
        <Group gap="xs" wrap="wrap">
          <Badge
            variant="filled"
            styles={{
              root: {
                background: p.onlineLevel === 'full' ? '#1b5e20' : '#343a40',
                color: '#fff',
                textTransform: 'none',
              },
            }}
          >
            {t('procedure.onlineLevel')}: {t(`home.online.${p.onlineLevel}`)}
          </Badge>
          {p.version.effectiveFrom && (
            <Text size="sm" c="dimmed">
              {t('procedure.effectiveFrom', { date: formatDate(p.version.effectiveFrom) })}
            </Text>
          )}
        </Group>
        {online && (
          <Group>
            <Button component={Link} to={`/nop-ho-so/${p.code}`} color="red.9" size="md">
              {t('procedure.fileOnline')}
            </Button>
          </Group>
        )}
      </Stack>

      <Card withBorder padding="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
          <Field label={t('procedure.code')}>{p.code}</Field>
          <Field label={t('procedure.field')}>{p.field.name}</Field>
          <Field label={t('procedure.level')}>{t(`procLevels.${p.level}`)}</Field>
          <Field label={t('procedure.deadline')}>{duration(p.deadline)}</Field>
          <Field label={t('procedure.agencies')}>{p.agencies.map((a) => a.name).join('; ')}</Field>
          <Field label={t('procedure.applicants')}>{p.applicants || '—'}</Field>
        </SimpleGrid>
      </Card>

      <Section title={t('procedure.methods')}>
        <SimpleGrid cols={{ base: 1, md: Math.max(1, Math.min(3, p.methods.length)) }} spacing="sm">
          {p.methods.map((m) => (
            <Card key={m.kind} withBorder padding="sm">
              <Text fw={600}>{t(`procedure.methodKinds.${m.kind}`)}</Text>
              <Text size="sm">
                {t('procedure.deadline')}: {duration(m.deadline)}
              </Text>
              <Text size="sm" fw={500} mt={4}>
                {t('procedure.fees')}
              </Text>
              <Fees fees={m.fees} />
              {m.note && (
                <Text size="sm" c="dimmed" mt={4}>
                  {m.note}
                </Text>
              )}
            </Card>
          ))}
        </SimpleGrid>
        {p.methods.length === 0 && <Fees fees={p.fees} />}
      </Section>

      <Section title={t('procedure.components')}>
        <Components components={p.components} />
      </Section>

      {p.cases.length > 0 && (
        <Section title={t('procedure.cases')}>
          <Stack gap="sm">
            {p.cases.map((c, i) => (
              <Card key={i} withBorder padding="sm">
                <Text fw={600}>{c.name}</Text>
                <Text size="sm">
                  {t('procedure.deadline')}: {duration(c.deadline)}
                </Text>
                <Text size="sm" fw={500} mt={4}>
                  {t('procedure.fees')}
                </Text>
                <Fees fees={c.fees} />
                {c.components.length > 0 && (
                  <>
                    <Text size="sm" fw={500} mt={4}>
                      {t('procedure.caseComponents')}
                    </Text>
                    <Components components={c.components} />
                  </>
                )}
              </Card>
            ))}
          </Stack>
        </Section>
      )}

      <Section title={t('procedure.steps')}>
        <Paragraphs text={p.steps} />
      </Section>
      <Section title={t('procedure.requirements')}>
        <Paragraphs text={p.requirements || '—'} />
      </Section>
      <Section title={t('procedure.result')}>
        <Text size="sm">{p.result.description}</Text>
        <Text size="sm" c="dimmed">
          {[
            p.result.paper && t('procedure.resultPaper'),
            p.result.electronic && t('procedure.resultElectronic'),
          ]
            .filter(Boolean)
            .join(', ')}
        </Text>
      </Section>
      <Section title={t('procedure.legalBasis')}>
        <LegalDocuments documents={p.legalBasis} />
      </Section>
      {p.decision && (
        <Section title={t('procedure.decision')}>
          <LegalDocuments documents={[p.decision]} />
        </Section>
      )}
    </Stack>
  );
}
