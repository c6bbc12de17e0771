// Issue 14 "smaller things" on the server: who a dossier was assigned to in its history, deleting a draft,
// and validation messages that name fields by their label (defect 8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierView } from '../../src/features/dossiers/get-dossier.ts';
import { as, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

const TUPHAP = '000.00.09.H20';
const LLTP = '2.000488';

let t: TestApp;
let desk: Session;
let handler: Session;
let approver: Session;
let citizen: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  desk = await loginAs(t.app, 'tuphap.tiepnhan');
  handler = await loginAs(t.app, 'tuphap.thuly');
  approver = await loginAs(t.app, 'tuphap.pheduyet');
  citizen = await loginAs(t.app, '087090001234');
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
