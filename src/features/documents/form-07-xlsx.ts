/**
 * Form 07 (Sổ theo dõi hồ sơ) as an Excel workbook: the same columns as the PDF, real dates, headings
 * frozen on screen and repeated on every printed page, A4 landscape fitted to the page width.
 */
import type ExcelJS from 'exceljs';
import type { Form07Data } from './form-data.ts';
import { excelDateOf, formatResultDelivery } from './format.ts';
import { FORM_07_TITLE, REGISTER_GROUP_HEADER, contactText, periodText, registerColumns } from './form-07.ts';
import { upper } from './layout.ts';

// exceljs takes ~0.45 s to load; only the spreadsheet export needs it.
async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** Character widths of the columns, in the order of `registerColumns`. */
const columnWidths = [6, 27, 40, 24, 32, 28, 17, 17, 17, 14, 16];
const DATE_FORMAT = 'dd/mm/yyyy hh:mm';
const FONT_NAME = 'Times New Roman';
const HEADING_ROW = 7;
const FIRST_DATA_ROW = HEADING_ROW + 3;
const LAST_COLUMN = registerColumns.length;

const thin: Partial<ExcelJS.Border> = { style: 'thin' };
const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const font: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 12 };
const bold: Partial<ExcelJS.Font> = { ...font, bold: true };
const wrapTop: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
const wrapTopCentre: Partial<ExcelJS.Alignment> = { ...wrapTop, horizontal: 'center' };
const wrapCentre: Partial<ExcelJS.Alignment> = {
  wrapText: true,
  vertical: 'middle',
  horizontal: 'center',
};

function mergeText(
  sheet: ExcelJS.Worksheet,
  row: number,
  from: number,
  to: number,
  text: string,
  cellFont: Partial<ExcelJS.Font>,
): void {
  sheet.mergeCells(row, from, row, to);
  const cell = sheet.getCell(row, from);
  cell.value = text;
  cell.font = cellFont;
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
}

export async function renderForm07Xlsx(data: Form07Data): Promise<Buffer> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  const created = new Date(data.header.issuedAt);
  workbook.creator = 'motcua';
  workbook.created = created;
  workbook.modified = created;
  workbook.title = `${FORM_07_TITLE} – ${data.header.agencyName}`;

  const sheet = workbook.addWorksheet('Sổ theo dõi hồ sơ', {
    views: [{ state: 'frozen', ySplit: FIRST_DATA_ROW - 1, xSplit: 0 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      // Inches: 30 mm left, 15 mm right, 20 mm top and bottom, as the PDF.
      margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADING_ROW}:${FIRST_DATA_ROW - 1}`,
      horizontalCentered: true,
    },
    headerFooter: { oddFooter: `&C&"${FONT_NAME}"&10Trang &P/&N` },
  });
  sheet.columns = columnWidths.map((width) => ({ width }));

  // The title block: agency on the left, national name and motto on the right, then title and period.
  const split = 5;
  const parent = data.header.parentAgencyName;
  mergeText(sheet, 1, 1, split, parent ? upper(parent) : '', font);
  mergeText(sheet, 1, split + 1, LAST_COLUMN, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold);
  mergeText(sheet, 2, 1, split, upper(data.header.agencyName), bold);
  mergeText(sheet, 2, split + 1, LAST_COLUMN, 'Độc lập - Tự do - Hạnh phúc', { ...bold, size: 13 });
  mergeText(sheet, 4, 1, LAST_COLUMN, upper(FORM_07_TITLE), { ...bold, size: 14 });
  const subtitle = [periodText(data.period)];
  if (data.volume) subtitle.push(`Quyển số: ${data.volume}`);
  mergeText(sheet, 5, 1, LAST_COLUMN, subtitle.join(' – '), { ...font, italic: true });

  // Two heading rows (the three dates grouped under one heading) and a row of column numbers.
  const top = HEADING_ROW;
  const second = HEADING_ROW + 1;
  registerColumns.forEach((column, i) => {
    const col = i + 1;
    if ('group' in column) {
      sheet.getCell(second, col).value = column.header;
    } else {
      sheet.mergeCells(top, col, second, col);
      sheet.getCell(top, col).value = column.header;
    }
    sheet.getCell(second + 1, col).value = `(${col})`;
  });
  const groupStart = registerColumns.findIndex((c) => 'group' in c) + 1;
  sheet.mergeCells(top, groupStart, top, groupStart + 2);
  sheet.getCell(top, groupStart).value = REGISTER_GROUP_HEADER;
  for (let r = top; r <= second + 1; r++) {
    const row = sheet.getRow(r);
    for (let col = 1; col <= LAST_COLUMN; col++) {
      const cell = row.getCell(col);
      cell.font = r === second + 1 ? { ...font, italic: true } : bold;
      cell.alignment = wrapCentre;
      cell.border = border;
    }
  }
  sheet.getRow(top).height = 20;
  sheet.getRow(second).height = 48;

  data.rows.forEach((entry, i) => {
    const row = sheet.getRow(FIRST_DATA_ROW + i);
    row.values = [
      i + 1,
      entry.dossierCode,
      entry.procedureName,
      entry.applicantName,
      contactText(entry),
      entry.leadAgency,
      excelDateOf(entry.receivedAt),
      excelDateOf(entry.appointmentAt),
      entry.returnedAt == null ? null : excelDateOf(entry.returnedAt),
      formatResultDelivery(entry.resultDelivery),
      entry.receivedBy ?? null,
    ];
    for (let col = 1; col <= LAST_COLUMN; col++) {
      const cell = row.getCell(col);
      cell.font = font;
      cell.border = border;
      cell.alignment = col === 1 || col >= 7 ? wrapTopCentre : wrapTop;
      if (col >= 7 && col <= 9) cell.numFmt = DATE_FORMAT;
    }
  });

  // exceljs types its result as its own Buffer flavour.
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
