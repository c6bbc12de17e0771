/** Form 06: Phiếu kiểm soát quá trình giải quyết hồ sơ (TT 03/2025/TT-VPCP, Appendix I). */
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { Form06Data, HandoverParty } from './form-data.ts';
import { formatTimeAndDate, outcomeNames } from './format.ts';
import {
  BLANK,
  TABLE_SIZE,
  documentDefinition,
  documentHeading,
  field,
  headerCell,
  table,
  title,
} from './layout.ts';
import { renderPdf } from './render.ts';

export const FORM_06_TITLE = 'Phiếu kiểm soát quá trình giải quyết hồ sơ';

function partyCell(party: HandoverParty): TableCell {
  if (!party.person) return { text: party.unit };
  return { stack: [party.person, { text: party.unit, italics: true, fontSize: TABLE_SIZE - 1 }] };
}

export async function renderForm06(data: Form06Data): Promise<Buffer> {
  const body: TableCell[][] = [
    [
      headerCell('STT'),
      headerCell('Bên giao'),
      headerCell('Bên nhận'),
      headerCell('Thời gian giao, nhận hồ sơ'),
      headerCell('Kết quả giải quyết hồ sơ (trước hạn/đúng hạn/quá hạn)'),
      headerCell('Ghi chú'),
    ],
  ];
  data.handovers.forEach((row, i) => {
    body.push([
      { text: String(i + 1), alignment: 'center' },
      partyCell(row.from),
      partyCell(row.to),
      { text: formatTimeAndDate(row.at).replace(', ', ',\n'), alignment: 'center' },
      { text: row.result ? outcomeNames[row.result] : '', alignment: 'center' },
      row.note ?? '',
    ]);
  });

  const content: Content[] = [
    documentHeading(data.header, 'landscape'),
    title(FORM_06_TITLE, { text: ['Mã hồ sơ: ', { text: data.dossierCode, bold: true }] }),
    {
      text: `(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: ${data.receiptNumber ?? BLANK})`,
      italics: true,
      alignment: 'center',
      margin: [0, -6, 0, 10],
    },
    field('Tên thủ tục', data.procedureName),
    field('Người nộp hồ sơ', data.applicantName),
    field('Cơ quan (bộ phận) giải quyết hồ sơ', data.resolvingAgency),
    field('Cơ quan phối hợp giải quyết hồ sơ', data.cooperatingAgencies.join('; ')),
    field('Thời gian nhận hồ sơ', formatTimeAndDate(data.receivedAt)),
    field('Thời gian hẹn trả kết quả', formatTimeAndDate(data.appointmentAt)),
    table([28, 140, 140, 116, 100, '*'], body, 1),
  ];
  return renderPdf(
    documentDefinition({
      content,
      title: `${FORM_06_TITLE} – ${data.dossierCode}`,
      createdAt: data.header.issuedAt,
      // Landscape gives the handover table room for names and units without wrapping every cell.
      orientation: 'landscape',
    }),
  );
}
