/**
 * Internal-process time budgets against the legal deadline. Steps run in order; consecutive steps of one
 * parallel group run side by side (cooperating agencies) and the group costs its longest branch.
 *
 * Units are compared where that is sound:
 * - all steps and the deadline in one unit: compared exactly in that unit;
 * - a working-time deadline: everything in working minutes (1 working day = 480, 1 hour = 60); a step in
 *   calendar days or months has no working-time length and is refused;
 * - a calendar deadline: everything in calendar days, the steps counted at their least (a working day at
 *   least a day, a month at least 28 days) and a month deadline at its most (31 days), so only budgets that
 *   certainly overrun are refused.
 * A same-day deadline (0 working days) is a budget of one working day: the dossier is due at that day's close.
 */
import { WORKING_DAY_MINUTES } from '../calendar/index.ts';
import type { Issue } from './issues.ts';
import type { Duration, ProcessStep } from './model.ts';

export type BudgetScale = 'working_minutes' | 'calendar_days' | Duration['unit'];

export interface BudgetResult {
  /** The length of the critical path and the limit, both on `scale`. */
  used: number;
  limit: number;
  scale: BudgetScale;
  issues: Issue[];
}

const HOUR = 60;

function workingMinutes(d: Duration): number | undefined {
  switch (d.unit) {
    case 'working_hours':
      return d.amount * HOUR;
    case 'working_days':
      return d.amount * WORKING_DAY_MINUTES;
    case 'calendar_days':
    case 'months':
      return undefined;
  }
}

function leastCalendarDays(d: Duration): number {
  switch (d.unit) {
    case 'working_hours':
      return (d.amount * HOUR) / WORKING_DAY_MINUTES;
    case 'working_days':
      return d.amount;
    case 'calendar_days':
      return d.amount;
    case 'months':
      return d.amount * 28;
  }
}

/** The critical path of the steps, given each step's length; groups that are split are reported. */
export function criticalPath(
  steps: readonly Pick<ProcessStep, 'parallelGroup' | 'branch'>[],
  length: (index: number) => number,
): { total: number; issues: Issue[] } {
  const issues: Issue[] = [];
  const closedGroups = new Set<string>();
  let total = 0;
  let i = 0;
  while (i < steps.length) {
    const group = steps[i]!.parallelGroup;
    if (group === null) {
      total += length(i);
      i++;
      continue;
    }
    if (closedGroups.has(group)) {
      issues.push({
        path: `steps/${i}/parallelGroup`,
        code: 'PARALLEL_GROUP_SPLIT',
      });
    }
    const branches = new Map<string, number>();
    while (i < steps.length && steps[i]!.parallelGroup === group) {
      const key = steps[i]!.branch ?? `#${i}`;
      branches.set(key, (branches.get(key) ?? 0) + length(i));
      i++;
    }
    closedGroups.add(group);
    total += Math.max(...branches.values());
  }
  return { total, issues };
}

export function checkBudget(steps: readonly ProcessStep[], deadline: Duration): BudgetResult {
  const issues: Issue[] = [];
  const sameUnit = steps.every((s) => s.budget.unit === deadline.unit);
  let scale: BudgetScale;
  let limit: number;
  let length: (i: number) => number;
  if (sameUnit && deadline.amount > 0) {
    scale = deadline.unit;
    limit = deadline.amount;
    length = (i) => steps[i]!.budget.amount;
  } else if (deadline.unit === 'working_hours' || deadline.unit === 'working_days') {
    scale = 'working_minutes';
    limit = workingMinutes(deadline) || WORKING_DAY_MINUTES;
    steps.forEach((s, i) => {
      if (workingMinutes(s.budget) === undefined) {
        issues.push({ path: `steps/${i}/budget/unit`, code: 'STEP_UNIT_INCOMPARABLE' });
      }
    });
    length = (i) => workingMinutes(steps[i]!.budget) ?? 0;
  } else {
    scale = 'calendar_days';
    limit = deadline.unit === 'months' ? deadline.amount * 31 : deadline.amount;
    length = (i) => leastCalendarDays(steps[i]!.budget);
  }
  const path = criticalPath(steps, length);
  issues.push(...path.issues);
  // Rounded to a millionth so 0.25 + 0.5 + … adds up the way a person adds it.
  const used = Math.round(path.total * 1e6) / 1e6;
  if (used > limit + 1e-9) {
    issues.push({
      path: 'steps',
      code: 'PROCESS_OVER_BUDGET',
      vi: `Tổng thời gian các bước (${formatAmount(used, scale, 'vi')}) vượt thời hạn giải quyết (${formatAmount(limit, scale, 'vi')}).`,
      en: `The steps take ${formatAmount(used, scale, 'en')}, more than the legal deadline of ${formatAmount(limit, scale, 'en')}.`,
    });
  }
  return { used, limit, scale, issues };
}

const unitNames: Record<BudgetScale, { vi: string; en: string }> = {
  working_minutes: { vi: 'phút làm việc', en: 'working minutes' },
  working_hours: { vi: 'giờ làm việc', en: 'working hours' },
  working_days: { vi: 'ngày làm việc', en: 'working days' },
  calendar_days: { vi: 'ngày', en: 'days' },
  months: { vi: 'tháng', en: 'months' },
};

function formatAmount(n: number, scale: BudgetScale, lang: 'vi' | 'en'): string {
  const num = lang === 'vi' ? String(n).replace('.', ',') : String(n);
  return `${num} ${unitNames[scale][lang]}`;
}

/** "5 ngày làm việc" / "5 working days", as messages name a deadline. */
export function formatDuration(d: Duration, lang: 'vi' | 'en'): string {
  return formatAmount(d.amount, d.unit, lang);
}

/** A deadline an internal process must fit: the procedure's own (`caseName` null) or a case variant's. */
export interface GoverningDeadline {
  deadline: Duration;
  caseName: string | null;
}

/** The procedure's deadline and every case variant's: a dossier of any case must be resolved in its own. */
export function deadlinesOf(content: {
  deadline: Duration;
  cases: readonly { name: string; deadline: Duration }[];
}): GoverningDeadline[] {
  return [
    { deadline: content.deadline, caseName: null },
    ...content.cases.map((c) => ({ deadline: c.deadline, caseName: c.name })),
  ];
}

function share(r: BudgetResult): number {
  if (r.limit > 0) return r.used / r.limit;
  return r.used > 0 ? Infinity : 0;
}

/**
 * Checks the steps against every governing deadline, so the tightest one binds (a case variant may be
 * quicker than the procedure's main deadline). Returns the binding result: the deadline whose limit the
 * steps use the largest share of (the first on a tie, i.e. the main deadline before the cases), with every
 * distinct issue; an overrun is reported once, for the binding deadline, naming its case.
 */
export function checkBudgetAgainst(
  steps: readonly ProcessStep[],
  deadlines: readonly GoverningDeadline[],
): BudgetResult & { caseName: string | null } {
  let binding: { result: BudgetResult; caseName: string | null } | undefined;
  const results = deadlines.map((d) => ({ result: checkBudget(steps, d.deadline), caseName: d.caseName }));
  for (const r of results) {
    if (!binding || share(r.result) > share(binding.result)) binding = r;
  }
  if (!binding) throw new Error('checkBudgetAgainst needs at least one deadline');
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const r of results) {
    for (const i of r.result.issues) {
      if (i.code === 'PROCESS_OVER_BUDGET') continue;
      const key = `${i.path}|${i.code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(i);
    }
  }
  const over = binding.result.issues.find((i) => i.code === 'PROCESS_OVER_BUDGET');
  if (over) {
    const { used, limit, scale } = binding.result;
    const name = binding.caseName;
    issues.push(
      name === null
        ? over
        : {
            path: over.path,
            code: over.code,
            vi: `Tổng thời gian các bước (${formatAmount(used, scale, 'vi')}) vượt thời hạn giải quyết của trường hợp "${name}" (${formatAmount(limit, scale, 'vi')}).`,
            en: `The steps take ${formatAmount(used, scale, 'en')}, more than the deadline of the case "${name}" (${formatAmount(limit, scale, 'en')}).`,
          },
    );
  }
  return { ...binding.result, issues, caseName: binding.caseName };
}
