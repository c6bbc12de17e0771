import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: Session;
let tuphapAdmin: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  admin = await loginAs(t.app, 'admin');
  tuphapAdmin = await loginAs(t.app, 'tuphap.quantri');
});
afterAll(() => t.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const upload = (session: Session, format: 'json' | 'xlsx', body: Buffer | string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/catalog/import?format=${format}`,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      'content-type': format === 'json' ? 'application/json' : XLSX,
    },
    payload: body,
  });
const download = async (format: 'json' | 'xlsx') => {
  const res = await t.app.inject({
    url: `/api/v1/catalog/export?format=${format}`,
    headers: { cookie: admin.cookie },
  });
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
};
const errorsOf = (res: LightMyRequestResponse) =>
  res.json<{
    error: {
      code: string;
      details: {
        errors: {
          sheet: string | null;
          row: number | null;
          column: string | null;
          path: string | null;
          code: string;
          message: string;
        }[];
      };
    };
  }>().error;
const count = async () =>
  Number((await t.database.pool.query('SELECT count(*) FROM procedure_versions')).rows[0].count);

describe('JSON import and export', () => {
  it('round-trips: exporting then importing changes nothing', async () => {
    const file = await download('json');
    const doc = JSON.parse(file.toString());
    expect(doc.format).toBe('motcua-catalog');
    expect(doc.procedures.length).toBeGreaterThanOrEqual(40);
    const before = await count();
    const res = await upload(admin, 'json', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 0, updated: 0, unchanged: doc.procedures.length, processes: 0 });
    expect(await count()).toBe(before);
  });

  it('creates new procedures and is idempotent on re-import', async () => {
    const doc = JSON.parse((await download('json')).toString());
    const entry = structuredClone(doc.procedures.find((p: { code: string }) => p.code === '2.000488'));
    entry.code = '2.000488.H20';
    entry.content.name = 'Cấp Phiếu lý lịch tư pháp (quy trình riêng của tỉnh)';
    const file = JSON.stringify({ format: 'motcua-catalog', formatVersion: 1, procedures: [entry] });
    const first = await upload(admin, 'json', file);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ created: 1, updated: 0, unchanged: 0, processes: 1 });
    const again = await upload(admin, 'json', file);
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: 1, processes: 0 });
    const search = await t.app.inject('/api/v1/procedures?q=quy%20trinh%20rieng');
    expect(search.json().items[0].code).toBe('2.000488.H20');
  });

  it('imports nothing when one entry is bad, and reports every error with its path', async () => {
    const doc = JSON.parse((await download('json')).toString());
    const good = structuredClone(doc.procedures[0]);
    good.code = '1.999001';
    const bad = structuredClone(doc.procedures[1]);
    bad.code = '1.999002';
    bad.content.components[0].name = '';
    const bad2 = structuredClone(doc.procedures[3]);
    bad2.code = '1.999004';
    bad2.content.agencies = ['999.99.99.H20'];
    bad2.content.field = 'KHONG_CO';
    const dup = structuredClone(good);
    const over = structuredClone(doc.procedures[2]);
    over.code = '1.999003';
    over.processes = [
      {
        agency: over.content.agencies[0],
        steps: [
          {
            role: 'handle',
            unit: null,
            cooperatingAgency: null,
            budget: { amount: 999, unit: 'working_days' },
            parallelGroup: null,
            branch: null,
          },
        ],
      },
    ];
    const before = await count();
    const res = await upload(
      admin,
      'json',
      JSON.stringify({
        format: 'motcua-catalog',
        formatVersion: 1,
        procedures: [good, bad, dup, over, bad2],
      }),
    );
    expect(res.statusCode).toBe(400);
    const error = errorsOf(res);
    expect(error.code).toBe('IMPORT_INVALID');
    const found = error.details.errors.map((e) => `${e.path} ${e.code}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'procedures/1/content/components/0/name VALIDATION_FAILED',
        'procedures/4/content/agencies/0 UNKNOWN_AGENCY',
        'procedures/4/content/field PROCEDURE_FIELD_NOT_FOUND',
        'procedures/2/code PROCEDURE_CODE_TAKEN',
        'procedures/3/processes/0/steps PROCESS_OVER_BUDGET',
      ]),
    );
    expect(await count()).toBe(before);
  });

  it('refuses malformed files and non-administrators', async () => {
    expect((await upload(admin, 'json', '{"format": ')).statusCode).toBe(400);
    const wrong = await upload(admin, 'json', JSON.stringify({ format: 'other', procedures: 'x' }));
    expect(errorsOf(wrong).code).toBe('IMPORT_INVALID');
    expect(
      (
        await upload(
          tuphapAdmin,
          'json',
          JSON.stringify({ format: 'motcua-catalog', formatVersion: 1, procedures: [] }),
        )
      ).statusCode,
    ).toBe(403);
  });
});

describe('Excel import and export', () => {
  it('serves the empty template with the documented sheets', async () => {
    const res = await t.app.inject('/api/v1/catalog/template.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(['Thủ tục', 'Thành phần hồ sơ', 'Quy trình nội bộ', 'Trường hợp', 'Hướng dẫn']),
    );
  });

  it('round-trips the whole catalog through Excel without changes', async () => {
    const file = await download('xlsx');
    const res = await upload(admin, 'xlsx', file);
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(200);
    expect(res.json().created + res.json().updated).toBe(0);
    expect(res.json().processes).toBe(0);
  });

  it('reports bad cells with sheet, row and column and imports nothing', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download('xlsx')) as unknown as ArrayBuffer);
    const procs = wb.getWorksheet('Thủ tục')!;
    // Row 2 becomes a new procedure with bad cells; row 3 a new valid one (which must not be saved).
    procs.getCell('A2').value = '1.888001';
    procs.getCell('B2').value = '01/07/2025'; // a date typed as text
    procs.getCell('J2').value = { formula: '1+1', result: 2 };
    procs.getCell('A3').value = '1.888002';
    const comps = wb.getWorksheet('Thành phần hồ sơ')!;
    comps.getCell('C2').value = null; // a component without a name (belongs to row 2's old code: now unknown)
    comps.mergeCells('I3:I4');
    const before = await count();
    const res = await upload(admin, 'xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(400);
    const errors = errorsOf(res).details.errors;
    const at = (sheet: string, row: number, column: string) =>
      errors.find((e) => e.sheet === sheet && e.row === row && e.column === column);
    expect(at('Thủ tục', 2, 'B')?.message).toMatch(/kiểu ngày/);
    expect(at('Thủ tục', 2, 'J')?.message).toMatch(/công thức/);
    expect(at('Thành phần hồ sơ', 3, 'I')?.message).toMatch(/gộp/);
    expect(errors.some((e) => e.sheet === 'Thành phần hồ sơ' && e.row === 2)).toBe(true);
    expect(await count()).toBe(before);
    expect((await t.app.inject('/api/v1/procedures/1.888002')).statusCode).toBe(404);
  });

  it('reports wrong sheets and columns, and files that are not workbooks', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    const proc = wb.addWorksheet('Thủ tục');
    proc.addRow(['Mã thủ tục', 'Cột lạ']);
    const res = await upload(admin, 'xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(400);
    const errors = errorsOf(res).details.errors;
    expect(errors.find((e) => e.sheet === 'Sheet1')?.code).toBe('INVALID_SPREADSHEET');
    expect(errors.find((e) => e.sheet === 'Thủ tục' && e.column === 'B')?.message).toMatch(/Cột lạ/);
    expect(errors.some((e) => e.sheet === 'Thành phần hồ sơ' && /Thiếu sheet/.test(e.message))).toBe(true);
    const garbage = await upload(admin, 'xlsx', Buffer.from('not a zip'));
    expect(errorsOf(garbage).code).toBe('IMPORT_INVALID');
  });

  it('imports a new procedure from Excel with cases, fees and a process', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download('xlsx')) as unknown as ArrayBuffer);
    const procs = wb.getWorksheet('Thủ tục')!;
    const source = procs.getRow(2);
    const values = (source.values as ExcelJS.CellValue[]).slice(1);
    const code = values[0] as string;
    const row = procs.addRow(values);
    row.getCell(1).value = '1.777001';
    row.getCell(3).value = 'Cấp giấy phép thử nghiệm nhập từ Excel';
    for (const ws of wb.worksheets.filter((w) => !['Thủ tục', 'Hướng dẫn'].includes(w.name))) {
      const rows: ExcelJS.CellValue[][] = [];
      ws.eachRow((r, n) => {
        if (n > 1 && r.getCell(1).value === code) rows.push((r.values as ExcelJS.CellValue[]).slice(1));
      });
      for (const r of rows) ws.addRow(['1.777001', ...r.slice(1)]);
    }
    const res = await upload(admin, 'xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(200);
    expect(res.json().created).toBe(1);
    const search = await t.app.inject('/api/v1/procedures?q=cap%20giay%20phep%20thu%20nghiem');
    expect(search.json().items[0].code).toBe('1.777001');
  });
});
