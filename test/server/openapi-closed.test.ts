/**
 * Every 2xx JSON answer in the OpenAPI document is a closed object: each object schema in it, however deep,
 * says additionalProperties: false (or gives a schema for the extra keys). An open answer lets a field slip
 * out unnoticed (Fastify serializes only declared properties of a closed schema) and tells a client nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';

type Schema = Record<string, unknown>;
interface Document {
  paths: Record<
    string,
    Record<
      string,
      { operationId?: string; responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }
    >
  >;
  components: { schemas?: Record<string, Schema> };
}

/** The places in a schema, as paths like /items/[]/roles/[], where an object accepts keys it does not name. */
function openObjects(schema: unknown, components: Record<string, Schema>): string[] {
  const found: string[] = [];
  const walk = (node: unknown, at: string, refs: ReadonlySet<string>): void => {
    if (!node || typeof node !== 'object') return;
    const s = node as Schema;
    if (typeof s.$ref === 'string') {
      if (refs.has(s.$ref)) return;
      const name = s.$ref.replace('#/components/schemas/', '');
      walk(components[name], at, new Set([...refs, s.$ref]));
      return;
    }
    const types = Array.isArray(s.type) ? (s.type as unknown[]) : [s.type];
    const extra = s.additionalProperties;
    if ((types.includes('object') || 'properties' in s) && extra !== false && typeof extra !== 'object')
      found.push(at || '/');
    for (const [key, value] of Object.entries((s.properties as Record<string, unknown>) ?? {}))
      walk(value, `${at}/${key}`, refs);
    if (extra && typeof extra === 'object') walk(extra, `${at}/*`, refs);
    for (const [key, value] of Object.entries((s.patternProperties as Record<string, unknown>) ?? {}))
      walk(value, `${at}/${key}`, refs);
    if (s.items) walk(s.items, `${at}/[]`, refs);
    for (const keyword of ['anyOf', 'oneOf', 'allOf', 'prefixItems'])
      ((s[keyword] as unknown[]) ?? []).forEach((part, i) => walk(part, `${at}/${keyword}${i}`, refs));
  };
  walk(schema, '', new Set());
  return found;
}

let t: TestApp;
let doc: Document;
beforeAll(async () => {
  t = await testApp();
  doc = (await t.app.inject('/api/openapi.json')).json<Document>();
});
afterAll(() => t.close());

describe('2xx JSON answers of the OpenAPI document', () => {
  it('tells an open object from a closed one', () => {
    const closed = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false };
    expect(openObjects(closed, {})).toEqual([]);
    expect(openObjects({ type: 'object', properties: { a: { type: 'string' } } }, {})).toEqual(['/']);
    expect(openObjects({ type: 'object', additionalProperties: true }, {})).toEqual(['/']);
    const deep = {
      ...closed,
      properties: { list: { type: 'array', items: { $ref: '#/components/schemas/X' } } },
    };
    expect(openObjects(deep, { X: { type: 'object', properties: {} } })).toEqual(['/list/[]']);
    expect(openObjects({ anyOf: [{ type: 'null' }, { type: 'object' }] }, {})).toEqual(['/anyOf1']);
  });

  it('are closed objects, every one', () => {
    const components = doc.components.schemas ?? {};
    const open = new Map<string, string[]>();
    for (const [path, byMethod] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(byMethod)) {
        for (const [status, response] of Object.entries(op.responses)) {
          const schema = response.content?.['application/json']?.schema;
          if (!status.startsWith('2') || !schema) continue;
          const places = openObjects(schema, components);
          if (places.length > 0) open.set(op.operationId ?? `${method.toUpperCase()} ${path}`, places);
        }
      }
    }
    expect([...open], 'open 2xx answers: give the objects additionalProperties: false').toEqual([]);
  });
});
