/**
 * Deciding a new dossier: the version in force, the resolving agency by competence, the desk, the applicant
 * and the events of its first actions, all without writing; the view the caller gets is built from it.
 */
import type { Executor } from '../../../db/client.ts';
import { statement, type SqlRunner } from '../../../db/statements.ts';
import { uuidv7 } from '../../../db/uuidv7.ts';
import type { Principal } from '../../../domain/access/policy.ts';
import type { ProcedureContent } from '../../../domain/catalog/model.ts';
import { foldForSearch } from '../../../domain/catalog/search-text.ts';
import { vnToday } from '../../../domain/catalog/versions.ts';
import {
  decide,
  dossierCodePrefix,
  initialDossier,
  vnDateOf,
  type Channel,
  type DossierActor,
  type DossierEvent,
  type DossierState,
} from '../../../domain/dossier/index.ts';
import { AppError } from '../../../domain/errors.ts';
import { calendarForKey } from '../../calendar/calendar-store.ts';
import { agenciesByCodes, agenciesByIds, checkDesk, type AgencyInfo } from '../dossier-access.ts';
import { componentsFor, stateColumns } from '../dossier-writes.ts';
import { dossierView, type DossierView, type DossierViewParts } from '../get-dossier.ts';
import { applicantFrom, type ApplicantInput } from './applicant.ts';
import type { IntakeQuery, IntakeRead } from './read.ts';
import type { IntakeWrite } from './write.ts';

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

// A published version never changes, so its content is read once per server.
const contents = new Map<number, ProcedureContent>();
const MAX_CONTENTS = 500;

const CONTENT = statement(`SELECT content FROM procedure_versions WHERE id = $1 AND status = 'published'`);

async function publishedContent(runner: SqlRunner, versionId: number): Promise<ProcedureContent> {
  let content = contents.get(versionId);
  if (!content) {
    const [row] = await runner.rows<{ content: ProcedureContent }>(CONTENT, [versionId]);
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
  // The write adds the counter as formatDossierCode does (dossierCounterSql).
  const codePrefix = numbered ? dossierCodePrefix(agency.code, day) : null;
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
