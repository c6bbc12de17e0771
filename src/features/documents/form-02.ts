/** Form 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (TT 03/2025/TT-VPCP, Appendix I). */
import type { Content } from 'pdfmake/interfaces.js';
import type { Form02Data } from './form-data.ts';
import {
  applicantFields,
  documentDefinition,
  documentHeading,
  field,
  numberedList,
  orBlank,
  paragraph,
  signatures,
  title,
} from './layout.ts';
import { renderPdf } from './render.ts';

export const FORM_02_TITLE = 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ';

export async function renderForm02(data: Form02Data): Promise<Buffer> {
  const agency = data.header.agencyName;
  const officer = data.contactOfficer;
  const content: Content[] = [
    documentHeading(data.header),
    title(
      FORM_02_TITLE,
      data.dossierCode ? { text: ['Mã hồ sơ: ', { text: data.dossierCode, bold: true }] } : undefined,
    ),
    ...applicantFields(data.applicant, 'Hồ sơ của'),
    field('Nội dung yêu cầu giải quyết', data.procedureName),
    paragraph(
      `Sau khi xem xét, đối chiếu với thành phần hồ sơ theo quy định, ${agency} đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:`,
    ),
    numberedList(data.items, 18),
    field('Lý do', data.reason),
    paragraph(
      `Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với ${officer.name}, số điện thoại ${orBlank(officer.phone)} để được hướng dẫn.`,
    ),
    signatures({ right: data.signer }),
  ];
  return renderPdf(
    documentDefinition({
      content,
      title: data.dossierCode ? `${FORM_02_TITLE} – ${data.dossierCode}` : FORM_02_TITLE,
      createdAt: data.header.issuedAt,
    }),
  );
}
