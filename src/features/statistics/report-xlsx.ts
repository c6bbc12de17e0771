/**
 * Report tables as Excel workbooks laid out like the printed reports: the administrative-document heading
 * (agency under its parent on the left, national name and motto on the right, form code, place and date),
 * the title and period, two heading rows whose column groups are merged cells, a row of column numbers,
 * thin borders, number and percentage formats, the headings frozen on screen and repeated on every printed
 * page, A4 landscape fitted to the page width, and the notes under the table. exceljs is loaded on first use.
 */
import type ExcelJS from 'exceljs';
import type { FormHeader } from '../documents/form-data.ts';
import { formatPlaceAndDate } from '../documents/format.ts';
import { upper } from '../documents/layout.ts';

async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export type CellKind = 'text' | 'int' | 'percent' | 'decimal';
export type CellValue = string | number | null;

export interface XlsxColumn {
  header: string;
  /** Consecutive columns with the same group share a merged heading above theirs. */
  group?: string;
  /** In characters. */
  width: number;
  kind: CellKind;
}

export interface XlsxRow {
  cells: CellValue[];
  /** `total` and `group` rows are bold. */
  style?: 'total' | 'group';
}

export interface XlsxTable {
  sheetName: string;
  /** Printed under the agency's name, e.g. "Biểu số 06/VPCP/KSTT". */
  formCode?: string;
  title: string;
  subtitle: readonly string[];
  columns: readonly XlsxColumn[];
  rows: readonly XlsxRow[];
  notes?: readonly string[];
  /** Columns kept in view when scrolling sideways (STT and the name). */
  frozenColumns?: number;
}

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FONT_NAME = 'Times New Roman';
const thin: Partial<ExcelJS.Border> = { style: 'thin' };
const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const font: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 12 };
const bold: Partial<ExcelJS.Font> = { ...font, bold: true };
const italic: Partial<ExcelJS.Font> = { ...font, italic: true };
const centre: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
const left: Partial<ExcelJS.Alignment> = { horizontal: 'left', vertical: 'top', wrapText: true };

const numberFormats: Record<CellKind, string | undefined> = {
  text: undefined,
  int: '#,##0',
  percent: '0.00%',
  decimal: '0.00',
};

function merged(
  sheet: ExcelJS.Worksheet,
  row: number,
  from: number,
  to: number,
  value: string,
  cellFont: Partial<ExcelJS.Font>,
  alignment: Partial<ExcelJS.Alignment> = centre,
): void {
  if (to > from) sheet.mergeCells(row, from, row, to);
  const cell = sheet.getCell(row, from);
  cell.value = value;
  cell.font = cellFont;
  cell.alignment = alignment;
}

const LINE_HEIGHT = 16;

/**
 * Lines a wrapped text takes in a column `width` characters wide (Times New Roman 12 runs a little wider
 * than the characters Excel measures widths in, and wrapping at word boundaries wastes some).
 */
function linesOf(text: string, width: number, factor = 1.05): number {
  return text
    .split('\n')
    .reduce((n, part) => n + Math.max(1, Math.ceil((part.length * factor) / Math.max(1, width - 1))), 0);
}

/** Headings are bold: wider letters. */
const headingLines = (text: string, width: number) => linesOf(text, width, 1.2);

/**
 * Neither Excel nor LibreOffice grows a row to its wrapped text when the file is opened, and merged cells
 * never grow: rows get the height their longest text needs.
 */
function fitRow(sheet: ExcelJS.Worksheet, row: number, lines: number, minimum = 1): void {
  const needed = Math.max(lines, minimum);
  if (needed > 1) sheet.getRow(row).height = needed * LINE_HEIGHT;
}

function addTable(workbook: ExcelJS.Workbook, header: FormHeader, table: XlsxTable): void {
  const n = table.columns.length;
  const sheet = workbook.addWorksheet(table.sheetName.slice(0, 31), {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      // Inches: 30 mm left, 15 mm right, 20 mm top and bottom, as the printed forms.
      margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
      horizontalCentered: true,
    },
    headerFooter: { oddFooter: `&C&"${FONT_NAME}"&10Trang &P/&N` },
  });
  sheet.columns = table.columns.map((c) => ({ width: c.width }));
  const totalWidth = table.columns.reduce((sum, c) => sum + c.width, 0);

  // The heading of an administrative document.
  const split = Math.max(1, Math.min(n - 1, Math.round(n * 0.4)));
  merged(sheet, 1, 1, split, header.parentAgencyName ? upper(header.parentAgencyName) : '', font);
  merged(sheet, 1, split + 1, n, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold);
  merged(sheet, 2, 1, split, upper(header.agencyName), bold);
  merged(sheet, 2, split + 1, n, 'Độc lập - Tự do - Hạnh phúc', { ...bold, size: 13 });
  merged(sheet, 3, 1, split, table.formCode ?? '', italic);
  merged(sheet, 3, split + 1, n, formatPlaceAndDate(header.place, header.issuedAt), italic);
  for (const r of [1, 2]) sheet.getRow(r).height = 18;

  let row = 5;
  merged(sheet, row, 1, n, upper(table.title), { ...bold, size: 14 });
  sheet.getRow(row).height = 22;
  for (const line of table.subtitle) merged(sheet, ++row, 1, n, line, italic);
  row += 2;

  // Two heading rows: a group's heading merged over its columns, a lone column merged down both rows;
  // then the column numbers.
  const top = row;
  const second = row + 1;
  const numbers = row + 2;
  for (let i = 0; i < n;) {
    const column = table.columns[i]!;
    if (column.group === undefined) {
      sheet.mergeCells(top, i + 1, second, i + 1);
      sheet.getCell(top, i + 1).value = column.header;
      i += 1;
      continue;
    }
    let j = i;
    while (j + 1 < n && table.columns[j + 1]!.group === column.group) j += 1;
    if (j > i) sheet.mergeCells(top, i + 1, top, j + 1);
    sheet.getCell(top, i + 1).value = column.group;
    for (let k = i; k <= j; k++) sheet.getCell(second, k + 1).value = table.columns[k]!.header;
    i = j + 1;
  }
  for (let r = top; r <= numbers; r++) {
    for (let c = 1; c <= n; c++) {
      const cell = sheet.getCell(r, c);
      if (r === numbers) cell.value = `(${c})`;
      cell.font = r === numbers ? italic : bold;
      cell.alignment = centre;
      cell.border = border;
    }
  }
  // Heights: grouped headings in the second row, group names in the first; a lone heading spans both.
  const groupWidth = (group: string) =>
    table.columns.filter((c) => c.group === group).reduce((sum, c) => sum + c.width, 0);
  const secondLines = Math.max(
    2,
    ...table.columns.filter((c) => c.group !== undefined).map((c) => headingLines(c.header, c.width)),
  );
  const topLines = Math.max(
    1,
    ...table.columns.map((c) =>
      c.group === undefined
        ? linesOf(c.header, c.width) - secondLines
        : linesOf(c.group, groupWidth(c.group)),
    ),
  );
  sheet.getRow(top).height = Math.max(20, topLines * LINE_HEIGHT);
  sheet.getRow(second).height = secondLines * LINE_HEIGHT;

  // The data.
  row = numbers;
  for (const data of table.rows) {
    row += 1;
    const excelRow = sheet.getRow(row);
    fitRow(
      sheet,
      row,
      Math.max(
        ...table.columns.map((column, i) => {
          const value = data.cells[i];
          return typeof value === 'string' ? linesOf(value, column.width) : 1;
        }),
      ),
    );
    table.columns.forEach((column, i) => {
      const cell = excelRow.getCell(i + 1);
      const value = data.cells[i] ?? null;
      cell.value = value;
      cell.border = border;
      cell.font = data.style ? bold : font;
      if (typeof value === 'number') {
        const format = numberFormats[column.kind];
        if (format) cell.numFmt = format;
        cell.alignment = { horizontal: 'center', vertical: 'top' };
      } else {
        cell.alignment = column.kind === 'text' ? left : { ...centre, vertical: 'top' };
      }
    });
  }

  // Notes under the table.
  if (table.notes && table.notes.length > 0) {
    row += 2;
    merged(sheet, row, 1, n, 'Ghi chú:', bold, left);
    for (const note of table.notes) {
      row += 1;
      merged(sheet, row, 1, n, note, italic, left);
      fitRow(sheet, row, linesOf(note, totalWidth));
    }
  }

  sheet.views = [{ state: 'frozen', ySplit: numbers, xSplit: table.frozenColumns ?? 0 }];
  sheet.pageSetup.printTitlesRow = `${top}:${numbers}`;
}

/** One sheet per table; the workbook's dates are `header.issuedAt`, so the same data gives the same file. */
export async function renderReportWorkbook(
  header: FormHeader,
  title: string,
  tables: readonly XlsxTable[],
): Promise<Buffer> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  const created = new Date(header.issuedAt);
  workbook.creator = 'motcua';
  workbook.created = created;
  workbook.modified = created;
  workbook.title = `${title} – ${header.agencyName}`;
  for (const table of tables) addTable(workbook, header, table);
  // exceljs types its result as its own Buffer flavour.
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
