// Requests for another agency's opinion (liên thông): who sees them and where, the notice, the reply
// deadline by the asked agency's calendar, the files sent both ways, and agency names in the history.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierView } from '../../src/features/dossiers/get-dossier.ts';
import type { OpinionRequestItem } from '../../src/features/dossiers/list-opinion-requests.ts';
import type { NotificationPage } from '../../src/features/me/notifications.ts';
import { as, errorOf, testApp, type Session, type TestApp } from '../support/app.ts';
import { CAOLANH, dossierKit, LLTP, sessions, TUPHAP, TUPHAP_STAFF } from '../support/dossiers.ts';

const { ok, create, carry, upload } = dossierKit(() => t.app);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);

let t: TestApp;
let desk: Session;
let handler: Session;
let approver: Session;
let communeHandler: Session;
let communeApprover: Session;
let communeDesk: Session;
let otherCommune: Session;
beforeAll(async () => {
  t = await testApp({
    LOGIN_RATE_PER_MINUTE: '100000',
    FILES_DIR: mkdtempSync(path.join(tmpdir(), 'motcua-files-')),
  });
  ({ desk, handler, approver, communeHandler, communeApprover, communeDesk, otherCommune } = await sessions(
    t.app,
    {
      desk: TUPHAP_STAFF.desk,
      handler: TUPHAP_STAFF.handler,
      approver: TUPHAP_STAFF.approver,
      communeHandler: 'caolanh.thuly',
      communeApprover: 'caolanh.pheduyet',
      communeDesk: 'caolanh.tiepnhan',
      otherCommune: 'sadec.thuly',
    },
  ));
});
afterAll(() => t.close());

type List = { items: OpinionRequestItem[]; total: number };

async function uploaded(s: Session, code: string, purpose: 'request' | 'reply', bytes: Buffer, name: string) {
  const res = await upload(s, `/api/v1/dossiers/${code}/opinion-files/${purpose}`, bytes, name);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ id: string; fileName: string }>();
}

async function inbox(s: Session): Promise<List> {
  const res = await as(t.app, s)('GET', '/api/v1/opinion-requests?pageSize=200');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<List>();
}

async function notices(s: Session) {
  const res = await as(t.app, s)('GET', '/api/v1/me/notifications?pageSize=200');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<NotificationPage>().items;
}

/** A Sở Tư pháp dossier with its handling officer. */
async function processing(): Promise<string> {
  const { code } = await create(desk, {
    procedure: LLTP,
    caseIndex: 0,
    channel: 'in_person',
    applicant: { name: 'Lê Thị Cúc', personalId: '087090005555', address: 'Phường Cao Lãnh' },
  });
  await ok(desk, code!, 'receive');
  await carry({ desk, approver, handler }, code!, 'assign');
  return code!;
}

describe('an opinion request to Phường Cao Lãnh', () => {
  it('reaches the commune’s answering officers in their tab and notices, with its deadline and files, and leaves the tab once answered', async () => {
    const code = await processing();
    const before = await inbox(communeHandler);
    const otherBefore = await inbox(otherCommune);
    const question = 'Đề nghị UBND phường xác nhận nơi cư trú của người yêu cầu.';
    const asked = await uploaded(handler, code, 'request', PDF, 'Công văn xin ý kiến.pdf');

    const sent = await ok(handler, code, 'send_to_cooperating', {
      agencies: [CAOLANH],
      question,
      replyWorkingDays: 2,
      attachments: [asked.id],
    });
    const branch = sent.cooperation[0]!;
    expect(branch).toMatchObject({
      agencyCode: CAOLANH,
      agencyName: 'Ủy ban nhân dân Phường Cao Lãnh',
      question,
      answeredAt: null,
      requestFiles: [expect.objectContaining({ id: asked.id, fileName: 'Công văn xin ý kiến.pdf' })],
    });
    // Two working days from the request by the commune's calendar, as the public calendar API counts them.
    const deadline = await as(t.app, undefined)(
      'GET',
      `/api/v1/calendar/deadline?${new URLSearchParams({
        start: branch.sentAt,
        amount: '2',
        unit: 'working_days',
        agency: CAOLANH,
      }).toString()}`,
    );
    expect(deadline.statusCode, deadline.body).toBe(200);
    expect(Date.parse(branch.replyDueAt!)).toBe(Date.parse(deadline.json<{ due: string }>().due));
    expect(Date.parse(branch.replyDueAt!)).toBeGreaterThan(Date.parse(branch.sentAt));

    // The commune's handling officer and approver: in the tab, one more, with the question and due time.
    for (const s of [communeHandler, communeApprover]) {
      const list = await inbox(s);
      const item = list.items.find((i) => i.code === code);
      expect(item, 'listed').toMatchObject({
        agency: { code: TUPHAP, name: 'Sở Tư pháp tỉnh Đồng Tháp' },
        askedAgency: { code: CAOLANH },
        question,
        replyDueAt: branch.replyDueAt,
        replyOverdue: false,
      });
      if (s === communeHandler) expect(list.total).toBe(before.total + 1);
    }
    // Soonest reply due first.
    const dues = (await inbox(communeHandler)).items.map((i) => i.replyDueAt ?? '9999');
    expect(dues).toEqual([...dues].sort());

    // Another commune sees neither the request nor the dossier; the commune's desk does not answer for it.
    const other = await inbox(otherCommune);
    expect(other.items.map((i) => i.code)).not.toContain(code);
    expect(other.total).toBe(otherBefore.total);
    expect((await as(t.app, otherCommune)('GET', `/api/v1/dossiers/${code}`)).statusCode).toBe(404);
    expect((await inbox(communeDesk)).total).toBe(0);
    expect((await as(t.app, communeDesk)('GET', `/api/v1/dossiers/${code}`)).statusCode).toBe(404);

    // The notice: to both answering officers, naming the asking agency; to nobody else.
    for (const s of [communeHandler, communeApprover]) {
      const mine = (await notices(s)).filter((n) => n.dossierCode === code);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ kind: 'dossier.opinion_requested', readAt: null });
      expect(mine[0]!.title).toContain('Sở Tư pháp tỉnh Đồng Tháp xin ý kiến về hồ sơ');
    }
    for (const s of [otherCommune, communeDesk])
      expect((await notices(s)).filter((n) => n.dossierCode === code)).toHaveLength(0);

    // The commune's view: the dossier and its components, its own request, the answer action; no result,
    // no forms, no other history.
    const seen = await as(t.app, communeHandler)('GET', `/api/v1/dossiers/${code}`);
    expect(seen.statusCode, seen.body).toBe(200);
    const view = seen.json<DossierView>();
    expect(view.opinionOnly).toBe(true);
    expect(view.actions).toEqual(['cooperating_result']);
    expect(view.history.map((h) => h.action)).toEqual(['send_to_cooperating']);
    expect(view.components.length).toBeGreaterThan(0);
    const file = await as(t.app, communeHandler)('GET', `/api/v1/dossiers/${code}/files/${asked.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect((await as(t.app, communeHandler)('GET', `/api/v1/dossiers/${code}/forms/06.pdf`)).statusCode).toBe(
      409,
    );

    // The answer, with a file.
    const reply = await uploaded(communeHandler, code, 'reply', PNG, 'Xác nhận cư trú.png');
    await ok(communeHandler, code, 'cooperating_result', {
      result: 'Xác nhận bà Lê Thị Cúc cư trú tại phường.',
      note: 'Theo dữ liệu dân cư.',
      attachments: [reply.id],
    });
    const after = await inbox(communeHandler);
    expect(after.items.map((i) => i.code)).not.toContain(code);
    expect(after.total).toBe(before.total);

    // Back at Sở Tư pháp: the answer, its file, the notice, agency names in the history.
    const res = await as(t.app, handler)('GET', `/api/v1/dossiers/${code}`);
    const done = res.json<DossierView>();
    expect(done.opinionOnly).toBe(false);
    expect(done.cooperation[0]).toMatchObject({
      result: 'Xác nhận bà Lê Thị Cúc cư trú tại phường.',
      note: 'Theo dữ liệu dân cư.',
      replyFiles: [expect.objectContaining({ id: reply.id, fileName: 'Xác nhận cư trú.png' })],
    });
    const answered = done.history.find((h) => h.action === 'cooperating_result')!;
    expect(answered.actor.agencyName).toBe('Ủy ban nhân dân Phường Cao Lãnh');
    expect(done.agencyNames[CAOLANH]).toBe('Ủy ban nhân dân Phường Cao Lãnh');
    const given = (await notices(handler)).filter((n) => n.dossierCode === code);
    expect(given.map((n) => n.kind)).toEqual(['dossier.opinion_given']);
    expect(given[0]!.title).toContain('Ủy ban nhân dân Phường Cao Lãnh đã cho ý kiến');
  });

  it('sends only files uploaded for it by the sender, once, and answers 400 naming the list item', async () => {
    const code = await processing();
    const first = await uploaded(handler, code, 'request', PDF, 'a.pdf');
    await ok(handler, code, 'send_to_cooperating', {
      agencies: [CAOLANH],
      question: 'Lần một',
      attachments: [first.id],
    });
    await ok(communeHandler, code, 'cooperating_result', { result: 'Đồng ý' });
    // The same file again, or one the sender did not upload for a request.
    const again = await as(t.app, handler)('POST', `/api/v1/dossiers/${code}/actions/send_to_cooperating`, {
      agencies: [CAOLANH],
      question: 'Lần hai',
      attachments: [first.id],
    });
    expect(again.statusCode, again.body).toBe(400);
    expect(errorOf(again)).toMatchObject({ code: 'ATTACHMENT_NOT_AVAILABLE', field: 'attachments/0' });
    // Without a reply time the request gets the default three working days.
    const sent = await ok(handler, code, 'send_to_cooperating', { agencies: [CAOLANH], question: 'Lần hai' });
    expect(sent.history.at(-1)!.data).toMatchObject({ replyWorkingDays: 3 });
    // Only an asked agency's officer uploads an answer's files; only the assignee a request's.
    expect(
      (await upload(otherCommune, `/api/v1/dossiers/${code}/opinion-files/reply`, PDF, 'x.pdf')).statusCode,
    ).toBe(404);
    expect(
      (await upload(approver, `/api/v1/dossiers/${code}/opinion-files/request`, PDF, 'x.pdf')).statusCode,
    ).toBe(403);
    // A request without its question is refused by its label.
    const bare = await as(t.app, handler)('POST', `/api/v1/dossiers/${code}/actions/send_to_cooperating`, {
      agencies: ['000.22.32.H20'],
    });
    expect(bare.statusCode).toBe(400);
  });
});
