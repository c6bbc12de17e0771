/**
 * Form 07: Sổ theo dõi hồ sơ (TT 03/2025/TT-VPCP, Appendix I), the register of one agency over a period,
 * as a landscape PDF whose column headings repeat on every page. The Excel version is in form-07-xlsx.ts.
 */
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { Form07Data, RegisterRow } from './form-data.ts';
import { formatDate, formatDateTime, formatResultDelivery } from './format.ts';
import { MM, documentDefinition, documentHeading, gridLayout, headerCell, title } from './layout.ts';
import { renderPdf } from './render.ts';

export const FORM_07_TITLE = 'Sổ theo dõi hồ sơ';

/** The register's columns, shared by the PDF and the spreadsheet so both read the same. */
export const registerColumns = [
  { key: 'no', header: 'STT' },
  { key: 'code', header: 'Mã hồ sơ' },
  { key: 'procedure', header: 'Tên thủ tục hành chính' },
  { key: 'applicant', header: 'Tên cá nhân, tổ chức nộp hồ sơ' },
  { key: 'contact', header: 'Địa chỉ, số điện thoại' },
  { key: 'leadAgency', header: 'Cơ quan chủ trì giải quyết' },
  { key: 'receivedAt', header: 'Ngày, giờ nhận hồ sơ', group: true },
  { key: 'appointmentAt', header: 'Ngày, giờ hẹn trả kết quả', group: true },
  { key: 'returnedAt', header: 'Ngày, giờ trả kết quả', group: true },
  { key: 'delivery', header: 'Hình thức nhận kết quả' },
  { key: 'signature', header: 'Ký nhận' },
] as const;
export const REGISTER_GROUP_HEADER = 'Nhận và trả kết quả';

export function periodText(period: Form07Data['period']): string {
  return `Từ ngày ${formatDate(period.from)} đến ngày ${formatDate(period.to)}`;
}

export function contactText(row: RegisterRow): string {
  return [row.address, row.phone].filter((part) => part != null && part !== '').join('; ');
}

const SIZE = 9.5;
const cellLayout = {
  ...gridLayout,
  paddingLeft: () => 2.5,
  paddingRight: () => 2.5,
  paddingTop: () => 2,
  paddingBottom: () => 2,
};

/**
 * Line breaking sees "H18-261122-0001" as one word (no break between a hyphen and digits) and would cut
 * it anywhere; break it after the agency identifier instead.
 */
function codeText(code: string): string {
  return code.replace(/-(?=\d{6}-\d+$)/, '-\n');
}

/** Date over time, so that the three date columns stay narrow. */
function dateTimeCell(instant: number | null): TableCell {
  if (instant == null) return '';
  const text = formatDateTime(instant);
  return { text: text.replace(' ', '\n'), alignment: 'center' };
}

function headerRows(): TableCell[][] {
  const top: TableCell[] = [];
  const second: TableCell[] = [];
  for (const column of registerColumns) {
    if ('group' in column) {
      top.push(
        column.key === 'receivedAt' ? headerCell(REGISTER_GROUP_HEADER, { colSpan: 3 }) : { text: '' },
      );
      second.push(headerCell(column.header));
    } else {
      top.push(headerCell(column.header, { rowSpan: 2 }));
      second.push({ text: '' });
    }
  }
  // Column numbers, as printed registers have, so a page can be read without its headings' wording.
  const numbers = registerColumns.map((_, i) => headerCell(`(${i + 1})`, { bold: false, italics: true }));
  return [top, second, numbers];
}

function rowCells(row: RegisterRow, index: number): TableCell[] {
  return [
    { text: String(index + 1), alignment: 'center' },
    codeText(row.dossierCode),
    row.procedureName,
    row.applicantName,
    // The phone on its own line: its spaces would otherwise let it wrap in the middle.
    [row.address, row.phone].filter((part) => part != null && part !== '').join('\n'),
    row.leadAgency,
    dateTimeCell(row.receivedAt),
    dateTimeCell(row.appointmentAt),
    dateTimeCell(row.returnedAt),
    { text: formatResultDelivery(row.resultDelivery), alignment: 'center' },
    row.receivedBy ?? '',
  ];
}

export async function renderForm07Pdf(data: Form07Data): Promise<Buffer> {
  const body = headerRows();
  data.rows.forEach((row, i) => body.push(rowCells(row, i)));

  const subtitle = [periodText(data.period)];
  if (data.volume) subtitle.push(`Quyển số: ${data.volume}`);

  const content: Content[] = [
    // A register has no document number; the volume goes under the title instead.
    documentHeading(data.header, 'landscape', data.header.number ? `Số: ${data.header.number}` : ''),
    title(FORM_07_TITLE, { text: subtitle.join(' – '), italics: true }),
    {
      table: {
        // Total with padding and rules: the 252 mm between the margins of a landscape A4.
        widths: [20, 68, '*', 66, 96, 70, 46, 46, 46, 48, 44],
        headerRows: 3,
        dontBreakRows: true,
        body,
      },
      layout: cellLayout,
      fontSize: SIZE,
      lineHeight: 1,
    },
  ];

  return renderPdf(
    documentDefinition({
      content,
      title: `${FORM_07_TITLE} – ${data.header.agencyName} – ${periodText(data.period)}`,
      createdAt: data.header.issuedAt,
      orientation: 'landscape',
      footer: (currentPage: number, pageCount: number) => ({
        text: `Trang ${currentPage}/${pageCount}`,
        alignment: 'center',
        fontSize: SIZE,
        margin: [0, 8 * MM, 0, 0],
      }),
    }),
  );
}
