import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnToday } from '../../src/domain/catalog/versions.ts';
import { getProcedure } from '../../src/features/catalog/get-procedure.ts';
import { searchProcedures } from '../../src/features/catalog/search-procedures.ts';
import { procedureContent } from '../support/procedures.ts';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: Session;
let tuphapAdmin: Session;
let xaydungAdmin: Session;
let tuphapClerk: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  admin = await loginAs(t.app, 'admin');
  tuphapAdmin = await loginAs(t.app, 'tuphap.quantri');
  xaydungAdmin = await loginAs(t.app, 'xaydung.quantri');
  tuphapClerk = await loginAs(t.app, 'tuphap.vanthu');
});
afterAll(() => t.close());

const TUPHAP = '000.00.09.H20';
// The method states the procedure's own deadline (publication refuses a contradiction, issue 14 defect 9).
const content = procedureContent;
const step = (role: string, amount: number, unit = 'working_days', extra: Record<string, unknown> = {}) => ({
  role,
  unit: null,
  cooperatingAgency: null,
  budget: { amount, unit },
  parallelGroup: null,
  branch: null,
  ...extra,
});

describe('drafts, publication and versions', () => {
  const code = '2.000100';
  let lock = 0;

  it('creates a draft that is not public yet, audited', async () => {
    const res = await as(t.app, tuphapAdmin)('POST', '/api/v1/procedures', { code, content: content() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().version).toMatchObject({ seq: 1, status: 'draft' });
    lock = res.json().version.lockVersion;
    expect((await t.app.inject(`/api/v1/procedures/${code}`)).statusCode).toBe(404);
    const drafts = await as(t.app, tuphapAdmin)('GET', '/api/v1/catalog/drafts');
    expect(drafts.json().items.map((d: { code: string }) => d.code)).toContain(code);
    const others = await as(t.app, xaydungAdmin)('GET', '/api/v1/catalog/drafts');
    expect(others.json().items.map((d: { code: string }) => d.code)).not.toContain(code);
    const audit = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`,
      [code],
    );
    expect(audit.rows[0].n).toBe(1);
    const dup = await as(t.app, tuphapAdmin)('POST', '/api/v1/procedures', { code, content: content() });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).code).toBe('PROCEDURE_CODE_TAKEN');
  });

  it('edits the draft with an optimistic version check', async () => {
    const ok = await as(t.app, tuphapAdmin)('PUT', `/api/v1/procedures/${code}/draft`, {
      version: lock,
      content: content({ name: 'Cấp bản sao từ sổ gốc' }),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await as(t.app, tuphapAdmin)('PUT', `/api/v1/procedures/${code}/draft`, {
      version: lock,
      content: content(),
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('VERSION_CONFLICT');
    lock = ok.json().version.lockVersion;
  });

  it('forbids another agency’s administrator and plain staff (403)', async () => {
    const other = await as(t.app, xaydungAdmin)('PUT', `/api/v1/procedures/${code}/draft`, {
      version: lock,
      content: content({ agencies: ['000.00.10.H20'] }),
    });
    expect(other.statusCode).toBe(403);
    const clerk = await as(t.app, tuphapClerk)('PUT', `/api/v1/procedures/${code}/draft`, {
      version: lock,
      content: content(),
    });
    expect(clerk.statusCode).toBe(403);
    const publish = await as(t.app, xaydungAdmin)('POST', `/api/v1/procedures/${code}/publish`, {
      version: lock,
      effectiveFrom: vnToday(new Date()),
    });
    expect(publish.statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/procedures',
      payload: { code: '2.000101', content: content() },
    });
    expect(anonymous.statusCode).toBe(401);
    const foreign = await as(t.app, xaydungAdmin)('POST', '/api/v1/procedures', {
      code: '2.000101',
      content: content(),
    });
    expect(foreign.statusCode).toBe(403);
  });

  it('publishes today, then a new version from a future date while the old one is still served', async () => {
    const today = vnToday(new Date());
    const past = await as(t.app, tuphapAdmin)('POST', `/api/v1/procedures/${code}/publish`, {
      version: lock,
      effectiveFrom: '2020-01-01',
    });
    expect(past.statusCode).toBe(400);
    expect(errorOf(past)).toMatchObject({ code: 'EFFECTIVE_DATE_IN_PAST', field: 'effectiveFrom' });
    const first = await as(t.app, tuphapAdmin)('POST', `/api/v1/procedures/${code}/publish`, {
      version: lock,
      effectiveFrom: today,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toMatchObject({ seq: 1, status: 'in_force' });
    lock = first.json().version.lockVersion;
    expect((await t.app.inject(`/api/v1/procedures/${code}`)).json().name).toBe('Cấp bản sao từ sổ gốc');

    // Editing the published procedure starts draft 2; publishing it from a future date.
    const edit = await as(t.app, tuphapAdmin)('PUT', `/api/v1/procedures/${code}/draft`, {
      version: lock,
      content: content({
        name: 'Cấp bản sao văn bằng từ sổ gốc (sửa đổi)',
        deadline: { amount: 2, unit: 'working_days' },
      }),
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().version).toMatchObject({ seq: 2, status: 'draft' });
    const future = new Date(Date.now() + 10 * 86400_000);
    const futureDay = vnToday(future);
    const second = await as(t.app, tuphapAdmin)('POST', `/api/v1/procedures/${code}/publish`, {
      version: edit.json().version.lockVersion,
      effectiveFrom: futureDay,
      note: 'Rút ngắn thời hạn',
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().version.status).toBe('scheduled');

    // Today the first version is still served; on the effective date (passing `now`) the second.
    const now = await t.app.inject(`/api/v1/procedures/${code}`);
    expect(now.json()).toMatchObject({
      name: 'Cấp bản sao từ sổ gốc',
      version: { seq: 1, effectiveTo: futureDay },
    });
    const later = await getProcedure(t.database.db, undefined, code, future);
    expect(later).toMatchObject({
      name: 'Cấp bản sao văn bằng từ sổ gốc (sửa đổi)',
      version: { seq: 2, status: 'in_force' },
    });
    const dayBefore = await getProcedure(
      t.database.db,
      undefined,
      code,
      new Date(future.getTime() - 86400_000),
    );
    expect(dayBefore.version.seq).toBe(1);
    const onParam = await t.app.inject(`/api/v1/procedures/${code}?on=${futureDay}`);
    expect(onParam.json().version.seq).toBe(2);
    const searchLater = await searchProcedures(
      t.database.db,
      { q: 'sua doi so goc', page: 1, pageSize: 5 },
      future,
    );
    expect(searchLater.items[0]?.code).toBe(code);

    const history = await t.app.inject(`/api/v1/procedures/${code}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.json().versions.map((v: { seq: number; status: string }) => [v.seq, v.status])).toEqual([
      [2, 'scheduled'],
      [1, 'in_force'],
    ]);
    expect(history.json().versions[0].changed).toEqual(expect.arrayContaining(['name', 'deadline']));

    // The same date twice is refused.
    const again = await as(t.app, tuphapAdmin)('PUT', `/api/v1/procedures/${code}/draft`, {
      version: second.json().version.lockVersion,
      content: content({ name: 'Lần ba' }),
    });
    const clash = await as(t.app, tuphapAdmin)('POST', `/api/v1/procedures/${code}/publish`, {
      version: again.json().version.lockVersion,
      effectiveFrom: futureDay,
    });
    expect(clash.statusCode).toBe(409);
    expect(errorOf(clash).code).toBe('EFFECTIVE_DATE_TAKEN');
  });

  it('keeps published versions immutable in the database', async () => {
    await expect(
      t.database.pool.query(
        `UPDATE procedure_versions SET name = 'x' WHERE status = 'published' AND procedure_id = (SELECT id FROM procedures WHERE code = $1)`,
        [code],
      ),
    ).rejects.toThrow(/immutable/);
    await expect(
      t.database.pool.query(`DELETE FROM procedure_versions WHERE status = 'published'`),
    ).rejects.toThrow(/immutable/);
  });

  it('validates content: unknown agencies and fields, empty component names', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ agencies: ['999.99.99.H20'] }, 'UNKNOWN_AGENCY', 'content/agencies/0'],
      [{ field: 'NOPE' }, 'PROCEDURE_FIELD_NOT_FOUND', 'content/field'],
      [
        {
          components: [
            {
              name: '',
              required: true,
              originals: 1,
              copies: 0,
              formTemplateId: null,
              fromNationalDb: false,
            },
          ],
        },
        'VALIDATION_FAILED',
        'content/components/0/name',
      ],
      [
        {
          components: [
            {
              name: '   ',
              required: true,
              originals: 1,
              copies: 0,
              formTemplateId: null,
              fromNationalDb: false,
            },
          ],
        },
        'VALIDATION_FAILED',
        'content/components/0/name',
      ],
      [{ deadline: { amount: 3.5, unit: 'calendar_days' } }, 'VALIDATION_FAILED', 'content/deadline/amount'],
      [{ onlineLevel: 'full' }, 'VALIDATION_FAILED', 'content/onlineLevel'],
      [
        {
          components: [
            {
              name: 'X',
              required: true,
              originals: 1,
              copies: 0,
              formTemplateId: 424242,
              fromNationalDb: false,
            },
          ],
        },
        'FORM_TEMPLATE_NOT_FOUND',
        'content/components/0/formTemplateId',
      ],
    ];
    for (const [over, errCode, field] of cases) {
      const res = await as(t.app, admin)('POST', '/api/v1/procedures', {
        code: '2.000199',
        content: content(over),
      });
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(errorOf(res), JSON.stringify(over)).toMatchObject({ code: errCode, field });
    }
  });
});

describe('internal processes', () => {
  const code = '2.000488'; // 10 working days, Sở Tư pháp
  const url = `/api/v1/procedures/${code}/processes/${TUPHAP}`;

  it('are shown to staff with their budget', async () => {
    const res = await as(t.app, tuphapClerk)('GET', `/api/v1/procedures/${code}/processes`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({
      agency: { code: TUPHAP },
      budget: { used: 10, limit: 10, scale: 'working_days' },
    });
    expect((await t.app.inject(`/api/v1/procedures/${code}/processes`)).statusCode).toBe(401);
  });

  it('accept budgets within the deadline, with a parallel group counted once', async () => {
    const current = (await as(t.app, tuphapAdmin)('GET', `/api/v1/procedures/${code}/processes`)).json()
      .items[0];
    const steps = [
      step('receive', 4, 'working_hours', { unit: 'Phòng Hành chính tư pháp' }),
      step('handle', 6, 'working_days', { parallelGroup: 'p', branch: 'a' }),
      step('approve', 0.5, 'working_days', { parallelGroup: 'p', branch: 'a' }),
      step('cooperate', 6.5, 'working_days', { parallelGroup: 'p', cooperatingAgency: '000.00.12.H20' }),
      step('approve', 2, 'working_days'),
      step('issue', 1, 'working_days'),
    ];
    const res = await as(t.app, tuphapAdmin)('PUT', url, { version: current.version, steps });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().budget).toEqual({ used: 10 * 480, limit: 10 * 480, scale: 'working_minutes' });
    const stale = await as(t.app, tuphapAdmin)('PUT', url, { version: current.version, steps });
    expect(stale.statusCode).toBe(409);
  });

  it('refuse budgets over the legal deadline, incomparable units and bad references', async () => {
    const version = (await as(t.app, tuphapAdmin)('GET', `/api/v1/procedures/${code}/processes`)).json()
      .items[0].version;
    const bad: [unknown[], string, string][] = [
      [
        [step('handle', 10, 'working_days'), step('issue', 1, 'working_hours')],
        'PROCESS_OVER_BUDGET',
        'steps',
      ],
      [[step('handle', 3, 'calendar_days')], 'STEP_UNIT_INCOMPARABLE', 'steps/0/budget/unit'],
      [[step('handle', 1, 'working_days', { unit: 'Phòng không có' })], 'UNIT_NOT_IN_AGENCY', 'steps/0/unit'],
      [
        [step('cooperate', 1, 'working_days', { cooperatingAgency: '999.99.99.H20' })],
        'UNKNOWN_AGENCY',
        'steps/0/cooperatingAgency',
      ],
      [
        [
          step('handle', 1, 'working_days', { parallelGroup: 'g' }),
          step('approve', 1),
          step('handle', 1, 'working_days', { parallelGroup: 'g' }),
        ],
        'PARALLEL_GROUP_SPLIT',
        'steps/2/parallelGroup',
      ],
    ];
    for (const [steps, errCode, field] of bad) {
      const res = await as(t.app, tuphapAdmin)('PUT', url, { version, steps });
      expect(res.statusCode, JSON.stringify(steps)).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: errCode, field });
    }
  });

  it('belong to implementing agencies and their administrators only', async () => {
    const foreign = await as(t.app, xaydungAdmin)('PUT', url, { steps: [step('handle', 1)] });
    expect(foreign.statusCode).toBe(403);
    const notImplementing = await as(t.app, admin)(
      'PUT',
      `/api/v1/procedures/${code}/processes/000.00.10.H20`,
      { steps: [step('handle', 1)] },
    );
    expect(notImplementing.statusCode).toBe(400);
    expect(errorOf(notImplementing).code).toBe('NOT_IMPLEMENTING_AGENCY');
  });
});

describe('internal process budgets against case variants', () => {
  const code = '2.000300';
  const url = `/api/v1/procedures/${code}/processes/${TUPHAP}`;
  const quick = {
    name: 'Trường hợp rút gọn',
    deadline: { amount: 4, unit: 'working_days' },
    fees: [],
    components: [],
  };
  const withCases = (cases: unknown[]) => content({ deadline: { amount: 10, unit: 'working_days' }, cases });

  it('binds the tightest deadline, a quicker case variant’s included', async () => {
    const created = await as(t.app, tuphapAdmin)('POST', '/api/v1/procedures', {
      code,
      content: withCases([quick]),
    });
    expect(created.statusCode, created.body).toBe(201);
    const published = await as(t.app, tuphapAdmin)('POST', `/api/v1/procedures/${code}/publish`, {
      version: created.json().version.lockVersion,
      effectiveFrom: vnToday(new Date()),
    });
    expect(published.statusCode, published.body).toBe(200);

    // 6 working days fit the main deadline (10) but not the quick case (4).
    const over = await as(t.app, tuphapAdmin)('PUT', url, { steps: [step('handle', 5), step('approve', 1)] });
    expect(over.statusCode).toBe(400);
    expect(errorOf(over)).toMatchObject({ code: 'PROCESS_OVER_BUDGET', field: 'steps' });
    expect(errorOf(over).message).toContain('Trường hợp rút gọn');

    const fits = await as(t.app, tuphapAdmin)('PUT', url, { steps: [step('handle', 3), step('approve', 1)] });
    expect(fits.statusCode, fits.body).toBe(200);
    expect(fits.json().budget).toEqual({ used: 4, limit: 4, scale: 'working_days' });
  });

  it('refuses to publish a version whose case variant is quicker than an existing process', async () => {
    const page = (await t.app.inject(`/api/v1/procedures/${code}`)).json();
    const draft = await as(t.app, tuphapAdmin)('PUT', `/api/v1/procedures/${code}/draft`, {
      version: page.version.lockVersion,
      content: withCases([{ ...quick, deadline: { amount: 3, unit: 'working_days' } }]),
    });
    expect(draft.statusCode, draft.body).toBe(200);
    const publish = await as(t.app, tuphapAdmin)('POST', `/api/v1/procedures/${code}/publish`, {
      version: draft.json().version.lockVersion,
      effectiveFrom: vnToday(new Date(Date.now() + 5 * 86400_000)),
    });
    expect(publish.statusCode).toBe(400);
    expect(errorOf(publish)).toMatchObject({
      code: 'PROCESS_OVER_BUDGET',
      field: `processes/${TUPHAP}/steps`,
    });
  });

  it('refuses an imported process over a case variant’s deadline', async () => {
    const entry = {
      code: '2.000301',
      effectiveFrom: vnToday(new Date()),
      content: withCases([{ ...quick, deadline: { amount: 2, unit: 'working_days' } }]),
      processes: [{ agency: TUPHAP, steps: [step('handle', 2), step('issue', 0.5)] }],
    };
    const res = await as(t.app, admin)('POST', '/api/v1/catalog/import?format=json', {
      format: 'motcua-catalog',
      formatVersion: 1,
      procedures: [entry],
    });
    expect(res.statusCode).toBe(400);
    const errors = res.json().error.details.errors as { path: string; code: string }[];
    expect(errors).toContainEqual(
      expect.objectContaining({ path: 'procedures/0/processes/0/steps', code: 'PROCESS_OVER_BUDGET' }),
    );
  });
});
