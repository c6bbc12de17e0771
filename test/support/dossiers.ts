/**
 * The test kit for dossiers over HTTP: the demo province's codes and accounts, logging in as a role,
 * acting on a dossier, reading it, uploads, printed forms, and the journey from the desk to the result.
 * Bind it to the file's app once: `const { ok, act, carry } = dossierKit<View>(() => t.app);`, where
 * `View` is the file's own view type (the server's `DossierView` by default).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { DossierView } from '../../src/features/dossiers/get-dossier.ts';
import { as, loginAs, type Session } from './app.ts';
import { pdfText } from './pdf.ts';

export { pdfText };
export { closingContent, procedureContent } from './procedures.ts';

/** Agencies of the demo province (Đồng Tháp). */
export const TINH = '000.00.00.H20';
export const TUPHAP = '000.00.09.H20';
export const XAYDUNG = '000.00.10.H20';
export const VHTTDL = '000.00.12.H20';
export const CAOLANH = '000.21.31.H20';
export const SADEC = '000.22.32.H20';
export const THAPMUOI = '000.28.33.H20';

/** Cấp Phiếu lý lịch tư pháp: Sở Tư pháp only, two case variants, 10 working days, fee 200.000 đ, fully online. */
export const LLTP = '2.000488';
/** Cấp bản sao từ sổ gốc: fee 2.000 đ, partly online. */
export const BAN_SAO = '2.000815';
/** Cấp Phiếu lý lịch tư pháp cho cơ quan tố tụng: free, partly online. */
export const LLTP_TO_TUNG = '2.000505';

/** The demo citizen, who has an account (username = personal ID), and a second one. */
export const CITIZEN = '087090001234';
export const OTHER_CITIZEN = '082195004321';

/** Sở Tư pháp's demo staff by role, to log in with `sessions`. */
export const TUPHAP_STAFF = {
  desk: 'tuphap.tiepnhan',
  handler: 'tuphap.thuly',
  approver: 'tuphap.pheduyet',
  clerk: 'tuphap.vanthu',
} as const;

/** Logs in every account named, one after another: `{ desk: 'tuphap.tiepnhan', … }` → their sessions. */
export async function sessions<K extends string>(
  app: FastifyInstance,
  usernames: Record<K, string>,
): Promise<Record<K, Session>> {
  const out = {} as Record<K, Session>;
  for (const key of Object.keys(usernames) as K[]) out[key] = await loginAs(app, usernames[key]);
  return out;
}

/** The steps from a received dossier to its returned result, in order. */
export const JOURNEY = ['forward', 'assign', 'complete_step', 'approve', 'issue', 'return_result'] as const;
export type JourneyStep = (typeof JOURNEY)[number];

/** Who takes a dossier through the journey: the desk forwards and returns, the approver assigns and approves. */
export interface JourneyStaff {
  desk: Session;
  approver: Session;
  handler: Session;
  clerk?: Session;
}

/** An application at the desk, in person, for LLTP's first case; `over` replaces any field. */
export const inPerson = (over: Record<string, unknown> = {}) => ({
  procedure: LLTP,
  caseIndex: 0,
  channel: 'in_person',
  applicant: {
    name: 'Nguyễn Văn An',
    personalId: CITIZEN,
    phone: '0912345678',
    address: 'Số 15 Lý Thường Kiệt, Phường Cao Lãnh',
  },
  ...over,
});

export function dossierKit<V = DossierView>(app: () => FastifyInstance) {
  /** An action on a dossier (by code or id), the answer as it came. */
  const act = (
    s: Session,
    ref: string,
    action: string,
    body: Record<string, unknown> = {},
  ): Promise<LightMyRequestResponse> =>
    as(app(), s)('POST', `/api/v1/dossiers/${ref}/actions/${action}`, body);

  /** An action that must succeed: the dossier's view after it. */
  async function ok<W = V>(
    s: Session,
    ref: string,
    action: string,
    body: Record<string, unknown> = {},
  ): Promise<W> {
    const res = await act(s, ref, action, body);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    return res.json<W>();
  }

  /** A new dossier (201), from `inPerson` unless another application is given. */
  async function create<W = V>(s: Session, application: Record<string, unknown> = inPerson()): Promise<W> {
    const res = await as(app(), s)('POST', '/api/v1/dossiers', application);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<W>();
  }

  /** A dossier by code or id, as this session sees it (200). */
  async function read<W = V>(s: Session, ref: string): Promise<W> {
    const res = await as(app(), s)('GET', `/api/v1/dossiers/${ref}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<W>();
  }

  /**
   * Takes a received dossier from `forward` through `until` (inclusive), each step by its role, and
   * returns the view after the last. The handler is assigned; the result is numbered from the code.
   */
  async function carry(
    staff: JourneyStaff,
    code: string,
    until: JourneyStep,
    options: { electronic?: boolean } = {},
  ): Promise<V> {
    const steps: Record<JourneyStep, [Session | undefined, Record<string, unknown>]> = {
      forward: [staff.desk, {}],
      assign: [staff.approver, { assigneeId: staff.handler.userId }],
      complete_step: [staff.handler, { note: 'Đủ điều kiện' }],
      approve: [staff.approver, { note: 'Đồng ý' }],
      issue: [
        staff.clerk,
        { resultNumber: `${code.slice(-4)}/PLLTP`, electronic: options.electronic ?? false },
      ],
      return_result: [staff.desk, { methods: ['paper'], delivery: 'in_person', receivedBy: 'Người nộp' }],
    };
    let view: V | undefined;
    for (const step of JOURNEY.slice(0, JOURNEY.indexOf(until) + 1)) {
      const [who, body] = steps[step];
      if (!who) throw new Error(`carry: no session for ${step}`);
      view = await ok(who, code, step, body);
    }
    return view!;
  }

  /** A raw upload (`application/octet-stream`, the file name in `x-file-name`), the answer as it came. */
  const upload = (s: Session, url: string, bytes: Buffer, name: string, method: 'PUT' | 'POST' = 'PUT') =>
    app().inject({
      method,
      url,
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
      },
      payload: bytes,
    });

  /** A printed form of a dossier (`01` … `06`), the answer as it came. */
  const form = (s: Session, code: string, n: string) =>
    as(app(), s)('GET', `/api/v1/dossiers/${code}/forms/${n}.pdf`);

  /** The text of a printed form (200). */
  async function formText(s: Session, code: string, n: string): Promise<string> {
    const res = await form(s, code, n);
    expect(res.statusCode, res.body).toBe(200);
    return pdfText(res.rawPayload);
  }

  return { act, ok, create, read, carry, upload, form, formText };
}
