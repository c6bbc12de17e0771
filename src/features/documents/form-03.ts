/** Form 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ (TT 03/2025/TT-VPCP, Appendix I). */
import type { Content } from 'pdfmake/interfaces.js';
import type { Form03Data } from './form-data.ts';
import {
  applicantFields,
  documentDefinition,
  documentHeading,
  field,
  numberedList,
  paragraph,
  signatures,
  title,
} from './layout.ts';
import { renderPdf } from './render.ts';

export const FORM_03_TITLE = 'Phiếu từ chối tiếp nhận giải quyết hồ sơ';

export async function renderForm03(data: Form03Data): Promise<Buffer> {
  const agency = data.header.agencyName;
  const content: Content[] = [
    documentHeading(data.header),
    title(
      FORM_03_TITLE,
      data.dossierCode ? { text: ['Mã hồ sơ: ', { text: data.dossierCode, bold: true }] } : undefined,
    ),
    paragraph(`${agency} tiếp nhận hồ sơ của:`, false),
    ...applicantFields(data.applicant),
    field('Nội dung yêu cầu giải quyết', data.procedureName),
    paragraph(
      `Qua xem xét, ${agency} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`,
    ),
    numberedList(data.reasons, 18),
    paragraph('Xin thông báo để Ông/Bà biết và thực hiện./.'),
    signatures({ right: data.signer }),
  ];
  return renderPdf(
    documentDefinition({
      content,
      title: data.dossierCode ? `${FORM_03_TITLE} – ${data.dossierCode}` : FORM_03_TITLE,
      createdAt: data.header.issuedAt,
    }),
  );
}
