import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistory } from '../../src/features/statistics/import-history.ts';
import { runImportDossiersCli } from '../../src/server/cli/import-dossiers-cli.ts';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

const ROOT = '000.00.00.H20';
const TUPHAP = '000.00.09.H20';
const LLTP = '2.000488';
const NEW_AGENCY = '000.00.44.H20';
const OTHER_PROVINCE = '000.00.12.H18';
const NEW_PROCEDURE = '1.009999';

let t: TestApp;
let admin: Session;
let supervisor: Session;
let staff: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  admin = await loginAs(t.app, 'admin');
  supervisor = await loginAs(t.app, 'tinh.giamsat');
  staff = await loginAs(t.app, 'tuphap.tiepnhan');
});
afterAll(() => t.close());

type Line = Record<string, unknown>;
const ndjson = (lines: (Line | string)[]) =>
  lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

function upload(session: Session, body: string, query = '', contentType = 'application/x-ndjson') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/dossiers${query}`,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': contentType },
    payload: body,
  });
}

const dossier = (code: string, over: Line = {}): Line => ({
  code,
  agency: TUPHAP,
  procedure: LLTP,
  channel: 'online',
  receivedAt: '2024-02-01T08:00:00+07:00',
  dueAt: '2024-02-10T08:00:00+07:00',
  finishedAt: '2024-02-05T10:00:00+07:00',
  returnedAt: '2024-02-05T14:00:00+07:00',
  outcome: 'resolved',
  supplementRequests: 0,
  paidOnline: false,
  applicant: { name: 'Nguyễn Văn A' },
  ...over,
});

const count = async (q: ReturnType<typeof sql>) => (await t.database.db.execute<{ n: number }>(q)).rows[0]!.n;
const historyRows = () => count(sql`select count(*)::int as n from dossier_history`);
const statsSum = () =>
  count(sql`select coalesce(sum(received + resolved_early + resolved_on_time + resolved_late + refused
                                 + withdrawn + stopped), 0)::int as n from stats_daily`);

interface Report {
  importId: string;
  lines: number;
  imported: number;
  skipped: number;
  placeholders: {
    agencies: { code: string; name: string; level: string; parent: string | null }[];
    procedures: string[];
  };
  errors: unknown[];
}

describe('history import', () => {
  const file = ndjson([
    dossier('HIS-0001'),
    '',
    dossier('HIS-0002', { channel: 'in_person', outcome: 'refused', dueAt: null, returnedAt: null }),
    dossier('HIS-0003', {
      agency: NEW_AGENCY,
      procedure: NEW_PROCEDURE,
      outcome: 'open',
      finishedAt: null,
      returnedAt: null,
    }),
    dossier('HIS-0004', { agency: OTHER_PROVINCE, channel: 'postal', applicant: null, paidOnline: true }),
    dossier('HIS-0005', {
      receivedAt: '2024-01-31T17:00:00.123456Z',
      outcome: 'withdrawn',
      returnedAt: null,
    }),
  ]).replace(/\n/g, '\r\n');

  it('imports good lines, creates placeholders and lists them', async () => {
    const browseBefore = await as(t.app, undefined)('GET', '/api/v1/procedures?pageSize=1');
    const res = await upload(admin, file);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<Report>();
    expect(report).toMatchObject({ lines: 5, imported: 5, skipped: 0, errors: [] });
    expect(report.placeholders.procedures).toEqual([NEW_PROCEDURE]);
    expect(report.placeholders.agencies).toEqual([
      { code: NEW_AGENCY, name: `Cơ quan chưa xác định (${NEW_AGENCY})`, level: 'department', parent: ROOT },
      {
        code: OTHER_PROVINCE,
        name: `Cơ quan chưa xác định (${OTHER_PROVINCE})`,
        level: 'department',
        parent: ROOT,
      },
    ]);
    expect(await historyRows()).toBe(5);

    const stored = await t.database.db.execute<Record<string, unknown>>(sql`
      select h.code, a.code as agency, p.code as procedure, h.channel, h.outcome, h.applicant_name,
             h.paid_online, h.received_at = '2024-01-31T17:00:00.123456Z'::timestamptz as exact, h.import_id::text
        from dossier_history h join agencies a on a.id = h.agency_id join procedures p on p.id = h.procedure_id
       order by h.code`);
    expect(stored.rows.map((r) => r.code)).toEqual([
      'HIS-0001',
      'HIS-0002',
      'HIS-0003',
      'HIS-0004',
      'HIS-0005',
    ]);
    expect(stored.rows[3]).toMatchObject({
      agency: OTHER_PROVINCE,
      channel: 'postal',
      applicant_name: null,
      paid_online: true,
    });
    expect(stored.rows[4]!.exact).toBe(true);
    expect(new Set(stored.rows.map((r) => r.import_id))).toEqual(new Set([report.importId]));

    // The placeholder agency sits under the root, so the province's subtree reports include it.
    const placed = await t.database.db.execute<{ path: string; root_path: string; level: string }>(sql`
      select a.path, r.path as root_path, a.level from agencies a, agencies r
       where a.code = ${NEW_AGENCY} and r.code = ${ROOT}`);
    expect(placed.rows[0]!.path.startsWith(placed.rows[0]!.root_path)).toBe(true);

    const audit = await t.database.db.execute<{
      action: string;
      actor_id: string;
      data: { imported: number };
    }>(
      sql`select action, actor_id, data from audit_log where entity = 'dossier_history' and entity_id = ${report.importId}`,
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        action: 'history.import',
        actor_id: admin.userId,
        data: expect.objectContaining({ imported: 5 }),
      }),
    ]);

    // The placeholder procedure has no version: the public catalog does not show it.
    const anon = as(t.app, undefined);
    expect((await anon('GET', `/api/v1/procedures/${NEW_PROCEDURE}`)).statusCode).toBe(404);
    const search = await anon('GET', `/api/v1/procedures?q=${NEW_PROCEDURE}`);
    expect(search.statusCode).toBe(200);
    expect(search.json<{ items: { code: string }[] }>().items.map((i) => i.code)).not.toContain(
      NEW_PROCEDURE,
    );
    const browseAfter = await anon('GET', '/api/v1/procedures?pageSize=1');
    expect(browseAfter.json<{ total: number }>().total).toBe(browseBefore.json<{ total: number }>().total);
    // …while reports group its dossiers under its code.
    const byProcedure = await as(t.app, supervisor)(
      'GET',
      `/api/v1/reports/resolution?agency=${NEW_AGENCY}&from=2024-01-01&to=2024-12-31&groupBy=procedure`,
    );
    expect(byProcedure.statusCode, byProcedure.body).toBe(200);
    expect(byProcedure.json<{ groups: { key: string; name: string }[] }>().groups).toEqual([
      expect.objectContaining({ key: NEW_PROCEDURE, name: NEW_PROCEDURE }),
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const rows = await historyRows();
    const stats = await statsSum();
    const agencies = await count(sql`select count(*)::int as n from agencies`);
    const audits = await count(sql`select count(*)::int as n from audit_log`);
    const res = await upload(admin, file, '', 'application/octet-stream');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Report>()).toMatchObject({
      lines: 5,
      imported: 0,
      skipped: 5,
      placeholders: { agencies: [], procedures: [] },
    });
    expect(await historyRows()).toBe(rows);
    expect(await statsSum()).toBe(stats);
    expect(await count(sql`select count(*)::int as n from agencies`)).toBe(agencies);
    expect(await count(sql`select count(*)::int as n from audit_log`)).toBe(audits);

    // A file holding those and one new line imports only the new one.
    const more = await upload(admin, file + JSON.stringify(dossier('HIS-0006')) + '\n');
    expect(more.json<Report>()).toMatchObject({ lines: 6, imported: 1, skipped: 5 });
  });

  it('imports nothing when one line is bad, and reports every error with its line and field', async () => {
    const rows = await historyRows();
    const agencies = await count(sql`select count(*)::int as n from agencies`);
    const res = await upload(
      admin,
      ndjson([
        dossier('BAD-0001', { agency: '000.00.45.H20' }),
        dossier('BAD-0002', { receivedAt: '2024-02-01 08:00' }),
        dossier('BAD-0003'),
        dossier('BAD-0003', { channel: 'fax' }),
        dossier('BAD-0004', { finishedAt: '2024-01-01T08:00:00+07:00' }),
        '{"code":',
        // Already imported with another finishing time.
        dossier('HIS-0001', { finishedAt: '2024-02-06T10:00:00+07:00', returnedAt: null }),
        dossier('BAD-0005', { returnedAt: '2024-02-05T09:00:00+07:00' }),
        dossier('BAD-0006', { dueAt: '2024-01-30T08:00:00+07:00' }),
        dossier('BAD-0007', { outcome: 'lost' }),
        dossier('BAD-0008', { agency: '12.H20' }),
      ]),
    );
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json<{
      error: {
        code: string;
        details: {
          total: number;
          lines: number;
          errors: { line: number; field: string | null; code: string; message: string; message_en: string }[];
        };
      };
    }>().error;
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.details.lines).toBe(11);
    expect(error.details.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [2, 'receivedAt', 'TIMESTAMP_OFFSET_REQUIRED'],
      [4, 'channel', 'VALIDATION_FAILED'],
      [5, 'finishedAt', 'DATES_OUT_OF_ORDER'],
      [6, null, 'INVALID_JSON_LINE'],
      [7, 'finishedAt', 'HISTORY_CONFLICT'],
      [8, 'returnedAt', 'DATES_OUT_OF_ORDER'],
      [9, 'dueAt', 'DATES_OUT_OF_ORDER'],
      [10, 'outcome', 'VALIDATION_FAILED'],
      [11, 'agency', 'INVALID_AGENCY_CODE'],
    ]);
    expect(error.details.total).toBe(9);
    for (const e of error.details.errors) expect(e.message && e.message_en).toBeTruthy();
    expect(await historyRows()).toBe(rows);
    expect(await count(sql`select count(*)::int as n from agencies`)).toBe(agencies);

    expect(await historyRows()).toBe(rows);
    expect(await count(sql`select count(*)::int as n from agencies where code = '000.00.45.H20'`)).toBe(0);
  });

  it('checks without writing on a dry run, and refuses strangers, other media types and empty files', async () => {
    const rows = await historyRows();
    const dry = await upload(admin, ndjson([dossier('DRY-0001', { procedure: '1.008888' })]), '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json<Report>()).toMatchObject({
      dryRun: true,
      imported: 1,
      placeholders: { agencies: [], procedures: ['1.008888'] },
    });
    expect(await historyRows()).toBe(rows);
    expect(await count(sql`select count(*)::int as n from procedures where code = '1.008888'`)).toBe(0);

    const forbidden = await upload(supervisor, ndjson([dossier('X-1')]));
    expect(forbidden.statusCode).toBe(403);
    expect((await upload(staff, ndjson([dossier('X-1')]))).statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/dossiers',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: ndjson([dossier('X-1')]),
    });
    expect(anonymous.statusCode).toBe(401);
    const json = await upload(admin, JSON.stringify(dossier('X-1')), '', 'application/json');
    expect(json.statusCode).toBe(415);
    expect(errorOf(json).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const empty = await upload(admin, '\n\n');
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).code).toBe('FILE_EMPTY');
    expect(await historyRows()).toBe(rows);
  });

  it('feeds the period report', async () => {
    // The first half of 2023 at the justice department, all through the import.
    const h = (code: string, over: Line) => dossier(`PR-${code}`, { agency: TUPHAP, ...over });
    const lines = [
      // carried over, resolved on its appointment date
      h('A', {
        channel: 'in_person',
        receivedAt: '2022-12-20T09:00:00+07:00',
        dueAt: '2023-01-03T09:00:00+07:00',
        finishedAt: '2023-01-03T16:00:00+07:00',
        returnedAt: null,
      }),
      // received in the period, resolved early
      h('B', {
        receivedAt: '2023-02-01T08:00:00+07:00',
        dueAt: '2023-02-10T08:00:00+07:00',
        finishedAt: '2023-02-05T10:00:00+07:00',
        returnedAt: null,
      }),
      // resolved late
      h('C', {
        channel: 'postal',
        receivedAt: '2023-03-01T08:00:00+07:00',
        dueAt: '2023-03-10T08:00:00+07:00',
        finishedAt: '2023-03-12T10:00:00+07:00',
        returnedAt: null,
      }),
      // still open at the end, overdue
      h('D', {
        receivedAt: '2023-06-01T08:00:00+07:00',
        dueAt: '2023-06-20T08:00:00+07:00',
        finishedAt: null,
        returnedAt: null,
        outcome: 'open',
      }),
      // received at 23:59 on the last day, open, within its deadline
      h('E', {
        receivedAt: '2023-06-30T23:59:00+07:00',
        dueAt: '2023-07-10T08:00:00+07:00',
        finishedAt: null,
        returnedAt: null,
        outcome: 'open',
      }),
      h('F', {
        channel: 'in_person',
        receivedAt: '2023-04-01T08:00:00+07:00',
        dueAt: null,
        finishedAt: '2023-04-01T09:00:00+07:00',
        returnedAt: null,
        outcome: 'refused',
      }),
      h('G', {
        channel: 'in_person',
        receivedAt: '2023-04-02T08:00:00+07:00',
        dueAt: '2023-04-20T08:00:00+07:00',
        finishedAt: '2023-04-10T08:00:00+07:00',
        returnedAt: null,
        outcome: 'withdrawn',
      }),
      h('H', {
        channel: 'in_person',
        receivedAt: '2023-05-02T08:00:00+07:00',
        dueAt: '2023-05-20T08:00:00+07:00',
        finishedAt: '2023-05-10T08:00:00+07:00',
        returnedAt: null,
        outcome: 'stopped',
      }),
      // finished before the period: not in the report
      h('I', {
        receivedAt: '2022-12-01T08:00:00+07:00',
        dueAt: '2022-12-31T17:00:00+07:00',
        finishedAt: '2022-12-31T23:59:00+07:00',
        returnedAt: null,
      }),
    ];
    const res = await upload(admin, ndjson(lines));
    expect(res.statusCode, res.body).toBe(200);
    const report = await as(t.app, staff)(
      'GET',
      `/api/v1/reports/resolution?agency=${TUPHAP}&from=2023-01-01&to=2023-06-30`,
    );
    expect(report.statusCode, report.body).toBe(200);
    const r = report.json<Record<string, unknown>>();
    expect(r.received).toEqual({
      total: 7,
      inPeriod: 6,
      online: 3,
      inPersonOrPostal: 3,
      inPerson: 2,
      postal: 1,
      carriedOver: 1,
    });
    expect(r.resolved).toEqual({ total: 3, early: 1, onTime: 1, late: 1 });
    expect(r.inProgress).toEqual({ total: 2, withinDeadline: 1, overdue: 1 });
    expect(r.other).toEqual({ refused: 1, withdrawn: 1, stopped: 1 });
    expect(r.addsUp).toBe(true);
  });
});

describe('history import use case', () => {
  it('reads lines split anywhere across chunks, and refuses files over the size limit', async () => {
    const bytes = Buffer.from(
      '\uFEFF' +
        ndjson([
          dossier('CHUNK-0001', { applicant: { name: 'Nguyễn Thị Ánh Tuyết' } }),
          dossier('CHUNK-0002'),
        ]),
    );
    const chunks = function* () {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    };
    const report = await importHistory(
      t.database.db,
      'system',
      { source: chunks() },
      { ip: null },
      new Date(),
    );
    expect(report).toMatchObject({ lines: 2, imported: 2 });
    const name = await t.database.db.execute<{ applicant_name: string }>(
      sql`select applicant_name from dossier_history where code = 'CHUNK-0001'`,
    );
    expect(name.rows[0]!.applicant_name).toBe('Nguyễn Thị Ánh Tuyết');
    await expect(
      importHistory(t.database.db, 'system', { source: chunks(), maxBytes: 100 }, { ip: null }, new Date()),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });
});

describe('history import command line', () => {
  it('imports a file, prints progress and a summary, and reports errors with their lines', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'motcua-history-cli-'));
    try {
      const good = path.join(dir, 'good.ndjson');
      await writeFile(good, ndjson([1, 2, 3].map((i) => dossier(`CLI-000${i}`, { procedure: '1.007777' }))));
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
      expect(await runImportDossiersCli([good, '--progress-every', '2'], t.database.db, io)).toBe(0);
      expect(out[0]).toMatch(/^Imported 3 dossiers, skipped 0/);
      expect(out.join('\n')).toContain('1.007777');
      expect(err.some((l) => l.includes('read 2 lines'))).toBe(true);
      const audit = await t.database.db.execute<{ actor_id: string | null; data: { source: string } }>(
        sql`select actor_id, data from audit_log where action = 'history.import' order by id desc limit 1`,
      );
      expect(audit.rows[0]).toMatchObject({
        actor_id: null,
        data: expect.objectContaining({ source: 'cli' }),
      });

      out.length = 0;
      expect(await runImportDossiersCli([good, '--dry-run'], t.database.db, io)).toBe(0);
      expect(out[0]).toMatch(/would write 0 and skip 3/);

      const bad = path.join(dir, 'bad.ndjson');
      await writeFile(bad, ndjson([dossier('CLI-0009'), dossier('CLI-0010', { outcome: 'gone' })]));
      err.length = 0;
      expect(await runImportDossiersCli([bad], t.database.db, io)).toBe(1);
      expect(err.join('\n')).toContain('line 2, outcome: VALIDATION_FAILED');
      expect(await count(sql`select count(*)::int as n from dossier_history where code = 'CLI-0009'`)).toBe(
        0,
      );
      expect(await runImportDossiersCli([], t.database.db, io)).toBe(2);
      expect(await runImportDossiersCli([path.join(dir, 'missing.ndjson')], t.database.db, io)).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
