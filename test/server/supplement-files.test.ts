// A supplement request names components and other papers (giấy tờ khác): each item gets an upload slot, the
// applicant's supplement needs a file for every item, and staff see the files under the request.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema.ts';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

const LLTP = '2.000488';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let t: TestApp;
let desk: Session;
let citizen: Session;
let farDesk: Session;
beforeAll(async () => {
  t = await testApp({
    LOGIN_RATE_PER_MINUTE: '100000',
    FILES_DIR: mkdtempSync(path.join(tmpdir(), 'motcua-supp-files-')),
  });
  desk = await loginAs(t.app, 'tuphap.tiepnhan');
  citizen = await loginAs(t.app, '087090001234');
  farDesk = await loginAs(t.app, 'xaydung.tiepnhan');
});
afterAll(() => t.close());

function send(s: Session, url: string, bytes: Buffer, name: string) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(name),
    },
    payload: bytes,
  });
}

interface FileView {
  id: string;
  fileName: string;
}
interface View {
  id: string;
  code: string;
  components: { idx: number; name: string }[];
  supplements: {
    seq: number;
    reason: string;
    items: { itemIdx: number; item: string; componentIdx: number | null; files: FileView[] }[];
  }[];
  history: { seq: number; action: string }[];
}

const view = async (s: Session, ref: string) => {
  const res = await as(t.app, s)('GET', `/api/v1/dossiers/${ref}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<View>();
};

/** An online dossier of the citizen, submitted with a file for every component. */
async function submitted(): Promise<View> {
  const res = await as(t.app, citizen)('POST', '/api/v1/dossiers', {
    procedure: LLTP,
    caseIndex: 0,
    channel: 'online',
    submit: false,
  });
  expect(res.statusCode, res.body).toBe(201);
  const { id, components } = res.json<View>();
  for (const c of components) {
    const up = await send(
      citizen,
      `/api/v1/dossiers/${id}/components/${c.idx}/files`,
      PDF,
      `tp-${c.idx}.pdf`,
    );
    expect(up.statusCode, up.body).toBe(200);
  }
  const sub = await as(t.app, citizen)('POST', `/api/v1/dossiers/${id}/actions/submit`, {});
  expect(sub.statusCode, sub.body).toBe(200);
  return view(citizen, sub.json<{ code: string }>().code);
}

describe('supplement request items', () => {
  it('each item has a slot; the applicant supplies only with a file for every item; staff see them', async () => {
    const d = await submitted();
    const component = d.components[1]!;
    const other = 'Giấy xác nhận thông tin về cư trú';
    const asked = await as(t.app, desk)('POST', `/api/v1/dossiers/${d.code}/actions/request_supplement`, {
      items: [component.name, other],
      reason: 'Bản sao chưa rõ, thiếu giấy xác nhận cư trú',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const requested = await view(citizen, d.code);
    const seq = requested.history.findLast((h) => h.action === 'request_supplement')!.seq;
    // The component named is supplied as that component; its file from before the request does not count.
    expect(requested.supplements).toEqual([
      {
        seq,
        at: expect.any(String),
        reason: 'Bản sao chưa rõ, thiếu giấy xác nhận cư trú',
        items: [
          { itemIdx: 0, item: component.name, componentIdx: 1, files: [] },
          { itemIdx: 1, item: other, componentIdx: null, files: [] },
        ],
      },
    ]);

    const provide = () =>
      as(t.app, citizen)('POST', `/api/v1/dossiers/${d.code}/actions/provide_supplement`, {
        items: [component.name, other],
      });
    const none = await provide();
    expect(none.statusCode).toBe(409);
    expect(errorOf(none).code).toBe('SUPPLEMENT_FILES_MISSING');
    expect(errorOf(none).field).toBe('items');
    expect(errorOf(none).message).toContain(other);

    const slot = (s: number, item: number) =>
      `/api/v1/dossiers/${d.code}/supplements/${s}/items/${item}/files`;
    // Only another paper of the request awaited has a slot of its own; another agency's desk has none.
    for (const [url, code] of [
      [slot(seq, 0), 'SUPPLEMENT_ITEM_NOT_FOUND'],
      [slot(seq, 2), 'SUPPLEMENT_ITEM_NOT_FOUND'],
      [slot(seq + 1, 1), 'SUPPLEMENT_ITEM_NOT_FOUND'],
    ] as const) {
      const res = await send(citizen, url, PDF, 'x.pdf');
      expect(res.statusCode, url).toBe(404);
      expect(errorOf(res).code).toBe(code);
    }
    expect((await send(farDesk, slot(seq, 1), PDF, 'x.pdf')).statusCode).toBe(404);

    const extra = await send(citizen, slot(seq, 1), PDF, 'xac-nhan-cu-tru.pdf');
    expect(extra.statusCode, extra.body).toBe(200);
    const half = await provide();
    expect(half.statusCode).toBe(409);
    expect(errorOf(half).message).toContain(component.name);
    expect(errorOf(half).message).not.toContain(other);

    const again = await send(
      citizen,
      `/api/v1/dossiers/${d.code}/components/1/files`,
      PDF,
      'ban-sao-moi.pdf',
    );
    expect(again.statusCode, again.body).toBe(200);
    const done = await provide();
    expect(done.statusCode, done.body).toBe(200);

    // Staff see both files under the request, and preview the other paper's.
    const staff = await view(desk, d.code);
    expect(staff.supplements[0]!.items.map((i) => [i.itemIdx, i.files.map((f) => f.fileName)])).toEqual([
      [0, ['ban-sao-moi.pdf']],
      [1, ['xac-nhan-cu-tru.pdf']],
    ]);
    const fileId = extra.json<FileView>().id;
    const preview = await as(t.app, desk)('GET', `/api/v1/dossiers/${d.code}/files/${fileId}?inline=1`);
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(String(preview.headers['content-disposition'])).toMatch(/^inline/);
    expect(preview.rawPayload.equals(PDF)).toBe(true);
    // The upload is audited with its slot.
    const [audit] = await t.database.db
      .select({ data: auditLog.data })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'dossier.upload_supplement'), eq(auditLog.entityId, staff.id)));
    expect(audit?.data).toMatchObject({ fileId, requestSeq: seq, itemIdx: 1 });
    // Supplied: the slot is closed.
    const late = await send(citizen, slot(seq, 1), PDF, 'muon.pdf');
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).code).toBe('DOSSIER_CLOSED_FOR_FILES');
  });

  it('the desk uploads another paper for an in-person supplement, removes a wrong one, and may supply without', async () => {
    const d = await submitted();
    const asked = await as(t.app, desk)('POST', `/api/v1/dossiers/${d.code}/actions/request_supplement`, {
      items: ['Văn bản ủy quyền có công chứng'],
      reason: 'Thiếu văn bản ủy quyền',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const seq = (await view(desk, d.code)).supplements[0]!.seq;
    const up = await send(desk, `/api/v1/dossiers/${d.code}/supplements/${seq}/items/0/files`, PDF, 'uq.pdf');
    expect(up.statusCode, up.body).toBe(200);
    const removed = await as(t.app, desk)(
      'DELETE',
      `/api/v1/dossiers/${d.code}/files/${up.json<FileView>().id}`,
    );
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await view(citizen, d.code)).supplements[0]!.items[0]!.files).toEqual([]);
    // At the counter the desk takes the paper itself: its word is enough.
    const supplied = await as(t.app, desk)('POST', `/api/v1/dossiers/${d.code}/actions/provide_supplement`, {
      items: ['Văn bản ủy quyền có công chứng'],
    });
    expect(supplied.statusCode, supplied.body).toBe(200);
  });
});
