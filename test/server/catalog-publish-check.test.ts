// Publishing checks the content's consistency and lists every problem (issue 14, defect 9).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnToday } from '../../src/domain/catalog/versions.ts';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

let t: TestApp;
let tuphapAdmin: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  tuphapAdmin = await loginAs(t.app, 'tuphap.quantri');
});
afterAll(() => t.close());

const TUPHAP = '000.00.09.H20';
const wd = (amount: number) => ({ amount, unit: 'working_days' });
const sound = (over: Record<string, unknown> = {}) => ({
  name: 'Chứng thực chữ ký trong giấy tờ, văn bản',
  field: 'CHUNG_THUC',
  level: 'province',
  agencies: [TUPHAP],
  decision: { number: '99/QĐ-UBND', date: '2025-08-01', issuer: 'Chủ tịch UBND tỉnh' },
  steps: 'Bước 1: Nộp hồ sơ. Bước 2: Nhận kết quả.',
  methods: [{ kind: 'in_person', deadline: wd(5), fees: [] }],
  components: [
    {
      name: 'Giấy tờ cần chứng thực',
      required: true,
      originals: 1,
      copies: 0,
      formTemplateId: null,
      fromNationalDb: false,
    },
  ],
  deadline: wd(5),
  fees: [{ name: 'Phí chứng thực', amountVnd: 10000 }],
  applicants: 'Cá nhân',
  result: { description: 'Giấy tờ đã được chứng thực', paper: true, electronic: false },
  requirements: 'Không',
  legalBasis: [{ number: '23/2015/NĐ-CP', date: '2015-02-16', issuer: 'Chính phủ' }],
  onlineLevel: 'partial',
  fullOnlineEligible: false,
  notBoundToBoundary: false,
  cases: [],
  ...over,
});

interface Problem {
  field: string;
  code: string;
  severity: string;
  label: string;
  label_en: string;
  message: string;
  message_en: string;
}

describe('publication consistency', () => {
  const code = '2.000777';

  it('refuses the defect’s draft (400) with every problem, each with its field, label and messages', async () => {
    const admin = as(t.app, tuphapAdmin);
    const created = await admin('POST', '/api/v1/procedures', {
      code,
      content: sound({
        methods: [{ kind: 'in_person', deadline: wd(1), fees: [] }],
        legalBasis: [],
        result: { description: '', paper: true, electronic: false },
        decision: null,
      }),
    });
    // A draft may be saved with gaps: it is being written.
    expect(created.statusCode, created.body).toBe(201);
    const res = await admin('POST', `/api/v1/procedures/${code}/publish`, {
      version: created.json().version.lockVersion,
      effectiveFrom: vnToday(new Date()),
    });
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error).toMatchObject({ code: 'PROCEDURE_INCOMPLETE', field: 'content/legalBasis' });
    expect(error.message).toContain('3 vấn đề');
    expect(error.message_en).toContain('3 problems');
    const problems = (error as unknown as { details: { errors: Problem[] } }).details.errors;
    expect(problems.map((p) => [p.field, p.severity])).toEqual([
      ['content/legalBasis', 'error'],
      ['content/result/description', 'error'],
      ['content/methods/0/deadline', 'error'],
      ['content/decision', 'warning'],
    ]);
    for (const p of problems) expect(p.label && p.label_en && p.message && p.message_en).toBeTruthy();
    expect(problems[2]).toMatchObject({
      label: 'Cách thức thực hiện 1 › Thời hạn giải quyết',
      label_en: 'Method 1 › Deadline',
    });
    expect(problems[2]!.message).toMatch(/1 ngày làm việc.*5 ngày làm việc/);
    // Nothing was published.
    expect((await t.app.inject(`/api/v1/procedures/${code}`)).statusCode).toBe(404);
  });

  it('publishes once the problems are fixed; a warning alone refuses nothing', async () => {
    const admin = as(t.app, tuphapAdmin);
    const draft = (await admin('GET', `/api/v1/procedures/${code}/draft`)).json();
    const saved = await admin('PUT', `/api/v1/procedures/${code}/draft`, {
      version: draft.version.lockVersion,
      content: sound({ decision: null }),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await admin('POST', `/api/v1/procedures/${code}/publish`, {
      version: saved.json().version.lockVersion,
      effectiveFrom: vnToday(new Date()),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await t.app.inject(`/api/v1/procedures/${code}`)).statusCode).toBe(200);
  });

  it('lets a demo procedure be republished unchanged', async () => {
    const admin = as(t.app, tuphapAdmin);
    const demo = '2.000488'; // a Sở Tư pháp procedure of the demo catalog
    const page = await t.app.inject(`/api/v1/procedures/${demo}`);
    expect(page.statusCode, page.body).toBe(200);
    const { rows } = await t.database.pool.query<{ content: unknown }>(
      `SELECT v.content FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id
        WHERE p.code = $1 AND v.status = 'published'`,
      [demo],
    );
    const saved = await admin('PUT', `/api/v1/procedures/${demo}/draft`, {
      version: page.json().version.lockVersion,
      content: rows[0]!.content,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await admin('POST', `/api/v1/procedures/${demo}/publish`, {
      version: saved.json().version.lockVersion,
      effectiveFrom: vnToday(new Date(Date.now() + 86400_000)),
    });
    expect(res.statusCode, res.body).toBe(200);
  });
});
