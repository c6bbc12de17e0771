// Issue 14 "smaller things" on the server: who a dossier was assigned to in its history, deleting a draft,
// and validation messages that name fields by their label (defect 8).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierView } from '../../src/features/dossiers/get-dossier.ts';
import { localPathOf, sha256Hex } from '../../src/features/files/storage.ts';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

const TUPHAP = '000.00.09.H20';
const LLTP = '2.000488';

let t: TestApp;
let desk: Session;
let handler: Session;
let approver: Session;
let citizen: Session;
let otherCitizen: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  desk = await loginAs(t.app, 'tuphap.tiepnhan');
  handler = await loginAs(t.app, 'tuphap.thuly');
  approver = await loginAs(t.app, 'tuphap.pheduyet');
  citizen = await loginAs(t.app, '087090001234');
  otherCitizen = await loginAs(t.app, '082195004321');
});
afterAll(() => t.close());

async function ok(s: Session, ref: string, action: string, body: Record<string, unknown> = {}) {
  const res = await as(t.app, s)('POST', `/api/v1/dossiers/${ref}/actions/${action}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<DossierView>();
}

/** An online dossier of the demo citizen, received, forwarded and assigned to tuphap.thuly. */
async function assignedDossier(): Promise<{ code: string; assigneeId: string; assigneeName: string }> {
  const res = await as(t.app, citizen)('POST', '/api/v1/dossiers', {
    procedure: LLTP,
    caseIndex: 0,
    channel: 'online',
  });
  expect(res.statusCode, res.body).toBe(201);
  const code = res.json<DossierView>().code!;
  await ok(desk, code, 'receive');
  await ok(desk, code, 'forward');
  const staff = await as(t.app, approver)('GET', `/api/v1/staff?agency=${TUPHAP}&role=handling_officer`);
  const officer = staff
    .json<{ items: { id: string; username: string; fullName: string }[] }>()
    .items.find((s) => s.username === 'tuphap.thuly')!;
  await ok(approver, code, 'assign', { assigneeId: officer.id });
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

function upload(s: Session, ref: string, bytes: Buffer) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/v1/dossiers/${ref}/components/0/file`,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent('Tờ khai.pdf'),
    },
    payload: bytes,
  });
}

async function draft(s: Session = citizen): Promise<DossierView> {
  const res = await as(t.app, s)('POST', '/api/v1/dossiers', {
    procedure: LLTP,
    caseIndex: 0,
    channel: 'online',
    submit: false,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<DossierView>();
}

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
