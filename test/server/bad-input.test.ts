/**
 * The causes of the 5xx the API fuzz found (issue 15), one request each: NUL characters, integers past
 * PostgreSQL's, dates that match a pattern but not the calendar. Each must be a 400 naming the field, in
 * Vietnamese and English, that writes nothing.
 */
import { fieldLabel } from '../../src/domain/field-labels.ts';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: Session;
let desk: Session;
beforeAll(async () => {
  t = await testApp();
  admin = await loginAs(t.app, 'admin');
  desk = await loginAs(t.app, 'tuphap.tiepnhan');
});
afterAll(() => t.close());

/** Sends the body as JSON text as is, so that 1e309 and 30-digit numbers reach the server unchanged. */
function send(
  session: Session | undefined,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  json?: string,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method,
    url,
    headers: {
      ...(session ? { cookie: session.cookie } : {}),
      ...(session && method !== 'GET' ? { 'x-csrf-token': session.csrf } : {}),
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(json === undefined ? {} : { payload: json }),
  });
}

async function writes(): Promise<string> {
  const { rows } = await t.database.pool.query<{ mark: string }>(
    `select (select coalesce(max(id), 0) from audit_log) || '/' || (select count(*) from dossier_events) ||
       '/' || (select count(*) from dossiers) || '/' || (select md5(string_agg(coalesce(address, '') || coalesce(phone, ''), ',' order by id)) from users) as mark`,
  );
  return rows[0]!.mark;
}

function refused(res: LightMyRequestResponse, field: string): void {
  expect(res.statusCode, res.body).toBe(400);
  const error = errorOf(res);
  expect(error.field).toBe(field);
  // The person reads the field's label; the path is for programs (defect 8).
  const label = fieldLabel(field);
  if (label) {
    expect(error.message).toContain(`"${label.vi}"`);
    expect(error.message_en).toContain(`"${label.en}"`);
  }
  expect(error.message).not.toContain(`(${field})`);
}

const intake = {
  procedure: '2.000488',
  caseIndex: 0,
  channel: 'in_person',
  applicant: { name: 'Nguyễn Văn An', personalId: '087090001234', phone: '0912345678' },
};

describe('NUL characters are refused before PostgreSQL', () => {
  it.each([
    ['/api/v1/procedures?field=%00', 'field'],
    ['/api/v1/procedures?q=a%00b&on=2026-03-02', 'q'],
    ['/api/v1/track/000.00.09.H20-260101-0001%00', 'code'],
    ['/api/v1/agencies?under=%00', 'under'],
  ])('in a query or path: %s', async (url, field) => {
    refused(await send(undefined, 'GET', url), field);
  });

  it('in a staff search and a dossier search', async () => {
    refused(await send(admin, 'GET', '/api/v1/staff?q=%00'), 'q');
    refused(await send(admin, 'GET', '/api/v1/dossiers?q=a%00&status=received&status=draft%00'), 'q');
    refused(await send(admin, 'GET', '/api/v1/dossiers?status=received&status=draft%00'), 'status');
  });

  it('in a JSON body, however deep, and in a key', async () => {
    const before = await writes();
    refused(await send(admin, 'PATCH', '/api/v1/me/profile', '{"address":"a\\u0000b"}'), 'address');
    refused(
      await send(
        desk,
        'POST',
        '/api/v1/dossiers',
        JSON.stringify({ ...intake, procedure: '2.000488\u0000' }),
      ),
      'procedure',
    );
    // The applicant is stored as jsonb: PostgreSQL refuses \u0000 there too.
    refused(
      await send(
        desk,
        'POST',
        '/api/v1/dossiers',
        JSON.stringify({ ...intake, applicant: { ...intake.applicant, address: 'Số 1\u0000' } }),
      ),
      'applicant/address',
    );
    refused(
      await send(desk, 'POST', '/api/v1/dossiers', JSON.stringify({ ...intake, 'x\u0000': 1 })),
      'x\\u0000',
    );
    expect(await writes()).toBe(before);
    // An escaped backslash before u0000 is text, not a NUL.
    const res = await send(admin, 'PATCH', '/api/v1/me/profile', '{"address":"C:\\\\u0000"}');
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('numbers are bounded', () => {
  it.each([
    ['POST', '/api/v1/me/notifications/read', '{"ids":[1e21]}', 'ids/0'],
    ['POST', '/api/v1/me/notifications/read', '{"ids":[2147483648]}', 'ids/0'],
    ['POST', '/api/v1/me/notifications/read', '{"ids":[1e309]}', 'ids/0'],
    ['POST', '/api/v1/me/notifications/read', '{"ids":[123456789012345678901234567890]}', 'ids/0'],
  ] as const)('%s %s %s', async (method, url, json, field) => {
    const before = await writes();
    refused(await send(admin, method, url, json), field);
    expect(await writes()).toBe(before);
  });

  it.each([
    ['/api/v1/agencies/000.00.10.H20/units/2147483648', 'unitId'],
    ['/api/v1/agencies/000.00.10.H20/units/1e309', 'unitId'],
    ['/api/v1/agencies/000.00.10.H20/units/99999999999999999999', 'unitId'],
  ])('in a path: DELETE %s', async (url, field) => {
    refused(await send(admin, 'DELETE', url), field);
  });

  it('pages and page sizes', async () => {
    refused(await send(undefined, 'GET', '/api/v1/procedures?pageSize=1e309'), 'pageSize');
    refused(await send(undefined, 'GET', '/api/v1/procedures?page=99999999999999999999'), 'page');
  });

  it('states the bounds in the OpenAPI document', async () => {
    const doc = (await send(undefined, 'GET', '/api/openapi.json')).json<{
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; schema: Record<string, unknown> }[] }>
      >;
    }>();
    const unitId = doc.paths['/api/v1/agencies/{code}/units/{unitId}']!.delete!.parameters!.find(
      (p) => p.name === 'unitId',
    )!;
    expect(unitId.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 2147483647 });
  });
});

describe('dates are calendar dates', () => {
  it.each([
    ['/api/v1/procedures?on=2026-02-29', 'on'],
    ['/api/v1/procedures?on=2026-02-30', 'on'],
    ['/api/v1/procedures?on=0000-01-01', 'on'],
    ['/api/v1/procedures/2.000488?on=2026-04-31', 'on'],
  ])('GET %s', async (url, field) => {
    refused(await send(undefined, 'GET', url), field);
  });

  it.each([
    ['/api/v1/dossiers?receivedFrom=0000-01-01T00:00:00Z', 'receivedFrom'],
    ['/api/v1/dossiers?receivedTo=2026-02-29T00:00:00Z', 'receivedTo'],
    ['/api/v1/dossiers?dueBefore=2026-01-01T23:59:60Z', 'dueBefore'],
    ['/api/v1/reports/resolution?agency=000.00.09.H20&from=2026-02-30&to=2026-03-31', 'from'],
    ['/api/v1/agencies/000.00.09.H20/register.xlsx?from=2026-01-01&to=0000-01-01', 'to'],
  ])('GET %s', async (url, field) => {
    refused(await send(admin, 'GET', url), field);
  });

  it('accepts a real 29 February', async () => {
    const res = await send(undefined, 'GET', '/api/v1/procedures?on=2028-02-29');
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('messages', () => {
  it('name the field by its label, in Vietnamese and English, the path only in `field`', async () => {
    const nul = errorOf(await send(admin, 'PATCH', '/api/v1/me/profile', '{"address":"a\\u0000b"}'));
    expect(nul.message).toContain('"Địa chỉ" chứa');
    expect(nul.message_en).toContain('"Address" contains');
    const date = errorOf(await send(undefined, 'GET', '/api/v1/procedures?on=2026-02-29'));
    expect(date.message).toBe(
      'Giá trị của "Ngày áp dụng" không hợp lệ (tham số truy vấn): phải là một ngày có thật, dạng YYYY-MM-DD, từ năm 1900 đến 2199.',
    );
    expect(date.message_en).toBe(
      'The value of "On date" is not valid (query parameter): must be a real date, YYYY-MM-DD, in 1900–2199.',
    );
    const big = errorOf(await send(admin, 'POST', '/api/v1/me/notifications/read', '{"ids":[1e21]}'));
    expect(big.field).toBe('ids/0');
    expect(big.message_en).toBe('The value of "Notifications" is not valid: must be at most 2147483647.');
  });
});

describe('malformed URLs', () => {
  it('answer in the common error shape', async () => {
    const bad = await send(undefined, 'GET', '/api/v1/procedures/%E0%A4%A');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'url' });
    const long = await send(admin, 'PATCH', `/api/v1/staff/${'x'.repeat(500)}`, '{}');
    expect(long.statusCode).toBe(400);
    expect(errorOf(long)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'url' });
  });
});
