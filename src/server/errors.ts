import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CalendarError } from '../domain/calendar/index.ts';
import { DossierRuleError, type RefusalKind } from '../domain/dossier/index.ts';
import { AppError, errorMessages, type ErrorCode } from '../domain/errors.ts';
import { fieldLabel, fieldName, requestPart } from '../domain/field-labels.ts';
import { isDatabaseUnavailable, isStorageFull } from '../db/resource-errors.ts';

/** The only place where error codes meet HTTP. */
export const httpStatus = {
  VALIDATION_FAILED: 400,
  UNKNOWN_FIELD: 400,
  REQUIRED_FIELD: 400,
  INVALID_PERSONAL_ID: 400,
  INVALID_TAX_CODE: 400,
  INVALID_PHONE: 400,
  INVALID_EMAIL: 400,
  INVALID_AGENCY_CODE: 400,
  WEAK_PASSWORD: 400,
  INVALID_OFFICE_HOURS: 400,
  INVALID_NOTICE: 400,
  ROLE_NEEDS_AGENCY: 400,
  UNIT_NOT_IN_AGENCY: 400,
  AGENCY_CYCLE: 400,
  PROCEDURE_FIELD_NOT_FOUND: 400,
  UNKNOWN_AGENCY: 400,
  ATTACHMENT_NOT_AVAILABLE: 400,
  CHANNEL_NOT_OFFERED: 400,
  INVALID_CASE: 400,
  AGENCY_REQUIRED: 400,
  WAYBILL_REQUIRED: 400,
  ASSIGNEE_NOT_HANDLING_OFFICER: 400,
  FORM_TEMPLATE_NOT_FOUND: 400,
  EFFECTIVE_DATE_IN_PAST: 400,
  NOT_IMPLEMENTING_AGENCY: 400,
  PROCESS_OVER_BUDGET: 400,
  PROCEDURE_INCOMPLETE: 400,
  STEP_UNIT_INCOMPARABLE: 400,
  PARALLEL_GROUP_SPLIT: 400,
  IMPORT_INVALID: 400,
  INVALID_SPREADSHEET: 400,
  INVALID_JSON_LINE: 400,
  INVALID_TIMESTAMP: 400,
  TIMESTAMP_OFFSET_REQUIRED: 400,
  DATES_OUT_OF_ORDER: 400,
  DUPLICATE_IN_FILE: 400,
  FILE_EMPTY: 400,
  RESET_TOKEN_INVALID: 400,
  RESET_TOKEN_EXPIRED: 400,
  RESET_TOKEN_USED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_INVALID: 403,
  FORBIDDEN: 403,
  NOT_AT_DESK: 403,
  NOT_FOUND: 404,
  DOSSIER_NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  COMPONENT_NOT_FOUND: 404,
  SUPPLEMENT_ITEM_NOT_FOUND: 404,
  AGENCY_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  PROCEDURE_NOT_FOUND: 404,
  DRAFT_NOT_FOUND: 404,
  DUPLICATE: 409,
  USERNAME_TAKEN: 409,
  ACCOUNT_EXISTS: 409,
  EMAIL_TAKEN: 409,
  AGENCY_CODE_TAKEN: 409,
  VERSION_CONFLICT: 409,
  NOT_A_DRAFT_DOSSIER: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  DOSSIER_CLOSED_FOR_FILES: 409,
  FILE_OF_APPLICANT: 403,
  TOO_MANY_FILES: 409,
  SUPPLEMENT_FILES_MISSING: 409,
  FORM_NOT_AVAILABLE: 409,
  RATING_NOT_ALLOWED: 409,
  PROCEDURE_CODE_TAKEN: 409,
  EFFECTIVE_DATE_TAKEN: 409,
  PROCEDURE_FIELD_CODE_TAKEN: 409,
  PROCEDURE_FIELD_IN_USE: 409,
  HISTORY_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  FILE_TYPE_NOT_ALLOWED: 415,
  LOGIN_LOCKED: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  COMMIT_OUTCOME_UNKNOWN: 503,
  PRINT_BUSY: 503,
  DATABASE_UNAVAILABLE: 503,
  STORAGE_FULL: 507,
  SITE_URL_UNKNOWN: 503,
} as const satisfies Record<ErrorCode, number>;

/** Refusals of the dossier rules keep their own stable codes (upper-cased); their kind gives the status. */
export const refusalStatus = {
  forbidden: 403,
  conflict: 409,
  invalid: 400,
} as const satisfies Record<RefusalKind, number>;

function sendRefusal(reply: FastifyReply, err: DossierRuleError): FastifyReply {
  return reply
    .status(refusalStatus[err.kind])
    .type('application/json')
    .send({
      error: {
        code: err.code.toUpperCase(),
        message: err.message,
        message_en: err.message_en,
        ...(err.field !== undefined && err.field !== '' ? { field: err.field } : {}),
      },
    });
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    message_en: string;
    field?: string;
    details?: Record<string, unknown>;
  };
}

export function errorBody(err: AppError): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.messageVi,
      message_en: err.messageEn,
      ...(err.field !== undefined ? { field: err.field } : {}),
      ...(err.details !== undefined ? { details: err.details } : {}),
    },
  };
}

/** How long a client should wait before trying again when a resource is briefly missing. */
export const RETRY_AFTER_SECONDS = 5;

export function sendError(reply: FastifyReply, err: AppError): FastifyReply {
  // A refusal that says when to come back (login lock, rate limit, a full print queue) says it in HTTP too;
  // any other 503 (database unreachable, the outcome of a commit unknown) asks for a retry in a moment.
  const retry = err.details?.retryAfterSeconds;
  if (typeof retry === 'number') void reply.header('retry-after', String(retry));
  else if (httpStatus[err.code] === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return reply.status(httpStatus[err.code]).type('application/json').send(errorBody(err));
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Turns the first schema violation into our error with the offending field as a JSON-pointer-like path. */
export function fromValidation(errors: AjvError[], context: string | undefined): AppError {
  const first = errors[0];
  if (!first) return new AppError('VALIDATION_FAILED');
  const base = first.instancePath.replace(/^\//, '');
  const join = (name: unknown) => (base ? `${base}/${String(name)}` : String(name));
  const part = requestPart(context);
  switch (first.keyword) {
    case 'additionalProperties': {
      // An unknown property has no label: the message names where it was, the path stays in `field`.
      const field = join(first.params.additionalProperty);
      const parent = base ? fieldLabel(base) : undefined;
      return new AppError('UNKNOWN_FIELD', {
        field,
        vi: `Có trường dữ liệu không được hỗ trợ${parent ? ` trong "${parent.vi}"` : ''}${part.vi}.`,
        en: `A field that is not allowed was sent${parent ? ` in "${parent.en}"` : ''}${part.en}.`,
      });
    }
    case 'required': {
      const field = join(first.params.missingProperty);
      const name = fieldName(field);
      return new AppError('REQUIRED_FIELD', {
        field,
        vi: `Thiếu trường bắt buộc ${name.vi}${part.vi}.`,
        en: `The required field ${name.en} is missing${part.en}.`,
      });
    }
    default: {
      const field = base || context || 'body';
      const name = fieldName(field);
      return new AppError('VALIDATION_FAILED', {
        field,
        vi: `Giá trị của ${name.vi} không hợp lệ${part.vi}: ${describeVi(first)}.`,
        en: `The value of ${name.en} is not valid${part.en}: ${describeEn(first)}.`,
      });
    }
  }
}

/** Formats whose rule a user cannot guess from their name. */
const formatRules: Record<string, { vi: string; en: string }> = {
  date: {
    vi: 'phải là một ngày có thật, dạng YYYY-MM-DD, từ năm 1900 đến 2199',
    en: 'must be a real date, YYYY-MM-DD, in 1900–2199',
  },
  'date-time': {
    vi: 'phải là một thời điểm có thật kèm múi giờ, dạng 2026-02-13T16:00:00+07:00, từ năm 1900 đến 2199',
    en: 'must be a real instant with its offset, like 2026-02-13T16:00:00+07:00, in 1900–2199',
  },
  uuid: { vi: 'phải là một UUID', en: 'must be a UUID' },
};

function formatRule(error: AjvError): { vi: string; en: string } | undefined {
  return error.keyword === 'format' ? formatRules[String(error.params.format)] : undefined;
}

/** JSON types in words: "string" means nothing to the person typing. */
const typeNames: Record<string, { vi: string; en: string }> = {
  string: { vi: 'văn bản', en: 'text' },
  integer: { vi: 'số nguyên', en: 'a whole number' },
  number: { vi: 'số', en: 'a number' },
  boolean: { vi: 'có hoặc không', en: 'yes or no' },
  array: { vi: 'danh sách', en: 'a list' },
  object: { vi: 'nhóm thông tin', en: 'a group of fields' },
  null: { vi: 'để trống', en: 'empty' },
};

function typeName(type: unknown): { vi: string; en: string } {
  const first = String(type).split(',')[0]!;
  return typeNames[first] ?? { vi: 'đúng kiểu', en: 'of the expected kind' };
}

// Our own words for each rule, not the validator's (which quote property names and patterns).
function describeEn(error: AjvError): string {
  const rule = formatRule(error);
  if (rule) return rule.en;
  const limit = String(error.params.limit);
  switch (error.keyword) {
    case 'type':
      return `must be ${typeName(error.params.type).en}`;
    case 'minLength':
      return `must have at least ${limit} ${limit === '1' ? 'character' : 'characters'}`;
    case 'maxLength':
      return `must have at most ${limit} characters`;
    case 'minimum':
      return `must be at least ${limit}`;
    case 'maximum':
      return `must be at most ${limit}`;
    case 'exclusiveMinimum':
      return `must be more than ${limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${limit}`;
    case 'minItems':
      return `must list at least ${limit} ${limit === '1' ? 'item' : 'items'}`;
    case 'maxItems':
      return `must list at most ${limit} items`;
    case 'uniqueItems':
      return 'must not list the same item twice';
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      return 'is not one of the allowed values';
    case 'pattern':
    case 'format':
      return 'is not in the expected format';
    default:
      return 'does not meet the requirements';
  }
}

function describeVi(error: AjvError): string {
  const rule = formatRule(error);
  if (rule) return rule.vi;
  const limit = String(error.params.limit);
  switch (error.keyword) {
    case 'type':
      return `phải là ${typeName(error.params.type).vi}`;
    case 'minLength':
      return `phải có ít nhất ${limit} ký tự`;
    case 'maxLength':
      return `không được quá ${limit} ký tự`;
    case 'minimum':
      return `phải lớn hơn hoặc bằng ${limit}`;
    case 'maximum':
      return `phải nhỏ hơn hoặc bằng ${limit}`;
    case 'exclusiveMinimum':
      return `phải lớn hơn ${limit}`;
    case 'exclusiveMaximum':
      return `phải nhỏ hơn ${limit}`;
    case 'minItems':
      return `phải có ít nhất ${limit} mục`;
    case 'maxItems':
      return `không được quá ${limit} mục`;
    case 'uniqueItems':
      return 'không được có mục trùng nhau';
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      return 'không nằm trong các giá trị cho phép';
    case 'pattern':
    case 'format':
      return 'sai định dạng';
    default:
      return 'không đúng yêu cầu';
  }
}

/**
 * Errors Fastify's router raises before any route runs (malformed percent-encoding such as %E0%A4%A,
 * a path parameter over the router's length limit), answered in our error shape instead of Fastify's.
 */
export function handleFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  void sendError(
    reply,
    new AppError('VALIDATION_FAILED', {
      field: 'url',
      vi: 'Đường dẫn (URL) của yêu cầu không hợp lệ.',
      en: 'The request URL is not valid.',
      details: { reason: error.code },
    }),
  );
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
}

/** The one error handler; scopes with their own (uploads) hand everything else back to it. */
export function handleError(
  error: FastifyError & { validationContext?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof AppError) return sendError(reply, error);
  if (error instanceof DossierRuleError) return sendRefusal(reply, error);
  if (error instanceof CalendarError) {
    // The calendar module's own codes are finer than ours; keep them as details.reason.
    return sendError(
      reply,
      new AppError('VALIDATION_FAILED', {
        field: error.field,
        vi: error.message,
        en: error.message_en,
        details: { reason: error.code },
      }),
    );
  }
  if (error.validation) return sendError(reply, fromValidation(error.validation, error.validationContext));
  // Missing resources are answers the client can act on (wait, tell the administrator), not bugs.
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    return sendError(reply, new AppError('DATABASE_UNAVAILABLE'));
  }
  if (isStorageFull(error)) {
    request.log.error({ err: error }, 'out of storage space');
    return sendError(reply, new AppError('STORAGE_FULL'));
  }
  const status = error.statusCode ?? 500;
  if (status === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return sendError(reply, new AppError('PAYLOAD_TOO_LARGE'));
  }
  if (status === 415 || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return sendError(reply, new AppError('UNSUPPORTED_MEDIA_TYPE'));
  }
  if (status === 429) return sendError(reply, new AppError('RATE_LIMITED'));
  if (status >= 400 && status < 500) {
    // Malformed JSON, empty bodies with a JSON content type and the like.
    return sendError(
      reply,
      new AppError('VALIDATION_FAILED', { field: 'body', en: errorMessages.VALIDATION_FAILED.en }),
    );
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, new AppError('INTERNAL'));
}
