/**
 * Intake (tiếp nhận) on the three channels: a citizen or business files online (a draft, or submitted at
 * once), a desk officer enters a dossier brought in person or sent by post. The dossier names the
 * procedure version in force today, a case variant and the resolving agency, chosen by competence (one of
 * the procedure's implementing agencies), not by where it was filed.
 */
import type { Db, Executor, Tx } from '../../db/client.ts';
import { isDatabaseUnavailable } from '../../db/resource-errors.ts';
import { txRunner, type SqlRunner } from '../../db/raw.ts';
import { uuidv7 } from '../../db/uuidv7.ts';
import { StatementBatcher } from '../../db/statement-batcher.ts';
import type { StoredApplicant, users } from '../../db/schema.ts';
import type { Principal } from '../../domain/access/policy.ts';
import type { ProcedureContent } from '../../domain/catalog/model.ts';
import { foldForSearch } from '../../domain/catalog/search-text.ts';
import { vnToday } from '../../domain/catalog/versions.ts';
import {
  decide,
  formatDossierCode,
  initialDossier,
  vnDateOf,
  type Channel,
  type DossierActor,
  type DossierEvent,
  type DossierState,
} from '../../domain/dossier/index.ts';
import { AppError } from '../../domain/errors.ts';
import { calendarForKey } from '../calendar/calendar-store.ts';
import { agenciesByCodes, agenciesByIds, checkDesk, type AgencyInfo } from './dossier-access.ts';
import { componentsFor, stateColumns } from './dossier-writes.ts';
import { dossierView, type DossierView, type DossierViewParts } from './get-dossier.ts';
import {
  intakeFacts,
  intakeParams,
  intakeWriteBatcher,
  writeIntakes,
  type IntakeOutcome,
  type IntakeWrite,
} from './intake-writes.ts';

export interface ApplicantInput {
  kind?: 'citizen' | 'business' | undefined;
  name?: string | undefined;
  personalId?: string | null | undefined;
  taxCode?: string | null | undefined;
  organizationName?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  address?: string | null | undefined;
  capacity?: 'owner' | 'filer' | 'representative' | undefined;
  representative?: { name: string; personalId?: string | null; phone?: string | null } | null | undefined;
  authorisation?: { number: string; date?: string | null; issuer?: string | null } | null | undefined;
}

export interface CreateDossierInput {
  procedure: string;
  caseIndex?: number | null | undefined;
  /** The resolving agency; may be left out when one agency implements the procedure. */
  agency?: string | undefined;
  channel: Channel;
  /** Staff: the desk taking the dossier in (default: the one agency where the caller receives). */
  intakeAgency?: string | undefined;
  applicant?: ApplicantInput | undefined;
  waybill?: string | undefined;
  /** Online: submit now (default) or keep as a draft. */
  submit?: boolean | undefined;
}

type Account = Pick<
  typeof users.$inferSelect,
  'id' | 'kind' | 'fullName' | 'personalId' | 'taxCode' | 'organizationName' | 'phone' | 'email' | 'address'
>;

function applicantFrom(input: ApplicantInput | undefined, account: Account | undefined): StoredApplicant {
  const capacity = input?.capacity ?? 'owner';
  const kind = input?.kind ?? (account?.kind === 'business' ? 'business' : 'citizen');
  const name = (input?.name ?? account?.fullName ?? '').trim();
  if (name === '') throw new AppError('REQUIRED_FIELD', { field: 'applicant/name' });
  const personalId = input?.personalId ?? account?.personalId ?? null;
  const taxCode = input?.taxCode ?? account?.taxCode ?? null;
  if (kind === 'citizen' && personalId === null && capacity === 'owner' && account === undefined)
    throw new AppError('REQUIRED_FIELD', { field: 'applicant/personalId' });
  if (capacity === 'representative' && !input?.authorisation)
    throw new AppError('REQUIRED_FIELD', { field: 'applicant/authorisation' });
  if (capacity !== 'owner' && !input?.representative)
    throw new AppError('REQUIRED_FIELD', { field: 'applicant/representative' });
  return {
    kind,
    name,
    personalId,
    taxCode,
    organizationName: input?.organizationName ?? account?.organizationName ?? null,
    phone: input?.phone ?? account?.phone ?? null,
    email: input?.email ?? account?.email ?? null,
    address: input?.address ?? account?.address ?? null,
    capacity,
    representative: input?.representative
      ? {
          name: input.representative.name,
          personalId: input.representative.personalId ?? null,
          phone: input.representative.phone ?? null,
        }
      : null,
    authorisation: input?.authorisation
      ? {
          number: input.authorisation.number,
          date: input.authorisation.date ?? null,
          issuer: input.authorisation.issuer ?? null,
        }
      : null,
  };
}

/** Decides an action on a new dossier or throws its refusal. */
function step(
  state: DossierState,
  action: string,
  input: unknown,
  actor: DossierActor,
  now: number,
  calendar: Parameters<typeof decide>[5],
): { event: DossierEvent; state: DossierState } {
  const decision = decide(state, action, input, actor, now, calendar);
  if (!decision.ok) throw decision.refusal;
  return decision;
}

// Everything intake reads, in one round trip for any number of intakes: the version in force on the day
// with its implementing agencies (by code), the key of the stored calendar notices, the applicant's account
// (by id online, by personal ID at the desk) and the name of the person taking the dossier in (for the
// history it answers with).
const INTAKE_READS = `
SELECT q.ord, f."procedureId", f."versionId", f.implementing,
       ${intakeFacts.noticesKey} AS "noticesKey",
       (SELECT row_to_json(u) FROM (
          SELECT id, kind, full_name AS "fullName", personal_id AS "personalId", tax_code AS "taxCode",
                 organization_name AS "organizationName", phone, email, address
            FROM users WHERE id = q.account_id OR personal_id = q.personal_id LIMIT 1) u) AS account,
       (SELECT full_name FROM users WHERE id = q.actor_id) AS "actorName"
  FROM jsonb_to_recordset($1::jsonb) AS q(ord int, procedure text, day date, account_id uuid, personal_id text,
                                         actor_id uuid)
  LEFT JOIN LATERAL (
    SELECT v.procedure_id AS "procedureId", v.id AS "versionId",
           (SELECT coalesce(json_agg(${intakeFacts.agency} ORDER BY a.code), '[]'::json)
              FROM procedure_version_agencies pva JOIN agencies a ON a.id = pva.agency_id
             WHERE pva.version_id = v.id) AS implementing
      FROM procedures p
      JOIN procedure_versions v ON v.procedure_id = p.id AND v.status = 'published'
       AND v.effective_from <= q.day AND (v.effective_to IS NULL OR v.effective_to > q.day)
     WHERE p.code = q.procedure
     LIMIT 1) f ON true
 ORDER BY q.ord`;

export interface IntakeQuery {
  procedure: string;
  day: string;
  accountId: string | null;
  personalId: string | null;
  actorId: string;
}

/** What intake reads for each query, in order; undefined where the procedure has no version in force. */
export async function readForIntake(
  runner: SqlRunner,
  queries: readonly IntakeQuery[],
): Promise<(IntakeRead | undefined)[]> {
  const rows = await runner.rows<{ ord: number } & Partial<IntakeRead>>(
    'motcua_intake_reads_v1',
    INTAKE_READS,
    [
      JSON.stringify(
        queries.map((q, ord) => ({
          ord,
          procedure: q.procedure,
          day: q.day,
          account_id: q.accountId,
          personal_id: q.personalId,
          actor_id: q.actorId,
        })),
      ),
    ],
  );
  return rows.map(({ ord: _, ...r }) => (r.versionId == null ? undefined : (r as IntakeRead)));
}

/** Intake's reads on the pool, shared by the intakes that arrive together. */
export function intakeReadBatcher(runner: SqlRunner): StatementBatcher<IntakeQuery, IntakeRead | undefined> {
  return new StatementBatcher((queries) => readForIntake(runner, queries));
}

export interface IntakeRead {
  procedureId: number;
  versionId: number;
  implementing: AgencyInfo[];
  noticesKey: string;
  account: Account | null;
  actorName: string | null;
  /** Not read for this intake but remembered from earlier ones: the write checks it (`IntakeGuesses`). */
  guessed?: true;
}

const MAX_GUESSES = 10_000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  if (map.size >= MAX_GUESSES) map.delete(map.keys().next().value!);
  map.set(key, value);
}

/**
 * What earlier desk intakes read, per server, so that the next one can be decided without a round trip:
 * the version in force per procedure and day, the calendar notices, officers' names and the account per
 * personal ID (none where none was seen). The write checks every guess (`IntakeCheck`); one that no longer
 * holds costs that intake a fresh read. Online intake reads the applicant's own account, so it always reads.
 */
export class IntakeGuesses {
  private readonly versions = new Map<
    string,
    Pick<IntakeRead, 'procedureId' | 'versionId' | 'implementing'>
  >();
  private readonly accounts = new Map<string, Account | null>();
  private readonly actorNames = new Map<string, string | null>();
  private noticesKey: string | null = null;

  guess(query: IntakeQuery): IntakeRead | undefined {
    if (query.accountId !== null || this.noticesKey === null) return undefined;
    const version = this.versions.get(`${query.procedure}|${query.day}`);
    const actorName = this.actorNames.get(query.actorId);
    if (!version || actorName === undefined) return undefined;
    const account = query.personalId === null ? null : (this.accounts.get(query.personalId) ?? null);
    return { ...version, noticesKey: this.noticesKey, account, actorName, guessed: true };
  }

  learn(query: IntakeQuery, read: IntakeRead): void {
    if (query.accountId !== null) return;
    const { procedureId, versionId, implementing } = read;
    remember(this.versions, `${query.procedure}|${query.day}`, { procedureId, versionId, implementing });
    if (query.personalId !== null) remember(this.accounts, query.personalId, read.account);
    remember(this.actorNames, query.actorId, read.actorName);
    this.noticesKey = read.noticesKey;
  }
}

// A published version never changes, so its content is read once per server.
const contents = new Map<number, ProcedureContent>();
const MAX_CONTENTS = 500;

async function publishedContent(runner: SqlRunner, versionId: number): Promise<ProcedureContent> {
  let content = contents.get(versionId);
  if (!content) {
    const [row] = await runner.rows<{ content: ProcedureContent }>(
      'motcua_intake_content_v1',
      `SELECT content FROM procedure_versions WHERE id = $1 AND status = 'published'`,
      [versionId],
    );
    if (!row) throw new AppError('PROCEDURE_NOT_FOUND', { field: 'procedure' });
    content = row.content;
    if (contents.size >= MAX_CONTENTS) contents.delete(contents.keys().next().value!);
    contents.set(versionId, content);
  }
  return content;
}

/** An intake decided and ready to write, with what its view needs besides its code. */
export interface PreparedIntake {
  write: IntakeWrite;
  parts: DossierViewParts;
}

/**
 * Reads and decides everything about a new dossier without writing: the version and agency by competence,
 * the desk, the applicant, the events of the first actions. `exec` serves the rarer reads (another desk).
 */
export async function prepareIntake(
  read: (query: IntakeQuery) => Promise<IntakeRead | undefined>,
  runner: SqlRunner,
  exec: Executor,
  principal: Principal,
  input: CreateDossierInput,
  now: number,
  meta: { ip: string | null },
): Promise<PreparedIntake> {
  const today = vnToday(now);
  const online = input.channel === 'online';
  const found = await read({
    procedure: input.procedure,
    day: today,
    accountId: online ? principal.userId : null,
    personalId: online ? null : (input.applicant?.personalId ?? null),
    actorId: principal.userId,
  });
  if (!found) throw new AppError('PROCEDURE_NOT_FOUND', { field: 'procedure' });
  const { implementing } = found;
  const content = await publishedContent(runner, found.versionId);

  const caseIndex = input.caseIndex ?? null;
  if (caseIndex !== null && content.cases[caseIndex] === undefined)
    throw new AppError('INVALID_CASE', { field: 'caseIndex' });
  if (content.methods.length > 0 && !content.methods.some((m) => m.kind === input.channel))
    throw new AppError('CHANNEL_NOT_OFFERED', { field: 'channel' });

  // Competence: the resolving agency is one of the procedure's implementing agencies.
  let agency = implementing.find((a) => a.code === input.agency);
  if (input.agency !== undefined && !agency)
    throw new AppError('NOT_IMPLEMENTING_AGENCY', { field: 'agency' });
  if (!agency) {
    if (implementing.length !== 1) throw new AppError('AGENCY_REQUIRED', { field: 'agency' });
    agency = implementing[0]!;
  }

  let actor: DossierActor;
  let intakeAgency: AgencyInfo | null = null;
  // A dossier brought in by a citizen who has an account shows in their "my dossiers".
  const account = found.account ?? undefined;
  if (online) {
    if (principal.kind === 'staff') throw new AppError('CHANNEL_NOT_OFFERED', { field: 'channel' });
    actor = { id: principal.userId, role: 'applicant', agencyCode: null };
  } else {
    const desks = principal.grants.filter((g) => g.role === 'receiving_officer' && g.agencyId !== null);
    if (desks.length === 0) throw new AppError('NOT_AT_DESK', { field: 'channel' });
    let deskId: number;
    let desk: AgencyInfo | undefined;
    if (input.intakeAgency !== undefined) {
      desk = (await agenciesByCodes(exec, [input.intakeAgency])).get(input.intakeAgency);
      if (!desk || !desks.some((g) => g.agencyId === desk!.id))
        throw new AppError('NOT_AT_DESK', { field: 'intakeAgency' });
      deskId = desk.id;
    } else if (desks.some((g) => g.agencyId === agency.id)) deskId = agency.id;
    else if (desks.length === 1) deskId = desks[0]!.agencyId!;
    else throw new AppError('REQUIRED_FIELD', { field: 'intakeAgency' });
    if (deskId !== agency.id) intakeAgency = desk ?? (await agenciesByIds(exec, [deskId])).get(deskId)!;
    // Authorization (h/authz): another agency's procedure only at a one-stop desk (policy canTakeInAtDesk).
    if (intakeAgency) await checkDesk(exec, intakeAgency, implementing);
    actor = { id: principal.userId, role: 'receiving_officer', agencyCode: (intakeAgency ?? agency).code };
    if (input.channel === 'postal' && !input.waybill?.trim())
      throw new AppError('WAYBILL_REQUIRED', { field: 'waybill' });
  }
  if (!online && !input.applicant?.name) throw new AppError('REQUIRED_FIELD', { field: 'applicant/name' });
  const applicant = applicantFrom(input.applicant, online ? account : undefined);
  const calendar = await calendarForKey(exec, found.noticesKey, agency.officeHours);

  let state = initialDossier();
  const events: DossierEvent[] = [];
  const draft = step(
    state,
    'save_draft',
    { channel: input.channel, ...(account && actor.role !== 'applicant' ? { applicantId: account.id } : {}) },
    actor,
    now,
    calendar,
  );
  events.push(draft.event);
  state = draft.state;
  const submitNow = online && input.submit !== false;
  if (submitNow) {
    const submitted = step(state, 'submit', {}, actor, now, calendar);
    events.push(submitted.event);
    state = submitted.state;
  }
  // Online dossiers get their code when submitted; desk dossiers when they are entered in the register.
  const day = vnDateOf(now);
  const numbered = !online || submitNow;
  // formatDossierCode checks the agency identifier and the day; the writes add the number the same way.
  const codePrefix = numbered ? formatDossierCode(agency.code, day, 1).slice(0, -'0001'.length) : null;
  const id = uuidv7(now);
  const intakeAgencyId = intakeAgency?.id ?? null;
  const write: IntakeWrite = {
    row: {
      id,
      code: null,
      channel: input.channel,
      agencyId: agency.id,
      intakeAgencyId,
      procedureId: found.procedureId,
      procedureVersionId: found.versionId,
      caseIndex,
      applicantUserId: state.applicantId,
      applicant,
      applicantSearch: foldForSearch(applicant.name),
      components: componentsFor(content, caseIndex).map((c) => ({
        name: c.name,
        required: c.required,
        originals: c.originals,
        copies: c.copies,
        fromNationalDb: c.fromNationalDb,
        provided: false,
      })),
      waybill: input.channel === 'postal' ? input.waybill!.trim() : null,
      process: null,
      ...stateColumns(state),
      createdBy: principal.userId,
      createdAt: new Date(now),
      updatedAt: new Date(now),
    },
    codePrefix,
    day,
    events: events.map((event) => ({ event, agencyId: intakeAgencyId ?? agency.id })),
    audit: { procedure: input.procedure, ip: meta.ip },
    check: found.guessed
      ? {
          agency,
          noticesKey: found.noticesKey,
          personalId: input.applicant?.personalId ?? null,
          actorName: found.actorName,
        }
      : null,
  };
  return {
    write,
    parts: {
      loaded: { row: write.row, agency, intakeAgency, cooperating: new Map() },
      version: { code: input.procedure, content, id: found.versionId },
      files: [],
      events,
      names: new Map(found.actorName === null ? [] : [[principal.userId, found.actorName]]),
      calendar,
    },
  };
}

/** What the caller sees of the dossier just written: the same view as `getDossier` would read back. */
export function intakeView(
  prepared: PreparedIntake,
  code: string | null,
  principal: Principal,
  now: number,
): DossierView {
  const { parts } = prepared;
  return dossierView(
    principal,
    { ...parts, loaded: { ...parts.loaded, row: { ...parts.loaded.row, code } } },
    now,
  );
}

/** Intake inside the caller's transaction (with an idempotency key, the demo data, tests). */
export async function createDossierTx(
  tx: Tx,
  principal: Principal,
  input: CreateDossierInput,
  now: number,
  meta: { ip: string | null },
): Promise<{ id: string; code: string | null }> {
  const runner = txRunner(tx);
  const read = async (query: IntakeQuery) => (await readForIntake(runner, [query]))[0];
  const { write } = await prepareIntake(read, runner, tx, principal, input, now, meta);
  const codes = await writeIntakes(runner, [write]);
  const { id } = write.row;
  return { id, code: codes.get(id) ?? null };
}

/**
 * Intake without an idempotency key, the common case: the reads and then the writes each in the next
 * shared statement on the pool (the writes' own transaction), the answer built from what was decided
 * instead of read back.
 */
export interface IntakePipeline {
  runner: SqlRunner;
  reads: StatementBatcher<IntakeQuery, IntakeRead | undefined>;
  writes: StatementBatcher<IntakeWrite, IntakeOutcome>;
  guesses: IntakeGuesses;
}

export function intakePipeline(runner: SqlRunner): IntakePipeline {
  return {
    runner,
    reads: intakeReadBatcher(runner),
    writes: intakeWriteBatcher(runner),
    guesses: new IntakeGuesses(),
  };
}

export async function takeIn(
  db: Db,
  pipeline: IntakePipeline,
  principal: Principal,
  input: CreateDossierInput,
  now: number,
  meta: { ip: string | null },
): Promise<DossierView> {
  const { guesses } = pipeline;
  // At most three tries: from guesses, from a fresh read, and once more if the facts changed in between.
  for (let attempt = 0; attempt < 3; attempt++) {
    const read = async (query: IntakeQuery) => {
      const guessed = attempt === 0 ? guesses.guess(query) : undefined;
      if (guessed) return guessed;
      const found = await pipeline.reads.submit(query);
      if (found) guesses.learn(query, found);
      return found;
    };
    const prepared = await prepareIntake(read, pipeline.runner, db, principal, input, now, meta);
    intakeParams(prepared.write);
    const outcome = await pipeline.writes.submit(prepared.write).catch((err: unknown) => {
      throw isDatabaseUnavailable(err) ? new AppError('COMMIT_OUTCOME_UNKNOWN', { cause: err }) : err;
    });
    if (outcome.written) return intakeView(prepared, outcome.code, principal, now);
  }
  throw new AppError('VERSION_CONFLICT', {
    vi: 'Danh mục thủ tục vừa thay đổi trong lúc tiếp nhận; vui lòng gửi lại hồ sơ.',
    en: 'The catalog changed during intake; please submit the dossier again.',
  });
}
