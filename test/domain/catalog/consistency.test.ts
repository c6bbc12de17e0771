import { describe, expect, it } from 'vitest';
import { checkPublishable, contentPathLabel } from '../../../src/domain/catalog/consistency.ts';
import type { ProcedureContent } from '../../../src/domain/catalog/model.ts';
import { demoContent, demoProcedures } from '../../../src/features/demo/catalog-data.ts';
import { demoAgencies } from '../../../src/features/demo/demo-data.ts';

const wd = (amount: number) => ({ amount, unit: 'working_days' as const });
const codeOf = new Map(demoAgencies.map((a) => [a.key, a.code]));

/** A consistent procedure: every check passes. */
function sound(): ProcedureContent {
  return {
    name: 'Cấp giấy phép tổ chức lễ hội',
    field: 'VAN_HOA',
    level: 'province',
    agencies: ['000.00.09.H20'],
    decision: { number: '1/QĐ-UBND', date: '2025-06-30', issuer: 'UBND tỉnh' },
    steps: 'Bước 1: Nộp hồ sơ.',
    methods: [
      { kind: 'in_person', deadline: wd(5), fees: [{ name: 'Lệ phí', amountVnd: 50000 }] },
      // Online may cost less (a reduced fee), and may follow a case variant's deadline.
      { kind: 'online', deadline: wd(10), fees: [{ name: 'lệ  phí', amountVnd: 25000 }] },
    ],
    components: [
      {
        name: 'Đơn đề nghị',
        required: true,
        originals: 1,
        copies: 0,
        formTemplateId: null,
        fromNationalDb: false,
      },
    ],
    deadline: wd(5),
    fees: [{ name: 'Lệ phí', amountVnd: 50000 }],
    applicants: 'Tổ chức',
    result: { description: 'Giấy phép tổ chức lễ hội', paper: true, electronic: false },
    requirements: 'Không',
    legalBasis: [{ number: '110/2018/NĐ-CP', date: '2018-08-29', issuer: 'Chính phủ' }],
    onlineLevel: 'partial',
    fullOnlineEligible: false,
    notBoundToBoundary: false,
    cases: [{ name: 'Lễ hội cấp tỉnh', deadline: wd(10), fees: [], components: [] }],
  };
}

const paths = (c: ProcedureContent, severity = 'error') =>
  checkPublishable(c)
    .filter((p) => p.severity === severity)
    .map((p) => p.path);

describe('checkPublishable', () => {
  it('passes every procedure of the demo catalog', () => {
    expect(demoProcedures).toHaveLength(47);
    for (const row of demoProcedures) {
      const content = demoContent(row, (k) => codeOf.get(k)!, 1);
      expect(checkPublishable(content), row.code).toEqual([]);
    }
  });

  it('passes a consistent procedure, reduced online fees and case deadlines included', () => {
    expect(checkPublishable(sound())).toEqual([]);
  });

  it('lists every problem of the defect at once: method deadline, legal basis, result name', () => {
    // The defect: a 5-day procedure published with "Nộp trực tiếp: 1 ngày làm việc", no legal basis, no result.
    const c = sound();
    c.cases = [];
    c.methods = [{ kind: 'in_person', deadline: wd(1), fees: [] }];
    c.legalBasis = [];
    c.result = { ...c.result, description: '  ' };
    const problems = checkPublishable(c);
    expect(problems.map((p) => p.path)).toEqual(['legalBasis', 'result/description', 'methods/0/deadline']);
    const method = problems.find((p) => p.path === 'methods/0/deadline')!;
    expect(method.vi).toContain('Nộp trực tiếp');
    expect(method.vi).toContain('1 ngày làm việc');
    expect(method.vi).toContain('5 ngày làm việc');
    expect(method.en).toContain('5 working days');
    expect(method.label).toEqual({
      vi: 'Cách thức thực hiện 1 › Thời hạn giải quyết',
      en: 'Method 1 › Deadline',
    });
    for (const p of problems) expect(p.vi && p.en && p.label.vi && p.label.en).toBeTruthy();
  });

  it('accepts a method deadline equal to a case variant’s, or the same working time in hours', () => {
    const c = sound();
    c.methods = [
      { kind: 'in_person', deadline: { amount: 40, unit: 'working_hours' }, fees: [] },
      { kind: 'postal', deadline: wd(10), fees: [] },
      { kind: 'online', deadline: wd(7), fees: [] },
    ];
    expect(paths(c)).toEqual(['methods/2/deadline']);
    c.methods[2]!.deadline = { amount: 5, unit: 'calendar_days' };
    expect(paths(c)).toEqual(['methods/2/deadline']);
  });

  it('asks for the sections a published procedure states', () => {
    const c = sound();
    c.agencies = [];
    c.steps = '';
    c.applicants = ' ';
    c.components = [];
    c.methods = [];
    c.result = { description: 'Giấy phép', paper: false, electronic: false };
    expect(paths(c)).toEqual(['agencies', 'steps', 'applicants', 'result', 'components', 'methods']);
    // Components given only per case variant are enough.
    c.cases[0]!.components = sound().components;
    expect(paths(c)).not.toContain('components');
  });

  it('finds fee contradictions: unknown or dearer method fees, no amount nor note, duplicates', () => {
    const c = sound();
    c.methods[0]!.fees = [
      { name: 'Phí thẩm định', amountVnd: 10000 },
      { name: 'Lệ phí', amountVnd: 60000 },
    ];
    c.fees = [
      { name: 'Lệ phí', amountVnd: 50000 },
      { name: 'Phí theo tỷ lệ', amountVnd: null },
      { name: 'Lệ phí', amountVnd: 50000 },
    ];
    expect(paths(c)).toEqual([
      'methods/0/fees/0/name',
      'methods/0/fees/1/amountVnd',
      'fees/1/note',
      'fees/2/name',
    ]);
    c.fees[1]!.note = '0,1% giá trị hợp đồng';
    expect(paths(c)).not.toContain('fees/1/note');
  });

  it('wants an online method when the procedure is eligible for full online service', () => {
    const c = sound();
    c.methods = c.methods.filter((m) => m.kind !== 'online');
    c.fullOnlineEligible = true;
    expect(paths(c)).toEqual(['fullOnlineEligible']);
  });

  it('tells case variants apart by name', () => {
    const c = sound();
    c.cases = [c.cases[0]!, { ...c.cases[0]!, name: 'lễ hội  cấp tỉnh' }];
    expect(paths(c)).toEqual(['cases/1/name']);
  });

  it('warns, without refusing, when the publishing decision is missing', () => {
    const c = sound();
    c.decision = null;
    expect(paths(c)).toEqual([]);
    expect(paths(c, 'warning')).toEqual(['decision']);
  });

  it('labels paths as the editor names the fields', () => {
    expect(contentPathLabel('cases/1/fees/0/note')).toEqual({
      vi: 'Trường hợp 2 › Phí, lệ phí 1 › Ghi chú',
      en: 'Case 2 › Fee 1 › Note',
    });
  });
});
