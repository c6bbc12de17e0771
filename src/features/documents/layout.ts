/**
 * The parts every form shares, laid out as Vietnamese administrative documents are (NĐ 30/2020/NĐ-CP,
 * Appendix I): A4, margins of 20 mm top and bottom, 30 mm left and 15 mm right, a Times-metric font, the
 * two-column heading with the national name and motto, the title in bold capitals, the signature block
 * at the bottom right.
 */
import type {
  Content,
  ContentTable,
  CustomTableLayout,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces.js';
import type { Applicant, FormHeader, Recipients, Signer } from './form-data.ts';
import { formatPlaceAndDate } from './format.ts';
import { FONT } from './render.ts';

export const MM = 72 / 25.4;

/** pdfmake's order: left (the binding side, 30 mm), top, right, bottom. */
export const PAGE_MARGINS: [number, number, number, number] = [30 * MM, 20 * MM, 15 * MM, 20 * MM];
const A4_SHORT = 210 * MM;
const A4_LONG = 297 * MM;

export type Orientation = 'portrait' | 'landscape';

/** Width between the margins. */
export function contentWidth(orientation: Orientation): number {
  const [left, , right] = PAGE_MARGINS;
  return (orientation === 'portrait' ? A4_SHORT : A4_LONG) - left - right;
}

export const BODY_SIZE = 13;
export const TABLE_SIZE = 12;
const TITLE_SIZE = 14;
const HEADING_SIZE = 12;
const MOTTO_SIZE = 13;

const HEADING_OVERHANG = 8 * MM;

/** A dotted blank where the paper form has a line to fill in by hand. */
export const BLANK = '…………';

export function orBlank(value: string | null | undefined): string {
  return value == null || value.trim() === '' ? BLANK : value;
}

/** Capitals as headings and titles print them ("Ủy ban" → "ỦY BAN", "đ" → "Đ"). */
export function upper(text: string): string {
  return text.toLocaleUpperCase('vi');
}

const noPadding: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 0,
  paddingTop: () => 0,
  paddingBottom: () => 0,
};

/** A horizontal rule of a given length, centred in its column. */
function rule(length: number): Content {
  return {
    canvas: [{ type: 'line', x1: 0, y1: 0, x2: length, y2: 0, lineWidth: 0.6 }],
    alignment: 'center',
    margin: [0, 3, 0, 0],
  };
}

/**
 * Centred text with a rule exactly as long as the text, as under the motto. A single-cell table of
 * automatic width does the measuring, so no font metrics are needed here.
 */
function underlinedCentred(text: Content): Content {
  return {
    columns: [
      { width: '*', text: '' },
      {
        width: 'auto',
        table: { body: [[text]] },
        layout: {
          ...noPadding,
          hLineWidth: (i: number) => (i === 1 ? 0.6 : 0),
          paddingBottom: () => 3,
        },
      },
      { width: '*', text: '' },
    ],
    columnGap: 0,
  };
}

/**
 * The heading: agency on the left, national name and motto on the right, then the number and the
 * place and date on one line, the way NĐ 30 aligns them.
 */
export function documentHeading(
  header: FormHeader,
  orientation: Orientation = 'portrait',
  numberLine = `Số: ${header.number ?? '……'}`,
): Content {
  // Like the NĐ 30 templates, the heading reaches a little into the left margin, so that the national
  // name (88 mm at 12 pt) and a provincial People's Committee's name (76 mm) each fit on one line.
  const overhang = orientation === 'portrait' ? HEADING_OVERHANG : 0;
  const width = contentWidth(orientation) + overhang;
  const left = orientation === 'portrait' ? 80 * MM : width * 0.42;
  const agency: Content[] = [];
  if (header.parentAgencyName) {
    agency.push({ text: upper(header.parentAgencyName), fontSize: HEADING_SIZE });
  }
  agency.push({ text: upper(header.agencyName), fontSize: HEADING_SIZE, bold: true });
  agency.push(rule(Math.min(70, left / 3)));

  const nation: Content[] = [
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', fontSize: HEADING_SIZE, bold: true },
    underlinedCentred({ text: 'Độc lập - Tự do - Hạnh phúc', fontSize: MOTTO_SIZE, bold: true }),
  ];

  return {
    table: {
      widths: [left, '*'],
      body: [
        [
          { stack: agency, alignment: 'center' },
          { stack: nation, alignment: 'center' },
        ],
        [
          { text: numberLine, alignment: 'center', fontSize: BODY_SIZE },
          {
            text: formatPlaceAndDate(header.place, header.issuedAt),
            alignment: 'center',
            italics: true,
            fontSize: BODY_SIZE,
          },
        ],
      ],
    },
    layout: {
      ...noPadding,
      paddingTop: (i: number) => (i === 1 ? 8 : 0),
      paddingLeft: (i: number) => (i === 1 ? 4 : 0),
      paddingRight: (i: number) => (i === 0 ? 4 : 0),
    },
    lineHeight: 1.1,
    margin: [-overhang, 0, 0, 0],
  };
}

export function title(text: string, subtitle?: Content): Content {
  const parts: Content[] = [
    { text: upper(text), bold: true, fontSize: TITLE_SIZE, alignment: 'center', margin: [0, 16, 0, 0] },
  ];
  if (subtitle) parts.push({ text: subtitle, alignment: 'center', margin: [0, 3, 0, 0] });
  return { stack: parts, margin: [0, 0, 0, 10] };
}

export type Inline = string | { text: string; bold?: boolean; italics?: boolean; noWrap?: boolean };

/**
 * Line breaking allows a break after "/" between letters (it is meant for URLs), and a justified line
 * then shows "Ông/ Bà". Such words are kept whole.
 */
function keepSlashWords(parts: Inline[]): Inline[] {
  return parts.flatMap((part) => {
    if (typeof part !== 'string') return [part];
    // The captured words (with the space after them, else justification counts that space twice)
    // land at odd indices.
    return part
      .split(/(\p{L}+(?:\/\p{L}+)+\s?)/u)
      .map((piece, i): Inline => (i % 2 === 1 ? { text: piece, noWrap: true } : piece))
      .filter((piece) => piece !== '');
  });
}

/**
 * pdfmake justifies by spreading the slack evenly between inlines, also where two inlines meet inside a
 * word (a bold dossier code and the full stop after it), which shows as a gap before the stop. So the
 * characters up to the next space move into the inline before them.
 */
function glue(parts: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const part of parts) {
    const previous = out[out.length - 1];
    const text = typeof part === 'string' ? part : part.text;
    const head = /^\S+/u.exec(text)?.[0];
    if (
      previous !== undefined &&
      head &&
      !/\s$/u.test(typeof previous === 'string' ? previous : previous.text)
    ) {
      out[out.length - 1] =
        typeof previous === 'string' ? previous + head : { ...previous, text: previous.text + head };
      const rest = text.slice(head.length);
      if (rest !== '') out.push(typeof part === 'string' ? rest : { ...part, text: rest });
    } else {
      out.push(part);
    }
  }
  return out;
}

/** A body paragraph, justified and first-line indented as official letters are. */
export function paragraph(text: string | Inline[], indent = true): Content {
  return {
    text: glue(keepSlashWords(typeof text === 'string' ? [text] : text)),
    alignment: 'justify',
    leadingIndent: indent ? 10 * MM : 0,
    margin: [0, 0, 0, 6],
  };
}

/** "Label: value" as a line of the form. */
export function field(label: string, value: string | null | undefined, bold = false): Content {
  return {
    text: [`${label}: `, { text: orBlank(value), bold }],
    margin: [0, 0, 0, 3],
  };
}

/** Two short fields on one line when they fit, e.g. "Số điện thoại: …   Email: …". */
export function fieldPair(
  a: [string, string | null | undefined],
  b: [string, string | null | undefined],
): Content {
  // Each label moves to the next line with its value (a phone number has spaces and would otherwise
  // split in halves), unless the value is too long to ever fit on one line.
  const part = ([label, value]: [string, string | null | undefined]): Inline => {
    const text = `${label}: ${orBlank(value)}`;
    return text.length <= 48 ? { text, noWrap: true } : text;
  };
  return { text: [part(a), '      ', part(b)], margin: [0, 0, 0, 3] };
}

/** "Kính gửi: …", centred under the title as NĐ 30 places it. */
export function addressee(name: string): Content {
  return { text: `Kính gửi: ${name.replace(/\.\s*$/, '')}.`, alignment: 'center', margin: [0, 0, 0, 10] };
}

/** The applicant's identity lines, as forms 01, 02, 03 and 05 print them. */
export function applicantFields(applicant: Applicant, label = 'Ông/Bà/Tổ chức'): Content[] {
  return [
    field(label, applicant.name, true),
    field('Số định danh cá nhân/Mã số tổ chức', applicant.idNumber),
    field('Địa chỉ', applicant.address),
    fieldPair(['Số điện thoại', applicant.phone], ['Email', applicant.email]),
  ];
}

/**
 * "1. …", "2. …" with the text hanging under itself. Laid out as columns rather than pdfmake's `ol`,
 * which draws the numbers after the text, so copied or extracted text would read "… 1." .
 */
export function numberedList(items: readonly string[], indent = 0): Content {
  return {
    stack: items.map((item, i): Content => ({
      columns: [
        { width: 18, text: `${i + 1}.` },
        { width: '*', text: glue(keepSlashWords([item])), alignment: 'justify' },
      ],
      columnGap: 2,
      margin: [0, 0, 0, 2],
    })),
    margin: [indent, 0, 0, 4],
  };
}

function signatureStack(signer: Signer, hint: string): Content {
  const lines: Content[] = [];
  if (signer.authority) lines.push({ text: upper(signer.authority), bold: true });
  lines.push({ text: upper(signer.title), bold: true });
  lines.push({ text: hint, italics: true, fontSize: BODY_SIZE - 1 });
  lines.push({ text: signer.name ?? ' ', bold: true, margin: [0, 54, 0, 0] });
  return { stack: lines, alignment: 'center', unbreakable: true };
}

export const PERSONAL_SIGNATURE = '(Ký, ghi rõ họ tên)';
export const HEAD_SIGNATURE = '(Ký, ghi rõ họ tên và đóng dấu)';

/** "Nơi nhận:" with "- Như trên;" … "- Lưu: VT." (NĐ 30: bold italic 12 pt, items 11 pt). */
function recipientsBlock(recipients: Recipients): Content {
  return {
    stack: [
      { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 12 },
      ...recipients.map((r, i) => ({
        text: `- ${r.replace(/[.;,]\s*$/, '')}${i === recipients.length - 1 ? '.' : ';'}`,
        fontSize: 11,
      })),
    ],
  };
}

/**
 * The signatures at the bottom: one on the right, or two side by side (form 01: applicant on the left,
 * receiving officer on the right), or "Nơi nhận" on the left of a letter.
 */
export function signatures(options: {
  right: Signer;
  rightHint?: string;
  left?: Signer | null;
  leftHint?: string;
  recipients?: Recipients | null;
}): Content {
  const right = signatureStack(options.right, options.rightHint ?? PERSONAL_SIGNATURE);
  let left: Content = { text: '' };
  if (options.left) left = signatureStack(options.left, options.leftHint ?? PERSONAL_SIGNATURE);
  else if (options.recipients && options.recipients.length > 0) {
    left = recipientsBlock(options.recipients);
  }
  return {
    columns: [
      { width: '45%', stack: [left] },
      { width: '*', stack: [right] },
    ],
    columnGap: 10,
    margin: [0, 14, 0, 0],
    unbreakable: true,
  };
}

/** Thin grid lines and roomy cells for the forms' tables. */
export const gridLayout: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
};

export function headerCell(
  text: string,
  extra: { colSpan?: number; rowSpan?: number; bold?: boolean; italics?: boolean } = {},
): TableCell {
  return { text, bold: true, alignment: 'center', ...extra };
}

export function table(
  widths: ContentTable['table']['widths'],
  body: TableCell[][],
  headerRows: number,
  fontSize = TABLE_SIZE,
): Content {
  return {
    table: { widths, body, headerRows, dontBreakRows: true },
    layout: gridLayout,
    fontSize,
    margin: [0, 2, 0, 6],
  };
}

export function documentDefinition(options: {
  content: Content;
  title: string;
  createdAt: number;
  orientation?: Orientation;
  footer?: TDocumentDefinitions['footer'];
}): TDocumentDefinitions {
  const createdAt = new Date(options.createdAt);
  return {
    pageSize: 'A4',
    pageOrientation: options.orientation ?? 'portrait',
    pageMargins: PAGE_MARGINS,
    content: options.content,
    footer: options.footer,
    defaultStyle: { font: FONT, fontSize: BODY_SIZE, lineHeight: 1.1 },
    // Fixed dates make the bytes depend only on the data (pdfkit derives the file ID from them).
    info: {
      title: options.title,
      creator: 'motcua',
      producer: 'motcua',
      creationDate: createdAt,
      modDate: createdAt,
    },
    language: 'vi-VN',
  };
}
