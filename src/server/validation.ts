import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { AppError } from '../domain/errors.ts';
import { fieldName } from '../domain/field-labels.ts';
import { findNul, registerFormats } from '../domain/formats.ts';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const common: Options = {
  // Unknown fields are an error, not something to drop silently.
  removeAdditional: false,
  useDefaults: true,
  allErrors: false,
  strict: false,
};

/** PostgreSQL's `integer`: what an integer field holds unless its schema states other bounds. */
export const INT4_MIN = -(2 ** 31);
export const INT4_MAX = 2 ** 31 - 1;

/**
 * Two validators: query strings, path parameters and headers are text and are coerced to the
 * schema's types; JSON bodies are not, so `"age": "12"` where a number is expected is refused.
 * Every request schema gets bounds on its numbers (`boundNumbers`), dates and instants are checked
 * against the calendar (`registerFormats`), and a NUL character anywhere in the input is refused before
 * it reaches PostgreSQL, which cannot store one in text or jsonb.
 */
export function installValidation(app: FastifyInstance): void {
  const bodyAjv = addFormats(new Ajv({ ...common, coerceTypes: false }));
  const textAjv = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));
  for (const ajv of [bodyAjv, textAjv]) {
    ajv.addKeyword({ keyword: 'example' });
    registerFormats(ajv);
  }
  app.setValidatorCompiler(({ schema, httpPart }) =>
    httpPart === 'body' ? bodyAjv.compile(schema) : textAjv.compile(schema),
  );
  // Before the validators are compiled and before @fastify/swagger reads the schemas, so the OpenAPI
  // document states the bounds that are enforced.
  app.addHook('onRoute', (route) => {
    if (route.schema) route.schema = boundRequestSchema(route.schema);
  });
  installNulChecks(app);
}

const REQUEST_PARTS = ['body', 'querystring', 'params', 'headers'] as const;

function boundRequestSchema(
  schema: NonNullable<RouteOptions['schema']>,
): NonNullable<RouteOptions['schema']> {
  const result: Record<string, unknown> = { ...schema };
  for (const part of REQUEST_PARTS) if (result[part] !== undefined) result[part] = boundNumbers(result[part]);
  return result;
}

/**
 * A copy of a JSON schema where every integer without an upper (lower) bound gets PostgreSQL's integer
 * bounds, and every other number the largest integer a double holds exactly. Without them 1e21 or
 * 2147483648 reached PostgreSQL as an out-of-range integer, and 1e309 (Infinity once parsed) passed as an
 * integer.
 */
export function boundNumbers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(boundNumbers);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    // Literal values are data, not schemas.
    copy[key] =
      key === 'enum' || key === 'const' || key === 'default' || key === 'examples'
        ? value
        : boundNumbers(value);
  }
  const types = Array.isArray(copy.type) ? (copy.type as unknown[]) : [copy.type];
  const integer = types.includes('integer');
  if (integer || types.includes('number')) {
    const [min, max] = integer ? [INT4_MIN, INT4_MAX] : [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
    if (copy.maximum === undefined && copy.exclusiveMaximum === undefined) copy.maximum = max;
    if (copy.minimum === undefined && copy.exclusiveMinimum === undefined) copy.minimum = min;
  }
  return copy;
}

function nulRefusal(field: string): AppError {
  const name = fieldName(field);
  return new AppError('VALIDATION_FAILED', {
    field,
    vi: `Giá trị của ${name.vi} chứa ký tự NUL (\\u0000), không được chấp nhận.`,
    en: `The value of ${name.en} contains a NUL character (\\u0000), which is not accepted.`,
  });
}

function installNulChecks(app: FastifyInstance): void {
  // JSON bodies: a NUL can only be written as the escape \u0000, so bodies without that text (nearly all)
  // are parsed as before and not walked.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    void parseJson(request, body as string, (error: Error | null, value?: unknown) => {
      if (error) return done(error, undefined);
      const field = (body as string).includes('\\u0000') ? findNul(value) : undefined;
      return field === undefined ? done(null, value) : done(nulRefusal(field || 'body'), undefined);
    });
  });
  // Query strings and path parameters, percent-encoded as %00.
  app.addHook('preValidation', (request: FastifyRequest, _reply, done) => {
    const field = findNul(request.params) ?? findNul(request.query);
    // findNul names an array item a/1; a query parameter is named by itself.
    done(field === undefined ? undefined : nulRefusal(field.replace(/\/\d+$/, '')));
  });
}
