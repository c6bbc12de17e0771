import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { query } from '../../api/admin.ts';

/** The report files the server offers (Excel, and the period report as a PDF). */
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

/** Download buttons for the report files, for these parameters. */
export function ReportFiles({
  keys,
  params,
}: {
  keys: readonly ReportFileKey[];
  params: Record<string, string | boolean | undefined>;
}) {
  const files = reportFiles.filter((f) => keys.includes(f.key));
  return (
    <Group gap="sm" wrap="wrap">
      {files.map((f) => (
        <FileButton key={f.key} file={f} params={params} />
      ))}
    </Group>
  );
}
