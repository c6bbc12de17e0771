// The desk officer's daily details (motcua issue 14): numbered forms, looking a person up by ID number, ….
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema.ts';
import { computeDue, createWorkCalendar } from '../../src/domain/calendar/index.ts';
import { vnToday } from '../../src/domain/catalog/versions.ts';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';
import {
  CITIZEN,
  closingContent,
  dossierKit,
  inPerson,
  LLTP,
  sessions,
  TUPHAP,
  TUPHAP_STAFF,
} from '../support/dossiers.ts';

type View = { code: string; receivedAt: string | null };
const { ok, create, read, upload, formText } = dossierKit<View>(() => t.app);

let t: TestApp;
let desk: Session;
let otherDesk: Session;
let admin: Session;
let handler: Session;
let farDesk: Session;
beforeAll(async () => {
  t = await testApp({
    LOGIN_RATE_PER_MINUTE: '100000',
    FILES_DIR: mkdtempSync(path.join(tmpdir(), 'motcua-desk-files-')),
  });
  ({ desk, otherDesk, admin, handler, farDesk } = await sessions(t.app, {
    desk: TUPHAP_STAFF.desk,
    otherDesk: 'ttpvhcc.tiepnhan',
    admin: 'tuphap.quantri',
    handler: TUPHAP_STAFF.handler,
    farDesk: 'xaydung.tiepnhan',
  }));
});
afterAll(() => t.close());

const newDossier = async (s: Session = desk): Promise<string> =>
  (
    await create(
      s,
      inPerson({ applicant: { name: 'Lê Thị Hồng Nhung', personalId: '087190009999', phone: '0909123456' } }),
    )
  ).code;

/** "Số: 12/TNHS" → 12. */
function numberOn(text: string, symbol: string): number {
  const m = new RegExp(`Số: (\\d+)/${symbol}`).exec(text);
  expect(m, text.slice(0, 400)).not.toBeNull();
  return Number(m![1]);
}

const vnYear = () => new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();

// The first print starts the PDF thread (pdfmake and the fonts): seconds under load.
describe('numbered forms 01 and 02', { timeout: 60_000 }, () => {
  it('numbers receipts from the desk register of the year, stable on reprint, with volume and entry', async () => {
    const first = await newDossier();
    await ok(desk, first, 'receive');
    const text = await formText(desk, first, '01');
    const n = numberOn(text, 'TNHS');
    expect(text).not.toContain('Số: …');
    expect(text).toContain(`Quyển số: 01/${vnYear()}, Số thứ tự: ${n}.`);
    // A reprint shows the same number.
    expect(numberOn(await formText(desk, first, '01'), 'TNHS')).toBe(n);

    const second = await newDossier();
    await ok(desk, second, 'receive');
    expect(numberOn(await formText(desk, second, '01'), 'TNHS')).toBe(n + 1);
    expect(numberOn(await formText(desk, first, '01'), 'TNHS')).toBe(n);

    // Another desk keeps its own register.
    const elsewhere = await newDossier(otherDesk);
    await ok(otherDesk, elsewhere, 'receive');
    expect(numberOn(await formText(otherDesk, elsewhere, '01'), 'TNHS')).toBe(1);
  });

  it('gives concurrent first prints distinct consecutive numbers and one number per form', async () => {
    const codes = [await newDossier(), await newDossier(), await newDossier()];
    for (const code of codes) await ok(desk, code, 'receive');
    // Each dossier printed three times at once, all dossiers at once.
    const texts = await Promise.all(
      codes.flatMap((code) => [0, 1, 2].map(() => formText(desk, code, '01').then((x) => ({ code, x })))),
    );
    const byCode = new Map<string, Set<number>>();
    for (const { code, x } of texts) {
      const set = byCode.get(code) ?? new Set<number>();
      set.add(numberOn(x, 'TNHS'));
      byCode.set(code, set);
    }
    const numbers = [...byCode.values()].map((set) => {
      expect(set.size).toBe(1);
      return [...set][0]!;
    });
    numbers.sort((a, b) => a - b);
    expect(numbers[1]).toBe(numbers[0]! + 1);
    expect(numbers[2]).toBe(numbers[0]! + 2);
  });

  it('numbers the supplement request and prints the contact officer’s phone from the staff profile', async () => {
    const code = await newDossier();
    await ok(desk, code, 'request_supplement', {
      items: ['Bản sao Giấy khai sinh'],
      reason: 'Hồ sơ còn thiếu giấy tờ',
    });
    // The demo desk officer has a work phone in their profile.
    const me = await as(t.app, desk)('GET', '/api/v1/me/profile');
    const { id, phone } = me.json<{ id: string; phone: string | null }>();
    expect(phone).toMatch(/^0\d{9}$/);
    const text = await formText(desk, code, '02');
    const n = numberOn(text, 'YCBS');
    expect(text).toContain(`số điện thoại ${phone} để được hướng dẫn`);
    expect(text).not.toContain('số điện thoại …');
    // The agency's administrator changes it in the staff form: the reprint shows the new phone, same number.
    const member = await as(t.app, admin)('GET', `/api/v1/staff/${id}`);
    const { version } = member.json<{ version: number }>();
    const changed = await as(t.app, admin)('PATCH', `/api/v1/staff/${id}`, {
      version,
      phone: '0277 3851 999',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const reprint = await formText(desk, code, '02');
    expect(numberOn(reprint, 'YCBS')).toBe(n);
    expect(reprint).toMatch(/số điện thoại 0277 ?3851 ?999/);
  });
});

describe('looking a person up by personal ID number at the desk', () => {
  const lookup = (s: Session, personalId: unknown) =>
    as(t.app, s)('POST', '/api/v1/desk/applicant-lookup', { personalId });
  type Match = {
    source: string;
    name: string;
    phone: string | null;
    email: string | null;
    address: string | null;
  };

  it('offers the account and the latest dossier at the caller’s desks, only the form’s fields, audited', async () => {
    const account = await lookup(desk, '087090001234');
    expect(account.statusCode, account.body).toBe(200);
    expect(account.json<{ matches: Match[] }>().matches).toEqual([
      {
        source: 'account',
        name: 'Nguyễn Văn An',
        phone: '0912345678',
        email: 'nguyenvanan@example.vn',
        address: 'Số 15 Lý Thường Kiệt, Phường Cao Lãnh, tỉnh Đồng Tháp',
      },
    ]);

    // No account, but an earlier dossier taken in at this desk (newDossier uses 087190009999).
    await newDossier();
    const earlier = (await lookup(desk, '087190009999')).json<{ matches: Match[] }>().matches;
    expect(earlier).toEqual([
      { source: 'dossier', name: 'Lê Thị Hồng Nhung', phone: '0909123456', email: null, address: null },
    ]);
    // Another agency's desk holds no dossier of that person: nothing leaks across agencies.
    const far = await lookup(farDesk, '087190009999');
    expect(far.statusCode).toBe(200);
    expect(far.json<{ matches: Match[] }>().matches).toEqual([]);

    // Every lookup is audited, the empty one too, naming whom it showed by the records read, never by the
    // number typed (NĐ 13/2023: the audit log keeps no readable ID number).
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'applicant.lookup'))
      .orderBy(auditLog.id);
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(JSON.stringify(r)).not.toMatch(/087090001234|087190009999/);
      expect(r.actorId).not.toBeNull();
    }
    const [user] = await t.database.db
      .execute<{ id: string }>(sql`select id from users where personal_id = '087090001234'`)
      .then((r) => r.rows);
    const [dossier] = await t.database.db
      .execute<{ id: string }>(
        sql`select id from dossiers where applicant ->> 'personalId' = '087190009999' order by created_at desc limit 1`,
      )
      .then((r) => r.rows);
    expect(rows.map((r) => [r.entity, r.entityId, (r.data as { sources: string[] }).sources])).toEqual([
      ['user', user!.id, ['account']],
      ['dossier', dossier!.id, ['dossier']],
      ['none', '-', []],
    ]);
  });

  it('is for receiving officers only and names a bad number’s field', async () => {
    const notDesk = await lookup(handler, '087090001234');
    expect(notDesk.statusCode).toBe(403);
    const citizen = await loginAs(t.app, CITIZEN);
    expect((await lookup(citizen, '087090001234')).statusCode).toBe(403);
    const bad = await lookup(desk, '12345');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toContain('Số định danh cá nhân');
  });
});

describe('several files per component', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const PNG = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(64, 1),
  ]);
  const send = (s: Session, method: 'POST' | 'PUT', url: string, bytes: Buffer, name: string) =>
    upload(s, url, bytes, name, method);
  type Files = { id: string; fileName: string }[];
  const filesOf = async (s: Session, ref: string, idx: number): Promise<Files> => {
    const res = await as(t.app, s)('GET', `/api/v1/dossiers/${ref}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ components: { idx: number; files: Files }[] }>().components[idx]!.files;
  };

  it('lets the citizen add, list and remove several files of one component, keeping the history', async () => {
    const citizen = await loginAs(t.app, CITIZEN);
    const draft = await as(t.app, citizen)('POST', '/api/v1/dossiers', {
      procedure: LLTP,
      caseIndex: 0,
      channel: 'online',
      submit: false,
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json<{ id: string }>().id;
    const url = `/api/v1/dossiers/${id}/components/1/files`;
    const front = await send(citizen, 'POST', url, PNG, 'CCCD mặt trước.png');
    expect(front.statusCode, front.body).toBe(200);
    const back = await send(citizen, 'POST', url, PDF, 'CCCD mặt sau.pdf');
    expect(back.statusCode, back.body).toBe(200);
    expect((await filesOf(citizen, id, 1)).map((f) => f.fileName)).toEqual([
      'CCCD mặt trước.png',
      'CCCD mặt sau.pdf',
    ]);
    // Each can be previewed (inline) on its own.
    const shown = await as(t.app, citizen)(
      'GET',
      `/api/v1/dossiers/${id}/files/${front.json<{ id: string }>().id}?inline=1`,
    );
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-disposition']).toMatch(/^inline/);

    // Someone who may not see the dossier cannot remove a file; the applicant can.
    const backId = back.json<{ id: string }>().id;
    expect((await as(t.app, farDesk)('DELETE', `/api/v1/dossiers/${id}/files/${backId}`)).statusCode).toBe(
      404,
    );
    const removed = await as(t.app, citizen)('DELETE', `/api/v1/dossiers/${id}/files/${backId}`);
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await filesOf(citizen, id, 1)).map((f) => f.fileName)).toEqual(['CCCD mặt trước.png']);
    expect((await as(t.app, citizen)('DELETE', `/api/v1/dossiers/${id}/files/${backId}`)).statusCode).toBe(
      404,
    );
    const rows = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from dossier_files where dossier_id = ${id} and replaced_at is not null`,
    );
    expect(rows.rows[0]!.n).toBe(1);

    // Replacing (PUT) still puts one file in place of all.
    await send(citizen, 'POST', url, PDF, 'trang 2.pdf');
    const replaced = await send(citizen, 'PUT', `/api/v1/dossiers/${id}/components/1/file`, PDF, 'cccd.pdf');
    expect(replaced.statusCode).toBe(200);
    expect((await filesOf(citizen, id, 1)).map((f) => f.fileName)).toEqual(['cccd.pdf']);

    // Once submitted, the applicant's files are closed; the desk digitises several pages at receipt.
    const submitted = await as(t.app, citizen)('POST', `/api/v1/dossiers/${id}/actions/submit`, {});
    expect(submitted.statusCode, submitted.body).toBe(200);
    const late = await send(citizen, 'POST', url, PDF, 'muộn.pdf');
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).code).toBe('DOSSIER_CLOSED_FOR_FILES');
    const code = submitted.json<{ code: string }>().code;
    expect(
      (await send(desk, 'POST', `/api/v1/dossiers/${code}/components/0/files`, PDF, 'p1.pdf')).statusCode,
    ).toBe(200);
    const p2 = await send(desk, 'POST', `/api/v1/dossiers/${code}/components/0/files`, PDF, 'p2.pdf');
    expect(p2.statusCode).toBe(200);
    expect((await filesOf(desk, code, 0)).map((f) => f.fileName)).toEqual(['p1.pdf', 'p2.pdf']);
    const p2Id = p2.json<{ id: string }>().id;
    expect((await as(t.app, desk)('DELETE', `/api/v1/dossiers/${code}/files/${p2Id}`)).statusCode).toBe(204);
    expect((await filesOf(desk, code, 0)).map((f) => f.fileName)).toEqual(['p1.pdf']);

    // What the applicant handed in stays: the desk may not remove it (it asks for a supplement instead).
    const theirs = (await filesOf(desk, code, 1))[0]!;
    const refused = await as(t.app, desk)('DELETE', `/api/v1/dossiers/${code}/files/${theirs.id}`);
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe('FILE_OF_APPLICANT');
    expect((await filesOf(desk, code, 1)).map((f) => f.fileName)).toEqual(['cccd.pdf']);
  });

  it('bounds the files of one component', async () => {
    const code = await newDossier();
    const url = `/api/v1/dossiers/${code}/components/0/files`;
    for (let i = 1; i <= 20; i++)
      expect((await send(desk, 'POST', url, PDF, `trang ${i}.pdf`)).statusCode).toBe(200);
    const more = await send(desk, 'POST', url, PDF, 'trang 21.pdf');
    expect(more.statusCode).toBe(409);
    expect(errorOf(more).code).toBe('TOO_MANY_FILES');
    expect(errorOf(more).field).toBe('file');
  });
});

describe('the supplement deadline', () => {
  const AUTO = '2.999014';
  const content = closingContent('Thủ tục thử nghiệm thời hạn bổ sung');
  type View = { code: string; supplementDueAt: string | null; history: { action: string; at: string }[] };

  it('is shown while a supplement is awaited: the procedure’s limit from the request, none without one', async () => {
    const draft = await as(t.app, admin)('POST', '/api/v1/procedures', { code: AUTO, content });
    expect(draft.statusCode, draft.body).toBe(201);
    const published = await as(t.app, admin)('POST', `/api/v1/procedures/${AUTO}/publish`, {
      version: draft.json<{ version: { lockVersion: number } }>().version.lockVersion,
      effectiveFrom: vnToday(new Date()),
    });
    expect(published.statusCode, published.body).toBe(200);
    const created = await as(t.app, desk)('POST', '/api/v1/dossiers', {
      procedure: AUTO,
      channel: 'in_person',
      applicant: { name: 'Lê Thị Hồng Nhung', personalId: '087190009999' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const code = created.json<View>().code;
    expect(created.json<View>().supplementDueAt).toBeNull();
    await ok(desk, code, 'request_supplement', { items: ['Tờ khai có chữ ký'], reason: 'Tờ khai chưa ký' });
    const view = await read<View>(desk, code);
    const at = Date.parse(view.history.findLast((h) => h.action === 'request_supplement')!.at);
    const expected = computeDue({ start: at, amount: 5, unit: 'working_days' }, createWorkCalendar());
    expect(view.supplementDueAt).toBe(new Date(expected).toISOString());
    // Supplied: nothing is awaited any more.
    const supplied = await ok<View>(desk, code, 'provide_supplement', { items: ['Tờ khai có chữ ký'] });
    expect(supplied.supplementDueAt).toBeNull();

    // A procedure without a limit: no deadline (the clock waits for the applicant).
    const other = await newDossier();
    await ok(desk, other, 'request_supplement', { items: ['Bản sao'], reason: 'Thiếu' });
    expect((await read<View>(desk, other)).supplementDueAt).toBeNull();
  });
});

describe('receiving outside office hours', () => {
  const timing = async (at: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/calendar/receipt-time?${new URLSearchParams({ agency: TUPHAP, at })}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ at: string; open: boolean; countsFrom: string; forwardAt: string }>();
  };

  it('tells when the processing time starts and when the dossier goes on, by the agency’s office hours', async () => {
    // Monday 14/12/2026, inside the morning period: counts at once, forwarded at once.
    expect(await timing('2026-12-14T10:00:00+07:00')).toEqual({
      at: '2026-12-14T10:00:00+07:00',
      open: true,
      countsFrom: '2026-12-14T10:00:00+07:00',
      forwardAt: '2026-12-14T10:00:00+07:00',
    });
    // The lunch break: counts from the afternoon opening.
    expect(await timing('2026-12-14T12:00:00+07:00')).toMatchObject({
      open: false,
      countsFrom: '2026-12-14T13:30:00+07:00',
    });
    // Open, but after 15:00: forwarded at the start of the next working day.
    expect(await timing('2026-12-14T16:00:00+07:00')).toMatchObject({
      open: true,
      countsFrom: '2026-12-14T16:00:00+07:00',
      forwardAt: '2026-12-15T07:00:00+07:00',
    });
    // Saturday, and Monday night: from Monday's (Tuesday's) opening.
    expect(await timing('2026-12-12T10:00:00+07:00')).toMatchObject({
      open: false,
      countsFrom: '2026-12-14T07:00:00+07:00',
      forwardAt: '2026-12-14T07:00:00+07:00',
    });
    expect(await timing('2026-12-14T20:00:00+07:00')).toMatchObject({
      open: false,
      countsFrom: '2026-12-15T07:00:00+07:00',
    });
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/calendar/receipt-time?agency=000.00.99.H99',
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).field).toBe('agency');
  });
});
