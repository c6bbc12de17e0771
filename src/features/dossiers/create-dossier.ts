/**
 * Intake (tiếp nhận) on the three channels: a citizen or business files online (a draft, or submitted at
 * once), a desk officer enters a dossier brought in person or sent by post. The dossier names the
 * procedure version in force today, a case variant and the resolving agency, chosen by competence (one of
 * the procedure's implementing agencies), not by where it was filed.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import {
  agencies,
  auditLog,
  dossierComponents,
  dossierEvents,
  dossiers,
  procedures,
  procedureVersionAgencies,
  procedureVersions,
  users,
  type StoredApplicant,
} from '../../db/schema.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { foldForSearch } from '../../domain/catalog/search-text.ts';
import { vnToday } from '../../domain/catalog/versions.ts';
import {
  decide,
  initialDossier,
  type Channel,
  type DossierActor,
  type DossierEvent,
  type DossierState,
} from '../../domain/dossier/index.ts';
import { AppError } from '../../domain/errors.ts';
import { calendarFor } from '../calendar/calendar-store.ts';
import { inForceOn } from '../catalog/procedure-queries.ts';
import { agenciesByCodes, agenciesByIds, type AgencyInfo } from './dossier-access.ts';
import { componentsFor, eventRow, nextDossierCodeCte, runPrepared, stateColumns } from './dossier-writes.ts';

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

const accountColumns = {
  id: users.id,
  kind: users.kind,
  fullName: users.fullName,
  personalId: users.personalId,
  taxCode: users.taxCode,
  organizationName: users.organizationName,
  phone: users.phone,
  email: users.email,
  address: users.address,
};
type Account = { [K in keyof typeof accountColumns]: (typeof users.$inferSelect)[K] };

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

export async function createDossierTx(
  tx: Tx,
  principal: Principal,
  input: CreateDossierInput,
  now: number,
  meta: { ip: string | null },
): Promise<{ id: string; code: string | null }> {
  const today = vnToday(now);
  // The version in force with its implementing agencies (ordered by code), in one round trip.
  const [found] = await runPrepared(
    'create-dossier.version',
    tx
      .select({
        procedureId: procedures.id,
        versionId: procedureVersions.id,
        content: procedureVersions.content,
        implementing: sql<AgencyInfo[]>`(
          select coalesce(json_agg(json_build_object('id', ${agencies.id}, 'code', ${agencies.code},
                   'name', ${agencies.name}, 'path', ${agencies.path}, 'officeHours', ${agencies.officeHours})
                   order by ${agencies.code}), '[]'::json)
            from ${procedureVersionAgencies}
            join ${agencies} on ${agencies.id} = ${procedureVersionAgencies.agencyId}
           where ${procedureVersionAgencies.versionId} = ${procedureVersions.id})`,
      })
      .from(procedures)
      .innerJoin(procedureVersions, and(eq(procedureVersions.procedureId, procedures.id), inForceOn(today)))
      .where(eq(procedures.code, input.procedure))
      .limit(1),
  );
  if (!found) throw new AppError('PROCEDURE_NOT_FOUND', { field: 'procedure' });
  const { content, implementing } = found;

  const caseIndex = input.caseIndex ?? null;
  if (caseIndex !== null && content.cases[caseIndex] === undefined)
    throw new AppError('INVALID_CASE', { field: 'caseIndex' });
  if (content.cases.length > 0 && caseIndex === null)
    throw new AppError('INVALID_CASE', {
      field: 'caseIndex',
      vi: 'Vui lòng chọn trường hợp giải quyết của thủ tục.',
      en: 'Choose one of the procedure’s cases.',
    });
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
  let intakeAgencyId: number | null = null;
  let account: Account | undefined;
  if (input.channel === 'online') {
    if (principal.kind === 'staff') throw new AppError('CHANNEL_NOT_OFFERED', { field: 'channel' });
    actor = { id: principal.userId, role: 'applicant', agencyCode: null };
    [account] = await runPrepared(
      'create-dossier.account',
      tx.select(accountColumns).from(users).where(eq(users.id, principal.userId)).limit(1),
    );
  } else {
    const desks = principal.grants.filter((g) => g.role === 'receiving_officer' && g.agencyId !== null);
    if (desks.length === 0) throw new AppError('NOT_AT_DESK', { field: 'channel' });
    let deskId: number;
    if (input.intakeAgency !== undefined) {
      const desk = (await agenciesByCodes(tx, [input.intakeAgency])).get(input.intakeAgency);
      if (!desk || !desks.some((g) => g.agencyId === desk.id))
        throw new AppError('NOT_AT_DESK', { field: 'intakeAgency' });
      deskId = desk.id;
    } else if (desks.some((g) => g.agencyId === agency.id)) deskId = agency.id;
    else if (desks.length === 1) deskId = desks[0]!.agencyId!;
    else throw new AppError('REQUIRED_FIELD', { field: 'intakeAgency' });
    intakeAgencyId = deskId === agency.id ? null : deskId;
    const deskCode =
      deskId === agency.id ? agency.code : (await agenciesByIds(tx, [deskId])).get(deskId)!.code;
    actor = { id: principal.userId, role: 'receiving_officer', agencyCode: deskCode };
    if (input.channel === 'postal' && !input.waybill?.trim())
      throw new AppError('WAYBILL_REQUIRED', { field: 'waybill' });
    // A dossier brought in by a citizen who has an account shows in their "my dossiers".
    const personalId = input.applicant?.personalId;
    if (personalId)
      [account] = await runPrepared(
        'create-dossier.applicant-account',
        tx.select(accountColumns).from(users).where(eq(users.personalId, personalId)).limit(1),
      );
  }
  if (input.channel !== 'online' && !input.applicant?.name)
    throw new AppError('REQUIRED_FIELD', { field: 'applicant/name' });
  const applicant = applicantFrom(input.applicant, input.channel === 'online' ? account : undefined);
  const calendar = await calendarFor(tx, agency.officeHours);

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
  const submitNow = input.channel === 'online' && input.submit !== false;
  if (submitNow) {
    const submitted = step(state, 'submit', {}, actor, now, calendar);
    events.push(submitted.event);
    state = submitted.state;
  }
  // Online dossiers get their code when submitted; desk dossiers when they are entered in the register.
  const numbered = input.channel !== 'online' || submitNow ? nextDossierCodeCte(tx, agency, now) : null;

  // One statement writes the dossier, its components, its events and the audit row (and takes the code):
  // the agency's counter row stays locked until the commit that follows, not across several round trips.
  const inserted = tx.$with('inserted').as(
    tx
      .insert(dossiers)
      .values({
        code: numbered ? numbered.code : null,
        channel: input.channel,
        agencyId: agency.id,
        intakeAgencyId,
        procedureId: found.procedureId,
        procedureVersionId: found.versionId,
        caseIndex,
        applicantUserId: state.applicantId,
        applicant,
        applicantSearch: foldForSearch(applicant.name),
        waybill: input.channel === 'postal' ? input.waybill!.trim() : null,
        createdBy: principal.userId,
        createdAt: new Date(now),
        ...stateColumns(state),
        updatedAt: new Date(now),
      })
      .returning({ id: dossiers.id, code: dossiers.code }),
  );
  const dossierId = sql<string>`(select id from ${inserted})`;
  const components = componentsFor(content, caseIndex);
  const writes = [
    ...(numbered ? [numbered.counter] : []),
    inserted,
    ...(components.length > 0
      ? [
          tx.$with('components').as(
            tx.insert(dossierComponents).values(
              components.map((c, idx) => ({
                dossierId,
                idx,
                name: c.name,
                required: c.required,
                originals: c.originals,
                copies: c.copies,
                fromNationalDb: c.fromNationalDb,
              })),
            ),
          ),
        ]
      : []),
    tx
      .$with('events')
      .as(
        tx
          .insert(dossierEvents)
          .values(events.map((e) => eventRow(dossierId, e, intakeAgencyId ?? agency.id))),
      ),
    // The audit row, as recordAudit writes it, with the code taken above.
    tx.$with('audit').as(
      tx.insert(auditLog).values({
        actorId: principal.userId,
        action: 'dossier.create',
        entity: 'dossier',
        entityId: sql`(select id::text from ${inserted})`,
        agencyId: agency.id,
        data: sql`jsonb_build_object('code', (select code from ${inserted}), 'channel', ${input.channel}::text,
                  'procedure', ${input.procedure}::text, 'status', ${state.status}::text)`,
        ip: meta.ip,
      }),
    ),
  ];
  const [row] = await runPrepared(
    'create-dossier.writes',
    tx
      .with(...writes)
      .select({ id: inserted.id, code: inserted.code })
      .from(inserted),
  );
  const { id, code } = row!;
  return { id, code };
}

export async function createDossier(
  db: Db,
  principal: Principal,
  input: CreateDossierInput,
  now: number,
  meta: { ip: string | null },
): Promise<{ id: string; code: string | null }> {
  return db.transaction((tx) => createDossierTx(tx, principal, input, now, meta));
}
