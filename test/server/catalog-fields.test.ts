import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: Session;
let tuphapAdmin: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  admin = await loginAs(t.app, 'admin');
  tuphapAdmin = await loginAs(t.app, 'tuphap.quantri');
});
afterAll(() => t.close());

const list = async () =>
  (await t.app.inject('/api/v1/procedure-fields')).json<{ items: { code: string; name: string }[] }>().items;
const audits = async (action: string, code: string) =>
  (
    await t.database.pool.query<{ n: number; actor: string | null }>(
      `SELECT count(*)::int AS n, max(actor_id::text) AS actor FROM audit_log WHERE action = $1 AND entity_id = $2`,
      [action, code],
    )
  ).rows[0]!;

describe('procedure fields (lĩnh vực)', () => {
  it('are listed publicly, by name', async () => {
    const res = await t.app.inject('/api/v1/procedure-fields');
    expect(res.statusCode).toBe(200);
    const items = await list();
    expect(items).toContainEqual({ code: 'HO_TICH', name: 'Hộ tịch' });
    expect(items.length).toBeGreaterThanOrEqual(30);
  });

  it('are added by a system administrator only, validated and audited', async () => {
    const body = { code: 'AN_TOAN_THUC_PHAM', name: '  An toàn   thực phẩm ' };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/procedure-fields', payload: body })).statusCode,
    ).toBe(401);
    const agencyAdmin = await as(t.app, tuphapAdmin)('POST', '/api/v1/procedure-fields', body);
    expect(agencyAdmin.statusCode).toBe(403);
    expect(errorOf(agencyAdmin).code).toBe('FORBIDDEN');

    const bad: [Record<string, unknown>, number, string, string][] = [
      [{ code: 'an toan', name: 'X' }, 400, 'VALIDATION_FAILED', 'code'],
      [{ code: 'A', name: 'X' }, 400, 'VALIDATION_FAILED', 'code'],
      [{ code: 'NEW_FIELD', name: '   ' }, 400, 'VALIDATION_FAILED', 'name'],
      [{ code: 'NEW_FIELD' }, 400, 'REQUIRED_FIELD', 'name'],
      [{ code: 'NEW_FIELD', name: 'X', extra: 1 }, 400, 'UNKNOWN_FIELD', 'extra'],
      [{ code: 'HO_TICH', name: 'Hộ tịch (mới)' }, 409, 'PROCEDURE_FIELD_CODE_TAKEN', 'code'],
      [{ code: 'HO_TICH_2', name: 'HỘ TỊCH' }, 409, 'DUPLICATE', 'name'],
    ];
    for (const [payload, status, code, field] of bad) {
      const res = await as(t.app, admin)('POST', '/api/v1/procedure-fields', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(errorOf(res), JSON.stringify(payload)).toMatchObject({ code, field });
      expect(errorOf(res).message).toBeTruthy();
      expect(errorOf(res).message_en).toBeTruthy();
    }

    const created = await as(t.app, admin)('POST', '/api/v1/procedure-fields', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toEqual({ code: 'AN_TOAN_THUC_PHAM', name: 'An toàn thực phẩm' });
    expect(await list()).toContainEqual({ code: 'AN_TOAN_THUC_PHAM', name: 'An toàn thực phẩm' });
    const audit = await audits('procedure_field.create', 'AN_TOAN_THUC_PHAM');
    expect(audit.n).toBe(1);
    expect(audit.actor).toBe(admin.userId);
  });

  it('are renamed everywhere at once, search results included', async () => {
    const before = await t.app.inject('/api/v1/procedures?field=HO_TICH&pageSize=1');
    expect(before.json().items[0].field).toEqual({ code: 'HO_TICH', name: 'Hộ tịch' });
    const res = await as(t.app, admin)('PATCH', '/api/v1/procedure-fields/HO_TICH', {
      name: 'Hộ tịch, quốc tịch',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ code: 'HO_TICH', name: 'Hộ tịch, quốc tịch' });
    const search = await t.app.inject('/api/v1/procedures?q=khai%20sinh&field=HO_TICH&pageSize=1');
    expect(search.json().items[0].field.name).toBe('Hộ tịch, quốc tịch');
    const page = await t.app.inject('/api/v1/procedures/1.001193');
    expect(page.json().field).toEqual({ code: 'HO_TICH', name: 'Hộ tịch, quốc tịch' });
    expect((await audits('procedure_field.update', 'HO_TICH')).n).toBe(1);
    expect(
      (await as(t.app, tuphapAdmin)('PATCH', '/api/v1/procedure-fields/HO_TICH', { name: 'X' })).statusCode,
    ).toBe(403);
  });

  it('keep codes in use: renaming or deleting one is refused', async () => {
    const rename = await as(t.app, admin)('PATCH', '/api/v1/procedure-fields/HO_TICH', {
      code: 'HO_TICH_MOI',
    });
    expect(rename.statusCode).toBe(409);
    expect(errorOf(rename)).toMatchObject({ code: 'PROCEDURE_FIELD_IN_USE', field: 'code' });
    const del = await as(t.app, admin)('DELETE', '/api/v1/procedure-fields/HO_TICH');
    expect(del.statusCode).toBe(409);
    expect(errorOf(del).code).toBe('PROCEDURE_FIELD_IN_USE');
    expect(await list()).toContainEqual(expect.objectContaining({ code: 'HO_TICH' }));
  });

  it('correct an unused code, refuse a taken one, and delete an unused field', async () => {
    const taken = await as(t.app, admin)('PATCH', '/api/v1/procedure-fields/AN_TOAN_THUC_PHAM', {
      code: 'CHUNG_THUC',
    });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken).code).toBe('PROCEDURE_FIELD_CODE_TAKEN');
    const empty = await as(t.app, admin)('PATCH', '/api/v1/procedure-fields/AN_TOAN_THUC_PHAM', {});
    expect(empty.statusCode).toBe(400);
    const moved = await as(t.app, admin)('PATCH', '/api/v1/procedure-fields/AN_TOAN_THUC_PHAM', {
      code: 'ATTP',
      name: 'An toàn vệ sinh thực phẩm',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toEqual({ code: 'ATTP', name: 'An toàn vệ sinh thực phẩm' });
    const unknown = await as(t.app, admin)('PATCH', '/api/v1/procedure-fields/AN_TOAN_THUC_PHAM', {
      name: 'X',
    });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown)).toMatchObject({ code: 'NOT_FOUND', field: 'code' });

    // A procedure may be filed under the new field at once.
    const content = (await as(t.app, admin)('GET', '/api/v1/catalog/export?format=json')).json<{
      procedures: { code: string; content: Record<string, unknown> }[];
    }>().procedures[0]!.content;
    const draft = await as(t.app, admin)('POST', '/api/v1/procedures', {
      code: '2.000901',
      content: { ...content, field: 'ATTP' },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json().field).toEqual({ code: 'ATTP', name: 'An toàn vệ sinh thực phẩm' });
    // A draft is enough to hold the code.
    expect((await as(t.app, admin)('DELETE', '/api/v1/procedure-fields/ATTP')).statusCode).toBe(409);
    const discard = await as(t.app, admin)(
      'DELETE',
      `/api/v1/procedures/2.000901/draft?version=${draft.json().version.lockVersion}`,
    );
    expect(discard.statusCode).toBe(204);

    expect((await as(t.app, tuphapAdmin)('DELETE', '/api/v1/procedure-fields/ATTP')).statusCode).toBe(403);
    const deleted = await as(t.app, admin)('DELETE', '/api/v1/procedure-fields/ATTP');
    expect(deleted.statusCode).toBe(204);
    expect((await list()).some((f) => f.code === 'ATTP')).toBe(false);
    expect((await audits('procedure_field.delete', 'ATTP')).n).toBe(1);
    expect((await as(t.app, admin)('DELETE', '/api/v1/procedure-fields/ATTP')).statusCode).toBe(404);
  });

  it('are documented in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(Object.keys(doc.paths['/api/v1/procedure-fields']!)).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
    expect(Object.keys(doc.paths['/api/v1/procedure-fields/{code}']!)).toEqual(
      expect.arrayContaining(['patch', 'delete']),
    );
  });
});
