/**
 * Rules a procedure and an internal process must follow beyond their schema's shape: references to
 * agencies, fields, units and form templates, calendar limits of durations, dates, budgets.
 * Pure: the caller passes what exists.
 */
import { MAX_AMOUNT } from '../calendar/index.ts';
import { checkBudgetAgainst, type GoverningDeadline } from './budget.ts';
import type { Issue } from './issues.ts';
import type { Duration, ProcedureContent, ProcessStep } from './model.ts';
import { isIsoDate } from './versions.ts';

export interface CatalogRefs {
  agencies: ReadonlySet<string>;
  fields: ReadonlySet<string>;
  formTemplates: ReadonlySet<number>;
}

function checkDuration(d: Duration, path: string, issues: Issue[]): void {
  if (d.amount > MAX_AMOUNT[d.unit]) {
    issues.push({
      path: `${path}/amount`,
      code: 'VALIDATION_FAILED',
      vi: 'Thời hạn không được quá 10 năm.',
      en: 'The amount must not exceed 10 years.',
    });
  }
  if ((d.unit === 'calendar_days' || d.unit === 'months') && !Number.isInteger(d.amount)) {
    issues.push({
      path: `${path}/amount`,
      code: 'VALIDATION_FAILED',
      vi: 'Thời hạn tính theo ngày hoặc tháng phải là số nguyên.',
      en: 'Calendar days and months must be whole numbers.',
    });
  }
}

function checkDate(date: string | null, path: string, issues: Issue[]): void {
  if (date !== null && !isIsoDate(date)) {
    issues.push({ path, code: 'VALIDATION_FAILED', vi: 'Ngày không hợp lệ.', en: 'Not a valid date.' });
  }
}

function checkComponents(
  components: ProcedureContent['components'],
  path: string,
  refs: CatalogRefs,
  issues: Issue[],
): void {
  components.forEach((c, i) => {
    if (c.formTemplateId !== null && !refs.formTemplates.has(c.formTemplateId)) {
      issues.push({ path: `${path}/${i}/formTemplateId`, code: 'FORM_TEMPLATE_NOT_FOUND' });
    }
  });
}

export function validateProcedure(content: ProcedureContent, refs: CatalogRefs): Issue[] {
  const issues: Issue[] = [];
  if (!refs.fields.has(content.field)) issues.push({ path: 'field', code: 'PROCEDURE_FIELD_NOT_FOUND' });
  const seen = new Set<string>();
  content.agencies.forEach((a, i) => {
    if (!refs.agencies.has(a)) issues.push({ path: `agencies/${i}`, code: 'UNKNOWN_AGENCY' });
    else if (seen.has(a)) issues.push({ path: `agencies/${i}`, code: 'DUPLICATE' });
    seen.add(a);
  });
  checkDuration(content.deadline, 'deadline', issues);
  const kinds = new Set<string>();
  content.methods.forEach((m, i) => {
    if (kinds.has(m.kind)) issues.push({ path: `methods/${i}/kind`, code: 'DUPLICATE' });
    kinds.add(m.kind);
    checkDuration(m.deadline, `methods/${i}/deadline`, issues);
  });
  if (content.onlineLevel === 'full' && !kinds.has('online')) {
    issues.push({
      path: 'onlineLevel',
      code: 'VALIDATION_FAILED',
      vi: 'Thủ tục toàn trình phải có cách thức thực hiện trực tuyến.',
      en: 'A fully online procedure needs an online method.',
    });
  }
  checkComponents(content.components, 'components', refs, issues);
  content.cases.forEach((c, i) => {
    checkDuration(c.deadline, `cases/${i}/deadline`, issues);
    checkComponents(c.components, `cases/${i}/components`, refs, issues);
  });
  if (content.decision) checkDate(content.decision.date, 'decision/date', issues);
  content.legalBasis.forEach((d, i) => checkDate(d.date, `legalBasis/${i}/date`, issues));
  return issues;
}

export interface ProcessRefs {
  /** Units of the agency whose process this is, by name. */
  units: ReadonlySet<string>;
  agencies: ReadonlySet<string>;
}

/**
 * An internal process: its steps, references and budgets. `deadlines` are every deadline it must fit
 * (`deadlinesOf` a version: the main one and each case variant's); the tightest binds.
 */
export function validateProcess(
  steps: readonly ProcessStep[],
  deadlines: readonly GoverningDeadline[],
  refs: ProcessRefs,
): Issue[] {
  const issues: Issue[] = [];
  if (steps.length === 0) {
    issues.push({ path: 'steps', code: 'REQUIRED_FIELD' });
    return issues;
  }
  steps.forEach((s, i) => {
    checkDuration(s.budget, `steps/${i}/budget`, issues);
    if (s.unit !== null && !refs.units.has(s.unit)) {
      issues.push({ path: `steps/${i}/unit`, code: 'UNIT_NOT_IN_AGENCY' });
    }
    if (s.cooperatingAgency !== null && !refs.agencies.has(s.cooperatingAgency)) {
      issues.push({ path: `steps/${i}/cooperatingAgency`, code: 'UNKNOWN_AGENCY' });
    }
    if (s.branch !== null && s.parallelGroup === null) {
      issues.push({
        path: `steps/${i}/branch`,
        code: 'VALIDATION_FAILED',
        vi: 'Chỉ bước thuộc nhóm song song mới có nhánh.',
        en: 'Only a step of a parallel group has a branch.',
      });
    }
  });
  issues.push(...checkBudgetAgainst(steps, deadlines).issues);
  return issues;
}
