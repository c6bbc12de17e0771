// Issue 16: each answer of the catalog, agency, staff, calendar, report and account routes is exactly what
// its contract (src/contracts) says. The handler's own object is checked, before Fastify serialises it by the
// response schema (which would silently drop a field the contract lacks), against the contract with
// additionalProperties false throughout; the answer on the wire is checked too (no field missing).
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import type { TSchema } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session as SessionAnswer, Me } from '../../src/contracts/account.ts';
import { AgencyList } from '../../src/contracts/agencies.ts';
import { CalendarYear } from '../../src/contracts/calendar.ts';
import { ProcedureList, ProcedureView } from '../../src/contracts/catalog.ts';
import { Dashboard, PeriodDrill, PeriodReport } from '../../src/contracts/reports.ts';
import { StaffList } from '../../src/contracts/staff.ts';
import { loadConfig } from '../../src/config/config.ts';
import { seedDemoDossiers } from '../../src/features/demo/seed-dossiers.ts';
import { buildApp } from '../../src/server/app.ts';
import { as, loginAs, type Session } from '../support/app.ts';
import { freshDatabase } from '../support/db.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

/** Every object schema of the contract must be closed: an open one would let any field through. */
function openObjects(schema: unknown, path = '#'): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Record<string, unknown>;
  const here =
    s.type === 'object' && s.properties !== undefined && s.additionalProperties !== false ? [path] : [];
  return [
    ...here,
    ...Object.entries(s).flatMap(([k, v]) =>
      Array.isArray(v)
        ? v.flatMap((item, i) => openObjects(item, `${path}/${k}/${i}`))
        : openObjects(v, `${path}/${k}`),
    ),
  ];
}

const validators = new Map<TSchema, ValidateFunction>();
function check(schema: TSchema, value: unknown, what: string): void {
  expect(openObjects(schema), `${what}: open objects in the contract`).toEqual([]);
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = ajv.compile(schema)));
  const ok = validate(value);
  expect(ok ? [] : validate.errors, what).toEqual([]);
}

let app: FastifyInstance;
let database: Awaited<ReturnType<typeof freshDatabase>>;
/** The handlers' answers, before serialisation, by request URL. */
const raw = new Map<string, unknown>();
let admin: Session;
let supervisor: Session;
let editor: Session;
const now = Date.now();

beforeAll(async () => {
  database = await freshDatabase();
  const config = loadConfig({
    DATA_DIR: '/tmp/motcua-test-data',
    PDF_THREADS: '1',
    LOGIN_RATE_PER_MINUTE: '1000',
  });
  app = await buildApp({ database, config });
  app.addHook('preSerialization', (request, _reply, payload, done) => {
    raw.set(request.url, payload);
    done(null, payload);
  });
  await app.ready();
  await seedDemoDossiers(database.db, now);
  admin = await loginAs(app, 'admin');
  supervisor = await loginAs(app, 'tinh.giamsat');
  editor = await loginAs(app, 'tuphap.quantri');
}, 180_000);
afterAll(async () => {
  await app.close();
  await database.drop();
});

/** GETs `url` as `session` and checks both the handler's answer and the one sent against `schema`. */
async function answers(session: Session | undefined, url: string, schema: TSchema): Promise<unknown> {
  const res = await as(app, session)('GET', url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  expect(raw.has(url), url).toBe(true);
  check(schema, raw.get(url), `${url} (handler)`);
  const body: unknown = res.json();
  check(schema, body, `${url} (sent)`);
  return body;
}

const PROVINCE = '000.00.00.H20';
const TUPHAP = '000.00.09.H20';
const VN = 7 * 3_600_000;
const today = new Date(now + VN).toISOString().slice(0, 10);
const yearStart = `${today.slice(0, 4)}-01-01`;

describe('answers match their contracts exactly', () => {
  it('catalog: the list and the procedures in force', async () => {
    const list = (await answers(undefined, '/api/v1/procedures?pageSize=50', ProcedureList)) as {
      items: { code: string }[];
    };
    expect(list.items.length).toBeGreaterThan(0);
    for (const { code } of list.items.slice(0, 10))
      await answers(editor, `/api/v1/procedures/${code}`, ProcedureView);
  });

  it('agencies and staff', async () => {
    await answers(undefined, '/api/v1/agencies', AgencyList);
    await answers(admin, '/api/v1/agencies', AgencyList);
    await answers(admin, '/api/v1/staff?pageSize=100', StaffList);
  });

  it('calendar', async () => {
    await answers(undefined, `/api/v1/calendar/years/${today.slice(0, 4)}`, CalendarYear);
  });

  it('reports: period report (total and every grouping), drill-down, dashboard', async () => {
    for (const groupBy of ['', '&groupBy=procedure', '&groupBy=field', '&groupBy=agency', '&groupBy=level'])
      await answers(
        supervisor,
        `/api/v1/reports/resolution?agency=${PROVINCE}&from=${yearStart}&to=${today}&subtree=true${groupBy}`,
        PeriodReport,
      );
    const drill = (await answers(
      supervisor,
      `/api/v1/reports/resolution/dossiers?agency=${PROVINCE}&from=${Number(today.slice(0, 4)) - 2}-01-01&to=${today}&subtree=true&cell=received.total&pageSize=50`,
      PeriodDrill,
    )) as { items: unknown[] };
    expect(drill.items.length).toBeGreaterThan(0);
    const dashboard = (await answers(
      supervisor,
      `/api/v1/reports/dashboard?agency=${PROVINCE}&subtree=true`,
      Dashboard,
    )) as { overdue: { items: unknown[] } };
    expect(dashboard.overdue.items.length).toBeGreaterThan(0);
    await answers(supervisor, `/api/v1/reports/dashboard?agency=${TUPHAP}`, Dashboard);
  });

  it('account: me and the session, logged in or not', async () => {
    await answers(editor, '/api/v1/me', Me);
    await answers(editor, '/api/v1/auth/session', SessionAnswer);
    await answers(undefined, '/api/v1/auth/session', SessionAnswer);
  });
});
