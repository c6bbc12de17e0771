/**
 * The statistics reports as files: every table as an Excel workbook, the period report also as a PDF laid
 * out like Biểu 06/VPCP/KSTT. Each export runs the same use case as the JSON route (same access check,
 * same figures) and lays the result out; `now` dates the document.
 */
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { ratingCriteria } from '../../domain/dossier/model.ts';
import { catalogSummary } from '../../domain/statistics/catalog-metrics.ts';
import { quickRatingNames, type SatisfactionFigures } from '../../domain/statistics/satisfaction.ts';
import { indicatorGroups, type IndicatorResult } from '../../domain/statistics/service-index.ts';
import type { PeriodFigures } from '../../domain/statistics/period-report.ts';
import { percentText } from '../../domain/statistics/shares.ts';
import type { PdfRenderer } from '../pdf/pool.ts';
import { catalogMetrics } from './catalog-metrics.ts';
import { periodReport, type PeriodReportInput, type ReportGrouping } from './period-report.ts';
import { reportHeader, reportScope, type ReportInput } from './report-scope.ts';
import {
  renderReportWorkbook,
  XLSX_MEDIA_TYPE,
  type XlsxColumn,
  type XlsxRow,
  type XlsxTable,
} from './report-xlsx.ts';
import {
  RESOLUTION_FORM_CODE,
  RESOLUTION_TITLE,
  groupName,
  groupingLabels,
  periodLine,
  resolutionColumns,
  scopeLine,
} from './resolution-pdf.ts';
import { satisfactionReport, type SatisfactionInput } from './satisfaction.ts';
import { serviceIndexReport } from './service-index.ts';

export interface ReportFile {
  bytes: Buffer;
  fileName: string;
  mediaType: string;
}

/** Biểu 06 lists its rows by field (lĩnh vực) unless another grouping is asked for. */
const DEFAULT_FILE_GROUPING: ReportGrouping = 'field';

function fileName(kind: string, input: ReportInput, extension: string): string {
  return `${kind}-${input.agency}-${input.from}-${input.to}${input.subtree ? '-subtree' : ''}.${extension}`;
}

async function periodReportForFile(db: Db, principal: Principal, input: PeriodReportInput, now: number) {
  const groupBy = input.groupBy ?? DEFAULT_FILE_GROUPING;
  const report = await periodReport(db, principal, { ...input, groupBy }, now);
  const scope = await reportScope(db, principal, input, now);
  return { report, groupBy, scope };
}

export async function resolutionPdf(
  db: Db,
  principal: Principal,
  input: PeriodReportInput,
  now: number,
  pdf: PdfRenderer,
): Promise<ReportFile> {
  const { report, groupBy, scope } = await periodReportForFile(db, principal, input, now);
  const header = await reportHeader(db, scope.agency, now);
  return {
    bytes: await pdf.render('resolution', { header, report, groupBy }),
    fileName: fileName('bieu-06', input, 'pdf'),
    mediaType: 'application/pdf',
  };
}

export async function resolutionXlsx(
  db: Db,
  principal: Principal,
  input: PeriodReportInput,
  now: number,
): Promise<ReportFile> {
  const { report, groupBy, scope } = await periodReportForFile(db, principal, input, now);
  const header = await reportHeader(db, scope.agency, now);
  const columns: XlsxColumn[] = [
    { header: 'STT', width: 6, kind: 'int' },
    { header: groupingLabels[groupBy], width: 42, kind: 'text' },
    ...resolutionColumns.map((c): XlsxColumn => ({
      header: c.header,
      group: c.group,
      width: 11,
      kind: 'int',
    })),
    { header: 'Trực tuyến', group: 'Tỷ lệ', width: 11, kind: 'percent' },
    { header: 'Trước hạn, đúng hạn', group: 'Tỷ lệ', width: 11, kind: 'percent' },
  ];
  const figures = (f: PeriodFigures): XlsxRow['cells'] => [
    ...resolutionColumns.map((c) => c.value(f)),
    f.rates.onlineShare,
    f.rates.onTimeShare,
  ];
  const rows: XlsxRow[] = report.groups.map((g, i) => ({
    cells: [i + 1, groupName(groupBy, g), ...figures(g)],
  }));
  rows.push({ cells: [null, 'Tổng cộng', ...figures(report)], style: 'total' });
  return {
    bytes: await renderReportWorkbook(header, RESOLUTION_TITLE, [
      {
        sheetName: 'Biểu 06',
        formCode: RESOLUTION_FORM_CODE,
        title: RESOLUTION_TITLE,
        subtitle: [periodLine(report), `${scopeLine(report)} – Đơn vị tính: hồ sơ`],
        columns,
        rows,
        notes: report.definitions.vi.map((d, i) => `${i + 1}. ${d}`),
        frozenColumns: 2,
      },
    ]),
    fileName: fileName('bieu-06', input, 'xlsx'),
    mediaType: XLSX_MEDIA_TYPE,
  };
}

const ONLINE_LEVEL_NAMES = { full: 'Toàn trình', partial: 'Một phần' } as const;

export async function catalogXlsx(
  db: Db,
  principal: Principal,
  input: ReportInput,
  now: number,
): Promise<ReportFile> {
  const report = await catalogMetrics(db, principal, input, now);
  const scope = await reportScope(db, principal, input, now);
  const header = await reportHeader(db, scope.agency, now);
  const title = 'Thống kê thủ tục hành chính và dịch vụ công trực tuyến';
  const subtitle = [
    `${periodLine(report)} – danh mục có hiệu lực ngày ${report.catalogDay.split('-').reverse().join('/')}`,
    scopeLine(report),
  ];
  const summaryRows: XlsxRow[] = [
    { cells: [1, 'Số TTHC đang thực hiện', report.implemented, null, null] },
    {
      cells: [
        2,
        'TTHC cung cấp dịch vụ công trực tuyến toàn trình',
        report.fullyOnline.count,
        report.fullyOnline.of,
        report.fullyOnline.share,
      ],
    },
    {
      cells: [
        3,
        'TTHC trực tuyến toàn trình có phát sinh hồ sơ trực tuyến trong kỳ',
        report.fullyOnlineWithOnlineDossiers.count,
        report.fullyOnlineWithOnlineDossiers.of,
        report.fullyOnlineWithOnlineDossiers.share,
      ],
    },
    {
      cells: [4, 'TTHC có phí, lệ phí', report.withFees.count, report.withFees.of, report.withFees.share],
    },
    {
      cells: [
        5,
        'TTHC có phí, lệ phí thanh toán được trực tuyến (quy tắc suy ra)',
        report.onlinePayment.count,
        report.onlinePayment.of,
        report.onlinePayment.share,
      ],
    },
  ];
  const tables: XlsxTable[] = [
    {
      sheetName: 'Chỉ tiêu',
      title,
      subtitle,
      columns: [
        { header: 'STT', width: 6, kind: 'int' },
        { header: 'Chỉ tiêu', width: 60, kind: 'text' },
        { header: 'Số lượng', width: 14, kind: 'int' },
        { header: 'Trên tổng số', width: 14, kind: 'int' },
        { header: 'Tỷ lệ', width: 14, kind: 'percent' },
      ],
      rows: summaryRows,
      notes: [...report.summary.vi, report.onlinePayment.rule.vi],
      frozenColumns: 2,
    },
    {
      sheetName: 'Thủ tục',
      title: 'Danh sách thủ tục hành chính đang thực hiện',
      subtitle,
      columns: [
        { header: 'STT', width: 6, kind: 'int' },
        { header: 'Mã TTHC', width: 16, kind: 'text' },
        { header: 'Tên thủ tục hành chính', width: 60, kind: 'text' },
        { header: 'Dịch vụ công trực tuyến', width: 14, kind: 'text' },
        { header: 'Có phí, lệ phí', width: 10, kind: 'text' },
        { header: 'Thanh toán trực tuyến (suy ra)', width: 14, kind: 'text' },
        { header: 'Tổng số', group: 'Hồ sơ tiếp nhận trong kỳ', width: 11, kind: 'int' },
        { header: 'Trực tuyến', group: 'Hồ sơ tiếp nhận trong kỳ', width: 11, kind: 'int' },
      ],
      rows: report.procedures.map((p, i): XlsxRow => ({
        cells: [
          i + 1,
          p.code,
          p.name,
          ONLINE_LEVEL_NAMES[p.onlineLevel],
          p.hasFee ? 'Có' : 'Không',
          p.payableOnline ? 'Có' : 'Không',
          p.received,
          p.receivedOnline,
        ],
      })),
      notes: [report.onlinePayment.rule.vi],
      frozenColumns: 3,
    },
  ];
  if (report.groups.length > 0) {
    tables.push({
      sheetName: 'Theo cơ quan',
      title: 'Thống kê thủ tục hành chính theo cơ quan, đơn vị',
      subtitle,
      columns: [
        { header: 'STT', width: 6, kind: 'int' },
        { header: 'Cơ quan, đơn vị', width: 44, kind: 'text' },
        { header: 'Số TTHC', width: 10, kind: 'int' },
        { header: 'Số lượng', group: 'Trực tuyến toàn trình', width: 10, kind: 'int' },
        { header: 'Tỷ lệ', group: 'Trực tuyến toàn trình', width: 10, kind: 'percent' },
        { header: 'Số lượng', group: 'Toàn trình có hồ sơ trực tuyến', width: 10, kind: 'int' },
        { header: 'Tỷ lệ', group: 'Toàn trình có hồ sơ trực tuyến', width: 10, kind: 'percent' },
        { header: 'Có phí, lệ phí', width: 10, kind: 'int' },
        { header: 'Số lượng', group: 'Thanh toán trực tuyến (suy ra)', width: 10, kind: 'int' },
        { header: 'Tỷ lệ', group: 'Thanh toán trực tuyến (suy ra)', width: 10, kind: 'percent' },
      ],
      rows: report.groups.map((g, i): XlsxRow => ({
        cells: [
          i + 1,
          g.name,
          g.implemented,
          g.fullyOnline.count,
          g.fullyOnline.share,
          g.fullyOnlineWithOnlineDossiers.count,
          g.fullyOnlineWithOnlineDossiers.share,
          g.withFees.count,
          g.onlinePayment.count,
          g.onlinePayment.share,
        ],
      })),
      notes: catalogSummary(report).vi,
      frozenColumns: 2,
    });
  }
  return {
    bytes: await renderReportWorkbook(header, title, tables),
    fileName: fileName('thu-tuc', input, 'xlsx'),
    mediaType: XLSX_MEDIA_TYPE,
  };
}

function indicatorNote(r: IndicatorResult): string {
  if (r.status === 'no_data') return r.note.vi;
  const parts: string[] = [];
  if (r.parts)
    parts.push(
      `Tỷ lệ quá hạn ${percentText(r.parts.lateRate ?? 0)}; tỷ lệ "không hài lòng" ${percentText(r.parts.notSatisfiedShare ?? 0)} (${r.parts.notSatisfied ?? 0}/${r.parts.ratings ?? 0} đánh giá).`,
    );
  if (r.rule) parts.push(r.rule.vi);
  return parts.join(' ');
}

export async function serviceIndexXlsx(
  db: Db,
  principal: Principal,
  input: ReportInput,
  now: number,
): Promise<ReportFile> {
  const report = await serviceIndexReport(db, principal, input, now);
  const scope = await reportScope(db, principal, input, now);
  const header = await reportHeader(db, scope.agency, now);
  const title = 'Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg)';
  const NO_DATA = 'Chưa có dữ liệu';
  const rows: XlsxRow[] = [];
  for (const g of report.groups) {
    const group = indicatorGroups.find((x) => x.id === g.id)!;
    rows.push({
      cells: [
        String(g.no),
        group.name.vi,
        g.maxPoints,
        null,
        null,
        null,
        null,
        g.points,
        '',
        `Điểm có dữ liệu: ${g.availablePoints}/${g.maxPoints}`,
      ],
      style: 'group',
    });
    for (const r of report.indicators.filter((x) => x.group === g.id)) {
      rows.push({
        cells: [
          r.no,
          r.name.vi,
          r.maxPoints,
          r.threshold,
          r.status === 'ok' ? r.numerator : null,
          r.status === 'ok' ? r.denominator : null,
          r.status === 'ok' ? r.rate : NO_DATA,
          r.status === 'ok' ? r.points : NO_DATA,
          `${r.formula.rate.vi}. ${r.formula.scoring.vi}.`,
          indicatorNote(r),
        ],
      });
    }
  }
  rows.push({
    cells: [
      null,
      'Tổng điểm (thang 100)',
      report.totals.maxPoints,
      null,
      null,
      null,
      null,
      report.totals.points,
      '',
      '',
    ],
    style: 'total',
  });
  rows.push({
    cells: [
      null,
      'Tổng điểm trên các chỉ số có dữ liệu',
      report.totals.availablePoints,
      null,
      null,
      null,
      report.totals.shareOfAvailable,
      report.totals.points,
      '',
      `${report.totals.measured} chỉ số có dữ liệu, ${report.totals.noData} chỉ số chưa có dữ liệu`,
    ],
    style: 'total',
  });
  return {
    bytes: await renderReportWorkbook(header, title, [
      {
        sheetName: 'Chỉ số 766',
        title,
        subtitle: [periodLine(report), scopeLine(report)],
        columns: [
          { header: 'STT', width: 6, kind: 'text' },
          { header: 'Nhóm chỉ số, chỉ số', width: 40, kind: 'text' },
          { header: 'Điểm tối đa', width: 9, kind: 'decimal' },
          { header: 'Ngưỡng đạt điểm tối đa', width: 11, kind: 'percent' },
          { header: 'Tử số', group: 'Số liệu của hệ thống', width: 10, kind: 'int' },
          { header: 'Mẫu số', group: 'Số liệu của hệ thống', width: 10, kind: 'int' },
          { header: 'Tỷ lệ', group: 'Số liệu của hệ thống', width: 14, kind: 'percent' },
          { header: 'Điểm đạt', width: 14, kind: 'decimal' },
          { header: 'Cách tính', width: 50, kind: 'text' },
          { header: 'Ghi chú', width: 50, kind: 'text' },
        ],
        rows,
        notes: [
          'Điểm của chỉ số = min(1, tỷ lệ ÷ ngưỡng) × điểm tối đa (ngưỡng 100% khi Quyết định không quy định).',
          'Chỉ số "Chưa có dữ liệu" là chỉ số hệ thống chưa có dữ liệu để tính; không tính 0 điểm cũng không tính điểm tối đa. Tổng điểm được nêu trên thang 100 và trên tổng điểm của các chỉ số có dữ liệu.',
        ],
        frozenColumns: 2,
      },
    ]),
    fileName: fileName('chi-so-766', input, 'xlsx'),
    mediaType: XLSX_MEDIA_TYPE,
  };
}

export async function satisfactionXlsx(
  db: Db,
  principal: Principal,
  input: SatisfactionInput,
  now: number,
): Promise<ReportFile> {
  const groupBy = input.groupBy ?? 'procedure';
  const report = await satisfactionReport(db, principal, { ...input, groupBy }, now);
  const scope = await reportScope(db, principal, input, now);
  const header = await reportHeader(db, scope.agency, now);
  const title = 'Kết quả đánh giá mức độ hài lòng của tổ chức, cá nhân';
  const label = { procedure: 'Thủ tục hành chính', officer: 'Cán bộ xử lý', agency: 'Cơ quan, đơn vị' }[
    groupBy
  ];
  const columns: XlsxColumn[] = [
    { header: 'STT', width: 6, kind: 'int' },
    { header: label, width: 40, kind: 'text' },
    { header: 'Số lượt đánh giá', width: 10, kind: 'int' },
    ...(['very_satisfied', 'satisfied', 'not_satisfied'] as const).map((q): XlsxColumn => ({
      header: quickRatingNames[q].vi,
      group: 'Đánh giá chung (tỷ lệ)',
      width: 11,
      kind: 'percent',
    })),
    { header: 'Điểm bình quân (tối đa 18)', width: 11, kind: 'decimal' },
    ...ratingCriteria.map((c, i): XlsxColumn => ({
      header: `(${i + 1}) ${report.criterionNames[c].vi}`,
      group: 'Điểm bình quân theo tiêu chí (0–2 điểm)',
      width: 13,
      kind: 'decimal',
    })),
    ...report.bandDefinitions.map((b): XlsxColumn => ({
      header: b.name.vi,
      group: 'Phân loại theo tổng điểm (tỷ lệ)',
      width: 12,
      kind: 'percent',
    })),
  ];
  const cells = (f: SatisfactionFigures): XlsxRow['cells'] => [
    f.count,
    f.quick.very_satisfied.share,
    f.quick.satisfied.share,
    f.quick.not_satisfied.share,
    f.averageScore,
    ...ratingCriteria.map((c) => f.criteria[c]),
    ...report.bandDefinitions.map((b) => f.bands[b.key].share),
  ];
  const rows: XlsxRow[] = report.groups.map((g, i) => ({
    cells: [i + 1, groupBy === 'procedure' && g.key ? `${g.key} – ${g.name}` : g.name, ...cells(g)],
  }));
  rows.push({ cells: [null, 'Tổng cộng', ...cells(report)], style: 'total' });
  return {
    bytes: await renderReportWorkbook(header, title, [
      {
        sheetName: 'Mức độ hài lòng',
        title,
        subtitle: [periodLine(report), scopeLine(report)],
        columns,
        rows,
        notes: [
          'Số liệu: các đánh giá được gửi trong kỳ báo cáo; mỗi hồ sơ được đánh giá một lần. Mỗi tiêu chí chấm từ 0 đến 2 điểm, tổng tối đa 18 điểm.',
          'Phân loại theo tổng điểm: từ 16 điểm (≥ 88,9% điểm tối đa, sát ngưỡng 90% của QĐ 766) là rất hài lòng; từ 12 đến 15 điểm (≥ 2/3) là hài lòng; dưới 12 điểm là chưa hài lòng.',
          ...(groupBy === 'officer'
            ? ['Cán bộ xử lý: người được phân công thụ lý hồ sơ tại thời điểm đánh giá.']
            : []),
        ],
        frozenColumns: 2,
      },
    ]),
    fileName: fileName('muc-do-hai-long', input, 'xlsx'),
    mediaType: XLSX_MEDIA_TYPE,
  };
}
