/**
 * Requests generated from the OpenAPI document with fast-check: for each operation, values that follow
 * its schemas (or real identifiers taken from the database, so that requests reach past "not found") with,
 * now and then, a hostile value in their place: NUL characters, integers past int4/int8, 1e309, dates that
 * match the pattern but not the calendar, year 0000, lone surrogates, huge strings and arrays, wrong types.
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  parameters: Parameter[];
  /** The JSON body's schema, if the operation declares one. */
  body?: JsonSchema;
  /** Operations that take a raw file (application/octet-stream) rather than JSON. */
  rawBody: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const result: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      const body = op.requestBody?.content['application/json']?.schema;
      const upper = method.toUpperCase() as Operation['method'];
      result.push({
        method: upper,
        path,
        parameters: op.parameters ?? [],
        ...(body ? { body } : {}),
        rawBody: !body && (upper === 'POST' || upper === 'PUT'),
      });
    }
  }
  return result;
}

/** A number token written as is into the JSON text: JSON.stringify cannot write 1e309 or 30-digit integers. */
export class RawNumber {
  constructor(readonly text: string) {}
  toJSON(): string {
    return `RawNumber(${this.text})`;
  }
}

export function toJsonText(value: unknown): string {
  if (value instanceof RawNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Text that a query string or a path segment can carry, chosen to break naive handling, by kind. */
const NUL_TEXT = ['\u0000', 'a\u0000b', '000.00.09.H20\u0000', '2.000488\u0000'];
const NUMBER_TEXT = [
  '1e309',
  '-1e309',
  '1e21',
  '99999999999999999999',
  '2147483648',
  '-2147483649',
  '9223372036854775808',
  '9007199254740993',
  '0',
  '-1',
  '1.5',
  'NaN',
  'Infinity',
  '-0',
];
const DATE_TEXT = [
  '2026-02-29',
  '2026-02-30',
  '2026-04-31',
  '2026-13-01',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '1899-12-31',
  '2200-01-01',
  '0000-01-01T00:00:00Z',
  '0000-01-01T00:00:00+07:00',
  '2026-02-29T00:00:00Z',
  '2026-02-30T08:00:00+07:00',
  '2026-01-01T23:59:60Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00Z',
  '275760-09-13',
  '2026-06-15T25:00:00Z',
  '2026-06-15T08:00:00',
];
const OTHER_TEXT = [
  '',
  ' ',
  'null',
  'true',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'not-a-uuid',
  '\uD800',
  '%',
  "'; select pg_sleep(1); --",
  'Đồng Tháp',
  '\t\n',
  'x'.repeat(5000),
];
export const HOSTILE_TEXT: readonly string[] = [...NUL_TEXT, ...NUMBER_TEXT, ...DATE_TEXT, ...OTHER_TEXT];

const NUMBER_JSON: readonly unknown[] = [
  2147483648,
  -2147483649,
  1e21,
  -1e21,
  Number.MAX_SAFE_INTEGER + 2,
  new RawNumber('1e309'),
  new RawNumber('-1e309'),
  new RawNumber('123456789012345678901234567890'),
  new RawNumber('1E400'),
  new RawNumber('-0'),
  1.5,
  -1,
  0,
];
const OTHER_JSON: readonly unknown[] = [
  { a: '\u0000' },
  ['\u0000'],
  { 'a\u0000': 1 },
  null,
  true,
  {},
  [],
  [[]],
  Array.from({ length: 3000 }, () => 1),
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
];

/** Kinds get equal shares, so a NUL is as likely as any of the many ways to write a bad date. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NUL_TEXT),
  fc.constantFrom(...NUMBER_TEXT),
  fc.constantFrom(...DATE_TEXT),
  fc.constantFrom(...OTHER_TEXT),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.constantFrom(...NUMBER_JSON),
  fc.constantFrom(...OTHER_JSON),
);

/** A valid value with a NUL put in: it passes every check that does not look for one. */
function withNul(value: unknown): unknown {
  if (typeof value === 'string') return `${value.slice(0, 3)}\u0000${value.slice(3)}`;
  if (Array.isArray(value)) return [...value, '\u0000'];
  if (value !== null && typeof value === 'object') return { ...value, 'x\u0000': '\u0000' };
  return '\u0000';
}

/** The value one time in twenty, otherwise nothing (fc.option's freq is the other way round: 1/freq is nil). */
function rarely<T>(value: T): fc.Arbitrary<T | undefined> {
  return fc.oneof(
    { weight: 19, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(value) },
  );
}

/** Known values by parameter or property name (real identifiers of the test database). */
export type Pools = Record<string, readonly unknown[]>;

const checker = addFormats(new Ajv({ strict: false, coerceTypes: true }));

function fits(schema: JsonSchema, value: unknown): boolean {
  try {
    return checker.validate(schema, value);
  } catch {
    return false;
  }
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.enum) return ['enum'];
  if (schema.properties) return ['object'];
  return ['any'];
}

function patterned(schema: JsonSchema): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(schema.pattern!));
  } catch {
    return fc.string({ maxLength: 20 });
  }
}

const isoDay = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const instant = fc
  .tuple(
    fc.date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2030-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.boolean(),
  )
  .map(([d, vietnam]) =>
    vietnam ? `${new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00` : d.toISOString(),
  );

function stringValue(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date') return isoDay;
  if (schema.format === 'date-time') return instant;
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.pattern) return patterned(schema);
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  return fc.oneof(
    fc.string({ minLength, maxLength }),
    fc
      .constantFrom('Nguyễn Văn An', 'Số 15 Lý Thường Kiệt', 'ho tich', '0912345678')
      .filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity)),
  );
}

/** Puts a NUL into the valid value of the node it replaces. */
const NUL_IN_VALID = Symbol('NUL in the valid value');

/**
 * A node of a generated JSON body: its valid value (whose arrays and objects hold Slots) and the hostile
 * value that replaces it if the request's one mutation falls on it. One bad value per request, so that it
 * is not hidden behind another field's refusal.
 */
export class Slot {
  constructor(
    readonly valid: unknown,
    readonly hostile: unknown,
  ) {}
  toJSON(): unknown {
    return materialize(this, { left: -1 });
  }
}

function slotOf(schema: JsonSchema, name: string, pools: Pools, depth: number): fc.Arbitrary<Slot> {
  return fc
    .tuple(
      schemaValue(schema, name, pools, depth, true),
      fc.oneof(fc.constant(NUL_IN_VALID), hostileFor(schema, true)),
    )
    .map(([valid, hostile]) => new Slot(valid, hostile));
}

function countSlots(value: unknown): number {
  if (value instanceof Slot) return 1 + countSlots(value.valid);
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countSlots(v), 0);
  if (value !== null && typeof value === 'object' && !(value instanceof RawNumber))
    return Object.values(value).reduce((n: number, v) => n + countSlots(v), 0);
  return 0;
}

/** The body with the node numbered `target.left` (in pre-order) replaced by its hostile value. */
function materialize(value: unknown, target: { left: number }): unknown {
  if (value instanceof Slot) {
    if (target.left-- === 0) {
      return value.hostile === NUL_IN_VALID ? withNul(materialize(value.valid, { left: -1 })) : value.hostile;
    }
    return materialize(value.valid, target);
  }
  if (Array.isArray(value)) return value.map((v) => materialize(v, target));
  if (value !== null && typeof value === 'object' && !(value instanceof RawNumber))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialize(v, target)]));
  return value;
}

/** Leaves of a schema (through anyOf and arrays), to aim hostile values at what a field holds. */
function kindsOf(schema: JsonSchema): Set<string> {
  const kinds = new Set<string>();
  const visit = (s: JsonSchema) => {
    for (const b of s.anyOf ?? s.oneOf ?? []) visit(b);
    if (s.items) visit(s.items);
    if (s.format === 'date' || s.format === 'date-time') kinds.add('date');
    for (const t of typesOf(s)) if (t === 'integer' || t === 'number') kinds.add('number');
  };
  visit(schema);
  return kinds;
}

/** Hostile values, half of them of the kind the field holds: bad dates for a date, huge numbers for a number. */
function hostileFor(schema: JsonSchema, json: boolean): fc.Arbitrary<unknown> {
  const kinds = kindsOf(schema);
  const aimed: fc.Arbitrary<unknown>[] = [];
  if (kinds.has('date')) aimed.push(fc.constantFrom(...DATE_TEXT));
  if (kinds.has('number')) aimed.push(fc.constantFrom(...(json ? NUMBER_JSON : NUMBER_TEXT)));
  const any = json ? hostileJson : hostileText;
  return aimed.length === 0 ? any : fc.oneof(any, ...aimed);
}

/** A value that follows the schema; with `slots`, its array items and properties are Slots. */
function schemaValue(
  schema: JsonSchema,
  name: string,
  pools: Pools,
  depth: number,
  slots = false,
): fc.Arbitrary<unknown> {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((b) => schemaValue(b, name, pools, depth, slots)));
  if (schema.allOf)
    return schemaValue(Object.assign({}, ...schema.allOf) as JsonSchema, name, pools, depth, slots);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const known = (pools[name] ?? []).filter((v) => fits(schema, v));
  const arbitraries = typesOf(schema).map((type) => byType(type, schema, name, pools, depth, slots));
  const generated = arbitraries.length === 1 ? arbitraries[0]! : fc.oneof(...arbitraries);
  return known.length === 0
    ? generated
    : fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: generated });
}

function byType(
  type: string,
  schema: JsonSchema,
  name: string,
  pools: Pools,
  depth: number,
  slots: boolean,
): fc.Arbitrary<unknown> {
  const child = (sub: JsonSchema, childName: string): fc.Arbitrary<unknown> =>
    slots ? slotOf(sub, childName, pools, depth + 1) : schemaValue(sub, childName, pools, depth + 1);
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1000, -(2 ** 31)),
        max: Math.min(schema.maximum ?? 1000, 2 ** 31 - 1),
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1000,
        max: schema.maximum ?? 1000,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'string':
      return stringValue(schema);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 3, 3));
      return fc.array(child(schema.items ?? {}, name), { minLength, maxLength });
    }
    case 'object': {
      if (depth > 6) return fc.constant({});
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties ?? {});
      const parts = entries.map(([key, sub]) =>
        required.has(key)
          ? child(sub, key).map((v) => [key, v] as const)
          : fc.option(
              child(sub, key).map((v) => [key, v] as const),
              { nil: undefined, freq: 2 },
            ),
      );
      const unknownField = rarely(['notAField', 'x'] as const);
      return fc
        .tuple(fc.tuple(...parts), unknownField)
        .map(([fields, extra]) =>
          Object.fromEntries(
            [...fields, extra].filter((f): f is readonly [string, unknown] => f !== undefined),
          ),
        );
    }
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant({}));
  }
}

interface ParamValue {
  /** The valid texts (arrays become repeated keys), or undefined for an optional parameter left out. */
  valid: string[] | undefined;
  /** What is sent instead if the request's one mutation falls on this parameter. */
  hostile: string[];
}

function paramValue(param: Parameter, pools: Pools, optional: boolean): fc.Arbitrary<ParamValue> {
  const valid = schemaValue(param.schema, param.name, pools, 0).map((v) =>
    Array.isArray(v) ? v.map(String) : [String(v)],
  );
  const hostile = fc.oneof(
    hostileFor(param.schema, false).map((s) => [s as string]),
    valid.map((v) => v.map((s) => withNul(s) as string)),
    fc.array(hostileText, { minLength: 2, maxLength: 3 }),
  );
  return fc
    .tuple(optional ? fc.option(valid, { nil: undefined, freq: 2 }) : valid, hostile)
    .map(([v, h]) => ({ valid: v, hostile: h }));
}

/** encodeURIComponent, but a lone surrogate goes out as the bytes of invalid UTF-8 instead of throwing. */
export function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text]
      .map((c) => {
        try {
          return encodeURIComponent(c);
        } catch {
          return '%ED%A0%80';
        }
      })
      .join('');
  }
}

export interface FuzzRequest {
  method: Operation['method'];
  url: string;
  headers: Record<string, string>;
  /** JSON text or raw bytes. */
  payload?: string | Buffer;
}

const rawFiles: readonly Buffer[] = [
  Buffer.alloc(0),
  Buffer.from('%PDF-1.4\n%\u0000\u0000\n1 0 obj <<>> endobj\n%%EOF'),
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
  Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0, 0]),
  Buffer.from('{"code":"000.00.09.H20-260101-0001","name":"a\\u0000b"}\n'),
  Buffer.from('{"procedures":[{"code":"1.000001","name":"x\\u0000"}]}'),
  Buffer.from('{"version":1e309}\n{"a":99999999999999999999}\n'),
];

/**
 * One request to the operation: every parameter and body node valid, except (four times in five) the one
 * the mutation index falls on, which gets its hostile value.
 */
export function requestFor(op: Operation, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');
  const params = fc.tuple(
    ...pathParams.map((p) => paramValue(p, pools, false)),
    ...queryParams.map((p) => paramValue(p, pools, !p.required)),
  );
  const headers = fc.tuple(
    ...headerParams.map((p) =>
      fc
        .option(
          fc.oneof(
            schemaValue(p.schema, p.name, pools, 0).map(String),
            hostileText.map((s) => (p.name === 'x-file-name' ? encode(s) : s.replace(/[^\x20-\x7e]/g, '?'))),
          ),
          { nil: undefined, freq: 2 },
        )
        .map((v) => [p.name, v] as const),
    ),
  );
  const body: fc.Arbitrary<Slot | Buffer | undefined> = op.body
    ? slotOf(op.body, 'body', pools, 0)
    : op.rawBody
      ? fc.option(
          fc.oneof(
            fc.constantFrom(...rawFiles),
            fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
          ),
          { nil: undefined, freq: 4 },
        )
      : fc.constant(undefined);
  const mutation = fc.oneof({ weight: 1, arbitrary: fc.constant(-1) }, { weight: 4, arbitrary: fc.nat() });
  const unknownParameter = rarely(`notAParameter=1`);
  return fc
    .tuple(params, headers, body, mutation, unknownParameter)
    .map(([paramValues, headerValues, rawBody, pick, extra]) => {
      const nodes = paramValues.length + (rawBody instanceof Slot ? countSlots(rawBody) : 0);
      const target = pick < 0 || nodes === 0 ? -1 : pick % nodes;
      const textOf = (i: number) => (i === target ? paramValues[i]!.hostile : paramValues[i]!.valid);
      let url = op.path;
      pathParams.forEach((p, i) => {
        url = url.replace(`{${p.name}}`, encode(textOf(i)?.[0] ?? ''));
      });
      const search = queryParams
        .flatMap((p, j) => (textOf(pathParams.length + j) ?? []).map((v) => `${encode(p.name)}=${encode(v)}`))
        .concat(extra ?? [])
        .join('&');
      const payload =
        rawBody instanceof Slot
          ? toJsonText(materialize(rawBody, { left: target - paramValues.length }))
          : rawBody;
      const headerRecord: Record<string, string> = {};
      for (const [name, value] of headerValues) if (value !== undefined) headerRecord[name] = value;
      if (typeof payload === 'string') headerRecord['content-type'] = 'application/json';
      else if (payload !== undefined) headerRecord['content-type'] = 'application/octet-stream';
      return {
        method: op.method,
        url: search ? `${url}?${search}` : url,
        headers: headerRecord,
        ...(payload === undefined ? {} : { payload }),
      };
    });
}
