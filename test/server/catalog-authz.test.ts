import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffRoles, type StaffRole } from '../../src/domain/access/roles.ts';
import { vnToday } from '../../src/domain/catalog/versions.ts';
import { procedureContent } from '../support/procedures.ts';
import { as, errorOf, loginAs, testApp, type Session, type TestApp } from '../support/app.ts';
import { allAgencies, staffWithGrants, type AgencyRow } from '../support/factories.ts';

let t: TestApp;
let admin: Session;
let agencies: AgencyRow[];
const byCode = (code: string) => agencies.find((a) => a.code === code)!;

beforeAll(async () => {
  t = await testApp({ LOGIN_RATE_PER_MINUTE: '100000' });
  admin = await loginAs(t.app, 'admin');
  agencies = await allAgencies(t.database.pool);
});
afterAll(() => t.close());

const CAOLANH = '000.21.31.H20';
const SADEC = '000.22.32.H20';
const THAPMUOI = '000.28.33.H20';
const TUPHAP = '000.00.09.H20';
const XAYDUNG = '000.00.10.H20';
const PROVINCE = '000.00.00.H20';

const content = (agencyCodes: string[], over: Record<string, unknown> = {}) =>
  procedureContent({ agencies: agencyCodes, ...over });

async function storedContent(code: string): Promise<Record<string, unknown>> {
  const { rows } = await t.database.pool.query<{ content: Record<string, unknown> }>(
    `SELECT v.content FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id
     WHERE p.code = $1 AND v.status = 'published' ORDER BY v.seq DESC LIMIT 1`,
    [code],
  );
  return rows[0]!.content;
}

async function lockOf(code: string): Promise<number> {
  const { rows } = await t.database.pool.query<{ version: number }>(
    'SELECT version FROM procedures WHERE code = $1',
    [code],
  );
  return rows[0]!.version;
}

describe('a procedure implemented by several agencies is theirs together', () => {
  const code = '1.000894'; // Đăng ký kết hôn: the three communes.

  it('an administrator of one of them may not drop the others, nor publish a draft that does', async () => {
    const caolanh = await loginAs(t.app, 'caolanh.quantri');
    const sadec = await loginAs(t.app, 'sadec.quantri');
    const page = await as(t.app, caolanh)('GET', `/api/v1/procedures/${code}`);
    // Its own process only: changing the procedure is for all three together (or the system administrator).
    expect(page.json().actions).toEqual(['procedure.manage_process']);
    const current = await storedContent(code);
    const ownOnly = await as(t.app, caolanh)('PUT', `/api/v1/procedures/${code}/draft`, {
      version: await lockOf(code),
      content: { ...current, agencies: [CAOLANH] },
    });
    expect(ownOnly.statusCode, ownOnly.body).toBe(403);
    expect(errorOf(ownOnly).code).toBe('FORBIDDEN');
    // Keeping every agency still changes what the other two serve.
    const sameAgencies = await as(t.app, sadec)('PUT', `/api/v1/procedures/${code}/draft`, {
      version: await lockOf(code),
      content: { ...current, name: 'Đăng ký kết hôn (sửa)' },
    });
    expect(sameAgencies.statusCode).toBe(403);

    // A draft naming Cao Lãnh only (written by the system administrator) still affects the version in force.
    const draft = await as(t.app, admin)('PUT', `/api/v1/procedures/${code}/draft`, {
      version: await lockOf(code),
      content: { ...current, agencies: [CAOLANH] },
    });
    expect(draft.statusCode, draft.body).toBe(200);
    const publish = await as(t.app, caolanh)('POST', `/api/v1/procedures/${code}/publish`, {
      version: await lockOf(code),
      effectiveFrom: vnToday(new Date()),
    });
    expect(publish.statusCode).toBe(403);
    // Nothing changed for Sa Đéc: the version in force still names it.
    const served = await t.app.inject(`/api/v1/procedures/${code}`);
    expect(served.json().agencies.map((a: { code: string }) => a.code)).toContain(SADEC);
    const dropped = await as(t.app, admin)(
      'DELETE',
      `/api/v1/procedures/${code}/draft?version=${await lockOf(code)}`,
    );
    expect(dropped.statusCode).toBe(204);
  });

  it('an administrator of one agency may not create a procedure for others too', async () => {
    const caolanh = await loginAs(t.app, 'caolanh.quantri');
    const shared = await as(t.app, caolanh)('POST', '/api/v1/procedures', {
      code: '2.000901',
      content: content([CAOLANH, SADEC]),
    });
    expect(shared.statusCode).toBe(403);
    const own = await as(t.app, caolanh)('POST', '/api/v1/procedures', {
      code: '2.000901',
      content: content([CAOLANH]),
    });
    expect(own.statusCode, own.body).toBe(201);
    // …nor add another agency to its own procedure afterwards.
    const widen = await as(t.app, caolanh)('PUT', '/api/v1/procedures/2.000901/draft', {
      version: own.json().version.lockVersion,
      content: content([CAOLANH, THAPMUOI]),
    });
    expect(widen.statusCode).toBe(403);
  });
});

/**
 * Users × agencies × roles: a change to a procedure (saving a draft, publishing, creating) is allowed
 * exactly when the caller is a system administrator or an agency administrator at every agency it affects:
 * those implementing the procedure's live versions (in force, scheduled, draft) and the new content's.
 * A stale lock version is sent, so an allowed change answers 409 and nothing is written; a refused one 403.
 */
describe('changing a procedure over users × agencies × roles', () => {
  const pool = [PROVINCE, TUPHAP, XAYDUNG, CAOLANH, SADEC, THAPMUOI];
  interface Fixture {
    code: string;
    live: string[];
  }
  const fixtures: Fixture[] = [];

  beforeAll(async () => {
    // Draft only; published with a different draft on top; published then a draft with the same agencies.
    const shapes: { first: string[]; draft?: string[] }[] = [
      { first: [CAOLANH] },
      { first: [CAOLANH, SADEC] },
      { first: [TUPHAP], draft: [TUPHAP, XAYDUNG] },
      { first: [SADEC, THAPMUOI], draft: [SADEC] },
      { first: [PROVINCE, TUPHAP] },
      { first: [XAYDUNG], draft: [XAYDUNG] },
      { first: [CAOLANH, SADEC, THAPMUOI], draft: [CAOLANH] },
    ];
    for (const [i, shape] of shapes.entries()) {
      const code = `2.00095${i}`;
      const created = await as(t.app, admin)('POST', '/api/v1/procedures', {
        code,
        content: content(shape.first),
      });
      expect(created.statusCode, created.body).toBe(201);
      if (shape.draft) {
        const published = await as(t.app, admin)('POST', `/api/v1/procedures/${code}/publish`, {
          version: await lockOf(code),
          effectiveFrom: vnToday(new Date()),
        });
        expect(published.statusCode, published.body).toBe(200);
        const drafted = await as(t.app, admin)('PUT', `/api/v1/procedures/${code}/draft`, {
          version: await lockOf(code),
          content: content(shape.draft, { name: 'Bản sửa đổi' }),
        });
        expect(drafted.statusCode, drafted.body).toBe(200);
      }
      fixtures.push({ code, live: [...new Set([...shape.first, ...(shape.draft ?? [])])] });
    }
  });

  it('allows exactly the administrators of every affected agency, and system administrators', async () => {
    const grantArb = fc.record({
      role: fc.oneof(
        { arbitrary: fc.constant<StaffRole>('agency_admin'), weight: 5 },
        { arbitrary: fc.constantFrom(...staffRoles), weight: 2 },
      ),
      agencyIndex: fc.nat({ max: pool.length - 1 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(grantArb, { maxLength: 4 }),
        fc.nat({ max: fixtures.length - 1 }),
        fc.subarray(pool, { minLength: 1 }),
        async (rawGrants, fixtureIndex, next) => {
          const grants = rawGrants
            // Keep system administrators rare so most runs test real scoping.
            .filter((g, i) => g.role !== 'system_admin' || (i === 0 && g.agencyIndex === 0))
            .map((g) => ({
              role: g.role,
              agency: g.role === 'system_admin' ? null : byCode(pool[g.agencyIndex]!),
            }));
          const user = await staffWithGrants(
            t.database.pool,
            grants.map((g) => ({ role: g.role, agencyCode: g.agency?.code ?? null })),
          );
          const request = as(t.app, await loginAs(t.app, user.username));
          const fixture = fixtures[fixtureIndex]!;
          const administers = (codes: string[]) =>
            grants.some((g) => g.role === 'system_admin') ||
            codes.every((c) => grants.some((g) => g.role === 'agency_admin' && g.agency?.code === c));

          const save = await request('PUT', `/api/v1/procedures/${fixture.code}/draft`, {
            version: 999999,
            content: content(next),
          });
          expect(save.statusCode, save.body).toBe(administers([...fixture.live, ...next]) ? 409 : 403);

          const publish = await request('POST', `/api/v1/procedures/${fixture.code}/publish`, {
            version: 999999,
            effectiveFrom: vnToday(new Date()),
          });
          expect(publish.statusCode, publish.body).toBe(administers(fixture.live) ? 409 : 403);

          // An existing code: allowed callers get as far as the code clash.
          const create = await request('POST', '/api/v1/procedures', {
            code: fixture.code,
            content: content(next),
          });
          expect(create.statusCode, create.body).toBe(administers(next) ? 409 : 403);
        },
      ),
      { numRuns: 60 },
    );
    // Each run logs a new user in: generous under a loaded machine.
  }, 180_000);
});

describe('the catalog export shows internal processes as the processes page does', () => {
  type Exported = { procedures: { code: string; processes: { agency: string }[] }[] };
  const exported = async (session: Session) => {
    const res = await as(t.app, session)('GET', '/api/v1/catalog/export?format=json');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Exported>();
  };

  it('a desk officer sees their own agency’s processes only; a system administrator every one', async () => {
    const desk = await loginAs(t.app, 'sadec.tiepnhan');
    const all = await exported(admin);
    const agenciesOfAll = new Set(all.procedures.flatMap((p) => p.processes.map((x) => x.agency)));
    expect(agenciesOfAll.size).toBeGreaterThan(1);
    const own = await exported(desk);
    const seen = own.procedures.flatMap((p) => p.processes.map((x) => x.agency));
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([SADEC]));
    // The same procedures (they are public), and per procedure the processes the page shows this caller.
    expect(own.procedures.map((p) => p.code)).toEqual(all.procedures.map((p) => p.code));
    for (const p of own.procedures.filter((x) => x.processes.length > 0).slice(0, 5)) {
      const page = await as(t.app, desk)('GET', `/api/v1/procedures/${p.code}/processes`);
      expect(p.processes.map((x) => x.agency)).toEqual(
        page.json<{ items: { agency: { code: string } }[] }>().items.map((i) => i.agency.code),
      );
    }
  });

  it('a supervisor of the province sees the processes of every agency below', async () => {
    const supervisor = await staffWithGrants(t.database.pool, [{ role: 'supervisor', agencyCode: PROVINCE }]);
    const own = await exported(await loginAs(t.app, supervisor.username));
    const all = await exported(admin);
    expect(own).toEqual({ ...all, exportedAt: (own as { exportedAt?: string }).exportedAt });
  });
});

describe('authorization comes before the content checks', () => {
  it('a citizen learns nothing about which form templates exist', async () => {
    const citizen = await loginAs(t.app, '087090001234');
    const { rows } = await t.database.pool.query<{ id: number }>('SELECT min(id) AS id FROM form_templates');
    const withTemplate = (id: number) =>
      content([TUPHAP], {
        components: [
          {
            name: 'Tờ khai',
            required: true,
            originals: 1,
            copies: 0,
            formTemplateId: id,
            fromNationalDb: false,
          },
        ],
      });
    for (const id of [rows[0]!.id, 999999]) {
      const res = await as(t.app, citizen)('POST', '/api/v1/procedures', {
        code: '2.000990',
        content: withTemplate(id),
      });
      expect(res.statusCode, res.body).toBe(403);
      expect(errorOf(res).code).toBe('FORBIDDEN');
    }
    // An administrator of another agency neither.
    const xaydung = await loginAs(t.app, 'xaydung.quantri');
    const other = await as(t.app, xaydung)('POST', '/api/v1/procedures', {
      code: '2.000990',
      content: withTemplate(999999),
    });
    expect(other.statusCode).toBe(403);
  });
});

describe('form templates are sniffed like dossier files', () => {
  const upload = (session: Session, fileName: string, body: Buffer) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/catalog/forms?fileName=${encodeURIComponent(fileName)}`,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        'content-type': 'application/octet-stream',
      },
      payload: body,
    });

  it('refuses bytes that are not what the name says, and stores those that are', async () => {
    const tuphap = await loginAs(t.app, 'tuphap.quantri');
    const html = await upload(tuphap, 'to-khai.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(html.statusCode, html.body).toBe(415);
    expect(errorOf(html)).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', field: 'body' });
    expect(errorOf(html).message).toContain('.pdf');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const renamed = await upload(tuphap, 'to-khai.docx', pdf);
    expect(renamed.statusCode).toBe(415);
    const ok = await upload(tuphap, 'to-khai.pdf', pdf);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ mediaType: 'application/pdf', fileName: 'to-khai.pdf' });
  });
});
