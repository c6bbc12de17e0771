/** Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (TT 03/2025/TT-VPCP, Appendix I). */
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import type { QRCodeToDataURLOptions } from 'qrcode';
import type { Form01Data, Signer } from './form-data.ts';
import { formatDuration, formatTimeAndDate } from './format.ts';
import {
  MM,
  applicantFields,
  documentDefinition,
  documentHeading,
  field,
  headerCell,
  orBlank,
  paragraph,
  signatures,
  table,
  title,
} from './layout.ts';
import { renderPdf } from './render.ts';

export const FORM_01_TITLE = 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả';

const QR_SIZE = 30 * MM;

async function qrDataUrl(text: string): Promise<string> {
  // Loaded on first use, like pdfmake: only printing needs it.
  const { toDataURL } = await import('qrcode');
  // 8 px per module (whole pixels, so every module is as wide as the next) is sharp in print at 30 mm and
  // still a small PNG. Grey without alpha, unfiltered: pdfkit then embeds the PNG's compressed data as it
  // is, where an RGBA image had to be decoded, split into colour and mask and compressed again (~8 ms of
  // form 01's CPU); unfiltered rows cost less to write and compress about as well for two flat colours.
  const options: QRCodeToDataURLOptions & { rendererOpts: { colorType: number; filterType: number } } = {
    errorCorrectionLevel: 'M',
    margin: 0,
    scale: 8,
    // Options of pngjs, which qrcode passes on for PNG output; its types do not list them.
    rendererOpts: { colorType: 0, filterType: 0 },
  };
  return toDataURL(text, options);
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

function componentsTable(data: Form01Data): Content {
  const body: TableCell[][] = [
    [headerCell('STT'), headerCell('Tên giấy tờ'), headerCell('Bản chính'), headerCell('Bản sao')],
  ];
  data.components.forEach((c, i) => {
    body.push([
      { text: String(i + 1), alignment: 'center' },
      c.name,
      { text: c.originals > 0 ? twoDigits(c.originals) : '', alignment: 'center' },
      { text: c.copies > 0 ? twoDigits(c.copies) : '', alignment: 'center' },
    ]);
  });
  return table([28, '*', 58, 58], body, 1);
}

export async function renderForm01(data: Form01Data): Promise<Buffer> {
  const { applicant, representative } = data;
  const qr = await qrDataUrl(data.trackingUrl);

  const whoFiled: Content[] = [
    paragraph(`${data.header.agencyName} tiếp nhận hồ sơ của:`, false),
    ...applicantFields(applicant),
  ];
  if (representative) {
    whoFiled.push(
      field('Người được ủy quyền', representative.name, true),
      field('Số định danh cá nhân', representative.idNumber),
      field('Văn bản ủy quyền', representative.authorisation),
    );
  }

  const applicantSigner: Signer = data.applicantSigner ?? {
    title: 'Người nộp hồ sơ',
    name: representative?.name ?? applicant.name,
  };
  const register = data.register;

  const content: Content[] = [
    documentHeading(data.header),
    title(FORM_01_TITLE, { text: ['Mã hồ sơ: ', { text: data.dossierCode, bold: true }] }),
    {
      columns: [
        { width: '*', stack: whoFiled },
        {
          width: QR_SIZE + 12,
          stack: [
            // Also a link, for a receipt read on screen.
            { image: 'qr', width: QR_SIZE, height: QR_SIZE, alignment: 'center', link: data.trackingUrl },
            {
              text: 'Quét mã để tra cứu tình trạng hồ sơ',
              italics: true,
              fontSize: 9,
              lineHeight: 1,
              alignment: 'center',
              margin: [0, 3, 0, 0],
            },
          ],
        },
      ],
      columnGap: 8,
    },
    field('Nội dung yêu cầu giải quyết', data.procedureName),
    { text: '1. Thành phần hồ sơ nộp gồm:', margin: [0, 2, 0, 0] },
    componentsTable(data),
    field('2. Thời gian giải quyết hồ sơ theo quy định', formatDuration(data.processingTime)),
    field('3. Thời gian nhận hồ sơ', formatTimeAndDate(data.receivedAt)),
    field('4. Thời gian trả kết quả giải quyết hồ sơ', formatTimeAndDate(data.appointmentAt)),
    field('5. Đăng ký nhận kết quả tại', data.resultPickup),
    {
      text: `Vào Sổ theo dõi hồ sơ, Quyển số: ${orBlank(register?.volume)}, Số thứ tự: ${orBlank(register?.entry)}.`,
      italics: true,
      margin: [0, 2, 0, 0],
    },
    signatures({ left: applicantSigner, right: data.receivingOfficer }),
  ];

  return renderPdf({
    ...documentDefinition({
      content,
      title: `${FORM_01_TITLE} – ${data.dossierCode}`,
      createdAt: data.header.issuedAt,
    }),
    images: { qr },
  });
}
