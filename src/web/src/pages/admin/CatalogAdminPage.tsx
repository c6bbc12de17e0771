import {
  Alert,
  Anchor,
  Box,
  Button,
  Checkbox,
  FileInput,
  Fieldset,
  Group,
  Loader,
  Pagination,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { adminKeys } from '../../api/admin.ts';
import { useAdminAgencies } from '../../api/agencies.ts';
import {
  uploadWithProgress,
  useCatalogSearch,
  useDrafts,
  type ImportIssue,
  type ImportResult,
} from '../../api/catalog.ts';
import { ApiError } from '../../api/client.ts';
import type { Me } from '../../api/hooks.ts';
import { formatDateTime } from '../../format.ts';
import { AdminGate, AdminNav, hasRole } from './common.tsx';
import './admin.css';

const PAGE_SIZE = 20;

export function CatalogAdminPage() {
  return (
    <AdminGate allow={(me) => hasRole(me, 'system_admin', 'agency_admin')}>
      {(me) => <Catalog me={me} />}
    </AdminGate>
  );
}

function Catalog({ me }: { me: Me }) {
  const { t } = useTranslation();
  const agencies = useAdminAgencies();
  const drafts = useDrafts();
  const [params, setParams] = useSearchParams();
  const isSystemAdmin = hasRole(me, 'system_admin');
  const mine = (agencies.data?.items ?? []).filter((a) => a.actions.includes('agency.update'));
  const agency = params.get('agency') ?? (isSystemAdmin ? undefined : mine[0]?.code);
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const search = useCatalogSearch({
    ...(debouncedQ ? { q: debouncedQ } : {}),
    ...(agency ? { agency } : {}),
    page,
    pageSize: PAGE_SIZE,
  });
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('adm.catalog.heading')}</Title>
        <Button component={Link} to="/quan-tri/thu-tuc/moi" color="red.9">
          {t('adm.catalog.new')}
        </Button>
      </Group>
      <AdminNav me={me} />

      <Box component="section" aria-labelledby="drafts-heading">
        <Title order={3} id="drafts-heading" size="h4" mb="xs">
          {t('adm.catalog.drafts')}
        </Title>
        {drafts.isPending ? (
          <Loader role="status" aria-label={t('common.loading')} size="sm" />
        ) : drafts.error ? (
          <Alert color="red" role="alert">
            {drafts.error.message}
          </Alert>
        ) : drafts.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('adm.catalog.noDrafts')}
          </Text>
        ) : (
          <Box className="scroll-region" tabIndex={0} role="region" aria-label={t('adm.catalog.drafts')}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('adm.catalog.code')}</Table.Th>
                  <Table.Th>{t('adm.catalog.name')}</Table.Th>
                  <Table.Th>{t('adm.catalog.version')}</Table.Th>
                  <Table.Th>{t('adm.catalog.updatedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {drafts.data.items.map((d) => (
                  <Table.Tr key={d.code}>
                    <Table.Td>
                      <Anchor component={Link} to={`/quan-tri/thu-tuc/${encodeURIComponent(d.code)}`}>
                        {d.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{d.name}</Table.Td>
                    <Table.Td>{d.seq}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
        )}
      </Box>

      <Box component="section" aria-labelledby="published-heading">
        <Title order={3} id="published-heading" size="h4" mb="xs">
          {t('adm.catalog.published')}
        </Title>
        <Group align="flex-end" gap="sm" mb="sm" wrap="wrap">
          <TextInput
            label={t('adm.catalog.search')}
            placeholder={t('adm.catalog.searchPlaceholder')}
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              if (page !== 1) set({});
            }}
            w={340}
            error={
              search.error instanceof ApiError && search.error.field === 'q'
                ? search.error.message
                : undefined
            }
          />
          <Select
            label={t('adm.catalog.agency')}
            placeholder={t('adm.catalog.anyAgency')}
            data={(isSystemAdmin ? (agencies.data?.items ?? []) : mine).map((a) => ({
              value: a.code,
              label: a.name,
            }))}
            value={agency ?? null}
            onChange={(v) => set({ agency: v })}
            clearable={isSystemAdmin}
            clearButtonProps={{ 'aria-label': t('adm.clear') }}
            searchable
            w={320}
          />
        </Group>
        {search.isPending ? (
          <Loader role="status" aria-label={t('common.loading')} />
        ) : search.error ? (
          <Alert color="red" role="alert">
            {search.error.message}
          </Alert>
        ) : (
          <>
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('adm.catalog.count', { count: search.data.total })}
            </Text>
            <Box className="scroll-region" tabIndex={0} role="region" aria-label={t('adm.catalog.published')}>
              <Table highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('adm.catalog.code')}</Table.Th>
                    <Table.Th>{t('adm.catalog.name')}</Table.Th>
                    <Table.Th>{t('adm.catalog.field')}</Table.Th>
                    <Table.Th>{t('adm.catalog.level')}</Table.Th>
                    <Table.Th>{t('adm.catalog.onlineLevel')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {search.data.items.map((p) => (
                    <Table.Tr key={p.code} data-code={p.code}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Anchor component={Link} to={`/quan-tri/thu-tuc/${encodeURIComponent(p.code)}`}>
                          {p.code}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{p.name}</Table.Td>
                      <Table.Td>{p.field.name}</Table.Td>
                      <Table.Td>{t(`procLevels.${p.level}`)}</Table.Td>
                      <Table.Td>{t(`adm.online.${p.onlineLevel}`)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Box>
            {search.data.total > PAGE_SIZE && (
              <Pagination
                total={Math.ceil(search.data.total / PAGE_SIZE)}
                value={page}
                onChange={(p) => set({ page: String(p) })}
                color="red.9"
                mt="sm"
                getControlProps={(control) => ({ 'aria-label': t(`adm.pagination.${control}`) })}
                getItemProps={(p) => ({ 'aria-label': t('adm.pagination.page', { page: p }) })}
              />
            )}
          </>
        )}
      </Box>

      <ImportExport canImport={isSystemAdmin} />
    </Stack>
  );
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function ImportExport({ canImport }: { canImport: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'checking' | 'done' | 'failed'>('idle');
  const [share, setShare] = useState(0);
  const [result, setResult] = useState<(ImportResult & { dryRun: boolean }) | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const busy = phase === 'uploading' || phase === 'checking';

  const run = async () => {
    if (!file) return;
    const isJson = /\.json$/i.test(file.name) || file.type === 'application/json';
    setPhase('uploading');
    setShare(0);
    setResult(null);
    setError(null);
    try {
      const answer = await uploadWithProgress<ImportResult>(
        'POST',
        `/api/v1/catalog/import?format=${isJson ? 'json' : 'xlsx'}${dryRun ? '&dryRun=true' : ''}`,
        file,
        isJson ? 'application/json' : XLSX,
        (s) => {
          setShare(s);
          if (s >= 1) setPhase('checking');
        },
      );
      setResult({ ...answer, dryRun });
      setPhase('done');
      if (!dryRun) await client.invalidateQueries({ queryKey: adminKeys.catalogAll });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', String(err), undefined, undefined));
      setPhase('failed');
    }
  };

  const issues = (error?.details?.errors as ImportIssue[] | undefined) ?? [];
  const total = typeof error?.details?.total === 'number' ? error.details.total : issues.length;

  return (
    <Fieldset legend={t('adm.catalog.files')}>
      <Stack gap="sm">
        <Group gap="sm" wrap="wrap">
          <Button
            component="a"
            href="/api/v1/catalog/export?format=xlsx"
            download="danh-muc-thu-tuc.xlsx"
            variant="outline"
            color="red.9"
          >
            {t('adm.catalog.exportXlsx')}
          </Button>
          <Button
            component="a"
            href="/api/v1/catalog/export?format=json"
            download="danh-muc-thu-tuc.json"
            variant="outline"
            color="red.9"
          >
            {t('adm.catalog.exportJson')}
          </Button>
          <Button
            component="a"
            href="/api/v1/catalog/template.xlsx"
            download="mau-nhap-danh-muc.xlsx"
            variant="subtle"
            color="red.9"
            c="red.9"
          >
            {t('adm.catalog.template')}
          </Button>
        </Group>
        {canImport ? (
          <>
            <Group align="flex-end" gap="sm" wrap="wrap">
              <FileInput
                label={t('adm.catalog.importFile')}
                description={t('adm.catalog.importHint')}
                placeholder={t('adm.catalog.chooseFile')}
                // Mantine's placeholder grey is below 4.5:1 on white.
                styles={{ placeholder: { color: '#495057' } }}
                accept=".json,.xlsx,application/json"
                value={file}
                onChange={(f) => {
                  setFile(f);
                  setPhase('idle');
                  setResult(null);
                  setError(null);
                }}
                clearable
                clearButtonProps={{ 'aria-label': t('adm.clear') }}
                w={360}
                disabled={busy}
              />
              <Checkbox
                label={t('adm.catalog.dryRun')}
                checked={dryRun}
                onChange={(e) => setDryRun(e.currentTarget.checked)}
                disabled={busy}
                mb={8}
              />
              <Button color="red.9" onClick={() => void run()} disabled={!file} loading={busy}>
                {dryRun ? t('adm.catalog.check') : t('adm.catalog.import')}
              </Button>
            </Group>
            {busy && (
              <Stack gap={4} aria-live="polite">
                <Text size="sm">
                  {phase === 'uploading'
                    ? t('adm.catalog.uploading', { percent: Math.round(share * 100) })
                    : t('adm.catalog.checking')}
                </Text>
                <Progress
                  value={phase === 'uploading' ? share * 100 : 100}
                  animated={phase === 'checking'}
                  striped={phase === 'checking'}
                  color="red.9"
                  aria-label={t('adm.catalog.progress')}
                />
              </Stack>
            )}
            {result && (
              <Alert color="green" role="status" data-testid="import-result">
                {t(result.dryRun ? 'adm.catalog.dryRunResult' : 'adm.catalog.importResult', {
                  created: result.created,
                  updated: result.updated,
                  unchanged: result.unchanged,
                  processes: result.processes,
                })}
              </Alert>
            )}
            {error && (
              <Alert color="red" role="alert" title={error.message} data-testid="import-errors">
                {issues.length > 0 && (
                  <>
                    <Text size="sm" mb="xs">
                      {t('adm.catalog.errorCount', { count: total })}
                    </Text>
                    <Box
                      className="scroll-region"
                      tabIndex={0}
                      role="region"
                      aria-label={t('adm.catalog.errorReport')}
                      mah={360}
                      style={{ overflowY: 'auto' }}
                    >
                      <Table withTableBorder>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th>{t('adm.catalog.sheet')}</Table.Th>
                            <Table.Th>{t('adm.catalog.row')}</Table.Th>
                            <Table.Th>{t('adm.catalog.column')}</Table.Th>
                            <Table.Th>{t('adm.catalog.where')}</Table.Th>
                            <Table.Th>{t('adm.catalog.problem')}</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {issues.map((i, n) => (
                            <Table.Tr key={n}>
                              <Table.Td>{i.sheet || '—'}</Table.Td>
                              <Table.Td>{i.row ?? '—'}</Table.Td>
                              <Table.Td>{i.column ?? '—'}</Table.Td>
                              <Table.Td style={{ wordBreak: 'break-all' }}>{i.path ?? '—'}</Table.Td>
                              <Table.Td>
                                {(i18n.language === 'en' ? i.message_en : i.message) ?? i.message}
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </Box>
                  </>
                )}
              </Alert>
            )}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('adm.catalog.importOnlySystem')}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}
