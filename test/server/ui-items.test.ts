// Issue 14 "smaller things" on the server: who a dossier was assigned to in its history, deleting a draft,
// and validation messages that name fields by their label (defect 8).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierView } from '../../src/features/dossiers/get-dossier.ts';
import { localPathOf, sha256Hex } from '../../src/features/files/storage.ts';
import { as, errorOf, testApp, type Session, type TestApp } from '../support/app.ts';
import {
  CITIZEN,
  dossierKit,
  LLTP,
  OTHER_CITIZEN,
  sessions,
  TUPHAP,
  TUPHAP_STAFF,
} from '../support/dossiers.ts';

const { ok, act, create, carry, upload: uploadTo } = dossierKit(() => t.app);

let t: TestApp;
let desk: Session;
let handler: Session;
let approver: Session;
let citizen: Session;
let otherCitizen: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  ({ desk, handler, approver, citizen, otherCitizen } = await sessions(t.app, {
    desk: TUPHAP_STAFF.desk,
    handler: TUPHAP_STAFF.handler,
    approver: TUPHAP_STAFF.approver,
    citizen: CITIZEN,
    otherCitizen: OTHER_CITIZEN,
  }));
});
afterAll(() => t.close());

/** An online dossier of the demo citizen, received, forwarded and assigned to tuphap.thuly. */
async function assignedDossier(): Promise<{ code: string; assigneeId: string; assigneeName: string }> {
  const code = (await create(citizen, { procedure: LLTP, caseIndex: 0, channel: 'online' })).code!;
  await ok(desk, code, 'receive');
  const staff = await as(t.app, approver)('GET', `/api/v1/staff?agency=${TUPHAP}&role=handling_officer`);
  const officer = staff
    .json<{ items: { id: string; username: string; fullName: string }[] }>()
    .items.find((s) => s.username === 'tuphap.thuly')!;
  expect(officer.id).toBe(handler.userId);
  await carry({ desk, approver, handler }, code, 'assign');
  return { code, assigneeId: officer.id, assigneeName: officer.fullName };
}

describe('the assignment in the history names the assignee', () => {
  it('staff see the name (and the account); the applicant the name only', async () => {
    const { code, assigneeId, assigneeName } = await assignedDossier();
    expect(assigneeName.length).toBeGreaterThan(0);
    for (const [who, seesId] of [
      [approver, true],
      [handler, true],
      [citizen, false],
    ] as const) {
      const res = await as(t.app, who)('GET', `/api/v1/dossiers/${code}`);
      expect(res.statusCode, res.body).toBe(200);
      const history = res.json<DossierView>().history;
      const assign = history.find((h) => h.action === 'assign')!;
      expect(assign.assignee).toEqual({ name: assigneeName });
      expect((assign.data as { assigneeId: string | null }).assigneeId).toBe(seesId ? assigneeId : null);
      // Only the assignment names an assignee.
      expect(history.filter((h) => h.assignee !== null).map((h) => h.action)).toEqual(['assign']);
    }
  });
});

/** A PDF unique to this call, so its bytes are stored under a key of their own. */
const uniquePdf = () =>
  Buffer.from(`%PDF-1.4\n% ${randomBytes(8).toString('hex')}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

const upload = (s: Session, ref: string, bytes: Buffer) =>
  uploadTo(s, `/api/v1/dossiers/${ref}/components/0/file`, bytes, 'Tờ khai.pdf');

const draft = (s: Session = citizen) =>
  create(s, { procedure: LLTP, caseIndex: 0, channel: 'online', submit: false });

const count = async (query: ReturnType<typeof sql>) =>
  (await t.database.db.execute<{ n: number }>(query)).rows[0]!.n;

describe('deleting a draft', () => {
  it('its applicant deletes it: the row, its events and files go, the bytes too, an audit row stays', async () => {
    const d = await draft();
    const pdf = uniquePdf();
    expect((await upload(citizen, d.id, pdf)).statusCode).toBe(200);
    const stored = localPathOf(t.config.filesDir, sha256Hex(pdf));
    expect(existsSync(stored)).toBe(true);

    const res = await as(t.app, citizen)('DELETE', `/api/v1/dossiers/${d.id}?version=${d.version}`);
    expect(res.statusCode, res.body).toBe(204);
    expect((await as(t.app, citizen)('GET', `/api/v1/dossiers/${d.id}`)).statusCode).toBe(404);
    expect(await count(sql`select count(*)::int as n from dossiers where id = ${d.id}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from dossier_events where dossier_id = ${d.id}`)).toBe(
      0,
    );
    expect(await count(sql`select count(*)::int as n from dossier_files where dossier_id = ${d.id}`)).toBe(0);
    expect(existsSync(stored)).toBe(false);
    expect(
      await count(
        sql`select count(*)::int as n from audit_log where action = 'dossier.delete_draft' and entity_id = ${d.id}`,
      ),
    ).toBe(1);
    // Gone from the applicant's list.
    const mine = await as(t.app, citizen)('GET', '/api/v1/dossiers?mine=true&pageSize=200');
    expect(mine.json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(d.id);
  });

  it('bytes another dossier also holds stay', async () => {
    const pdf = uniquePdf();
    const [a, b] = [await draft(), await draft()];
    expect((await upload(citizen, a.id, pdf)).statusCode).toBe(200);
    expect((await upload(citizen, b.id, pdf)).statusCode).toBe(200);
    expect((await as(t.app, citizen)('DELETE', `/api/v1/dossiers/${a.id}`)).statusCode).toBe(204);
    expect(existsSync(localPathOf(t.config.filesDir, sha256Hex(pdf)))).toBe(true);
    const file = await as(t.app, citizen)('GET', `/api/v1/dossiers/${b.id}`);
    expect(file.json<DossierView>().components[0]!.files).toHaveLength(1);
  });

  it('only drafts, only their applicant, only the version seen', async () => {
    const d = await draft();
    // Another citizen does not even see it; staff may not delete it.
    expect((await as(t.app, otherCitizen)('DELETE', `/api/v1/dossiers/${d.id}`)).statusCode).toBe(404);
    const stale = await as(t.app, citizen)('DELETE', `/api/v1/dossiers/${d.id}?version=${d.version + 5}`);
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT');
    // Submitted: no longer a draft.
    await ok(citizen, d.id, 'submit');
    const submitted = await as(t.app, citizen)('DELETE', `/api/v1/dossiers/${d.id}`);
    expect(submitted.statusCode).toBe(409);
    expect(errorOf(submitted)).toMatchObject({ code: 'NOT_A_DRAFT_DOSSIER' });
    expect(errorOf(submitted).message).toMatch(/nháp/);
    expect(errorOf(submitted).message_en).toMatch(/draft/);
    // A desk's draft is the desk's work, not the applicant's to delete, nor the desk's through this route.
    const deskDraft = await as(t.app, desk)('POST', '/api/v1/dossiers', {
      procedure: LLTP,
      caseIndex: 0,
      channel: 'in_person',
      applicant: { name: 'Nguyễn Văn An', personalId: '087090001234', phone: '0912345678' },
    });
    expect(deskDraft.statusCode, deskDraft.body).toBe(201);
    const deskCode = deskDraft.json<DossierView>().code!;
    expect((await as(t.app, desk)('DELETE', `/api/v1/dossiers/${deskCode}`)).statusCode).toBe(403);
    expect(await count(sql`select count(*)::int as n from dossiers where code = ${deskCode}`)).toBe(1);
  });

  it('the database refuses to delete anything but a draft, and events on their own', async () => {
    const d = await draft();
    await ok(citizen, d.id, 'submit');
    await expect(t.database.db.execute(sql`delete from dossiers where id = ${d.id}`)).rejects.toThrow();
    const other = await draft();
    await expect(
      t.database.db.execute(sql`delete from dossier_events where dossier_id = ${other.id}`),
    ).rejects.toThrow();
    expect(
      await count(sql`select count(*)::int as n from dossier_events where dossier_id = ${other.id}`),
    ).toBe(1);
  });
});

describe('defect 8: every refusal of bad input names the field by its label, in both languages', () => {
  interface Refusal {
    code: string;
    message: string;
    message_en: string;
    field?: string;
  }

  /** Checks one refusal; answers its text for the report of a failure. */
  function plainWords(what: string, status: number, error: Refusal): void {
    expect(status, what).toBeGreaterThanOrEqual(400);
    expect(status, what).toBeLessThan(500);
    expect(error.message.length, what).toBeGreaterThan(0);
    expect(error.message_en.length, what).toBeGreaterThan(0);
    expect(error.message, what).not.toBe(error.message_en);
    for (const text of [error.message, error.message_en]) {
      // No path (applicant/personalId, items/0) and no property name (personalId, "items").
      expect(text, `${what}: ${text}`).not.toContain('/');
      expect(text, `${what}: ${text}`).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/);
      if (error.field) {
        const raw = error.field
          .split('/')
          .filter((p) => !/^\d+$/.test(p))
          .at(-1)!;
        expect(text, `${what}: ${text}`).not.toContain(`"${raw}"`);
        expect(text, `${what}: ${text}`).not.toContain(`(${raw})`);
      }
    }
  }

  it('at intake, supplement and actions', async () => {
    const base = {
      procedure: LLTP,
      caseIndex: 0,
      channel: 'in_person',
      applicant: { name: 'Nguyễn Văn An', personalId: '087090001234', phone: '0912345678' },
    };
    const applicant = (over: Record<string, unknown>) => ({
      ...base,
      applicant: { ...base.applicant, ...over },
    });
    const intakes: [string, Record<string, unknown>][] = [
      ['no name', { ...base, applicant: { personalId: '087090001234', phone: '0912345678' } }],
      ['bad personal ID', applicant({ personalId: '123' })],
      ['bad phone', applicant({ phone: 'abc' })],
      ['bad email', applicant({ email: 'not an email' })],
      ['unknown applicant field', applicant({ shoeSize: 42 })],
      ['unknown field', { ...base, colour: 'red' }],
      ['case as text', { ...base, caseIndex: 'x' }],
      ['case that does not exist', { ...base, caseIndex: 99 }],
      ['channel not offered', { ...base, channel: 'fax' }],
      ['no procedure', { caseIndex: 0, channel: 'in_person', applicant: base.applicant }],
      ['representative without authorisation', applicant({ capacity: 'representative' })],
      ['name too long', applicant({ name: 'A'.repeat(500) })],
    ];
    let checked = 0;
    for (const [what, body] of intakes) {
      const res = await as(t.app, desk)('POST', '/api/v1/dossiers', body);
      plainWords(`intake: ${what}`, res.statusCode, errorOf(res));
      checked++;
    }

    // Supplement at intake: the desk asks, the citizen answers badly.
    const online = await as(t.app, citizen)('POST', '/api/v1/dossiers', {
      procedure: LLTP,
      caseIndex: 0,
      channel: 'online',
    });
    const code = online.json<DossierView>().code!;
    const deskBodies: [string, string, Record<string, unknown>][] = [
      ['request_supplement', 'no items', { reason: 'Thiếu giấy tờ' }],
      ['request_supplement', 'empty items', { items: [], reason: 'Thiếu giấy tờ' }],
      ['request_supplement', 'blank item', { items: [''], reason: 'Thiếu giấy tờ' }],
      ['request_supplement', 'no reason', { items: ['Tờ khai'] }],
      ['refuse', 'no reasons', { reasons: [] }],
      ['receive', 'components as text', { provided: 'all' }],
    ];
    for (const [action, what, body] of deskBodies) {
      const res = await act(desk, code, action, body);
      plainWords(`${action}: ${what}`, res.statusCode, errorOf(res));
      checked++;
    }
    await ok(desk, code, 'request_supplement', { items: ['Tờ khai có chữ ký'], reason: 'Tờ khai chưa ký' });
    for (const [what, body] of [
      ['no items', {}],
      ['empty items', { items: [] }],
      ['items as text', { items: 'Tờ khai' }],
      ['item too long', { items: ['x'.repeat(5000)] }],
    ] as const) {
      const res = await act(citizen, code, 'provide_supplement', body);
      plainWords(`supplement: ${what}`, res.statusCode, errorOf(res));
      checked++;
    }

    // Later actions on a dossier in processing.
    const { code: processing } = await assignedDossier();
    const later: [Session, string, string, Record<string, unknown>][] = [
      [approver, 'assign', 'assignee not a UUID', { assigneeId: 'somebody' }],
      [approver, 'assign', 'assignee not a handling officer', { assigneeId: desk.userId }],
      [approver, 'apologize', 'new appointment not a time', { reason: 'Chậm', newDueAt: 'ngày mai' }],
      [handler, 'request_financial_obligation', 'negative amount', { noticeNumber: '12', amountVnd: -1 }],
      [handler, 'send_to_cooperating', 'unknown agency', { agencies: ['000.00.99.H99'] }],
      [handler, 'return_step', 'blank reason', { reason: '' }],
    ];
    for (const [who, action, what, body] of later) {
      const res = await act(who, processing, action, body);
      plainWords(`${action}: ${what}`, res.statusCode, errorOf(res));
      checked++;
    }
    // Editing a draft.
    const d = await draft();
    const patch = await as(t.app, citizen)('PATCH', `/api/v1/dossiers/${d.id}`, {
      applicant: { capacity: 'representative' },
    });
    plainWords('draft: representative without authorisation', patch.statusCode, errorOf(patch));
    expect(checked).toBe(intakes.length + deskBodies.length + 4 + later.length);
  });

  it('name the field by its label in the message', async () => {
    const res = await as(t.app, desk)('POST', '/api/v1/dossiers', {
      procedure: LLTP,
      caseIndex: 0,
      channel: 'in_person',
      applicant: { name: 'Nguyễn Văn An', personalId: '123', phone: '0912345678' },
    });
    const error = errorOf(res);
    expect(error.field).toBe('applicant/personalId');
    expect(error.message).toContain('Số định danh cá nhân');
    expect(error.message_en).toMatch(/personal ID number/i);
    const supplement = await as(t.app, desk)('POST', '/api/v1/dossiers', {
      procedure: LLTP,
      caseIndex: 0,
      channel: 'in_person',
      applicant: { personalId: '087090001234', phone: '0912345678' },
    });
    expect(errorOf(supplement).field).toBe('applicant/name');
    expect(errorOf(supplement).message).toContain('"Tên"');
    expect(errorOf(supplement).message_en).toContain('"Name"');
  });
});
