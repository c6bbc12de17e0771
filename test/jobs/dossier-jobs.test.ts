import { asc, eq, sql } from 'drizzle-orm';
import { Logger, runMigrations as installWorkerSchema, runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierEvents, dossiers, notifications } from '../../src/db/schema.ts';
import { computeDue, WORKING_DAY_MS, type WorkCalendar } from '../../src/domain/calendar/index.ts';
import { vnToday } from '../../src/domain/catalog/versions.ts';
import { replay, type DossierEvent } from '../../src/domain/dossier/index.ts';
import { calendarFor } from '../../src/features/calendar/calendar-store.ts';
import { closeUnsupplied } from '../../src/features/dossiers/auto-close.ts';
import { sendDueAlerts } from '../../src/features/dossiers/due-alerts.ts';
import { noMailer, type Mailer, type MailMessage } from '../../src/features/mail/mailer.ts';
import { jobs, MAIL_JOB, taskList, type JobContext, type JobDefinition } from '../../src/jobs/definitions.ts';
import { as, errorOf, testApp, type Session, type TestApp } from '../support/app.ts';
import { closingContent, dossierKit, LLTP, sessions, TUPHAP_STAFF } from '../support/dossiers.ts';

const AUTO = '2.999001'; // a procedure created below that closes unsupplied dossiers after 5 working days

let t: TestApp;
let desk: Session;
let communeDesk: Session;
let handler: Session;
let approver: Session;
let otherApprover: Session;
let tuphapAdmin: Session;
let calendar: WorkCalendar;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  ({ desk, communeDesk, handler, approver, otherApprover, tuphapAdmin } = await sessions(t.app, {
    desk: TUPHAP_STAFF.desk,
    communeDesk: 'caolanh.tiepnhan',
    handler: TUPHAP_STAFF.handler,
    approver: TUPHAP_STAFF.approver,
    otherApprover: 'xaydung.pheduyet',
    tuphapAdmin: 'tuphap.quantri',
  }));
  calendar = await calendarFor(t.database.db, null);
});
afterAll(() => t.close());

interface View {
  id: string;
  code: string;
  version: number;
  status: string;
  dueAt: string | null;
  history: { action: string; actor: { id: string; role: string } }[];
}

const { ok, create: createDossier, carry } = dossierKit<View>(() => t.app);

const create = (s: Session, procedure = LLTP): Promise<View> =>
  createDossier(s, {
    procedure,
    ...(procedure === LLTP ? { caseIndex: 0 } : {}),
    channel: 'in_person',
    applicant: {
      name: 'Lê Thị Bích',
      personalId: '087190000111',
      phone: '0912000111',
      address: 'Phường Cao Lãnh',
    },
  });

async function received(s: Session = desk, procedure = LLTP): Promise<View> {
  const d = await create(s, procedure);
  return ok(s, d.code, 'receive');
}

async function processing(assign: boolean, s: Session = desk, procedure = LLTP): Promise<View> {
  const d = await received(s, procedure);
  return carry({ desk: s, approver, handler }, d.code, assign ? 'assign' : 'forward');
}

/** A job's handler, called directly with a fixed `now`. */
function jobNamed(name: string): JobDefinition<Record<string, never>> {
  return jobs.find((j) => j.name === name) as unknown as JobDefinition<Record<string, never>>;
}

/** Notifications of a kind per dossier: the set of user ids. */
async function notified(kind: string): Promise<Map<string, Set<string>>> {
  const rows = await t.database.db
    .select({ dossierId: notifications.dossierId, userId: notifications.userId })
    .from(notifications)
    .where(eq(notifications.kind, kind));
  const map = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = map.get(r.dossierId!) ?? new Set<string>();
    set.add(r.userId);
    map.set(r.dossierId!, set);
  }
  return map;
}

/** dd/mm/yyyy HH:mm in Vietnam, written independently of the code under test. */
function vnText(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(iso))
    .replace(',', '');
}

async function storedAgreesWithEvents(id: string) {
  const events = await t.database.db
    .select({ event: dossierEvents.event })
    .from(dossierEvents)
    .where(eq(dossierEvents.dossierId, id))
    .orderBy(asc(dossierEvents.seq));
  const [row] = await t.database.db.select().from(dossiers).where(eq(dossiers.id, id));
  expect(replay(events.map((e) => e.event as DossierEvent))).toEqual(row!.state);
}

describe('near-due and overdue alerts', () => {
  let atDesk: View; // received, not forwarded: the approvers answer for it
  let assigned: View; // processing, assigned: the assignee
  let viaCommune: View; // taken in by a commune desk for the department
  let withdrawing: View; // withdrawal requested while processing: the clock still runs
  let pausedWithdrawal: View; // withdrawal requested during a financial-obligation pause: skipped
  let supplementPaused: View; // waiting for a supplement: skipped
  let firstDue = 0;
  let lastDue = 0;

  beforeAll(async () => {
    atDesk = await received();
    assigned = await processing(true);
    viaCommune = await processing(false, communeDesk);
    withdrawing = await processing(true);
    await ok(desk, withdrawing.code, 'request_withdrawal', { reason: 'Không còn nhu cầu' });
    pausedWithdrawal = await processing(true);
    await ok(handler, pausedWithdrawal.code, 'request_financial_obligation', {
      noticeNumber: 'TB-07/2026',
      amountVnd: 150000,
    });
    pausedWithdrawal = await ok(desk, pausedWithdrawal.code, 'request_withdrawal', { reason: 'Thôi' });
    expect(pausedWithdrawal.status).toBe('withdrawal_requested');
    supplementPaused = await processing(true);
    supplementPaused = await ok(handler, supplementPaused.code, 'request_supplement', {
      items: ['Bản sao Căn cước'],
      reason: 'Bản sao không rõ',
    });
    const dues = [atDesk, assigned, viaCommune, withdrawing, pausedWithdrawal, supplementPaused].map((d) =>
      Date.parse(d.dueAt!),
    );
    firstDue = Math.min(...dues);
    lastDue = Math.max(...dues);
  });

  it('leaves dossiers with more than a working day to go alone', async () => {
    // Just received: about ten working days to go.
    const summary = await sendDueAlerts(t.database.db, new Date());
    expect(summary.notifications).toBe(0);
  });

  it('tells the responsible officer and the desk once a day, and skips paused dossiers', async () => {
    // An hour before the first due time: every running dossier has less than a working day left.
    const now = new Date(firstDue - 3_600_000);
    const summary = await sendDueAlerts(t.database.db, now, { pageSize: 1 });
    expect(summary).toMatchObject({ nearDue: 4, overdue: 0 });

    const near = await notified('dossier.near_due');
    expect([...near.keys()].sort()).toEqual([atDesk.id, assigned.id, viaCommune.id, withdrawing.id].sort());
    expect(near.get(atDesk.id)).toEqual(new Set([approver.userId, desk.userId]));
    expect(near.get(assigned.id)).toEqual(new Set([handler.userId, desk.userId]));
    expect(near.get(viaCommune.id)).toEqual(new Set([approver.userId, communeDesk.userId]));
    expect(near.get(withdrawing.id)).toEqual(new Set([handler.userId, desk.userId]));
    expect(summary.notifications).toBe(8);

    const [title] = await t.database.db
      .select({ title: notifications.title, titleEn: notifications.titleEn })
      .from(notifications)
      .where(eq(notifications.dossierId, assigned.id))
      .limit(1);
    expect(title!.title).toBe(
      `Hồ sơ ${assigned.code} sắp đến hạn trả kết quả (hẹn trả ${vnText(assigned.dueAt!)})`,
    );
    expect(title!.titleEn).toBe(`Dossier ${assigned.code} is due soon (due ${vnText(assigned.dueAt!)})`);

    // The scan runs every 15 minutes: the same day adds nothing.
    const again = await sendDueAlerts(t.database.db, new Date(now.getTime() + 15 * 60_000));
    expect(again.nearDue).toBe(4);
    expect(again.notifications).toBe(0);
  });

  it('sends overdue alerts with one email job per officer, delivered by the worker', async () => {
    await installWorkerSchema({ pgPool: t.database.pool });
    const sent: MailMessage[] = [];
    const mailer: Mailer = {
      transport: 'log',
      send: (m) => {
        sent.push(m);
        return Promise.resolve();
      },
    };
    const context: JobContext = { mailer };
    // An hour of working time after the last due time.
    const now = new Date(calendar.addWorkingMs(lastDue, 3_600_000));
    const job = jobNamed('dossiers:due_alerts');
    await job.handler(t.database, {}, now, context);

    const overdue = await notified('dossier.overdue');
    expect([...overdue.keys()].sort()).toEqual(
      [atDesk.id, assigned.id, viaCommune.id, withdrawing.id].sort(),
    );
    expect(overdue.has(pausedWithdrawal.id)).toBe(false);
    expect(overdue.has(supplementPaused.id)).toBe(false);
    const queued = await t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = $1`,
      [MAIL_JOB],
    );
    expect(queued.rows[0]!.n).toBe(8);

    await runOnce({
      pgPool: t.database.pool,
      taskList: taskList(t.database, context),
      noHandleSignals: true,
      logger: new Logger(() => () => undefined),
    });
    expect(sent).toHaveLength(8);
    expect(new Set(sent.map((m) => m.to))).toEqual(
      new Set([
        'tuphap.tiepnhan@dongthap.gov.vn',
        'tuphap.thuly@dongthap.gov.vn',
        'tuphap.pheduyet@dongthap.gov.vn',
        'caolanh.tiepnhan@dongthap.gov.vn',
      ]),
    );
    const toHandler = sent.find(
      (m) => m.to === 'tuphap.thuly@dongthap.gov.vn' && m.subject.includes(assigned.code),
    )!;
    expect(toHandler.subject).toBe(
      `Hồ sơ ${assigned.code} đã quá hạn trả kết quả (hẹn trả ${vnText(assigned.dueAt!)})`,
    );
    expect(toHandler.text).toContain(`Dossier ${assigned.code} is overdue`);
    const failed = await t.database.pool.query(
      'SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE last_error IS NOT NULL',
    );
    expect(failed.rows[0].n).toBe(0);

    // Again the same day, still with email on: no new notification, no new email job.
    await job.handler(t.database, {}, new Date(now.getTime() + 30 * 60_000), context);
    const left = await t.database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM graphile_worker.jobs',
    );
    expect(left.rows[0]!.n).toBe(0);
  });

  it('serves each officer their own notifications and marks them read', async () => {
    const mine = await as(t.app, handler)('GET', '/api/v1/me/notifications');
    expect(mine.statusCode, mine.body).toBe(200);
    const page = mine.json<{
      items: {
        id: number;
        kind: string;
        title: string;
        titleEn: string;
        dossierCode: string;
        readAt: null;
      }[];
      total: number;
      unread: number;
    }>();
    const own = await t.database.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.userId, handler.userId));
    expect(page.total).toBe(own.length);
    expect(page.unread).toBe(own.length);
    expect(page.items.map((i) => i.id).sort()).toEqual(own.map((o) => o.id).sort());
    expect(page.items.every((i) => i.readAt === null && i.dossierCode && i.titleEn)).toBe(true);
    expect(new Set(page.items.map((i) => i.kind))).toEqual(new Set(['dossier.near_due', 'dossier.overdue']));

    const someoneElses = await t.database.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.userId, desk.userId))
      .limit(1);
    const read = await as(t.app, handler)('POST', '/api/v1/me/notifications/read', {
      ids: [page.items[0]!.id, someoneElses[0]!.id],
    });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({ marked: 1, unread: own.length - 1 });
    const deskView = await as(t.app, desk)('GET', '/api/v1/me/notifications?unread=true');
    expect(deskView.json<{ items: { id: number }[] }>().items.map((i) => i.id)).toContain(
      someoneElses[0]!.id,
    );

    const unreadOnly = await as(t.app, handler)(
      'GET',
      '/api/v1/me/notifications?unread=true&pageSize=2&page=1',
    );
    const unreadPage = unreadOnly.json<{ items: { id: number }[]; total: number; unread: number }>();
    expect(unreadPage.items).toHaveLength(2);
    expect(unreadPage.total).toBe(own.length - 1);
    expect(unreadPage.items.map((i) => i.id)).not.toContain(page.items[0]!.id);

    const all = await as(t.app, handler)('POST', '/api/v1/me/notifications/read', {});
    expect(all.json()).toEqual({ marked: own.length - 1, unread: 0 });
    const stillUnread = await as(t.app, desk)('GET', '/api/v1/me/notifications');
    expect(stillUnread.json<{ unread: number }>().unread).toBeGreaterThan(0);

    const nobody = await as(t.app, otherApprover)('GET', '/api/v1/me/notifications');
    expect(nobody.json()).toMatchObject({ items: [], total: 0, unread: 0 });
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/me/notifications' });
    expect(anonymous.statusCode).toBe(401);
    const bad = await as(t.app, handler)('POST', '/api/v1/me/notifications/read', { ids: ['x'] });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe('VALIDATION_FAILED');
  });
});

describe('closing dossiers whose supplement did not come', () => {
  const content = closingContent('Thủ tục thử nghiệm đóng hồ sơ quá hạn bổ sung');

  let atIntake: View;
  let inAppraisal: View;
  let noRule: View;
  let supplied: View;
  let requestedAt: number[] = [];

  beforeAll(async () => {
    const draft = await as(t.app, tuphapAdmin)('POST', '/api/v1/procedures', { code: AUTO, content });
    expect(draft.statusCode, draft.body).toBe(201);
    const published = await as(t.app, tuphapAdmin)('POST', `/api/v1/procedures/${AUTO}/publish`, {
      version: draft.json<{ version: { lockVersion: number } }>().version.lockVersion,
      effectiveFrom: vnToday(new Date()),
    });
    expect(published.statusCode, published.body).toBe(200);

    const supplement = { items: ['Tờ khai có chữ ký'], reason: 'Tờ khai chưa ký' };
    atIntake = await create(desk, AUTO);
    atIntake = await ok(desk, atIntake.code, 'request_supplement', supplement);
    inAppraisal = await processing(true, desk, AUTO);
    inAppraisal = await ok(handler, inAppraisal.code, 'request_supplement', supplement);
    noRule = await create(desk, LLTP);
    noRule = await ok(desk, noRule.code, 'request_supplement', supplement);
    supplied = await create(desk, AUTO);
    await ok(desk, supplied.code, 'request_supplement', supplement);
    supplied = await ok(desk, supplied.code, 'provide_supplement', { items: ['Tờ khai có chữ ký'] });
    const rows = await t.database.pool.query<{ at: Date }>(
      `SELECT at FROM dossier_events WHERE action = 'request_supplement' AND dossier_id = ANY($1)`,
      [[atIntake.id, inAppraisal.id]],
    );
    requestedAt = rows.rows.map((r) => r.at.getTime());
    expect(requestedAt).toHaveLength(2);
  });

  it('waits out the working days, then refuses at intake and stops in appraisal as the system', async () => {
    const due = (start: number) => computeDue({ start, amount: 5, unit: 'working_days' }, calendar);
    const firstDeadline = due(Math.min(...requestedAt));
    const lastDeadline = due(Math.max(...requestedAt));
    const early = await closeUnsupplied(t.database.db, new Date(firstDeadline - 60_000));
    expect(early.closed).toEqual([]);
    expect(early.candidates).toBe(2);

    await jobNamed('dossiers:auto_close').handler(t.database, {}, new Date(lastDeadline + 60_000), {
      mailer: noMailer,
    });

    const status = async (d: View) =>
      (
        await t.database.db.select({ status: dossiers.status }).from(dossiers).where(eq(dossiers.id, d.id))
      )[0]!.status;
    expect(await status(atIntake)).toBe('refused');
    expect(await status(inAppraisal)).toBe('stopped');
    expect(await status(noRule)).toBe('supplement_requested_at_intake');
    expect(await status(supplied)).toBe('submitted');

    const events = await t.database.db
      .select()
      .from(dossierEvents)
      .where(
        sql`${dossierEvents.dossierId} IN (${atIntake.id}, ${inAppraisal.id}) AND ${dossierEvents.actorRole} = 'system'`,
      );
    expect(events.map((e) => [e.dossierId, e.action, e.actorId, e.toStatus]).sort()).toEqual(
      [
        [atIntake.id, 'refuse', 'system:auto-close', 'refused'],
        [inAppraisal.id, 'stop', 'system:auto-close', 'stopped'],
      ].sort(),
    );
    const refuse = events.find((e) => e.action === 'refuse')!.event as DossierEvent & {
      data: { reasons: string[] };
    };
    expect(refuse.data.reasons[0]).toMatch(/^Quá thời hạn bổ sung hồ sơ theo quy định \(5 ngày làm việc/);
    const stopped = (await t.database.db.select().from(dossiers).where(eq(dossiers.id, inAppraisal.id)))[0]!;
    expect(stopped.state.stopReason).toBe('agency');
    expect(stopped.state.openPause).toBeNull();
    await storedAgreesWithEvents(atIntake.id);
    await storedAgreesWithEvents(inAppraisal.id);

    const audit = await t.database.pool.query<{
      action: string;
      actor_id: string | null;
      data: { actor: string };
    }>(
      `SELECT action, actor_id, data FROM audit_log WHERE entity = 'dossier' AND entity_id = ANY($1) AND data->>'role' = 'system'`,
      [[atIntake.id, inAppraisal.id]],
    );
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['dossier.refuse', 'dossier.stop']);
    expect(audit.rows.every((r) => r.actor_id === null && r.data.actor === 'system:auto-close')).toBe(true);

    // The history shows the system as the actor; the desk can still read the dossier.
    const view = await as(t.app, desk)('GET', `/api/v1/dossiers/${atIntake.code}`);
    expect(view.statusCode).toBe(200);
    expect(view.json<View>().history.at(-1)).toMatchObject({ action: 'refuse', actor: { role: 'system' } });

    // Nothing left to do on the next run.
    const again = await closeUnsupplied(t.database.db, new Date(lastDeadline + 2 * WORKING_DAY_MS));
    expect(again).toMatchObject({ candidates: 0, closed: [], skipped: 0 });
  });
});
