import type { ValidationIssue } from '../../domain/calendar/index.ts';
import { AppError, type ErrorCode } from '../../domain/errors.ts';

/** The calendar module names fields like `daysOff[0].date`; the API names them `daysOff/0/date`. */
export function fieldPath(prefix: string, field: string): string {
  const path = field.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/');
  return prefix ? `${prefix}/${path}` : path;
}

/** Every problem is reported: the first as the error's field and message, all of them in details. */
export function throwIssues(code: ErrorCode, issues: ValidationIssue[], prefix = ''): void {
  const first = issues[0];
  if (!first) return;
  throw new AppError(code, {
    field: fieldPath(prefix, first.field),
    vi: first.message,
    en: first.message_en,
    details: {
      errors: issues.map((i) => ({
        field: fieldPath(prefix, i.field),
        code: i.code,
        message: i.message,
        message_en: i.message_en,
      })),
    },
  });
}
