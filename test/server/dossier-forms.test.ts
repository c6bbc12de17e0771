import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { createWorkCalendar } from '../../src/domain/calendar/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { as, errorOf, testApp, type Session, type TestApp } from '../support/app.ts';
import {
  CITIZEN,
  dossierKit,
  inPerson,
  pdfText,
  sessions,
  TUPHAP,
  TUPHAP_STAFF,
} from '../support/dossiers.ts';

const baseEnv = { DATA_DIR: '/tmp/motcua-test-data' };
const { ok, create, carry, form } = dossierKit<{ code: string; dueAt: string; version: number }>(() => t.app);

let t: TestApp;
let desk: Session;
let approver: Session;
let handler: Session;
let citizen: Session;
let otherDesk: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  ({ desk, approver, handler, citizen, otherDesk } = await sessions(t.app, {
    desk: TUPHAP_STAFF.desk,
    approver: TUPHAP_STAFF.approver,
    handler: TUPHAP_STAFF.handler,
    citizen: CITIZEN,
    otherDesk: 'xaydung.tiepnhan',
  }));
});
afterAll(() => t.close());

const newDossier = async (): Promise<string> =>
  (
    await create(
      desk,
      inPerson({ applicant: { name: 'Lê Thị Hồng Nhung', personalId: '087190009999', phone: '0909123456' } }),
    )
  ).code;

describe('forms of a dossier', () => {
  it('prints 01, 02, 04, 05 and 06 as the dossier moves, with its code and Vietnamese text', async () => {
    const code = await newDossier();
    const early = await form(desk, code, '01');
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).code).toBe('FORM_NOT_AVAILABLE');

    const received = await ok(desk, code, 'receive', { provided: [0, 1] });
    const receipt = await form(desk, code, '01');
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const text01 = await pdfText(receipt.rawPayload);
    expect(text01).toContain(code);
    expect(text01).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text01).toContain('Lê Thị Hồng Nhung');
    expect(text01).toContain('Cấp Phiếu lý lịch tư pháp');
    // The components the dossier was taken in with, from its row.
    expect(text01).toContain('Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp');
    const view = received as unknown as { components: { provided: boolean }[] };
    expect(view.components.map((c) => c.provided)).toEqual([true, true, false]);

    await carry({ desk, approver, handler }, code, 'assign');
    await ok(handler, code, 'request_supplement', {
      items: ['Bản sao Giấy khai sinh', 'Tờ khai có chữ ký'],
      reason: 'Hồ sơ còn thiếu giấy tờ',
    });
    const text02 = await pdfText((await form(desk, code, '02')).rawPayload);
    expect(text02).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(text02).toContain('Bản sao Giấy khai sinh');
    const back = await ok(desk, code, 'provide_supplement', { items: ['Bản sao Giấy khai sinh'] });

    // An apology at least one working day before the appointment, moving it two working days later.
    const calendar = createWorkCalendar();
    const due = Date.parse(back.dueAt);
    const newDueAt = new Date(calendar.addWorkingMs(due, 16 * 3_600_000)).toISOString();
    await ok(approver, code, 'apologize', { reason: 'Cần xác minh thêm thông tin', newDueAt });
    const text04 = await pdfText((await form(desk, code, '04')).rawPayload);
    expect(text04).toContain('Cần xác minh thêm thông tin');
    expect(text04).toContain(code);

    const text06 = await pdfText((await form(desk, code, '06')).rawPayload);
    expect(text06).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(text06).toContain('Phân công thụ lý');

    await ok(desk, code, 'request_withdrawal', { reason: 'Công dân không còn nhu cầu' });
    await ok(approver, code, 'stop', { reason: 'Công dân rút hồ sơ' });
    const text05 = await pdfText((await form(desk, code, '05')).rawPayload);
    expect(text05).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(received.code).toBe(code);
  });

  it('prints the refusal (03) and keeps forms from those who may not see the dossier', async () => {
    const code = await newDossier();
    await ok(desk, code, 'refuse', { reasons: ['Thủ tục không thuộc thẩm quyền', 'Thiếu tờ khai'] });
    const text03 = await pdfText((await form(desk, code, '03')).rawPayload);
    expect(text03).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(text03).toContain('Thủ tục không thuộc thẩm quyền');
    expect((await form(otherDesk, code, '03')).statusCode).toBe(404);
    expect((await form(citizen, code, '03')).statusCode).toBe(404);
    expect((await form(desk, code, '09')).statusCode).toBe(400);
  });

  it('prints the register (07) of an agency as PDF and Excel', async () => {
    const code = await newDossier();
    await ok(desk, code, 'receive');
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const pdf = await as(t.app, desk)(
      'GET',
      `/api/v1/agencies/${TUPHAP}/register.pdf?from=${today}&to=${today}`,
    );
    expect(pdf.statusCode, pdf.body).toBe(200);
    // The code column is narrow: the code wraps, so compare without the spaces the wrap leaves.
    expect((await pdfText(pdf.rawPayload)).replace(/\s/g, '')).toContain(code);
    const xlsx = await as(t.app, desk)(
      'GET',
      `/api/v1/agencies/${TUPHAP}/register.xlsx?from=${today}&to=${today}`,
    );
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell.text)));
    expect(cells).toContain(code);
    const other = await as(t.app, otherDesk)(
      'GET',
      `/api/v1/agencies/${TUPHAP}/register.pdf?from=${today}&to=${today}`,
    );
    expect(other.statusCode).toBe(403);
  });
});

describe('the receipt’s QR code', () => {
  /** Where the QR code of form 01 leads (it is also a link on the image). */
  async function qrTarget(app: TestApp['app'], code: string, host: string) {
    const res = await app.inject({
      url: `/api/v1/dossiers/${code}/forms/01.pdf`,
      headers: { cookie: desk.cookie, host },
    });
    if (res.statusCode !== 200) return errorOf(res).code;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(res.rawPayload), useSystemFonts: false })
      .promise;
    const links = (await (await doc.getPage(1)).getAnnotations()) as { url?: string }[];
    await doc.destroy();
    return links.map((l) => l.url).find((url) => url?.includes('/tra-cuu/'));
  }

  it('leads to PUBLIC_URL or the listening address, never to the Host header', async () => {
    const code = await newDossier();
    await ok(desk, code, 'receive', { provided: [0, 1] });
    expect(await qrTarget(t.app, code, 'evil.example')).toBe(`http://127.0.0.1:3000/tra-cuu/${code}`);
    const configured = await buildApp({
      database: t.database,
      config: loadConfig({ ...baseEnv, PUBLIC_URL: 'https://dichvucong.example.gov.vn/' }),
    });
    const production = await buildApp({
      database: t.database,
      config: loadConfig({ ...baseEnv, SEED_DEMO: 'false' }),
    });
    try {
      expect(await qrTarget(configured, code, 'evil.example')).toBe(
        `https://dichvucong.example.gov.vn/tra-cuu/${code}`,
      );
      // Without a known address a real deployment refuses to print it, rather than print a wrong one.
      expect(await qrTarget(production, code, 'evil.example')).toBe('SITE_URL_UNKNOWN');
    } finally {
      await configured.close();
      await production.close();
    }
  });
});
