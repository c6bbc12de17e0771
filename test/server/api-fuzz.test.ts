/**
 * No 5xx on bad input: every operation of the OpenAPI document, as an anonymous caller, a desk officer and
 * an administrator, with values generated from its schemas and hostile ones in between (test/support/openapi-fuzz.ts).
 * A refusal must be a 4xx in the common error shape, with the field for schema errors, and change nothing.
 *
 * Deterministic: FUZZ_SEED (printed on failure) and FUZZ_RUNS (requests per operation and caller) reproduce
 * or widen a run, e.g. FUZZ_RUNS=150 for ~42,000 requests.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  operationsOf,
  requestFor,
  type FuzzRequest,
  type Operation,
  type Pools,
} from '../support/openapi-fuzz.ts';
import { as, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);

const CALLERS = ['anonymous', 'tuphap.tiepnhan', 'admin'] as const;
type Caller = (typeof CALLERS)[number];

let t: TestApp;
let operations: Operation[];
let pools: Pools;

async function column(sql: string): Promise<unknown[]> {
  const { rows } = await t.database.pool.query<{ v: unknown }>(sql);
  return rows.map((r) => r.v);
}

beforeAll(async () => {
  t = await testApp({
    LOGIN_RATE_PER_MINUTE: '100000',
    REGISTER_RATE_PER_MINUTE: '100000',
    RESET_RATE_PER_MINUTE: '100000',
    TRACK_RATE_PER_MINUTE: '100000',
    // Wrong current passwords count as failed logins of the caller from this address: the fuzz sends a
    // few dozen, and must not lock its own callers out.
    LOGIN_MAX_FAILURES: '100',
  });
  operations = operationsOf((await t.app.inject('/api/openapi.json')).json());
  // A few dossiers, so that references in paths and bodies can find one.
  const desk = await loginAs(t.app, 'tuphap.tiepnhan');
  for (let i = 0; i < 3; i++) {
    const res = await as(t.app, desk)('POST', '/api/v1/dossiers', {
      procedure: '2.000488',
      caseIndex: 0,
      channel: 'in_person',
      applicant: { name: 'Nguyễn Văn An', personalId: '087090001234', phone: '0912345678' },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const agencyCodes = await column('select code as v from agencies');
  const procedureCodes = await column('select code as v from procedures');
  const dossierRefs = [
    ...(await column('select id::text as v from dossiers limit 20')),
    ...(await column('select code as v from dossiers where code is not null limit 20')),
  ];
  // The fuzz's own callers are left out: an administrator disabling the desk officer would end the run.
  const userIds = await column(
    "select id::text as v from users where username not in ('admin', 'tuphap.tiepnhan') limit 20",
  );
  const fieldCodes = await column('select code as v from procedure_fields');
  pools = {
    code: [...agencyCodes, ...procedureCodes, ...dossierRefs, ...fieldCodes],
    agency: agencyCodes,
    under: agencyCodes,
    intakeAgency: agencyCodes,
    agencies: agencyCodes,
    procedure: procedureCodes,
    ref: dossierRefs,
    id: [...userIds, ...(await column('select id as v from form_templates limit 20'))],
    assigneeId: userIds,
    unitId: await column('select id as v from units limit 20'),
    assignmentId: await column('select id as v from role_assignments limit 20'),
    fileId: await column('select id::text as v from dossier_files limit 20'),
    ids: await column('select id as v from notifications limit 20'),
    field: fieldCodes,
    year: [2025, 2026, 2027],
    username: ['tuphap.thuly', 'nobody'],
  };
}, 120_000);
afterAll(() => t.close());

/** A per-operation seed: adding an operation does not change the requests sent to the others. */
function seedFor(name: string): number {
  return (SEED ^ createHash('sha256').update(name).digest().readInt32LE(0)) | 0;
}

/** Rows that record changes: a refused request must add none. */
async function changeMark(): Promise<string> {
  const { rows } = await t.database.pool.query<{ mark: string }>(
    `select (select coalesce(max(id), 0) from audit_log) || '/' || (select count(*) from dossier_events) as mark`,
  );
  return rows[0]!.mark;
}

const SCHEMA_ERRORS = new Set(['VALIDATION_FAILED', 'UNKNOWN_FIELD', 'REQUIRED_FIELD']);

interface Finding {
  caller: Caller;
  operation: string;
  request: FuzzRequest;
  problem: string;
}

describe('fuzz from the OpenAPI document', () => {
  it('answers every generated request without a 5xx, and refuses bad input with a 4xx that changes nothing', async () => {
    const findings: Finding[] = [];
    let requests = 0;
    const started = Date.now();
    for (const caller of CALLERS) {
      // Logging out ends the caller's session: those operations go last.
      const ordered = [...operations].sort(
        (a, b) => Number(a.path.includes('/logout')) - Number(b.path.includes('/logout')),
      );
      let session: Session | undefined = caller === 'anonymous' ? undefined : await loginAs(t.app, caller);
      for (const op of ordered) {
        const name = `${caller} ${op.method} ${op.path}`;
        let mark = await changeMark();
        const property = fc.asyncProperty(requestFor(op, pools), async (req) => {
          requests++;
          const headers = { ...req.headers };
          if (session) {
            headers.cookie = session.cookie;
            if (req.method !== 'GET') headers['x-csrf-token'] = session.csrf;
          }
          const res = await t.app.inject({
            method: req.method,
            url: req.url,
            headers,
            ...(req.payload === undefined ? {} : { payload: req.payload }),
          });
          const after = await changeMark();
          const problem = judge(res.statusCode, res.body, res.headers['content-type'], after !== mark);
          mark = after;
          // Every finding is kept (not just the first), so one run tells all the causes.
          if (problem) findings.push({ caller, operation: `${op.method} ${op.path}`, request: req, problem });
        });
        await fc.assert(property, { seed: seedFor(name), numRuns: RUNS });
        // A session may have ended (logout, password change): log in again for the next operation.
        if (
          session &&
          (await t.app.inject({ url: '/api/v1/me', headers: { cookie: session.cookie } })).statusCode === 401
        )
          session = await loginAs(t.app, caller);
      }
    }
    console.log(
      `API fuzz: ${requests} requests to ${operations.length} operations × ${CALLERS.length} callers in ${Date.now() - started} ms (FUZZ_SEED=${SEED}, FUZZ_RUNS=${RUNS})`,
    );
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(findings, null, 2));
    const summary = `${findings.length} findings; reproduce with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`;
    expect(findings, `${summary}\n${JSON.stringify(findings, null, 2).slice(0, 20_000)}`).toEqual([]);
  }, 600_000);
});

function judge(
  status: number,
  body: string,
  contentType: string | string[] | number | undefined,
  wrote: boolean,
): string | undefined {
  if (status >= 500) return `${status}: ${body.slice(0, 300)}`;
  if (status < 400) return undefined;
  if (!String(contentType).startsWith('application/json')) return `${status} without a JSON error body`;
  const error = (JSON.parse(body) as { error?: Record<string, unknown> }).error;
  if (!error || typeof error.code !== 'string' || !error.message || !error.message_en)
    return `${status} without { error: { code, message, message_en } }: ${body.slice(0, 300)}`;
  if (status === 400 && SCHEMA_ERRORS.has(error.code) && !error.field)
    return `400 ${error.code} names no field: ${body.slice(0, 300)}`;
  if (wrote) return `${status} ${error.code} but something was written`;
  return undefined;
}
