import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderForm07Pdf, renderForm07Xlsx } from '../../../src/features/documents/index.ts';
import { form07 } from './fixtures.ts';
import { readPdf } from '../../support/pdf.ts';

const ROWS = 2000;
const data = form07(ROWS);

describe('form 07: register, PDF', () => {
  // Several seconds of CPU; more on a loaded CI runner.
  it(
    `lays out ${ROWS} rows on numbered landscape pages with the headings on every page`,
    { timeout: 90_000 },
    async () => {
      const pdf = await renderForm07Pdf(data);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const first = await readPdf(pdf, [1]);
      const pages = first.numPages;
      expect(pages).toBeGreaterThan(1);
      const last = await readPdf(pdf, [2, pages]);

      expect(first.flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(first.flat).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(first.flat).toContain('SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH');
      expect(first.flat).toContain('SỔ THEO DÕI HỒ SƠ');
      expect(first.flat).toContain('Từ ngày 01/11/2026 đến ngày 30/11/2026 – Quyển số: 03');
      expect(first.flat).toContain(`Trang 1/${pages}`);
      expect(first.flat).toContain(
        '1 000.00.12.H18-261122-0001 Đăng ký khai sinh Nguyễn Thị Hồng Nhung Số 12, đường Nguyễn Huệ, phường Cao Lãnh, tỉnh Đồng Tháp 0913 456 789 Phòng Quản lý văn hóa 22/11/2026 14:30 27/11/2026 14:30',
      );
      expect(first.flat).toContain('22/11/2026 14:37 27/11/2026 14:37 26/11/2026 14:37 Trực tiếp');

      const [second, end] = last.pages.map((p) => p.replace(/\s+/g, ' '));
      for (const page of [second!, end!]) {
        expect(page).toContain('Mã hồ sơ');
        expect(page).toContain('Nhận và trả kết quả');
        expect(page).toContain('Ngày, giờ hẹn trả kết quả');
      }
      expect(second).toContain(`Trang 2/${pages}`);
      expect(end).toContain(`Trang ${pages}/${pages}`);
      expect(last.flat).toContain(`${ROWS} 000.00.12.H18-261122-${ROWS}`);
    },
  );
});

describe('form 07: register, Excel', () => {
  it('writes the title block, grouped headings, real dates and the print setup', async () => {
    const bytes = await renderForm07Xlsx(data);
    const workbook = new ExcelJS.Workbook();
    // exceljs's types want its own Buffer flavour.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Sổ theo dõi hồ sơ')!;
    expect(sheet).toBeDefined();

    expect(sheet.getCell('A1').value).toBe('ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP');
    expect(sheet.getCell('A2').value).toBe('SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH');
    expect(sheet.getCell('F1').value).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(sheet.getCell('F2').value).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(sheet.getCell('A4').value).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(sheet.getCell('A5').value).toBe('Từ ngày 01/11/2026 đến ngày 30/11/2026 – Quyển số: 03');

    const headings = (row: number) => Array.from({ length: 11 }, (_, i) => sheet.getCell(row, i + 1).value);
    expect(headings(7)).toEqual([
      'STT',
      'Mã hồ sơ',
      'Tên thủ tục hành chính',
      'Tên cá nhân, tổ chức nộp hồ sơ',
      'Địa chỉ, số điện thoại',
      'Cơ quan chủ trì giải quyết',
      'Nhận và trả kết quả',
      'Nhận và trả kết quả',
      'Nhận và trả kết quả',
      'Hình thức nhận kết quả',
      'Ký nhận',
    ]);
    expect(headings(8).slice(6, 9)).toEqual([
      'Ngày, giờ nhận hồ sơ',
      'Ngày, giờ hẹn trả kết quả',
      'Ngày, giờ trả kết quả',
    ]);
    expect(sheet.getCell('G7').font.bold).toBe(true);
    expect(sheet.getCell('G8').alignment.wrapText).toBe(true);

    // Row 2 of the register: returned in person.
    const row = sheet.getRow(11);
    expect(row.getCell(1).value).toBe(2);
    expect(row.getCell(2).value).toBe('000.00.12.H18-261122-0002');
    expect(row.getCell(3).value).toBe('Cấp giấy phép tổ chức biểu diễn nghệ thuật, trình diễn thời trang');
    expect(row.getCell(4).value).toBe('Trần Văn Đức');
    expect(row.getCell(5).value).toBe(
      'Số 12, đường Nguyễn Huệ, phường Cao Lãnh, tỉnh Đồng Tháp; 0913 456 789',
    );
    expect(row.getCell(6).value).toBe('Phòng Quản lý văn hóa');
    // Excel dates carry the Vietnam wall-clock time: 22/11/2026 14:37.
    expect(row.getCell(7).value).toEqual(new Date(Date.UTC(2026, 10, 22, 14, 37)));
    expect(row.getCell(8).value).toEqual(new Date(Date.UTC(2026, 10, 27, 14, 37)));
    expect(row.getCell(9).value).toEqual(new Date(Date.UTC(2026, 10, 26, 14, 37)));
    expect(row.getCell(7).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(row.getCell(10).value).toBe('Trực tiếp');
    expect(row.getCell(2).border.top?.style).toBe('thin');

    // Not yet returned: the return date is empty.
    expect(sheet.getRow(10).getCell(9).value).toBeNull();
    expect(sheet.getRow(9 + ROWS).getCell(2).value).toBe(`000.00.12.H18-261122-${ROWS}`);
    expect(sheet.rowCount).toBe(9 + ROWS);

    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 9 });
    expect(sheet.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '7:9',
    });
    expect(sheet.getColumn(3).width).toBeGreaterThan(sheet.getColumn(1).width!);
  });
});
