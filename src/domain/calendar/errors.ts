/**
 * Errors of the calendar module. Codes are stable (an API maps them to HTTP at the edge);
 * `message` is Vietnamese because it is what officers read, `message_en` is for logs and English UIs.
 */

/** One problem found by a validator; validators return a list of these instead of throwing. */
export interface ValidationIssue {
  field: string;
  code: string;
  message: string;
  message_en: string;
}

export class CalendarError extends Error implements ValidationIssue {
  readonly code: string;
  readonly field: string;
  readonly message_en: string;

  constructor(code: string, field: string, message: string, message_en: string) {
    super(message);
    this.name = 'CalendarError';
    this.code = code;
    this.field = field;
    this.message_en = message_en;
  }

  static fromIssue(issue: ValidationIssue): CalendarError {
    return new CalendarError(issue.code, issue.field, issue.message, issue.message_en);
  }
}

export function issue(field: string, code: string, message: string, message_en: string): ValidationIssue {
  return { field, code, message, message_en };
}
