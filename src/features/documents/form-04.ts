/** Form 04: the apology letter with a new appointment (TT 03/2025/TT-VPCP, Appendix I). */
import type { Content } from 'pdfmake/interfaces.js';
import type { Form04Data } from './form-data.ts';
import { formatLongDate, formatTimeAndDate } from './format.ts';
import {
  HEAD_SIGNATURE,
  addressee,
  documentDefinition,
  documentHeading,
  paragraph,
  signatures,
  title,
} from './layout.ts';
import { renderPdf } from './render.ts';

/**
 * TT 03/2025 Appendix I names form 04 "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
 * (domain.md section 6); TT 01/2018 called it "Phiếu xin lỗi và hẹn lại ngày trả kết quả". The system
 * follows NĐ 118/2025 and TT 03/2025, which replaced TT 01/2018, so the letter carries the new name.
 */
export const FORM_04_TITLE = 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết';

export const DEFAULT_RECIPIENTS = ['Như trên', 'Lưu: VT'] as const;

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

export async function renderForm04(data: Form04Data): Promise<Buffer> {
  const agency = data.header.agencyName;
  const content: Content[] = [
    documentHeading(data.header),
    title(FORM_04_TITLE),
    addressee(data.addressee),
    paragraph([
      `${capitalise(formatLongDate(data.receivedAt))}, ${agency} tiếp nhận hồ sơ đề nghị ${data.procedureName} của Ông/Bà. Mã hồ sơ: `,
      { text: data.dossierCode, bold: true },
      '.',
    ]),
    paragraph(
      `Thời hạn trả kết quả giải quyết hồ sơ theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả: ${formatTimeAndDate(data.originalAppointmentAt)}.`,
    ),
    paragraph(
      `Tuy nhiên đến nay, ${agency} chưa trả kết quả giải quyết hồ sơ của Ông/Bà do: ${data.reason.replace(/\.\s*$/, '')}.`,
    ),
    paragraph([
      `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${agency} trân trọng xin lỗi Ông/Bà và đề nghị gia hạn thời gian giải quyết hồ sơ, hẹn trả kết quả vào `,
      { text: formatTimeAndDate(data.newAppointmentAt), bold: true },
      '.',
    ]),
    paragraph('Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.'),
    signatures({
      right: data.signer,
      rightHint: HEAD_SIGNATURE,
      recipients: data.recipients ?? DEFAULT_RECIPIENTS,
    }),
  ];
  return renderPdf(
    documentDefinition({
      content,
      title: `${FORM_04_TITLE} – ${data.dossierCode}`,
      createdAt: data.header.issuedAt,
    }),
  );
}
