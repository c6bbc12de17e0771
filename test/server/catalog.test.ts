import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: Session;
let tuphapAdmin: Session;
let xaydungAdmin: Session;
beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  admin = await loginAs(t.app, 'admin');
  tuphapAdmin = await loginAs(t.app, 'tuphap.quantri');
  xaydungAdmin = await loginAs(t.app, 'xaydung.quantri');
});
afterAll(() => t.close());

const search = async (qs: string) => {
  const res = await t.app.inject(`/api/v1/procedures?${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    items: { code: string; name: string; onlineLevel: string; agencies: { code: string }[] }[];
    total: number;
  }>();
};

describe('public catalog search', () => {
  it.each([
    'dang ky khai sinh',
    'Đăng ký khai sinh',
    'dang ki khai sinh',
    'ĐĂNG KÝ KHAI SINH',
    '  đăng   ký khai-sinh ',
  ])('finds "Đăng ký khai sinh" first for %j', async (q) => {
    const { items } = await search(`q=${encodeURIComponent(q)}`);
    expect(items[0]).toMatchObject({ code: '1.001193', name: 'Đăng ký khai sinh' });
    // Relevance: other birth-registration procedures follow.
    expect(
      items
        .slice(1, 4)
        .map((i) => i.name)
        .join(' | '),
    ).toMatch(/khai sinh/);
  });

  it('puts an exact code first', async () => {
    const { items } = await search('q=1.004873');
    expect(items[0]!.code).toBe('1.004873');
  });

  it('finds "Cấp giấy phép" procedures typed without accents', async () => {
    const { items, total } = await search('q=cap%20giay%20phep');
    expect(total).toBeGreaterThanOrEqual(4);
    // Every name holding the phrase comes before the near misses (typo tolerance).
    const hits = items.map((i) => /cấp giấy phép/i.test(i.name));
    expect(hits[0]).toBe(true);
    expect(hits.lastIndexOf(true)).toBeLessThan(hits.includes(false) ? hits.indexOf(false) : Infinity);
    expect(hits.filter(Boolean).length).toBeGreaterThanOrEqual(8);
  });

  it('filters by field, level, agency and online level, and paginates', async () => {
    const all = await search('pageSize=200');
    expect(all.total).toBeGreaterThanOrEqual(40);
    const hotich = await search('field=HO_TICH&pageSize=200');
    expect(hotich.total).toBe(10);
    const province = await search('level=province&pageSize=200');
    expect(province.items.every((i) => i.agencies.every((a) => !a.code.startsWith('000.2')))).toBe(true);
    const tuphap = await search('agency=000.00.09.H20&pageSize=200');
    expect(tuphap.items.every((i) => i.agencies.some((a) => a.code === '000.00.09.H20'))).toBe(true);
    const full = await search('online=full&pageSize=200');
    const partial = await search('online=partial&pageSize=200');
    expect(full.total + partial.total).toBe(all.total);
    expect(full.items.every((i) => i.onlineLevel === 'full')).toBe(true);
    const page2 = await search('pageSize=5&page=2');
    expect(page2.items).toHaveLength(5);
    expect(page2.total).toBe(all.total);
    const past = await search('pageSize=5&page=1000');
    expect(past).toMatchObject({ items: [], total: all.total });
  });

  it.each([
    "'; DROP TABLE procedures; --",
    '%',
    '_',
    '\\',
    '%_\\%',
    '🙂🙂',
    'a',
    '\u0000x',
    '(',
    "O'Brien",
    '.',
    '...',
  ])('never fails on %j', async (q) => {
    const res = await t.app.inject(`/api/v1/procedures?q=${encodeURIComponent(q)}`);
    expect([200, 400]).toContain(res.statusCode);
    if (res.statusCode === 400) expect(errorOf(res).field).toBe('q');
  });

  it('answers a long pasted q by its first words; refuses only one over 1000 characters, on field q', async () => {
    const name =
      'Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II (công trình không theo ' +
      'tuyến, theo tuyến trong đô thị, tín ngưỡng, tôn giáo, tượng đài, tranh hoành tráng, quảng cáo)';
    const pasted = `${name} (thẩm quyền của Sở Xây dựng) ${'căn cứ Quyết định công bố thủ tục hành chính '.repeat(10)}`;
    expect(pasted.length).toBeGreaterThan(200);
    expect(pasted.length).toBeLessThanOrEqual(1000);
    const found = await t.app.inject(`/api/v1/procedures?q=${encodeURIComponent(pasted)}`);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json<{ items: { name: string }[] }>().items.map((p) => p.name)).toContain(name);
    expect((await t.app.inject(`/api/v1/procedures?q=${'a'.repeat(1000)}`)).statusCode).toBe(200);
    const res = await t.app.inject(`/api/v1/procedures?q=${'a'.repeat(1001)}`);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'q' });
  });

  it('rejects unknown filters in the common error format', async () => {
    const res = await t.app.inject('/api/v1/procedures?online=level4');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).field).toBe('online');
    expect(errorOf(res).message_en).toBeTruthy();
  });
});

describe('procedure page', () => {
  it('shows the whole published version with components, fees, legal basis and forms', async () => {
    const res = await t.app.inject('/api/v1/procedures/1.001193');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      code: '1.001193',
      name: 'Đăng ký khai sinh',
      level: 'commune',
      onlineLevel: 'full',
    });
    expect(p.agencies).toHaveLength(3);
    expect(p.legalBasis[0].number).toBe('60/2014/QH13');
    expect(p.methods.map((m: { kind: string }) => m.kind)).toEqual(['in_person', 'postal', 'online']);
    expect(p.version).toMatchObject({ seq: 1, status: 'in_force' });
    expect(p.actions).toEqual([]);
    const form = p.components[0].formTemplate;
    expect(form.fileName).toBe('to-khai-dang-ky-khai-sinh.rtf');
    const file = await t.app.inject(form.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('application/rtf');
    expect(file.body).toContain('rtf1');
    expect((await t.app.inject('/api/v1/procedures/1.001193/forms/999999')).statusCode).toBe(404);
    expect((await t.app.inject('/api/v1/procedures/1.004873/forms/' + String(form.id))).statusCode).toBe(404);
  });

  it('lists case variants with their own deadline and fees', async () => {
    const p = (await t.app.inject('/api/v1/procedures/1.001029')).json();
    expect(p.cases).toHaveLength(3);
    expect(p.cases[2]).toMatchObject({ name: 'Từ 06 phòng hát trở lên', fees: [{ amountVnd: 5000000 }] });
  });

  it('answers unknown and malformed codes', async () => {
    const unknown = await t.app.inject('/api/v1/procedures/9.999999');
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('PROCEDURE_NOT_FOUND');
    const bad = await t.app.inject('/api/v1/procedures/abc');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).field).toBe('code');
  });

  it('tells an implementing agency administrator what they may do', async () => {
    const own = await as(t.app, tuphapAdmin)('GET', '/api/v1/procedures/2.000488');
    expect(own.json().actions).toEqual(['procedure.edit', 'procedure.publish', 'procedure.manage_process']);
    const other = await as(t.app, xaydungAdmin)('GET', '/api/v1/procedures/2.000488');
    expect(other.json().actions).toEqual([]);
    const sys = await as(t.app, admin)('GET', '/api/v1/procedures/2.000488');
    expect(sys.json().actions).toHaveLength(3);
  });
});
