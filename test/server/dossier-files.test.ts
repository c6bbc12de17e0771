import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx } from '../domain/files/helpers.ts';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';
import { dossierKit, LLTP } from '../support/dossiers.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]);

let t: TestApp;
let desk: Session;
let citizen: Session;
let otherDesk: Session;
let clerk: Session;
beforeAll(async () => {
  t = await testApp({
    LOGIN_RATE_PER_MINUTE: '100000',
    MAX_UPLOAD_MB: '1',
    FILES_DIR: mkdtempSync(path.join(tmpdir(), 'motcua-files-')),
  });
  desk = await loginAs(t.app, 'tuphap.tiepnhan');
  citizen = await loginAs(t.app, '087090001234');
  otherDesk = await loginAs(t.app, 'xaydung.tiepnhan');
  clerk = await loginAs(t.app, 'tuphap.vanthu');
});
afterAll(() => t.close());

const { upload } = dossierKit(() => t.app);

async function draftOnline(): Promise<{ id: string }> {
  const res = await as(t.app, citizen)('POST', '/api/v1/dossiers', {
    procedure: LLTP,
    caseIndex: 0,
    channel: 'online',
    submit: false,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>();
}

describe('component files', () => {
  it('stores a PDF by its content, replaces it keeping history, and serves it to the applicant only', async () => {
    const d = await draftOnline();
    const first = await upload(citizen, `/api/v1/dossiers/${d.id}/components/0/file`, PDF, 'Tờ khai.pdf');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      fileName: 'Tờ khai.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
    });
    // A PNG named .pdf is a PNG; the name's extension follows the content.
    const second = await upload(citizen, `/api/v1/dossiers/${d.id}/components/0/file`, PNG, 'Tờ khai.pdf');
    expect(second.json()).toMatchObject({ fileName: 'Tờ khai.png', mediaType: 'image/png' });
    const view = await as(t.app, citizen)('GET', `/api/v1/dossiers/${d.id}`);
    const files = view.json<{ components: { idx: number; files: { id: string }[] }[] }>().components[0]!
      .files;
    expect(files.map((f) => f.id)).toEqual([second.json<{ id: string }>().id]);
    const rows = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from dossier_files where dossier_id = ${d.id}`,
    );
    expect(rows.rows[0]!.n).toBe(2);

    const download = await as(t.app, citizen)('GET', `/api/v1/dossiers/${d.id}/files/${files[0]!.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''T%E1%BB%9D%20khai.png");
    expect(download.rawPayload.equals(PNG)).toBe(true);
    const stranger = await as(t.app, otherDesk)('GET', `/api/v1/dossiers/${d.id}/files/${files[0]!.id}`);
    expect(stranger.statusCode).toBe(404);
  });

  it('shows a PDF or an image inside the page when asked (inline), and never an Office file', async () => {
    const d = await draftOnline();
    const ids: Record<string, string> = {};
    for (const [idx, bytes, name] of [
      [0, PDF, 'Tờ khai.pdf'],
      [1, PNG, 'CCCD.png'],
      [2, Buffer.from(makeDocx()), 'Ủy quyền.docx'],
    ] as const) {
      const res = await upload(citizen, `/api/v1/dossiers/${d.id}/components/${idx}/file`, bytes, name);
      expect(res.statusCode, res.body).toBe(200);
      ids[name] = res.json<{ id: string }>().id;
    }
    const get = (name: string, query = '') =>
      as(t.app, citizen)('GET', `/api/v1/dossiers/${d.id}/files/${ids[name]}${query}`);
    for (const query of ['?inline=1', '?inline=true']) {
      const pdf = await get('Tờ khai.pdf', query);
      expect(pdf.statusCode, pdf.body).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toMatch(/^inline; filename="To khai.pdf"/);
      expect(pdf.headers['x-content-type-options']).toBe('nosniff');
    }
    expect((await get('CCCD.png', '?inline=1')).headers['content-disposition']).toMatch(/^inline;/);
    for (const query of ['', '?inline=0', '?inline=false'])
      expect((await get('Tờ khai.pdf', query)).headers['content-disposition']).toMatch(/^attachment;/);
    const docx = await get('Ủy quyền.docx', '?inline=1');
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toMatch(/^attachment;/);
    expect(docx.headers['x-content-type-options']).toBe('nosniff');
    expect((await get('Tờ khai.pdf', '?inline=yes')).statusCode).toBe(400);
  });

  it('refuses forged types, oversize files and empty files; sanitises names', async () => {
    const d = await draftOnline();
    const url = `/api/v1/dossiers/${d.id}/components/1/file`;
    const exe = await upload(citizen, url, EXE, 'hoso.pdf');
    expect(exe.statusCode).toBe(415);
    expect(errorOf(exe).code).toBe('FILE_TYPE_NOT_ALLOWED');
    const big = await upload(citizen, url, Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10)]), 'big.pdf');
    expect(big.statusCode).toBe(413);
    expect(errorOf(big).code).toBe('FILE_TOO_LARGE');
    expect(errorOf(big).message).toContain('1 MB');
    const empty = await upload(citizen, url, Buffer.alloc(0), 'empty.pdf');
    expect(empty.statusCode).toBe(400);
    const traversal = await upload(citizen, url, PDF, '../../etc/passwd');
    expect(traversal.statusCode).toBe(200);
    expect(traversal.json<{ fileName: string }>().fileName).toBe('passwd.pdf');
    const missing = await upload(citizen, `/api/v1/dossiers/${d.id}/components/99/file`, PDF, 'x.pdf');
    expect(missing.statusCode).toBe(404);
  });

  it('closes files once the dossier has moved on, and keeps strangers out', async () => {
    const d = await draftOnline();
    await as(t.app, citizen)('POST', `/api/v1/dossiers/${d.id}/actions/submit`, {});
    const late = await upload(citizen, `/api/v1/dossiers/${d.id}/components/0/file`, PDF, 'a.pdf');
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).code).toBe('DOSSIER_CLOSED_FOR_FILES');
    const byDesk = await upload(desk, `/api/v1/dossiers/${d.id}/components/0/file`, PDF, 'scan.pdf');
    expect(byDesk.statusCode).toBe(200);
    const byStranger = await upload(otherDesk, `/api/v1/dossiers/${d.id}/components/0/file`, PDF, 'x.pdf');
    expect(byStranger.statusCode).toBe(404);
    const resultTooEarly = await upload(clerk, `/api/v1/dossiers/${d.id}/result-file`, PDF, 'kq.pdf');
    expect(resultTooEarly.statusCode).toBe(409);
  });
});
