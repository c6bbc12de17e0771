import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await testApp();
  admin = await loginAs(t.app, 'admin');
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject(url);
const q = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString();

describe('GET /api/v1/calendar/holidays', () => {
  it('lists 2026’s non-working weekdays and make-up days from the built-in notice', async () => {
    const res = await get('/api/v1/calendar/holidays?year=2026');
    expect(res.statusCode).toBe(200);
    const days = res.json<{ year: number; days: { date: string; kind: string; name: string }[] }>();
    expect(days.year).toBe(2026);
    const byDate = new Map(days.days.map((d) => [d.date, d]));
    for (const date of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      expect(byDate.get(date)?.kind).toBe('holiday');
    }
    expect(byDate.get('2026-02-17')?.name).toMatch(/Tết Nguyên đán/);
    expect(byDate.get('2026-01-01')?.kind).toBe('holiday');
    expect(byDate.get('2026-04-27')?.kind).toBe('compensatory'); // Giỗ Tổ on Sunday 26/4
    expect(byDate.get('2026-08-31')?.kind).toBe('day_off');
    expect(byDate.get('2026-08-22')?.kind).toBe('make_up_working_day');
    expect(byDate.get('2026-09-01')?.kind).toBe('holiday');
    expect(byDate.get('2026-09-02')?.kind).toBe('holiday');
    // Weekdays only, apart from make-up days.
    for (const d of days.days) {
      const weekday = new Date(`${d.date}T12:00:00Z`).getUTCDay();
      if (d.kind !== 'make_up_working_day') expect([0, 6]).not.toContain(weekday);
    }
  });

  it.each(['1899', '2200', 'abc', '2026.5'])('refuses year=%s with the field named', async (year) => {
    const res = await get(`/api/v1/calendar/holidays?year=${year}`);
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).field).toBe('year');
  });
});

describe('GET /api/v1/calendar/deadline', () => {
  it('counts 5 working days across Tết 2026', async () => {
    const res = await get(
      `/api/v1/calendar/deadline?${q({ start: '2026-02-13T16:00:00+07:00', amount: 5, unit: 'working_days' })}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      start: '2026-02-13T16:00:00+07:00',
      due: '2026-02-27T16:00:00+07:00',
      amount: 5,
      unit: 'working_days',
      mode: 'elapsed',
    });
  });

  it('accepts an offset whose + arrived as a space, and UTC instants', async () => {
    const spaced = await get(
      '/api/v1/calendar/deadline?start=2026-02-13T16:00:00+07:00&amount=5&unit=working_days',
    );
    expect(spaced.json().due).toBe('2026-02-27T16:00:00+07:00');
    const utc = await get(
      `/api/v1/calendar/deadline?${q({ start: '2026-02-13T09:00:00Z', amount: 5, unit: 'working_days' })}`,
    );
    expect(utc.json().due).toBe('2026-02-27T16:00:00+07:00');
  });

  it('ends at the close of the Nth working day in end_of_day mode', async () => {
    const res = await get(
      `/api/v1/calendar/deadline?${q({ start: '2026-02-13T16:00:00+07:00', amount: 1, unit: 'working_days', mode: 'end_of_day' })}`,
    );
    expect(res.json().due).toBe('2026-02-23T17:00:00+07:00');
  });

  it('moves a calendar-day deadline ending on 2/9 to the end of the next working day', async () => {
    const res = await get(
      `/api/v1/calendar/deadline?${q({ start: '2026-08-26T09:00:00+07:00', amount: 7, unit: 'calendar_days' })}`,
    );
    expect(res.json().due).toBe('2026-09-03T17:00:00+07:00');
  });

  it('uses the agency’s own office hours', async () => {
    const current = (await t.app.inject('/api/v1/agencies/000.22.32.H20')).json<{ version: number }>();
    const patched = await as(t.app, admin)('PATCH', '/api/v1/agencies/000.22.32.H20', {
      version: current.version,
      officeHours: {
        periods: [
          { from: '07:30', to: '11:30' },
          { from: '13:00', to: '17:00' },
        ],
      },
    });
    expect(patched.statusCode).toBe(200);
    const start = '2026-03-02T07:00:00+07:00';
    const base = await get(`/api/v1/calendar/deadline?${q({ start, amount: 2, unit: 'working_hours' })}`);
    const own = await get(
      `/api/v1/calendar/deadline?${q({ start, amount: 2, unit: 'working_hours', agency: '000.22.32.H20' })}`,
    );
    expect(base.json().due).toBe('2026-03-02T09:00:00+07:00');
    expect(own.json().due).toBe('2026-03-02T09:30:00+07:00');
  });

  it.each([
    [{ start: 'yesterday', amount: 1, unit: 'working_days' }, 'start'],
    [{ start: '2026-02-13T16:00:00', amount: 1, unit: 'working_days' }, 'start'],
    [{ start: '2026-02-30T16:00:00+07:00', amount: 1, unit: 'working_days' }, 'start'],
    [{ start: '2026-02-13T16:00:00+25:00', amount: 1, unit: 'working_days' }, 'start'],
    [{ start: '2026-02-13T16:00:00+07:00', amount: -1, unit: 'working_days' }, 'amount'],
    [{ start: '2026-02-13T16:00:00+07:00', amount: 5000, unit: 'working_days' }, 'amount'],
    [{ start: '2026-02-13T16:00:00+07:00', amount: 1, unit: 'fortnights' }, 'unit'],
    [
      { start: '2026-02-13T16:00:00+07:00', amount: 1, unit: 'working_days', agency: '999.99.99.Z99' },
      'agency',
    ],
    [{ start: '2026-02-13T16:00:00+07:00', amount: 1, unit: 'working_days', mode: 'whenever' }, 'mode'],
    [{ start: '2026-02-13T16:00:00+07:00', amount: 1, unit: 'working_days', extra: 1 }, 'extra'],
    [{ start: '2199-12-31T16:00:00+07:00', amount: 2, unit: 'months' }, 'amount'],
  ])('answers %j with 400 naming %s, never 500', async (params, field) => {
    const res = await get(`/api/v1/calendar/deadline?${q(params)}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(errorOf(res).field).toMatch(new RegExp(`^${field}`));
    expect(errorOf(res).message).not.toBe('');
  });
});

describe('GET /api/v1/calendar/working-time', () => {
  it('counts working minutes between two instants, skipping the Tết week', async () => {
    const res = await get(
      `/api/v1/calendar/working-time?${q({ from: '2026-02-13T16:00:00+07:00', to: '2026-02-23T08:00:00+07:00' })}`,
    );
    expect(res.json()).toEqual({
      from: '2026-02-13T16:00:00+07:00',
      to: '2026-02-23T08:00:00+07:00',
      minutes: 120,
    });
  });

  it('refuses a reversed interval', async () => {
    const res = await get(
      `/api/v1/calendar/working-time?${q({ from: '2026-02-13T16:00:00+07:00', to: '2026-02-12T08:00:00+07:00' })}`,
    );
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).field).toBe('to');
  });
});

describe('PUT /api/v1/calendar/years/{year}', () => {
  const notice2027 = {
    daysOff: [{ date: '2027-04-30', reason: 'ví dụ' }],
    makeUpWorkingDays: ['2027-05-08'],
    source: 'Thông báo thử nghiệm',
  };

  it('is for system administrators only', async () => {
    const officer = await loginAs(t.app, 'tuphap.quantri');
    expect((await as(t.app, officer)('PUT', '/api/v1/calendar/years/2027', notice2027)).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/v1/calendar/years/2027', payload: notice2027 }))
        .statusCode,
    ).toBe(401);
  });

  it('adds a make-up Saturday to next year, audited, and deadlines follow it', async () => {
    const start = '2027-05-07T16:00:00+07:00'; // Friday
    const before = await get(`/api/v1/calendar/deadline?${q({ start, amount: 1, unit: 'working_days' })}`);
    expect(before.json().due).toBe('2027-05-10T16:00:00+07:00');

    const res = await as(t.app, admin)('PUT', '/api/v1/calendar/years/2027', notice2027);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().days).toContainEqual(
      expect.objectContaining({ date: '2027-05-08', kind: 'make_up_working_day' }),
    );

    const after = await get(`/api/v1/calendar/deadline?${q({ start, amount: 1, unit: 'working_days' })}`);
    expect(after.json().due).toBe('2027-05-08T16:00:00+07:00');
    const year = await get('/api/v1/calendar/years/2027');
    expect(year.json()).toMatchObject({
      year: 2027,
      source: 'stored',
      notice: { makeUpWorkingDays: ['2027-05-08'] },
    });
    const { rows } = await t.database.pool.query(
      "SELECT data FROM audit_log WHERE action = 'calendar.replace_year' AND entity_id = '2027'",
    );
    expect(rows).toHaveLength(1);

    // Replacing it again takes the make-up day away.
    await as(t.app, admin)('PUT', '/api/v1/calendar/years/2027', { daysOff: [], makeUpWorkingDays: [] });
    const reverted = await get(`/api/v1/calendar/deadline?${q({ start, amount: 1, unit: 'working_days' })}`);
    expect(reverted.json().due).toBe('2027-05-10T16:00:00+07:00');
  });

  it('reports every problem of an invalid notice and stores nothing', async () => {
    const res = await as(t.app, admin)('PUT', '/api/v1/calendar/years/2028', {
      daysOff: [{ date: '2027-05-03' }, { date: '2028-05-06' }],
      makeUpWorkingDays: ['2028-05-03', '2028-05-06'],
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('INVALID_NOTICE');
    expect(error.field).toBe('daysOff/0/date');
    expect(error.details.errors.length).toBeGreaterThanOrEqual(2);
    expect(error.details.errors.map((e: { field: string }) => e.field)).toContain('makeUpWorkingDays/0');
    expect((await get('/api/v1/calendar/years/2028')).json().source).toBe('computed');
  });

  it('shows built-in years as built in', async () => {
    expect((await get('/api/v1/calendar/years/2026')).json()).toMatchObject({
      source: 'built_in',
      notice: { makeUpWorkingDays: ['2026-08-22'] },
    });
  });
});
