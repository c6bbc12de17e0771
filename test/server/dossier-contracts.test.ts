// The dossier side of the API answers what its contracts (src/contracts) say, no more and no less. Fastify
// serialises by the response schema, so a field the feature builds but the contract lacks would vanish
// silently from the answer: each answer is therefore caught before serialisation (a preSerialization hook)
// and checked against its contract with closed objects, and the answer sent must equal it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TSchema } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import {
  ApplicantLookup,
  Dossier,
  DossierCodes,
  DossierList,
  FileView,
  TrackingResult,
  type DossierView,
} from '../../src/contracts/dossiers.ts';
import { MarkReadResult, NotificationList } from '../../src/contracts/notifications.ts';
import { OpinionRequestList } from '../../src/contracts/opinions.ts';
import { registerFormats } from '../../src/domain/formats.ts';
import { buildApp } from '../../src/server/app.ts';
import { loginAs, type Session } from '../support/app.ts';
import { freshDatabase } from '../support/db.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const TUPHAP_LLTP = '2.000488';
const CAOLANH = '000.21.31.H20';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);

/** Each route's 2xx contract, by method and route pattern. */
const contracts: [RegExp, TSchema][] = [
  [/^GET \/api\/v1\/dossier-codes$/, DossierCodes],
  [/^POST \/api\/v1\/dossiers$/, Dossier],
  [/^GET \/api\/v1\/dossiers$/, DossierList],
  [/^(GET|PATCH) \/api\/v1\/dossiers\/:ref$/, Dossier],
  [/^POST \/api\/v1\/dossiers\/:ref\/actions\/\w+$/, Dossier],
  [
    /^(PUT|POST) \/api\/v1\/dossiers\/:ref\/(components\/:idx\/files?|result-file|opinion-files\/:purpose)$/,
    FileView,
  ],
  [/^GET \/api\/v1\/track\/:code$/, TrackingResult],
  [/^POST \/api\/v1\/desk\/applicant-lookup$/, ApplicantLookup],
  [/^GET \/api\/v1\/opinion-requests$/, OpinionRequestList],
  [/^GET \/api\/v1\/me\/notifications$/, NotificationList],
  [/^POST \/api\/v1\/me\/notifications\/read$/, MarkReadResult],
];

const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
registerFormats(ajv);
const validators = new Map<TSchema, ValidateFunction>();
function validatorOf(schema: TSchema): ValidateFunction {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = ajv.compile(schema)));
  return v;
}

let app: FastifyInstance;
let close: () => Promise<void>;
/** What the last request's handler answered, before serialisation (undefined: sent as text already). */
let raw: { route: string; payload: unknown } | undefined;
const captured = () => raw;
/** Routes whose answer was checked, so the test can tell it covered them all. */
const checked = new Set<RegExp>();

let citizen: Session;
let desk: Session;
let handler: Session;
let approver: Session;
let clerk: Session;
let communeHandler: Session;

beforeAll(async () => {
  const database = await freshDatabase();
  const config = loadConfig({
    DATA_DIR: '/tmp/motcua-test-data',
    PDF_THREADS: '1',
    LOGIN_RATE_PER_MINUTE: '100000',
    FILES_DIR: mkdtempSync(path.join(tmpdir(), 'motcua-files-')),
  });
  app = await buildApp({ database, config });
  app.addHook('preSerialization', async (request, _reply, payload) => {
    raw = { route: `${request.method} ${request.routeOptions.url}`, payload };
    return payload;
  });
  await app.ready();
  close = async () => {
    await app.close();
    await database.drop();
  };
  citizen = await loginAs(app, '087090001234');
  desk = await loginAs(app, 'tuphap.tiepnhan');
  handler = await loginAs(app, 'tuphap.thuly');
  approver = await loginAs(app, 'tuphap.pheduyet');
  clerk = await loginAs(app, 'tuphap.vanthu');
  communeHandler = await loginAs(app, 'caolanh.thuly');
});
afterAll(() => close());

/** Sends a request and checks its answer against the route's contract; answers the parsed body. */
async function call<T>(
  s: Session | undefined,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  raw = undefined;
  const res: LightMyRequestResponse = await app.inject({
    method,
    url,
    headers: {
      ...(s ? { cookie: s.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }) } : {}),
      ...headers,
    },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  const sent: unknown = res.json();
  // Set by the hook during the request (a reassignment TypeScript's narrowing cannot see).
  const caught = captured();
  // Tracking answers prebuilt JSON text: that text is the raw answer.
  const route =
    caught?.route ?? `${method} ${url.replace(/^\/api\/v1\/track\/[^?]+(\?.*)?$/, '/api/v1/track/:code')}`;
  const built: unknown = caught === undefined ? sent : JSON.parse(JSON.stringify(caught.payload));
  const entry = contracts.find(([pattern]) => pattern.test(route));
  expect(entry, `a contract for ${route}`).toBeDefined();
  const validate = validatorOf(entry![1]);
  expect(validate(built) ? [] : validate.errors, `${route} answers its contract`).toEqual([]);
  // Nothing the handler built was dropped (or added) on the way out.
  expect(sent, `${route} sends what it built`).toEqual(built);
  checked.add(entry![0]);
  return sent as T;
}

const act = (s: Session, ref: string, action: string, body: Record<string, unknown> = {}) =>
  call<DossierView>(s, 'POST', `/api/v1/dossiers/${encodeURIComponent(ref)}/actions/${action}`, body);
const upload = (s: Session, url: string, bytes: Buffer, name: string, method: 'PUT' | 'POST' = 'PUT') =>
  call<{ id: string }>(s, method, url, bytes, {
    'content-type': 'application/octet-stream',
    'x-file-name': encodeURIComponent(name),
  });

describe('the dossier routes answer their contracts', () => {
  it('through a whole dossier: filed online, received, asked for an opinion, resolved, returned, rated, tracked', async () => {
    await call(undefined, 'GET', '/api/v1/dossier-codes');

    // A draft online, edited, with files, then submitted.
    const draft = await call<DossierView>(citizen, 'POST', '/api/v1/dossiers', {
      procedure: TUPHAP_LLTP,
      caseIndex: 0,
      channel: 'online',
      submit: false,
    });
    expect(draft.standing).toEqual({ kind: 'not_received' });
    await call(citizen, 'PATCH', `/api/v1/dossiers/${draft.id}`, {
      applicant: { phone: '0912345678', address: 'Số 15 Lý Thường Kiệt, Phường Cao Lãnh' },
    });
    await upload(citizen, `/api/v1/dossiers/${draft.id}/components/0/file`, PDF, 'Tờ khai.pdf');
    await upload(citizen, `/api/v1/dossiers/${draft.id}/components/0/files`, PNG, 'Ảnh.png', 'POST');
    const submitted = await act(citizen, draft.id, 'submit');
    const code = submitted.code!;
    expect(submitted.nationalChannelCode).toBe(2);

    // Received, forwarded, assigned; an opinion asked of Phường Cao Lãnh with a file, answered with one.
    await act(desk, code, 'receive', { provided: [0] });
    await act(desk, code, 'forward');
    await act(approver, code, 'assign', { assigneeId: handler.userId });
    const asked = await upload(
      handler,
      `/api/v1/dossiers/${code}/opinion-files/request`,
      PDF,
      'Công văn.pdf',
    );
    await act(handler, code, 'send_to_cooperating', {
      agencies: [CAOLANH],
      question: 'Đề nghị xác nhận nơi cư trú.',
      attachments: [asked.id],
    });
    const waiting = await call<{ items: { code: string | null }[] }>(
      communeHandler,
      'GET',
      '/api/v1/opinion-requests?pageSize=200',
    );
    expect(waiting.items.map((i) => i.code)).toContain(code);
    const opinionOnly = await call<DossierView>(communeHandler, 'GET', `/api/v1/dossiers/${code}`);
    expect(opinionOnly.opinionOnly).toBe(true);
    const reply = await upload(
      communeHandler,
      `/api/v1/dossiers/${code}/opinion-files/reply`,
      PDF,
      'Trả lời.pdf',
    );
    await act(communeHandler, code, 'cooperating_result', {
      result: 'Đúng nơi cư trú.',
      note: 'Đã xác minh',
      attachments: [reply.id],
    });
    const notices = await call<{ items: unknown[] }>(communeHandler, 'GET', '/api/v1/me/notifications');
    expect(notices.items.length).toBeGreaterThan(0);
    await call(communeHandler, 'POST', '/api/v1/me/notifications/read', {});

    // Handled, approved, issued with a result file, returned and rated.
    await act(handler, code, 'complete_step', { note: 'Đủ điều kiện' });
    const inbox = await call<{ items: { code: string | null }[] }>(
      approver,
      'GET',
      '/api/v1/dossiers?stage=approve&pageSize=200',
    );
    expect(inbox.items.map((i) => i.code)).toContain(code);
    await act(approver, code, 'approve', { note: 'Đồng ý' });
    await upload(clerk, `/api/v1/dossiers/${code}/result-file`, PDF, 'Phiếu.pdf');
    await act(clerk, code, 'issue', { resultNumber: '7/PLLTP', electronic: true });
    await act(desk, code, 'return_result', { methods: ['paper'], delivery: 'in_person', receivedBy: 'An' });
    const criteria = {
      total_time: 2,
      time_per_agency: 2,
      contacts: 2,
      agencies_contacted: 2,
      one_stop: 2,
      publication: 2,
      attitude: 2,
      feedback_handling: 1,
      online_service: 2,
    };
    const rated = await act(citizen, code, 'rate', { quick: 'very_satisfied', criteria, comment: 'Nhanh' });
    expect(rated.rating).not.toBeNull();
    expect(rated.standing.kind).toBe('finished');
    expect(rated.history.some((h) => h.assignee !== null)).toBe(true);
    expect(rated.cooperation[0]?.replyFiles).toHaveLength(1);
    expect(rated.resultFiles).toHaveLength(1);
    await call(citizen, 'GET', '/api/v1/dossiers?mine=true');
    const citizensNotices = await call<{ items: unknown[] }>(citizen, 'GET', '/api/v1/me/notifications');
    expect(citizensNotices.items.length).toBeGreaterThan(0);

    // Tracked: by anyone (masked), by the applicant and with the last four digits (personal data).
    expect(
      (await call<{ personalData: boolean }>(undefined, 'GET', `/api/v1/track/${code}`)).personalData,
    ).toBe(false);
    expect(
      (await call<{ personalData: boolean }>(citizen, 'GET', `/api/v1/track/${code}`)).personalData,
    ).toBe(true);
    const proved = await call<{ personalData: boolean }>(
      undefined,
      'GET',
      `/api/v1/track/${code}?lastFour=5678`,
    );
    expect(proved.personalData).toBe(true);

    // The desk: a person looked up by ID number; a dossier taken in and refused there.
    const found = await call<{ matches: unknown[] }>(desk, 'POST', '/api/v1/desk/applicant-lookup', {
      personalId: '087090001234',
    });
    expect(found.matches.length).toBeGreaterThan(0);
    const inPerson = await call<DossierView>(
      desk,
      'POST',
      '/api/v1/dossiers',
      {
        procedure: TUPHAP_LLTP,
        caseIndex: 1,
        channel: 'in_person',
        applicant: {
          name: 'Trần Văn Bình',
          personalId: '087090007777',
          capacity: 'representative',
          representative: { name: 'Trần Thị Hoa', personalId: '087090008888' },
          authorisation: { number: '12/UQ', date: '2026-01-05', issuer: 'UBND Phường 1' },
        },
        submit: false,
      },
      { 'idempotency-key': 'contracts-1' },
    );
    const refused = await act(desk, inPerson.id, 'refuse', { reasons: ['Không thuộc thẩm quyền'] });
    expect(refused.standing.kind).toBe('refused');
    await call(desk, 'GET', '/api/v1/dossiers?pageSize=200');

    // Every route with a contract was checked at least once.
    expect(contracts.filter(([pattern]) => !checked.has(pattern)).map(([p]) => p.source)).toEqual([]);
  });
});
