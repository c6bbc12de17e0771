/** Form 05: Thông báo dừng giải quyết hồ sơ (TT 03/2025/TT-VPCP, Appendix I). */
import type { Content } from 'pdfmake/interfaces.js';
import type { Form05Data } from './form-data.ts';
import { formatDate } from './format.ts';
import {
  HEAD_SIGNATURE,
  addressee,
  documentDefinition,
  documentHeading,
  paragraph,
  signatures,
  title,
} from './layout.ts';
import { DEFAULT_RECIPIENTS } from './form-04.ts';
import { renderPdf } from './render.ts';

export const FORM_05_TITLE = 'Thông báo dừng giải quyết hồ sơ';

function sentence(text: string): string {
  return text.replace(/[.;,]\s*$/, '');
}

export async function renderForm05(data: Form05Data): Promise<Buffer> {
  const agency = data.header.agencyName;
  const received = data.receivedAt == null ? '' : ` ngày ${formatDate(data.receivedAt)}`;
  const requested =
    data.withdrawalRequestedAt == null ? '' : ` ngày ${formatDate(data.withdrawalRequestedAt)}`;
  const why: Content =
    data.stopReason === 'withdrawal'
      ? paragraph(
          `Theo đề nghị rút hồ sơ của Ông/Bà${requested}, với lý do: ${sentence(data.reason)}, ${agency} thông báo dừng giải quyết hồ sơ nêu trên.`,
        )
      : paragraph(`${agency} thông báo dừng giải quyết hồ sơ nêu trên với lý do: ${sentence(data.reason)}.`);
  const content: Content[] = [
    documentHeading(data.header),
    title(FORM_05_TITLE, { text: ['Mã hồ sơ: ', { text: data.dossierCode, bold: true }] }),
    addressee(data.addressee ?? data.applicant.name),
    paragraph([
      `${agency} đã tiếp nhận hồ sơ đề nghị ${data.procedureName} của Ông/Bà${received}, mã hồ sơ `,
      { text: data.dossierCode, bold: true },
      '.',
    ]),
    why,
    paragraph('Xin thông báo để Ông/Bà biết./.'),
    signatures({
      right: data.signer,
      rightHint: HEAD_SIGNATURE,
      recipients: data.recipients ?? DEFAULT_RECIPIENTS,
    }),
  ];
  return renderPdf(
    documentDefinition({
      content,
      title: `${FORM_05_TITLE} – ${data.dossierCode}`,
      createdAt: data.header.issuedAt,
    }),
  );
}
