import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { query, useEndpointExists, useEndpointsExist } from '../../api/admin.ts';

/**
 * Report files the server may offer. Each is shown only once the server answers for its route (another part
 * of the system adds them); a route that does not exist yet answers 404 to a call without parameters.
 */
export const reportFiles = [
  { key: 'resolutionXlsx', path: '/api/v1/reports/resolution.xlsx', ext: 'xlsx', grouped: true },
  { key: 'resolutionPdf', path: '/api/v1/reports/resolution.pdf', ext: 'pdf', grouped: true },
  { key: 'catalogXlsx', path: '/api/v1/reports/catalog.xlsx', ext: 'xlsx', grouped: false },
  { key: 'serviceIndexXlsx', path: '/api/v1/reports/service-index.xlsx', ext: 'xlsx', grouped: false },
  { key: 'satisfactionXlsx', path: '/api/v1/reports/satisfaction.xlsx', ext: 'xlsx', grouped: false },
] as const;

export type ReportFileKey = (typeof reportFiles)[number]['key'];

function FileButton({
  file,
  params,
}: {
  file: (typeof reportFiles)[number];
  params: Record<string, string | boolean | undefined>;
}) {
  const { t } = useTranslation();
  const exists = useEndpointExists(file.path);
  if (!exists.data) return null;
  const own = file.grouped ? params : { ...params, groupBy: undefined };
  const name = `${file.key}-${String(params.agency ?? '')}-${String(params.from ?? '')}-${String(params.to ?? '')}.${file.ext}`;
  return (
    <Button
      component="a"
      href={`${file.path}?${query(own)}`}
      download={name}
      variant="outline"
      color="red.9"
      size="sm"
      data-file={file.key}
    >
      {t(`rpt.files.${file.key}`)}
    </Button>
  );
}

/** Download buttons for the report files that exist, for these parameters. */
export function ReportFiles({
  keys,
  params,
  showMissing,
}: {
  keys: readonly ReportFileKey[];
  params: Record<string, string | boolean | undefined>;
  showMissing?: boolean;
}) {
  const { t } = useTranslation();
  const files = reportFiles.filter((f) => keys.includes(f.key));
  return (
    <Group gap="sm" wrap="wrap">
      {files.map((f) => (
        <FileButton key={f.key} file={f} params={params} />
      ))}
      {showMissing && <MissingNote paths={files.map((f) => f.path)} text={t('rpt.filesMissing')} />}
    </Group>
  );
}

function MissingNote({ paths, text }: { paths: string[]; text: string }) {
  const answers = useEndpointsExist(paths);
  if (answers.some((a) => a.isPending || a.data)) return null;
  return (
    <Text size="sm" c="dimmed">
      {text}
    </Text>
  );
}
