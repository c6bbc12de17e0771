/**
 * Input rules of each action. The API validates shapes with its schemas; these are the rules the domain
 * owns (lists that must not be empty, the one-time appointment reset, who received a paper result…), so
 * that every caller — API, UI, imports — gets the same answer. Parsers throw DossierRuleError('invalid').
 */
import { CalendarError, applyReschedule, computeDue, type WorkCalendar } from '../calendar/index.ts';
import { isValidAgencyCode } from '../identifiers.ts';
import { parseDossierCode } from './code.ts';
import { DossierRuleError, type RefusalCode } from './errors.ts';
import {
  channels,
  paperDeliveries,
  quickRatings,
  ratingCriteria,
  resultMethods,
  type ActionData,
  type CriterionScore,
  type Deadline,
  type DossierAction,
  type DossierActor,
  type DossierState,
  type OpinionFile,
  type RatingCriterion,
} from './model.ts';
import { forwardTime } from './time.ts';

export interface InputContext {
  state: DossierState;
  actor: DossierActor;
  now: number;
  calendar: WorkCalendar;
}

type Raw = Record<string, unknown>;

const MAX_TEXT = 2000;
const MAX_SHORT = 200;
const MAX_ITEMS = 200;
const MAX_VND = 1e12;
/** The longest reply time an opinion request may give, in working days. */
export const MAX_REPLY_DAYS = 60;
const MAX_ATTACHMENTS = 20;

function fail(code: RefusalCode, field: string): never {
  throw new DossierRuleError(code, field);
}

function text(raw: Raw, field: string, max = MAX_TEXT): string {
  const value = raw[field];
  if (value === undefined || value === null) fail('required', field);
  if (typeof value !== 'string') fail('invalid_value', field);
  const trimmed = value.trim();
  if (trimmed === '') fail('required', field);
  if (trimmed.length > max) fail('too_long', field);
  return trimmed;
}

function optionalText(raw: Raw, field: string, max = MAX_TEXT): string | null {
  return raw[field] === undefined || raw[field] === null ? null : text(raw, field, max);
}

/** A non-empty list of distinct non-empty texts. */
function textList(raw: Raw, field: string, max = 1000): string[] {
  const value = raw[field];
  if (value === undefined || value === null) fail('required', field);
  if (!Array.isArray(value)) fail('invalid_value', field);
  if (value.length === 0) fail('empty_list', field);
  if (value.length > MAX_ITEMS) fail('too_long', field);
  const items = value.map((_, i) => text(value as unknown as Raw, String(i), max));
  items.forEach((item, i) => {
    if (items.indexOf(item) !== i) fail('duplicate_item', `${field}[${i}]`);
  });
  return items;
}

function oneOf<const T extends readonly string[]>(raw: Raw, field: string, values: T): T[number] {
  const value = raw[field];
  if (value === undefined || value === null) fail('required', field);
  if (typeof value !== 'string' || !values.includes(value)) fail('invalid_value', field);
  return value;
}

function integer(raw: Raw, field: string, min: number, max: number): number {
  const value = raw[field];
  if (value === undefined || value === null) fail('required', field);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    fail('invalid_value', field);
  return value;
}

function instant(raw: Raw, field: string): number {
  const value = raw[field];
  if (value === undefined || value === null) fail('required', field);
  if (typeof value !== 'number' || !Number.isFinite(value)) fail('invalid_value', field);
  return value;
}

function agencyCode(raw: Raw, field: string): string {
  const value = text(raw, field, 20);
  if (!isValidAgencyCode(value)) fail('invalid_agency_code', field);
  return value;
}

function deadline(raw: Raw, ctx: InputContext): Deadline {
  const value = raw.deadline;
  if (value === undefined || value === null) fail('required', 'deadline');
  if (typeof value !== 'object' || Array.isArray(value)) fail('invalid_deadline', 'deadline');
  const d = value as Raw;
  for (const key of Object.keys(d))
    if (key !== 'amount' && key !== 'unit' && key !== 'mode') fail('unknown_field', `deadline.${key}`);
  const result = { amount: d.amount, unit: d.unit, ...(d.mode === undefined ? {} : { mode: d.mode }) };
  try {
    // The calendar engine owns the rules of durations (units, whole numbers, ten-year limit).
    computeDue({ ...(result as Deadline), start: ctx.now }, ctx.calendar);
  } catch (error) {
    if (error instanceof CalendarError) fail('invalid_deadline', `deadline.${error.field}`);
    throw error;
  }
  return result as Deadline;
}

function reschedule(raw: Raw, ctx: InputContext): ActionData['apologize'] {
  const newDueAt = instant(raw, 'newDueAt');
  const reason = text(raw, 'reason');
  const { dueAt, originalDueAt } = ctx.state;
  if (dueAt === null || originalDueAt === null) fail('invalid_value', 'newDueAt'); // guarded by status
  try {
    applyReschedule({ dueAt, originalDueAt, rescheduled: false }, newDueAt);
  } catch (error) {
    if (error instanceof CalendarError) {
      fail(error.code === 'reschedule_not_later' ? 'appointment_not_later' : 'invalid_value', 'newDueAt');
    }
    throw error;
  }
  // An appointment is a time the office is open (or its closing time): where working time can reach.
  const reachable = ctx.calendar.addWorkingMs(ctx.now, ctx.calendar.workingMsBetween(ctx.now, newDueAt));
  if (reachable !== newDueAt) fail('appointment_not_working_time', 'newDueAt');
  return { reason, newDueAt, previousDueAt: dueAt };
}

/** Files already uploaded to the dossier (the caller resolved ids to names); none when absent. */
function opinionFiles(raw: Raw): OpinionFile[] {
  const value = raw.attachments;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail('invalid_value', 'attachments');
  if (value.length > MAX_ATTACHMENTS) fail('too_long', 'attachments');
  const files = value.map((f: unknown, i) => {
    if (typeof f !== 'object' || f === null) fail('invalid_value', `attachments[${i}]`);
    const { id, fileName } = f as Raw;
    if (typeof id !== 'string' || typeof fileName !== 'string') fail('invalid_value', `attachments[${i}]`);
    return { id, fileName };
  });
  files.forEach((f, i) => {
    if (files.findIndex((g) => g.id === f.id) !== i) fail('duplicate_item', `attachments[${i}]`);
  });
  return files;
}

function criteria(raw: Raw): Record<RatingCriterion, CriterionScore> {
  const value = raw.criteria;
  if (value === undefined || value === null) fail('required', 'criteria');
  if (typeof value !== 'object' || Array.isArray(value)) fail('invalid_value', 'criteria');
  const scores = value as Raw;
  for (const key of Object.keys(scores))
    if (!(ratingCriteria as readonly string[]).includes(key)) fail('unknown_field', `criteria.${key}`);
  const result = {} as Record<RatingCriterion, CriterionScore>;
  for (const criterion of ratingCriteria) {
    const score = scores[criterion];
    if (score === undefined) fail('required', `criteria.${criterion}`);
    if (score !== 0 && score !== 1 && score !== 2) fail('invalid_value', `criteria.${criterion}`);
    result[criterion] = score;
  }
  return result;
}

function returnResult(raw: Raw, ctx: InputContext): ActionData['return_result'] {
  const value = raw.methods;
  if (value === undefined || value === null) fail('required', 'methods');
  if (!Array.isArray(value)) fail('invalid_value', 'methods');
  if (value.length === 0) fail('empty_list', 'methods');
  const methods = value.map((_, i) => oneOf(value as unknown as Raw, String(i), resultMethods));
  if (new Set(methods).size !== methods.length) fail('duplicate_item', 'methods');
  const paper = methods.includes('paper');
  if (!paper && raw.delivery !== undefined && raw.delivery !== null) fail('invalid_value', 'delivery');
  if (paper && (raw.delivery === undefined || raw.delivery === null))
    fail('paper_details_required', 'delivery');
  if (paper && (raw.receivedBy === undefined || raw.receivedBy === null))
    fail('paper_details_required', 'receivedBy');
  const receivedAt =
    raw.receivedAt === undefined || raw.receivedAt === null ? ctx.now : instant(raw, 'receivedAt');
  if (receivedAt > ctx.now || (ctx.state.resolvedAt !== null && receivedAt < ctx.state.resolvedAt))
    fail('received_at_out_of_range', 'receivedAt');
  return {
    methods,
    delivery: paper ? oneOf(raw, 'delivery', paperDeliveries) : null,
    receivedBy: optionalText(raw, 'receivedBy', MAX_SHORT),
    receivedAt,
  };
}

/** One parser per action, checked complete by the compiler. */
const parsers: { [A in DossierAction]: (raw: Raw, ctx: InputContext) => ActionData[A] } = {
  save_draft: (raw, { actor, state }) => {
    const channel = oneOf(raw, 'channel', channels);
    // Applicants file online; the desk types in what arrives in person or by post.
    if ((actor.role === 'applicant') !== (channel === 'online')) fail('channel_not_allowed', 'channel');
    const applicantId =
      actor.role === 'applicant'
        ? actor.id
        : (optionalText(raw, 'applicantId', MAX_SHORT) ?? state.applicantId);
    return { channel, applicantId };
  },
  submit: () => ({}),
  receive: (raw, ctx) => {
    const code = text(raw, 'code', 40);
    if (!parseDossierCode(code).ok) fail('invalid_dossier_code', 'code');
    return { code, deadline: deadline(raw, ctx) };
  },
  request_supplement: (raw) => ({ items: textList(raw, 'items'), reason: text(raw, 'reason') }),
  refuse: (raw) => ({ reasons: textList(raw, 'reasons') }),
  provide_supplement: (raw) => ({ items: textList(raw, 'items') }),
  forward: (raw, { state, now, calendar }) => ({
    agencyCode: agencyCode(raw, 'agencyCode'),
    forwardBy: forwardTime(state.receivedAt ?? now, calendar),
  }),
  assign: (raw) => ({ assigneeId: text(raw, 'assigneeId', MAX_SHORT) }),
  complete_step: (raw) => ({ note: optionalText(raw, 'note') }),
  return_step: (raw) => ({ reason: text(raw, 'reason') }),
  send_to_cooperating: (raw, { state, now }) => {
    const agencies = textList(raw, 'agencies', 20);
    agencies.forEach((code, i) => {
      if (!isValidAgencyCode(code)) fail('invalid_agency_code', `agencies[${i}]`);
      if (state.cooperation.some((b) => b.agencyCode === code && b.answeredAt === null))
        fail('duplicate_item', `agencies[${i}]`);
    });
    const question = text(raw, 'question');
    const replyWorkingDays = integer(raw, 'replyWorkingDays', 1, MAX_REPLY_DAYS);
    // Each asked agency's due time by its own calendar: the caller (who can read calendars) works it out.
    const due = raw.replyDueAt;
    if (typeof due !== 'object' || due === null || Array.isArray(due)) fail('invalid_value', 'replyDueAt');
    const replyDueAt: Record<string, number> = {};
    for (const code of agencies) {
      const at = (due as Raw)[code];
      if (typeof at !== 'number' || !Number.isFinite(at) || at <= now) fail('invalid_value', 'replyDueAt');
      replyDueAt[code] = at;
    }
    return { agencies, question, replyWorkingDays, replyDueAt, attachments: opinionFiles(raw) };
  },
  cooperating_result: (raw, { actor }) => ({
    agencyCode: actor.agencyCode ?? '',
    result: text(raw, 'result'),
    note: optionalText(raw, 'note'),
    attachments: opinionFiles(raw),
  }),
  approve: (raw) => ({ note: optionalText(raw, 'note') }),
  issue: (raw) => {
    const electronic = raw.electronic ?? false;
    if (typeof electronic !== 'boolean') fail('invalid_value', 'electronic');
    return { resultNumber: text(raw, 'resultNumber', 100), electronic };
  },
  request_financial_obligation: (raw) => ({
    noticeNumber: text(raw, 'noticeNumber', 100),
    amountVnd: integer(raw, 'amountVnd', 0, MAX_VND),
  }),
  record_payment: (raw) => ({
    amountVnd: integer(raw, 'amountVnd', 0, MAX_VND),
    transactionId: text(raw, 'transactionId', MAX_SHORT),
  }),
  apologize: reschedule,
  request_withdrawal: (raw) => ({ reason: text(raw, 'reason') }),
  stop: (raw) => ({ reason: text(raw, 'reason') }),
  return_result: returnResult,
  rate: (raw) => ({
    quick: oneOf(raw, 'quick', quickRatings),
    criteria: criteria(raw),
    comment: optionalText(raw, 'comment'),
  }),
};

/** Validates an action's input against the fields the table names and the action's rules. */
export function parseInput<A extends DossierAction>(
  action: A,
  input: unknown,
  fields: { requires: readonly PropertyKey[]; optional: readonly PropertyKey[] },
  ctx: InputContext,
): ActionData[A] {
  if (input !== undefined && input !== null && (typeof input !== 'object' || Array.isArray(input)))
    fail('invalid_input', '');
  const raw = (input ?? {}) as Raw;
  for (const key of Object.keys(raw)) {
    if (!fields.requires.includes(key) && !fields.optional.includes(key)) fail('unknown_field', key);
  }
  for (const key of fields.requires) {
    if (raw[key as string] === undefined || raw[key as string] === null) fail('required', key as string);
  }
  const parse: (raw: Raw, ctx: InputContext) => ActionData[A] = parsers[action];
  return parse(raw, ctx);
}
