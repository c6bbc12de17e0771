import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBudget, checkBudgetAgainst, deadlinesOf } from '../../../src/domain/catalog/budget.ts';
import type { ProcessStep } from '../../../src/domain/catalog/model.ts';
import { foldForSearch, foldQuery, MAX_SEARCHED_LENGTH } from '../../../src/domain/catalog/search-text.ts';
import { inForce, placeInTimeline, statusOn, vnToday } from '../../../src/domain/catalog/versions.ts';
import { demoProcedures, demoProcess } from '../../../src/features/demo/catalog-data.ts';
import { validateProcess } from '../../../src/domain/catalog/validate.ts';

const vietnamese = fc.string({
  unit: fc.constantFrom(
    ...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ ĐĂÂÊÔƠƯÁÀẢÃẠ.-'.split(
      '',
    ),
  ),
  maxLength: 40,
});

describe('search normaliser', () => {
  it('folds accents, case and đ', () => {
    expect(foldForSearch('Đăng ký KHAI SINH')).toBe('dang ky khai sinh');
    expect(foldForSearch('Cấp giấy phép')).toBe('cap giay phep');
    expect(foldForSearch(' 1.001193. ')).toBe('1.001193');
    expect(foldForSearch("%_\\'; --🙂")).toBe('');
  });
  it('is idempotent on any string', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        (s) => foldForSearch(foldForSearch(s)) === foldForSearch(s),
      ),
    );
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }),
        (s) => foldForSearch(foldForSearch(s)) === foldForSearch(s),
      ),
    );
  });
  it('is accent- and case-insensitive on Vietnamese text', () => {
    const strip = (s: string) =>
      s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[đĐ]/g, 'd');
    fc.assert(
      fc.property(vietnamese, (s) => {
        expect(foldForSearch(s)).toBe(foldForSearch(strip(s)));
        expect(foldForSearch(s.toUpperCase())).toBe(foldForSearch(s));
        expect(foldForSearch(s.normalize('NFD'))).toBe(foldForSearch(s.normalize('NFC')));
      }),
    );
  });
  it('keeps only lower-case letters, digits, dots and single spaces', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (s) => /^[^\s]*( [^\s]+)*$/.test(foldForSearch(s))));
  });
});

describe('search query', () => {
  it('searches a long pasted text by its first whole words', () => {
    const name =
      'Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II (công trình không theo ' +
      'tuyến, theo tuyến trong đô thị, tín ngưỡng, tôn giáo, tượng đài, tranh hoành tráng, quảng cáo)';
    const pasted = `${name} ${name}`;
    const q = foldQuery(pasted);
    expect(q.length).toBeLessThanOrEqual(MAX_SEARCHED_LENGTH);
    expect(q.startsWith(foldForSearch(name))).toBe(true);
    expect(foldForSearch(pasted).startsWith(q + ' ')).toBe(true);
    expect(foldQuery('Đăng ký khai sinh')).toBe('dang ky khai sinh');
    expect(foldQuery('x'.repeat(1000))).toBe('x'.repeat(MAX_SEARCHED_LENGTH));
  });
  it('is a prefix of the folded text, of whole words, within the limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.nat(30), (s, spaces) => {
        const text = s + ' a'.repeat(spaces) + s;
        const folded = foldForSearch(text);
        const q = foldQuery(text);
        expect(q.length).toBeLessThanOrEqual(MAX_SEARCHED_LENGTH);
        expect(folded.startsWith(q)).toBe(true);
        if (q.length < folded.length && folded.indexOf(' ') < MAX_SEARCHED_LENGTH && folded.indexOf(' ') > 0)
          expect(folded[q.length]).toBe(' ');
      }),
    );
  });
});

const s = (
  amount: number,
  unit: ProcessStep['budget']['unit'] = 'working_days',
  extra: Partial<ProcessStep> = {},
): ProcessStep => ({
  role: 'handle',
  unit: null,
  cooperatingAgency: null,
  budget: { amount, unit },
  parallelGroup: null,
  branch: null,
  ...extra,
});

describe('process budgets', () => {
  it('adds steps in working minutes and counts a parallel group once', () => {
    expect(
      checkBudget([s(0.25), s(0.5), s(3), s(0.5), s(0.25)], { amount: 5, unit: 'working_days' }),
    ).toMatchObject({ used: 4.5, scale: 'working_days', issues: [] });
    const mixed = checkBudget(
      [
        s(4, 'working_hours'),
        s(2, 'working_days', { parallelGroup: 'g' }),
        s(1, 'working_days', { parallelGroup: 'g' }),
      ],
      { amount: 3, unit: 'working_days' },
    );
    expect(mixed).toMatchObject({ used: 4 * 60 + 2 * 480, limit: 3 * 480, issues: [] });
    const branches = checkBudget(
      [
        s(1, 'working_days', { parallelGroup: 'g', branch: 'a' }),
        s(1, 'working_days', { parallelGroup: 'g', branch: 'a' }),
        s(1.5, 'working_days', { parallelGroup: 'g', branch: 'b' }),
      ],
      { amount: 2, unit: 'working_days' },
    );
    expect(branches).toMatchObject({ used: 2, issues: [] });
  });
  it('refuses overruns and working time against calendar deadlines only where certain', () => {
    expect(checkBudget([s(9), s(2)], { amount: 10, unit: 'working_days' }).issues[0]?.code).toBe(
      'PROCESS_OVER_BUDGET',
    );
    expect(checkBudget([s(1, 'calendar_days')], { amount: 10, unit: 'working_days' }).issues[0]?.code).toBe(
      'STEP_UNIT_INCOMPARABLE',
    );
    expect(checkBudget([s(20), s(5, 'calendar_days')], { amount: 30, unit: 'calendar_days' }).issues).toEqual(
      [],
    );
    expect(checkBudget([s(31)], { amount: 30, unit: 'calendar_days' }).issues[0]?.code).toBe(
      'PROCESS_OVER_BUDGET',
    );
    expect(checkBudget([s(3, 'months')], { amount: 3, unit: 'months' }).issues).toEqual([]);
    expect(checkBudget([s(8, 'working_hours')], { amount: 0, unit: 'working_days' }).issues).toEqual([]);
    expect(checkBudget([s(9, 'working_hours')], { amount: 0, unit: 'working_days' }).issues).toHaveLength(1);
  });
  it('never counts a parallel group more than its steps in sequence', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.boolean()), { minLength: 1, maxLength: 8 }),
        (xs) => {
          const steps = xs.map(([q, par]) => s(q / 4, 'working_days', par ? { parallelGroup: 'g' } : {}));
          const sequential = xs.reduce((a, [q]) => a + q / 4, 0);
          const used = checkBudget(steps, { amount: 1000, unit: 'working_days' }).used;
          return used <= sequential + 1e-9 && used >= Math.max(...xs.map(([q]) => q / 4)) - 1e-9;
        },
      ),
    );
  });
  it('accepts every demo process', () => {
    for (const row of demoProcedures) {
      for (const key of row.agencies) {
        const steps = demoProcess(row, key, () => ['Văn phòng', 'Phòng chuyên môn']);
        const issues = validateProcess(
          steps,
          deadlinesOf({ deadline: row.deadline, cases: row.cases ?? [] }),
          {
            units: new Set(['Văn phòng', 'Phòng chuyên môn']),
            agencies: new Set(['000.21.31.H20']),
          },
        );
        expect(issues, `${row.code} ${key}`).toEqual([]);
      }
    }
  });
});

describe('process budgets against case variants', () => {
  const wd = (amount: number) => ({ amount, unit: 'working_days' as const });
  const content = (cases: { name: string; deadline: ProcessStep['budget'] }[]) => ({
    deadline: wd(10),
    cases,
  });
  it('binds the tightest deadline, the main one or a case variant’s', () => {
    const steps = [s(2), s(4), s(1)];
    expect(checkBudgetAgainst(steps, deadlinesOf(content([])))).toMatchObject({
      used: 7,
      limit: 10,
      caseName: null,
      issues: [],
    });
    // A longer case (verification) leaves the main deadline binding.
    expect(
      checkBudgetAgainst(steps, deadlinesOf(content([{ name: 'Cần xác minh', deadline: wd(15) }]))),
    ).toMatchObject({ limit: 10, caseName: null, issues: [] });
    // A quicker case binds and its overrun is reported once, naming the case.
    const quick = checkBudgetAgainst(
      steps,
      deadlinesOf(
        content([
          { name: 'Cần xác minh', deadline: wd(15) },
          { name: 'Trường hợp rút gọn', deadline: wd(5) },
        ]),
      ),
    );
    expect(quick).toMatchObject({ used: 7, limit: 5, caseName: 'Trường hợp rút gọn' });
    expect(quick.issues).toHaveLength(1);
    expect(quick.issues[0]).toMatchObject({ path: 'steps', code: 'PROCESS_OVER_BUDGET' });
    expect(quick.issues[0]!.vi).toContain('Trường hợp rút gọn');
    expect(quick.issues[0]!.en).toContain('Trường hợp rút gọn');
  });
  it('compares a calendar-day case with working-day steps at their least', () => {
    const steps = [s(6), s(1)];
    expect(
      checkBudgetAgainst(
        steps,
        deadlinesOf(content([{ name: 'A', deadline: { amount: 6, unit: 'calendar_days' } }])),
      ).issues[0]?.code,
    ).toBe('PROCESS_OVER_BUDGET');
    expect(
      checkBudgetAgainst(
        steps,
        deadlinesOf(content([{ name: 'A', deadline: { amount: 7, unit: 'calendar_days' } }])),
      ).issues,
    ).toEqual([]);
  });
  it('reports an incomparable step once although several deadlines refuse it', () => {
    const issues = checkBudgetAgainst(
      [s(1, 'calendar_days')],
      deadlinesOf(content([{ name: 'A', deadline: wd(5) }])),
    ).issues;
    expect(issues).toEqual([{ path: 'steps/0/budget/unit', code: 'STEP_UNIT_INCOMPARABLE' }]);
  });
  it('is refused by validateProcess when a case variant is quicker than the steps', () => {
    const issues = validateProcess(
      [s(3), s(3)],
      deadlinesOf(content([{ name: 'Rút gọn', deadline: wd(4) }])),
      { units: new Set(), agencies: new Set() },
    );
    expect(issues.map((i) => i.code)).toEqual(['PROCESS_OVER_BUDGET']);
  });
  it('never binds a deadline looser than the tightest', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 5 }),
        (budgets, limits) => {
          const steps = budgets.map((q) => s(q / 4));
          const deadlines = limits.map((l, i) => ({
            deadline: wd(l / 4),
            caseName: i === 0 ? null : `c${i}`,
          }));
          const result = checkBudgetAgainst(steps, deadlines);
          const fitsAll = deadlines.every((d) => checkBudget(steps, d.deadline).issues.length === 0);
          return fitsAll === (result.issues.length === 0);
        },
      ),
    );
  });
});

describe('versions', () => {
  const v = (id: number, effectiveFrom: string, effectiveTo: string | null = null) => ({
    id,
    status: 'published' as const,
    effectiveFrom,
    effectiveTo,
  });
  it('takes today in Vietnam, not UTC', () => {
    expect(vnToday(Date.parse('2025-12-31T16:59:59Z'))).toBe('2025-12-31');
    expect(vnToday(Date.parse('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
  });
  it('serves the newest published version whose date has come', () => {
    const versions = [
      v(1, '2025-01-01', '2025-07-01'),
      v(2, '2025-07-01'),
      { id: 3, status: 'draft' as const, effectiveFrom: null, effectiveTo: null },
    ];
    expect(inForce(versions, '2025-06-30')?.id).toBe(1);
    expect(inForce(versions, '2025-07-01')?.id).toBe(2);
    expect(inForce(versions, '2024-12-31')).toBeUndefined();
    expect(statusOn(versions[0]!, '2025-07-01')).toBe('superseded');
    expect(statusOn(versions[1]!, '2025-06-01')).toBe('scheduled');
    expect(statusOn(versions[2]!, '2025-06-01')).toBe('draft');
  });
  it('places a publication between existing ones and refuses a date taken', () => {
    const published = [
      { id: 1, effectiveFrom: '2025-01-01' },
      { id: 2, effectiveFrom: '2025-09-01' },
    ];
    expect(placeInTimeline(published, '2025-07-01')).toEqual({
      clash: false,
      previousId: 1,
      effectiveTo: '2025-09-01',
    });
    expect(placeInTimeline(published, '2025-10-01')).toEqual({
      clash: false,
      previousId: 2,
      effectiveTo: null,
    });
    expect(placeInTimeline(published, '2025-09-01').clash).toBe(true);
  });
});
