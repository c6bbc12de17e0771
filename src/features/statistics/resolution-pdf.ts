/**
 * The period report as Biểu 06/VPCP/KSTT in PDF: the heading of an administrative document (NĐ 30/2020,
 * the forms' layout), the title and period, the table — one row per group and a total row under the
 * column groups received / resolved / in progress / withdrawn, stopped, refused — the rates, the
 * definitions as notes, and the signatures of the preparer and the head of the agency. A4 landscape.
 */
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { procedureLevelNames, type ProcedureLevel } from '../../domain/catalog/model.ts';
import type { PeriodFigures } from '../../domain/statistics/period-report.ts';
import { percentText } from '../../domain/statistics/shares.ts';
import type { FormHeader } from '../documents/form-data.ts';
import {
  HEAD_SIGNATURE,
  MM,
  documentDefinition,
  documentHeading,
  gridLayout,
  headerCell,
  numberedList,
  signatures,
  title,
} from '../documents/layout.ts';
import { renderPdf } from '../documents/render.ts';
import type { PeriodReport, ReportGrouping } from './period-report.ts';

export const RESOLUTION_FORM_CODE = 'Biểu số 06/VPCP/KSTT';
export const RESOLUTION_TITLE = 'Tình hình, kết quả giải quyết thủ tục hành chính';

/** The figure columns of Biểu 06, shared by the PDF and the workbook. */
export const resolutionColumns: readonly {
  group: string;
  header: string;
  value: (f: PeriodFigures) => number;
}[] = [
  { group: 'Số hồ sơ tiếp nhận', header: 'Tổng số', value: (f) => f.received.total },
  { group: 'Số hồ sơ tiếp nhận', header: 'Trong kỳ: trực tuyến', value: (f) => f.received.online },
  {
    group: 'Số hồ sơ tiếp nhận',
    header: 'Trong kỳ: trực tiếp, BCCI',
    value: (f) => f.received.inPersonOrPostal,
  },
  { group: 'Số hồ sơ tiếp nhận', header: 'Từ kỳ trước chuyển qua', value: (f) => f.received.carriedOver },
  { group: 'Số hồ sơ đã giải quyết', header: 'Tổng số', value: (f) => f.resolved.total },
  { group: 'Số hồ sơ đã giải quyết', header: 'Trước hạn', value: (f) => f.resolved.early },
  { group: 'Số hồ sơ đã giải quyết', header: 'Đúng hạn', value: (f) => f.resolved.onTime },
  { group: 'Số hồ sơ đã giải quyết', header: 'Quá hạn', value: (f) => f.resolved.late },
  { group: 'Số hồ sơ đang giải quyết', header: 'Tổng số', value: (f) => f.inProgress.total },
  { group: 'Số hồ sơ đang giải quyết', header: 'Trong hạn', value: (f) => f.inProgress.withinDeadline },
  { group: 'Số hồ sơ đang giải quyết', header: 'Quá hạn', value: (f) => f.inProgress.overdue },
  { group: 'Rút, dừng, từ chối', header: 'Rút hồ sơ', value: (f) => f.other.withdrawn },
  { group: 'Rút, dừng, từ chối', header: 'Dừng xử lý', value: (f) => f.other.stopped },
  { group: 'Rút, dừng, từ chối', header: 'Từ chối tiếp nhận', value: (f) => f.other.refused },
];

export const groupingLabels: Record<ReportGrouping, string> = {
  procedure: 'Thủ tục hành chính',
  field: 'Lĩnh vực',
  agency: 'Cơ quan, đơn vị',
  level: 'Cấp thực hiện',
};

/** A group's printed name ("Cấp tỉnh" rather than the stored `province`). */
export function groupName(groupBy: ReportGrouping | null, g: { key: string; name: string }): string {
  if (groupBy === 'level' && g.key in procedureLevelNames)
    return procedureLevelNames[g.key as ProcedureLevel].vi;
  if (groupBy === 'procedure' && g.key !== '') return `${g.key} – ${g.name}`;
  return g.name;
}

/** "30/06/2025" from "2025-06-30". */
export function dmy(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/**
 * The period as printed; a period that had not ended says when its figures were counted (the report's
 * `endsAt`), so a reader does not take them for the whole period's.
 */
export function periodLine(report: { from: string; to: string; ongoing?: boolean; endsAt?: string }): string {
  const line = `Kỳ báo cáo: từ ngày ${dmy(report.from)} đến ngày ${dmy(report.to)}`;
  if (!report.ongoing || report.endsAt === undefined) return line;
  const vn = new Date(Date.parse(report.endsAt) + 7 * 3_600_000).toISOString();
  return `${line} (số liệu tính đến ${vn.slice(11, 13)} giờ ${vn.slice(14, 16)} phút, ngày ${dmy(vn.slice(0, 10))})`;
}

export function scopeLine(report: { agencyName: string; subtree: boolean }): string {
  return `Đơn vị báo cáo: ${report.agencyName}${report.subtree ? ' và các cơ quan, đơn vị trực thuộc' : ''}`;
}

/** "1.234" (Vietnamese thousands separator). */
export function vnNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const SIZE = 9;

function headingRows(groupLabel: string): TableCell[][] {
  const top: TableCell[] = [headerCell('STT', { rowSpan: 2 }), headerCell(groupLabel, { rowSpan: 2 })];
  const second: TableCell[] = [{ text: '' }, { text: '' }];
  resolutionColumns.forEach((c, i) => {
    const first = i === 0 || resolutionColumns[i - 1]!.group !== c.group;
    const span = resolutionColumns.filter((x) => x.group === c.group).length;
    top.push(first ? headerCell(c.group, { colSpan: span }) : { text: '' });
    second.push(headerCell(c.header));
  });
  const numbers = top.map((_, i) => headerCell(`(${i + 1})`, { bold: false, italics: true }));
  return [top, second, numbers];
}

function figureCells(f: PeriodFigures, bold = false): TableCell[] {
  return resolutionColumns.map((c) => ({ text: vnNumber(c.value(f)), alignment: 'center', bold }));
}

export async function renderResolutionPdf(
  header: FormHeader,
  report: PeriodReport,
  groupBy: ReportGrouping | null,
): Promise<Buffer> {
  const groupLabel = groupBy ? groupingLabels[groupBy] : 'Nội dung';
  const body: TableCell[][] = headingRows(groupLabel);
  report.groups.forEach((g, i) => {
    body.push([
      { text: String(i + 1), alignment: 'center' },
      { text: groupName(groupBy, g) },
      ...figureCells(g),
    ]);
  });
  body.push([
    { text: '', alignment: 'center' },
    { text: 'Tổng cộng', bold: true },
    ...figureCells(report, true),
  ]);
  const numberWidth = 35;
  const content: Content[] = [
    documentHeading(header, 'landscape', RESOLUTION_FORM_CODE),
    title(RESOLUTION_TITLE, periodLine(report)),
    {
      columns: [
        { width: '*', text: scopeLine(report) },
        { width: 'auto', text: 'Đơn vị tính: hồ sơ', italics: true },
      ],
      fontSize: 11,
      margin: [0, 0, 0, 4],
    },
    {
      table: {
        widths: [18, '*', ...resolutionColumns.map(() => numberWidth)],
        body,
        headerRows: 3,
        dontBreakRows: true,
      },
      layout: { ...gridLayout, paddingLeft: () => 2, paddingRight: () => 2 },
      fontSize: SIZE,
      margin: [0, 2, 0, 6],
    },
    {
      text: [
        'Tỷ lệ hồ sơ tiếp nhận trực tuyến: ',
        { text: percentText(report.rates.onlineShare), bold: true },
        '; tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn: ',
        { text: percentText(report.rates.onTimeShare), bold: true },
        report.addsUp ? '.' : '. (Số liệu chưa cân đối, cần kiểm tra.)',
      ],
      fontSize: 11,
      margin: [0, 0, 0, 6],
    },
    { text: 'Ghi chú:', bold: true, italics: true, fontSize: 11 },
    { stack: [numberedList(report.definitions.vi)], fontSize: 10 },
    signatures({
      left: { title: 'Người lập biểu', name: null },
      right: { title: 'Thủ trưởng cơ quan', name: null },
      rightHint: HEAD_SIGNATURE,
    }),
  ];
  return renderPdf(
    documentDefinition({
      content,
      title: `${RESOLUTION_TITLE} – ${report.agencyName}`,
      createdAt: header.issuedAt,
      orientation: 'landscape',
      footer: (page, pages) => ({
        text: `Trang ${page}/${pages}`,
        alignment: 'center',
        fontSize: 9,
        margin: [0, 6 * MM, 0, 0],
      }),
    }),
  );
}
