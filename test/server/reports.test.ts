import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProcedures } from '../../src/features/demo/catalog-data.ts';
import { as, errorOf, testApp, type Session, type TestApp } from '../support/app.ts';
import {
  BAN_SAO,
  CITIZEN,
  dossierKit,
  LLTP,
  LLTP_TO_TUNG,
  OTHER_CITIZEN,
  pdfText,
  sessions,
  TINH,
  TUPHAP,
  TUPHAP_STAFF,
  VHTTDL,
} from '../support/dossiers.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let t: TestApp;
let supervisor: Session;
let desk: Session;
let handler: Session;
let approver: Session;
let clerk: Session;
let citizen: Session;
let otherCitizen: Session;
let stranger: Session;

/** The Vietnam date today: live dossiers are received now. */
const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const FROM = '2025-07-01';
const query = (agency: string, extra = '') => `agency=${agency}&from=${FROM}&to=${today}${extra}`;

interface HistoryRow {
  code: string;
  procedure: string;
  channel: 'online' | 'in_person' | 'postal';
  receivedAt: string;
  dueAt: string | null;
  finishedAt: string | null;
  outcome: 'resolved' | 'refused' | 'withdrawn' | 'stopped' | 'open';
  paidOnline?: boolean;
}

/** Imported history of Sở Tư pháp; with the three live dossiers below, the figures worked out in the tests. */
const history: HistoryRow[] = [
  // early, paid online
  {
    code: 'H1',
    procedure: LLTP,
    channel: 'online',
    receivedAt: '2025-08-01T08:00',
    dueAt: '2025-08-10T08:00',
    finishedAt: '2025-08-05T10:00',
    outcome: 'resolved',
    paidOnline: true,
  },
  // late
  {
    code: 'H2',
    procedure: LLTP,
    channel: 'in_person',
    receivedAt: '2025-08-01T08:00',
    dueAt: '2025-08-10T08:00',
    finishedAt: '2025-08-12T10:00',
    outcome: 'resolved',
  },
  // on time (finished on the appointment date), paid online
  {
    code: 'H3',
    procedure: LLTP,
    channel: 'online',
    receivedAt: '2025-09-01T08:00',
    dueAt: '2025-09-10T08:00',
    finishedAt: '2025-09-10T15:00',
    outcome: 'resolved',
    paidOnline: true,
  },
  // still open, overdue
  {
    code: 'H4',
    procedure: LLTP,
    channel: 'postal',
    receivedAt: '2025-10-01T08:00',
    dueAt: '2025-10-05T08:00',
    finishedAt: null,
    outcome: 'open',
  },
  // early, a fee procedure not offered fully online
  {
    code: 'H5',
    procedure: BAN_SAO,
    channel: 'in_person',
    receivedAt: '2025-10-01T08:00',
    dueAt: '2025-10-03T08:00',
    finishedAt: '2025-10-01T10:00',
    outcome: 'resolved',
  },
  // early, a free procedure
  {
    code: 'H6',
    procedure: LLTP_TO_TUNG,
    channel: 'online',
    receivedAt: '2025-11-01T08:00',
    dueAt: '2025-11-10T08:00',
    finishedAt: '2025-11-03T10:00',
    outcome: 'resolved',
  },
  // refused: never received
  {
    code: 'H7',
    procedure: LLTP,
    channel: 'online',
    receivedAt: '2025-11-05T08:00',
    dueAt: null,
    finishedAt: '2025-11-05T09:00',
    outcome: 'refused',
  },
  // before the period: in no figure (its online payment neither)
  {
    code: 'H8',
    procedure: LLTP,
    channel: 'online',
    receivedAt: '2025-05-01T08:00',
    dueAt: '2025-05-10T08:00',
    finishedAt: '2025-05-06T08:00',
    outcome: 'resolved',
    paidOnline: true,
  },
];

const vn = (local: string | null) => (local === null ? null : `${local}+07:00`);

async function loadHistory() {
  const importId = randomUUID();
  for (const r of history) {
    await t.database.db.execute(sql`
      insert into dossier_history (code, agency_id, procedure_id, channel, received_at, due_at, finished_at,
                                   outcome, paid_online, import_id)
      values (${`${TUPHAP}-REPORTS-${r.code}`}, (select id from agencies where code = ${TUPHAP}),
              (select id from procedures where code = ${r.procedure}), ${r.channel},
              ${vn(r.receivedAt)}::timestamptz, ${vn(r.dueAt)}::timestamptz, ${vn(r.finishedAt)}::timestamptz,
              ${r.outcome}, ${r.paidOnline ?? false}, ${importId})`);
  }
}

const { ok, create, carry, upload } = dossierKit<{ id: string }>(() => t.app);

async function deskDossier(personalId: string, name: string): Promise<string> {
  const created = await create<{ code: string }>(desk, {
    procedure: LLTP,
    caseIndex: 0,
    channel: 'in_person',
    applicant: { name, personalId },
  });
  const code = created.code;
  await ok(desk, code, 'receive');
  return code;
}

const resolveAndReturn = (code: string, electronic: boolean) =>
  carry({ desk, approver, handler, clerk }, code, 'return_result', { electronic });

const criteria = (score: number, over: Record<string, number> = {}) => ({
  total_time: score,
  time_per_agency: score,
  contacts: score,
  agencies_contacted: score,
  one_stop: score,
  publication: score,
  attitude: score,
  feedback_handling: score,
  online_service: score,
  ...over,
});

beforeAll(async () => {
  t = await testApp({
    LOGIN_RATE_PER_MINUTE: '100000',
    FILES_DIR: mkdtempSync(path.join(tmpdir(), 'motcua-files-')),
  });
  ({ supervisor, desk, handler, approver, clerk, citizen, otherCitizen, stranger } = await sessions(t.app, {
    supervisor: 'tinh.giamsat',
    ...TUPHAP_STAFF,
    citizen: CITIZEN,
    otherCitizen: OTHER_CITIZEN,
    stranger: 'xaydung.tiepnhan',
  }));

  await loadHistory();
  // L1: scanned at the desk, electronic result, very satisfied (17 of 18).
  const l1 = await deskDossier(CITIZEN, 'Nguyễn Văn An');
  const uploaded = await upload(desk, `/api/v1/dossiers/${l1}/components/0/file`, PDF, 'to-khai.pdf');
  expect(uploaded.statusCode, uploaded.body).toBe(200);
  await resolveAndReturn(l1, true);
  await ok(citizen, l1, 'rate', { quick: 'very_satisfied', criteria: criteria(2, { feedback_handling: 1 }) });
  // L2: not scanned, paper result, not satisfied (9 of 18).
  const l2 = await deskDossier(OTHER_CITIZEN, 'Trần Thị Bích Ngọc');
  await resolveAndReturn(l2, false);
  await ok(otherCitizen, l2, 'rate', { quick: 'not_satisfied', criteria: criteria(1) });
  // L3: received and still open, within its deadline.
  const l3 = await deskDossier('079088001122', 'Lê Văn Cường');
  await ok(desk, l3, 'forward');
}, 120_000);
afterAll(() => t.close());

/*
 * Sở Tư pháp, 01/07/2025 – today, by hand:
 *   received in period 9 (H1–H6 + L1–L3), online 3 (H1, H3, H6); refused 1 (H7); H8 is before the period.
 *   resolved 7: early 5 (H1, H5, H6, L1, L2), on time 1 (H3), late 1 (H2); open 2: H4 overdue, L3 within.
 *   catalog: 6 procedures, 2 fully online (2.000488, 1.002032), 5 with fees (all but 2.000505), 2 payable online.
 */
describe('catalog metrics', () => {
  it('counts the procedures an agency implements, online, with online dossiers, with fees', async () => {
    const res = await as(t.app, desk)('GET', `/api/v1/reports/catalog?${query(TUPHAP)}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      agency: TUPHAP,
      catalogDay: today,
      implemented: 6,
      fullyOnline: { count: 2, share: 0.3333, of: 6 },
      // 2.000488 had online dossiers (H1, H3); 1.002032 none.
      fullyOnlineWithOnlineDossiers: { count: 1, share: 0.5, of: 2 },
      withFees: { count: 5, share: 0.8333, of: 6 },
      onlinePayment: { count: 2, share: 0.4, of: 5, derived: true },
    });
    expect(body.summary.vi[1]).toBe('2/6 TTHC cung cấp dịch vụ công trực tuyến toàn trình (33,33%).');
    const byCode = new Map(
      body.procedures.map((p: { code: string; received: number; receivedOnline: number }) => [p.code, p]),
    );
    expect(byCode.get(LLTP)).toMatchObject({
      received: 7,
      receivedOnline: 2,
      hasFee: true,
      payableOnline: true,
    });
    expect(byCode.get(BAN_SAO)).toMatchObject({
      received: 1,
      receivedOnline: 0,
      hasFee: true,
      payableOnline: false,
    });
    expect(byCode.get(LLTP_TO_TUNG)).toMatchObject({ received: 1, receivedOnline: 1, hasFee: false });
  });

  it('counts Sở VHTTDL: fees of case variants count, no dossiers means no online dossiers', async () => {
    const res = await as(t.app, supervisor)('GET', `/api/v1/reports/catalog?${query(VHTTDL)}`);
    expect(res.json()).toMatchObject({
      implemented: 12,
      fullyOnline: { count: 7, share: 0.5833 },
      fullyOnlineWithOnlineDossiers: { count: 0, share: 0, of: 7 },
      // 1.003596 has no fee of its own, only in its two case variants.
      withFees: { count: 6, share: 0.5 },
      onlinePayment: { count: 5, share: 0.8333, of: 6 },
    });
  });

  it('counts the catalog in force at the end of the period, distinct procedures over a subtree', async () => {
    const before = await as(t.app, desk)(
      'GET',
      `/api/v1/reports/catalog?agency=${TUPHAP}&from=2025-01-01&to=2025-06-30`,
    );
    expect(before.json()).toMatchObject({ implemented: 0, fullyOnline: { count: 0, share: null } });

    const province = await as(t.app, supervisor)(
      'GET',
      `/api/v1/reports/catalog?${query(TINH, '&subtree=true')}`,
    );
    const body = province.json();
    // The seed data itself: every demo procedure is implemented somewhere in the province.
    const charged = (fees: { amountVnd: number | null }[]) => fees.some((f) => f.amountVnd !== 0);
    const full = demoProcedures.filter((p) => p.online === 'full');
    const feeRows = demoProcedures.filter(
      (p) => charged(p.fees) || (p.cases ?? []).some((c) => charged(c.fees)),
    );
    expect(body.implemented).toBe(demoProcedures.length);
    expect(body.fullyOnline.count).toBe(full.length);
    expect(body.withFees.count).toBe(feeRows.length);
    expect(body.onlinePayment.count).toBe(feeRows.filter((p) => p.online === 'full').length);
    const groups = new Map(
      body.groups.map((g: { key: string; implemented: number }) => [g.key, g.implemented]),
    );
    expect(groups.get(TUPHAP)).toBe(6);
    expect(groups.get(VHTTDL)).toBe(12);
  });
});

describe('QĐ 766 index', () => {
  it('scores each indicator from the data, as worked by hand', async () => {
    const started = performance.now();
    const res = await as(t.app, desk)('GET', `/api/v1/reports/service-index?${query(TUPHAP)}`);
    const elapsed = performance.now() - started;
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual({
      onTime: { numerator: 7, denominator: 9 },
      onlineDossiers: { numerator: 3, denominator: 9 },
      fullOnlineProcedures: { numerator: 2, denominator: 6 },
      onlinePaymentProcedures: { numerator: 2, denominator: 5 },
      // Only 2.000488 had a dossier paid online in the period.
      proceduresWithOnlinePayment: { numerator: 1, denominator: 5 },
      // Fee dossiers received in the period: H1–H4, L1–L3 (2.000488) and H5 (2.000815); paid: H1, H3.
      dossiersPaidOnline: { numerator: 2, denominator: 8 },
      // Results issued in the period by this system: L1 electronic, L2 paper.
      electronicResults: { numerator: 1, denominator: 2 },
      // In-person dossiers received: L1 (scanned), L2, L3.
      digitizedDossiers: { numerator: 1, denominator: 3 },
      notSatisfied: { numerator: 1, denominator: 2 },
    });
    const points = Object.fromEntries(
      body.indicators
        .filter((i: { status: string }) => i.status === 'ok')
        .map((i: { no: string; points: number }) => [i.no, i.points]),
    );
    expect(points).toEqual({
      '2.1': 15.56, // 7/9 × 20
      '3.1': 4, // 33.33% of the 50% threshold × 6
      '3.2': 2.5, // 33.33% of 80% × 6
      '3.3': 1, // 40% of 80% × 2
      '3.4': 0.4, // 20% × 2
      '3.5': 1.5, // 25% × 6
      '4.1': 3, // 50% × 6
      '4.2': 1.67, // 33.33% of 80% × 4
      '5.3': 1.85, // (100% − 22.22% late − 50% not satisfied) of 90% × 6
    });
    const on = body.indicators.find((i: { no: string }) => i.no === '2.1');
    expect(on).toMatchObject({
      group: 'progress',
      maxPoints: 20,
      threshold: 1,
      rate: 0.7778,
      numerator: 7,
      denominator: 9,
      formula: { scoring: { vi: 'Điểm = min(1, tỷ lệ ÷ 100%) × 20' } },
    });
    expect(body.indicators.find((i: { no: string }) => i.no === '5.3')).toMatchObject({
      rate: 0.2778,
      numerator: null,
      parts: { lateRate: 0.2222, notSatisfiedShare: 0.5, ratings: 2, notSatisfied: 1 },
      rule: { vi: expect.stringContaining('không hài lòng') },
    });
    expect(body.totals).toEqual({
      points: 31.48,
      maxPoints: 100,
      availablePoints: 58,
      shareOfAvailable: 0.5428,
      measured: 9,
      noData: 11,
    });
    // What the system cannot know is "no data", not zero and not full marks.
    const synced = body.indicators.find((i: { no: string }) => i.no === '1.4');
    expect(synced).toMatchObject({ status: 'no_data', reason: 'not_tracked', maxPoints: 6 });
    expect(synced).not.toHaveProperty('points');
    expect(body.indicators.filter((i: { status: string }) => i.status === 'no_data')).toHaveLength(11);
    expect(body.groups.find((g: { id: string }) => g.id === 'transparency')).toMatchObject({
      maxPoints: 18,
      availablePoints: 0,
      points: 0,
    });
    expect(elapsed).toBeLessThan(2000);
  });

  it('has nothing to measure in an empty period', async () => {
    const res = await as(t.app, desk)(
      'GET',
      `/api/v1/reports/service-index?agency=${TUPHAP}&from=2020-01-01&to=2020-01-31`,
    );
    const body = res.json();
    expect(body.totals).toMatchObject({ points: 0, availablePoints: 0, measured: 0, shareOfAvailable: null });
    expect(body.indicators.find((i: { no: string }) => i.no === '2.1')).toMatchObject({
      status: 'no_data',
      reason: 'nothing_to_measure',
    });
  });
});

describe('satisfaction report', () => {
  it('gives quick rating shares, criteria averages and bands per officer, procedure and agency', async () => {
    const res = await as(t.app, desk)(
      'GET',
      `/api/v1/reports/satisfaction?${query(TUPHAP, '&groupBy=officer')}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      count: 2,
      quick: {
        very_satisfied: { count: 1, share: 0.5 },
        satisfied: { count: 0, share: 0 },
        not_satisfied: { count: 1, share: 0.5 },
      },
      averageScore: 13, // (17 + 9) / 2
      averageShare: 0.7222,
      bands: {
        high: { count: 1, share: 0.5 },
        medium: { count: 0, share: 0 },
        low: { count: 1, share: 0.5 },
      },
    });
    expect(body.criteria.total_time).toBe(1.5);
    expect(body.criteria.feedback_handling).toBe(1);
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0]).toMatchObject({ key: 'tuphap.thuly', count: 2, averageScore: 13 });
    expect(body.bandDefinitions.map((b: { min: number }) => b.min)).toEqual([16, 12, 0]);

    const byProcedure = await as(t.app, desk)(
      'GET',
      `/api/v1/reports/satisfaction?${query(TUPHAP, '&groupBy=procedure')}`,
    );
    expect(byProcedure.json().groups.map((g: { key: string; count: number }) => [g.key, g.count])).toEqual([
      [LLTP, 2],
    ]);
    const byAgency = await as(t.app, supervisor)(
      'GET',
      `/api/v1/reports/satisfaction?${query(TINH, '&subtree=true&groupBy=agency')}`,
    );
    expect(byAgency.json().groups.map((g: { key: string; count: number }) => [g.key, g.count])).toEqual([
      [TUPHAP, 2],
    ]);
  });
});

describe('access and bad input', () => {
  it('refuses strangers, citizens, unknown agencies and bad periods on every report', async () => {
    for (const path of [
      'catalog',
      'service-index',
      'satisfaction',
      'catalog.xlsx',
      'service-index.xlsx',
      'satisfaction.xlsx',
      'resolution.xlsx',
      'resolution.pdf',
    ]) {
      const url = `/api/v1/reports/${path}`;
      expect((await as(t.app, stranger)('GET', `${url}?${query(TUPHAP)}`)).statusCode, path).toBe(403);
      expect((await as(t.app, citizen)('GET', `${url}?${query(TUPHAP)}`)).statusCode, path).toBe(403);
      expect((await as(t.app, undefined)('GET', `${url}?${query(TUPHAP)}`)).statusCode, path).toBe(401);
      expect((await as(t.app, supervisor)('GET', `${url}?${query('000.99.99.H20')}`)).statusCode, path).toBe(
        404,
      );
      const reversed = await as(t.app, desk)('GET', `${url}?agency=${TUPHAP}&from=2025-06-30&to=2025-01-01`);
      expect(reversed.statusCode, path).toBe(400);
      expect(errorOf(reversed).field, path).toBe('to');
    }
  });
});

async function workbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The row whose column `col` holds `text`. */
function rowWith(sheet: ExcelJS.Worksheet, col: number, text: string): ExcelJS.Row {
  for (let r = 1; r <= sheet.rowCount; r++)
    if (sheet.getRow(r).getCell(col).value === text) return sheet.getRow(r);
  throw new Error(`no row with "${text}" in column ${col}`);
}

const values = (row: ExcelJS.Row, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => row.getCell(from + i).value);

describe('exports', () => {
  /** Received, online, in person/postal, carried over; resolved, early, on time, late; open, within, overdue; withdrawn, stopped, refused. */
  const TOTALS = [9, 3, 6, 0, 7, 5, 1, 1, 2, 1, 1, 0, 0, 1];

  it('prints the period report as Biểu 06 in PDF, with the figures and the definitions', async () => {
    const res = await as(t.app, desk)('GET', `/api/v1/reports/resolution.pdf?${query(TUPHAP)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`bieu-06-${TUPHAP}`);
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('Biểu số 06/VPCP/KSTT');
    expect(text).toContain('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(text).toContain('SỞ TƯ PHÁP TỈNH ĐỒNG THÁP');
    expect(text).toContain(`Kỳ báo cáo: từ ngày 01/07/2025 đến ngày ${today.split('-').reverse().join('/')}`);
    expect(text).toContain(`Tổng cộng ${TOTALS.join(' ')}`);
    // One row per field: Lý lịch tư pháp (2.000488, 2.000505) and Chứng thực (2.000815).
    expect(text).toMatch(/1 Lý lịch tư pháp 8 3 5 0 6 4 1 1 2 1 1 0 0 1/i);
    expect(text).toMatch(/2 Chứng thực 1 0 1 0 1 1 0 0 0 0 0 0 0 0/i);
    expect(text).toContain('Số từ kỳ trước chuyển qua');
    expect(text).toContain('33,33%');
    expect(text).toContain('THỦ TRƯỞNG CƠ QUAN');
  });

  it('writes the period report to Excel with merged two-row headings, formats, frozen headings and A4 landscape', async () => {
    const res = await as(t.app, desk)(
      'GET',
      `/api/v1/reports/resolution.xlsx?${query(TUPHAP, '&groupBy=procedure')}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const wb = await workbook(res.rawPayload);
    const sheet = wb.getWorksheet('Biểu 06')!;
    const total = rowWith(sheet, 2, 'Tổng cộng');
    expect(values(total, 3, 16)).toEqual(TOTALS);
    expect(total.getCell(17).value).toBe(0.3333);
    expect(total.getCell(17).numFmt).toBe('0.00%');
    expect(total.getCell(18).value).toBe(0.8571); // (5 + 1) / 7
    expect(total.getCell(3).border.top?.style).toBe('thin');
    const lltp = rowWith(sheet, 2, `${LLTP} – ${demoProcedures.find((p) => p.code === LLTP)!.name}`);
    expect(values(lltp, 3, 6)).toEqual([7, 2, 5, 0]);
    // Headings: the group merged over its columns, the lone columns down both rows.
    const heading = rowWith(sheet, 1, 'STT').number;
    expect(sheet.getCell(heading, 3).value).toBe('Số hồ sơ tiếp nhận');
    expect(sheet.getCell(heading, 6).master.address).toBe(sheet.getCell(heading, 3).address);
    expect(sheet.getCell(heading + 1, 1).master.address).toBe(sheet.getCell(heading, 1).address);
    expect(sheet.getCell(heading + 1, 4).value).toBe('Trong kỳ: trực tuyến');
    expect(sheet.getCell(heading + 2, 16).value).toBe('(16)');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: heading + 2, xSplit: 2 });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1 });
    expect(sheet.getCell(1, 1).value).toBe('ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP');
    expect(rowWith(sheet, 1, 'Ghi chú:')).toBeDefined();
  });

  it('writes the catalog metrics, the 766 index and the satisfaction report to Excel', async () => {
    const catalog = await workbook(
      (await as(t.app, desk)('GET', `/api/v1/reports/catalog.xlsx?${query(TUPHAP)}`)).rawPayload,
    );
    const full = rowWith(
      catalog.getWorksheet('Chỉ tiêu')!,
      2,
      'TTHC cung cấp dịch vụ công trực tuyến toàn trình',
    );
    expect(values(full, 3, 5)).toEqual([2, 6, 0.3333]);
    const procedures = catalog.getWorksheet('Thủ tục')!;
    expect(values(rowWith(procedures, 2, LLTP), 4, 8)).toEqual(['Toàn trình', 'Có', 'Có', 7, 2]);

    const index = await workbook(
      (await as(t.app, desk)('GET', `/api/v1/reports/service-index.xlsx?${query(TUPHAP)}`)).rawPayload,
    );
    const sheet = index.getWorksheet('Chỉ số 766')!;
    expect(values(rowWith(sheet, 1, '2.1'), 3, 8)).toEqual([20, 1, 7, 9, 0.7778, 15.56]);
    expect(values(rowWith(sheet, 1, '1.4'), 7, 8)).toEqual(['Chưa có dữ liệu', 'Chưa có dữ liệu']);
    expect(rowWith(sheet, 2, 'Tổng điểm (thang 100)').getCell(8).value).toBe(31.48);
    expect(values(rowWith(sheet, 2, 'Tổng điểm trên các chỉ số có dữ liệu'), 3, 8)).toEqual([
      58,
      null,
      null,
      null,
      0.5428,
      31.48,
    ]);

    const satisfaction = await workbook(
      (await as(t.app, desk)('GET', `/api/v1/reports/satisfaction.xlsx?${query(TUPHAP)}`)).rawPayload,
    );
    const totals = rowWith(satisfaction.getWorksheet('Mức độ hài lòng')!, 2, 'Tổng cộng');
    expect(values(totals, 3, 7)).toEqual([2, 0.5, 0, 0.5, 13]);
    expect(values(totals, 17, 19)).toEqual([0.5, 0, 0.5]);
  });

  it.skipIf(!existsSync('/usr/bin/soffice'))(
    'opens cleanly in LibreOffice',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'motcua-lo-'));
      const res = await as(t.app, desk)('GET', `/api/v1/reports/resolution.xlsx?${query(TUPHAP)}`);
      const file = path.join(dir, 'bieu-06.xlsx');
      writeFileSync(file, res.rawPayload);
      await promisify(execFile)(
        '/usr/bin/soffice',
        [
          `-env:UserInstallation=file://${dir}/profile`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          file,
        ],
        { timeout: 120_000 },
      );
      // Without Times New Roman installed LibreOffice substitutes a font and pdfjs returns the Vietnamese
      // marks apart from their letters: compare the figures, the column numbers and the page count.
      const text = await pdfText(readFileSync(path.join(dir, 'bieu-06.pdf')));
      expect(text).toContain('Trang 1/1');
      expect(text).toContain(
        '(1) (2) (3) (4) (5) (6) (7) (8) (9) (10) (11) (12) (13) (14) (15) (16) (17) (18)',
      );
      expect(text).toContain(`${TOTALS.join(' ')} 33.33% 85.71%`);
    },
    150_000,
  );
});
