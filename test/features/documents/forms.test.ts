import { describe, expect, it } from 'vitest';
import {
  renderForm01,
  renderForm02,
  renderForm03,
  renderForm04,
  renderForm05,
  renderForm06,
} from '../../../src/features/documents/index.ts';
import { CODE, form01, form02, form03, form04, form05, form06 } from './fixtures.ts';
import { readPdf } from '../../support/pdf.ts';

const HEADING = [
  'ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP',
  'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
];

/**
 * Every string must come back exactly from the PDF's text. A glyph missing from the font, or a wrong
 * Unicode mapping for it, would change the extracted text, so this also checks Vietnamese coverage.
 */
function expectAll(text: string, expected: readonly string[]): void {
  for (const s of expected) expect(text, s).toContain(s);
}

async function render(pdf: Promise<Buffer>) {
  const bytes = await pdf;
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return { bytes, ...(await readPdf(bytes)) };
}

describe('form 01: receipt and appointment', () => {
  it('prints the heading, the dossier, the applicant, the times and both signatures on one page', async () => {
    const { flat, numPages } = await render(renderForm01(form01));
    expect(numPages).toBe(1);
    expectAll(flat, [
      ...HEADING,
      'Số: 12/TNHS',
      'Đồng Tháp, ngày 22 tháng 11 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `Mã hồ sơ: ${CODE}`,
      'Ông/Bà/Tổ chức: Nguyễn Thị Hồng Nhung',
      'Số định danh cá nhân/Mã số tổ chức: 087190001234',
      'Địa chỉ: Số 12, đường Nguyễn Huệ, phường Cao Lãnh, tỉnh Đồng Tháp',
      'Số điện thoại: 0913 456 789',
      'Email: hongnhung.nguyen@example.vn',
      'Người được ủy quyền: Trần Văn Đức',
      'Văn bản ủy quyền: Giấy ủy quyền số 15/2026/GUQ ngày 20/11/2026',
      'Nội dung yêu cầu giải quyết: Cấp giấy phép tổ chức biểu diễn nghệ thuật, trình diễn thời trang',
      'STT Tên giấy tờ Bản chính Bản sao',
      '1 Văn bản đề nghị tổ chức biểu diễn nghệ thuật (Mẫu số 01) 01',
      'Kịch bản, danh mục tác phẩm gắn với tác giả, người chịu trách nhiệm chương trình 01 01',
      'Thời gian giải quyết hồ sơ theo quy định: 05 ngày làm việc',
      'Thời gian nhận hồ sơ: 14 giờ 30 phút, ngày 22/11/2026',
      'Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 27/11/2026',
      'Đăng ký nhận kết quả tại: Bộ phận Một cửa Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Tháp',
      'Vào Sổ theo dõi hồ sơ, Quyển số: 03, Số thứ tự: 1.245.',
      'Quét mã để tra cứu tình trạng hồ sơ',
      'NGƯỜI NỘP HỒ SƠ (Ký, ghi rõ họ tên) Trần Văn Đức',
      'NGƯỜI TIẾP NHẬN HỒ SƠ (Ký, ghi rõ họ tên) Lê Thị Phương Thảo',
    ]);
  });

  it('embeds the QR code as a PNG image', async () => {
    const { bytes, images } = await render(renderForm01(form01));
    expect(images).toBe(1);
    // pdfkit keeps object dictionaries uncompressed: the image XObject is visible in the bytes.
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/Subtype \/Image/);
    expect(raw).toMatch(/\/Filter \/FlateDecode/);
  });

  it('leaves blanks for a missing register entry and omits an absent representative', async () => {
    const { flat } = await render(
      renderForm01({ ...form01, representative: null, register: null, applicantSigner: null }),
    );
    expect(flat).toContain('Quyển số: …………, Số thứ tự: …………');
    expect(flat).not.toContain('Người được ủy quyền');
    // Without a representative, the applicant signs.
    expect(flat).toContain('NGƯỜI NỘP HỒ SƠ (Ký, ghi rõ họ tên) Nguyễn Thị Hồng Nhung NGƯỜI TIẾP NHẬN HỒ SƠ');
  });

  it('gives the same bytes for the same data', async () => {
    const [a, b] = await Promise.all([renderForm01(form01), renderForm01(form01)]);
    expect(a.equals(b)).toBe(true);
  });
});

describe('form 02: supplement request', () => {
  it('lists everything to supplement, the reason and the contact officer', async () => {
    const { flat } = await render(renderForm02(form02));
    expectAll(flat, [
      ...HEADING,
      'Số: ……',
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'Hồ sơ của: Nguyễn Thị Hồng Nhung',
      'Nội dung yêu cầu giải quyết: Đăng ký khai sinh',
      '1. Bản chính Giấy chứng sinh do cơ sở y tế nơi trẻ em sinh ra cấp',
      '2. Văn bản ủy quyền được chứng thực theo quy định (trường hợp ủy quyền đăng ký khai sinh)',
      'Lý do: Hồ sơ còn thiếu giấy tờ chứng minh nội dung khai sinh theo Điều 16 Luật Hộ tịch.',
      'Ông/Bà liên hệ với Phạm Quốc Hưng, số điện thoại 0277 3851 234 để được hướng dẫn.',
      'NGƯỜI HƯỚNG DẪN',
      'Phạm Quốc Hưng',
    ]);
    expect(flat).not.toContain('Mã hồ sơ');
  });
});

describe('form 03: refusal', () => {
  it('prints the dossier code and the numbered reasons', async () => {
    const { flat } = await render(renderForm03(form03));
    expectAll(flat, [
      ...HEADING,
      'Số: 07/TCTN',
      'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      'Mã hồ sơ: 000.00.12.H18-261122-0002',
      'Ông/Bà/Tổ chức: Nguyễn Thị Hồng Nhung',
      'Email: …………',
      'Nội dung yêu cầu giải quyết: Cấp giấy phép kinh doanh dịch vụ karaoke',
      'thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
      '1. Cơ sở kinh doanh không bảo đảm diện tích phòng hát từ 20 m² trở lên theo quy định.',
      '2. Địa điểm kinh doanh cách trường học dưới 200 mét.',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Lê Thị Phương Thảo',
    ]);
  });
});

describe('form 04: apology and new appointment', () => {
  it('prints both appointments, the reason and the head’s signature', async () => {
    const { flat } = await render(renderForm04(form04));
    expectAll(flat, [
      ...HEADING,
      'Số: 245/SVHTTDL-VP',
      'Đồng Tháp, ngày 25 tháng 11 năm 2026',
      'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
      'Kính gửi: Bà Nguyễn Thị Hồng Nhung.',
      'Ngày 22 tháng 11 năm 2026, Sở Văn hóa, Thể thao và Du lịch tiếp nhận hồ sơ đề nghị cấp giấy phép tổ chức biểu diễn nghệ thuật của Ông/Bà.',
      `Mã hồ sơ: ${CODE}.`,
      'Giấy tiếp nhận hồ sơ và hẹn trả kết quả: 16 giờ 00 phút, ngày 27/11/2026.',
      'do: cần lấy ý kiến thẩm định nội dung chương trình của Hội đồng nghệ thuật.',
      'hẹn trả kết quả vào 16 giờ 00 phút, ngày 02/12/2026.',
      'Nơi nhận: - Như trên; - Lưu: VT.',
      'KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC (Ký, ghi rõ họ tên và đóng dấu)',
      'Võ Thành Đạt',
    ]);
  });
});

describe('form 05: stop notice', () => {
  it('explains a withdrawal at the applicant’s request', async () => {
    const { flat } = await render(renderForm05(form05));
    expectAll(flat, [
      ...HEADING,
      'Số: 31/TB-SVHTTDL',
      'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
      `Mã hồ sơ: ${CODE}`,
      'Kính gửi: Bà Nguyễn Thị Hồng Nhung.',
      'tiếp nhận hồ sơ đề nghị cấp giấy phép tổ chức biểu diễn nghệ thuật của Ông/Bà ngày 22/11/2026',
      'Theo đề nghị rút hồ sơ của Ông/Bà ngày 25/11/2026, với lý do: đơn vị tổ chức thay đổi địa điểm biểu diễn, Sở Văn hóa, Thể thao và Du lịch thông báo dừng giải quyết hồ sơ nêu trên.',
      'Nơi nhận: - Như trên; - Bộ phận Một cửa; - Lưu: VT, QLVH.',
      'Võ Thành Đạt',
    ]);
  });

  it('gives the agency’s reason when the agency stops the dossier', async () => {
    const { flat } = await render(
      renderForm05({
        ...form05,
        stopReason: 'agency',
        withdrawalRequestedAt: null,
        reason: 'Ông/Bà không thực hiện nghĩa vụ tài chính trong thời hạn quy định.',
      }),
    );
    expect(flat).toContain(
      'Sở Văn hóa, Thể thao và Du lịch thông báo dừng giải quyết hồ sơ nêu trên với lý do: Ông/Bà không thực hiện nghĩa vụ tài chính trong thời hạn quy định.',
    );
    expect(flat).not.toContain('đề nghị rút hồ sơ');
  });
});

describe('form 06: control slip', () => {
  it('prints the agencies, the times and one row per handover with its result', async () => {
    const { flat } = await render(renderForm06(form06));
    expectAll(flat, [
      ...HEADING,
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      `Mã hồ sơ: ${CODE}`,
      '(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: 12/TNHS)',
      'Cơ quan (bộ phận) giải quyết hồ sơ: Phòng Quản lý văn hóa, Sở Văn hóa, Thể thao và Du lịch',
      'Cơ quan phối hợp giải quyết hồ sơ: Công an tỉnh Đồng Tháp; Ủy ban nhân dân phường Cao Lãnh',
      'Thời gian nhận hồ sơ: 14 giờ 30 phút, ngày 22/11/2026',
      'Thời gian hẹn trả kết quả: 16 giờ 00 phút, ngày 27/11/2026',
      '1 Lê Thị Phương Thảo Bộ phận Một cửa Huỳnh Minh Tâm Phòng Quản lý văn hóa 15 giờ 00 phút, ngày 22/11/2026 Trước hạn Chuyển trong ngày',
      'Công an tỉnh Đồng Tháp 09 giờ 00 phút, ngày 24/11/2026 Đúng hạn Lấy ý kiến về an ninh trật tự',
      '15 giờ 45 phút, ngày 26/11/2026 Quá hạn',
      '4 Võ Thành Đạt Lãnh đạo Sở Đặng Thu Hà Văn thư 08 giờ 30 phút, ngày 27/11/2026',
    ]);
  });
});
