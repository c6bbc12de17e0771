/**
 * The dossier as staff and its applicant see it: state, due times, current step of the internal process,
 * components and files, the whole history, and the actions the caller may take now.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dossierEvents, dossierFiles, procedures, procedureVersions, users } from '../../db/schema.ts';
import { canSeeApplicantAccount, type Principal } from '../../domain/access/policy.ts';
import type { ProcedureContent, ProcessStep } from '../../domain/catalog/model.ts';
import { computeDue, type WorkCalendar } from '../../domain/calendar/index.ts';
import {
  availableActions,
  dossierStanding,
  nationalChannelCodes,
  nationalStatusCodes,
  statusDefinitions,
  type DossierEvent,
  type DossierStatus,
} from '../../domain/dossier/index.ts';
import { calendarFor } from '../calendar/calendar-store.ts';
import {
  actorsOf,
  loadVisibleDossier,
  opinionOnlyView,
  type DossierRow,
  type LoadedDossier,
} from './dossier-access.ts';
import { currentProcessStep } from '../../domain/dossier/stage.ts';
import { supplementSlots } from '../../domain/dossier/supplement.ts';
import type { DossierView, FileView } from '../../contracts/dossiers.ts';

// The view's shape is the API contract; re-exported for the features and tests that name it here.
export type { DossierView, FileView } from '../../contracts/dossiers.ts';

/** An event's data as the history shows it (every action's data is an object). */
type EventData = Record<string, unknown> | null;

const awaitingSupplement: readonly DossierStatus[] = [
  'supplement_requested_at_intake',
  'supplement_requested',
];

function supplementDueAt(
  status: DossierStatus,
  events: readonly DossierEvent[],
  content: ProcedureContent,
  calendar: WorkCalendar,
): number | null {
  const limit = content.closeUnsuppliedAfter;
  if (!limit || !awaitingSupplement.includes(status)) return null;
  const request = events.findLast((e) => e.action === 'request_supplement');
  return request ? computeDue({ start: request.at, amount: limit.amount, unit: limit.unit }, calendar) : null;
}

const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

/** What a dossier's view is made of: read by `presentDossier`, or known already (a dossier just taken in). */
export interface DossierViewParts {
  loaded: LoadedDossier;
  version: { code: string; content: ProcedureContent; id: number };
  files: (typeof dossierFiles.$inferSelect)[];
  events: DossierEvent[];
  /** Full names of the people in the history and of the assignee, by user id. */
  names: Map<string, string>;
  calendar: WorkCalendar;
}

export async function presentDossier(
  // A pool, not a transaction: the reads below run concurrently.
  db: Db,
  principal: Principal | undefined,
  loaded: LoadedDossier,
  now: number,
): Promise<DossierView> {
  const { row, agency } = loaded;
  const s = row.state;
  const [[version], files, events] = await Promise.all([
    db
      .select({ code: procedures.code, content: procedureVersions.content, id: procedureVersions.id })
      .from(procedureVersions)
      .innerJoin(procedures, eq(procedures.id, procedureVersions.procedureId))
      .where(eq(procedureVersions.id, row.procedureVersionId)),
    db
      .select()
      .from(dossierFiles)
      .where(and(eq(dossierFiles.dossierId, row.id), isNull(dossierFiles.replacedAt)))
      .orderBy(asc(dossierFiles.uploadedAt)),
    db
      .select({ event: dossierEvents.event })
      .from(dossierEvents)
      .where(eq(dossierEvents.dossierId, row.id))
      .orderBy(asc(dossierEvents.seq)),
  ]);
  const people = new Set<string>();
  for (const e of events) {
    const event = e.event as DossierEvent;
    people.add(event.actor.id);
    const assigned = assigneeOf(event);
    if (assigned) people.add(assigned);
  }
  if (s.assigneeId) people.add(s.assigneeId);
  const uuids = [...people].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const names = new Map(
    uuids.length === 0
      ? []
      : (
          await db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, uuids))
        ).map((u) => [u.id, u.name]),
  );
  const calendar = await calendarFor(db, agency.officeHours);
  return dossierView(
    principal,
    {
      loaded,
      version: version!,
      files,
      events: events.map((e) => e.event as DossierEvent),
      names,
      calendar,
    },
    now,
  );
}

/** The user an `assign` event gave the dossier to. */
function assigneeOf(e: DossierEvent): string | null {
  if (e.action !== 'assign' || e.data === null || typeof e.data !== 'object') return null;
  const id = (e.data as { assigneeId?: unknown }).assigneeId;
  return typeof id === 'string' ? id : null;
}

/** Where the dossier is in its internal process (null before forwarding); `index` null once it is done. */
function stepView(process: ProcessStep[] | null, row: DossierRow): DossierView['currentStep'] {
  if (row.state.forwardedAt === null) return null;
  const index = process ? currentProcessStep(process, row) : null;
  return { index, step: index === null ? null : (process?.[index] ?? null), total: process?.length ?? 0 };
}

export function dossierView(
  principal: Principal | undefined,
  parts: DossierViewParts,
  now: number,
): DossierView {
  const { loaded, version, files, events, names, calendar } = parts;
  const { row, agency, intakeAgency } = loaded;
  const s = row.state;
  const only = opinionOnlyView(principal, loaded);
  const agencyNames: Record<string, string> = {};
  for (const a of [agency, intakeAgency, ...loaded.cooperating.values()]) if (a) agencyNames[a.code] = a.name;
  const fileView = (f: typeof dossierFiles.$inferSelect): FileView => ({
    id: f.id,
    fileName: f.fileName,
    mediaType: f.mediaType,
    size: f.size,
    sha256: f.sha256,
    uploadedAt: f.uploadedAt.toISOString(),
  });
  const byId = new Map(files.map((f) => [f.id, f]));
  // The files a request or an answer sent, as stored (a branch replayed from an older event has none).
  const filesOf = (sent: readonly { id: string }[] | undefined): FileView[] =>
    (sent ?? []).flatMap((f) => {
      const row = byId.get(f.id);
      return row ? [fileView(row)] : [];
    });
  const process = row.process ?? null;
  const content = version.content;
  const actions = [
    ...new Set(actorsOf(principal, loaded).flatMap((a) => availableActions(s, a, now, calendar))),
  ];
  // The applicant's account id is theirs to know only (it is also in the first event's data).
  const seesAccount = canSeeApplicantAccount(principal, row.applicantUserId);
  // Staff see whom a dossier was assigned to by account; anyone else (its applicant) by name only, as the
  // history already names every officer who acted: an account id says nothing more to them.
  const staffViewer = principal?.kind === 'staff';
  const eventData = (e: DossierEvent): EventData => {
    if (e.data === null || typeof e.data !== 'object') return null;
    let data = e.data as Record<string, unknown>;
    if (!seesAccount && 'applicantId' in data) data = { ...data, applicantId: null };
    if (!staffViewer && 'assigneeId' in data) data = { ...data, assigneeId: null };
    return data;
  };
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    status: row.status,
    statusName: { vi: statusDefinitions[row.status].vi, en: statusDefinitions[row.status].en },
    nationalStatusCode: nationalStatusCodes[row.status],
    channel: row.channel,
    nationalChannelCode: nationalChannelCodes[row.channel],
    procedure: {
      code: version.code,
      name: content.name,
      versionId: version.id,
      caseIndex: row.caseIndex,
      caseName: row.caseIndex === null ? null : (content.cases[row.caseIndex]?.name ?? null),
    },
    agency: { code: agency.code, name: agency.name },
    intakeAgency: intakeAgency ? { code: intakeAgency.code, name: intakeAgency.name } : null,
    applicant: row.applicant,
    applicantUserId: seesAccount ? row.applicantUserId : null,
    waybill: row.waybill,
    createdAt: row.createdAt.toISOString(),
    submittedAt: iso(s.submittedAt),
    receivedAt: iso(s.receivedAt),
    dueAt: iso(s.dueAt),
    originalDueAt: iso(s.originalDueAt),
    resolvedAt: iso(s.resolvedAt),
    returnedAt: iso(s.returnedAt),
    closedAt: iso(s.closedAt),
    standing: dossierStanding(s, now, calendar),
    assignee: s.assigneeId ? { id: s.assigneeId, name: names.get(s.assigneeId) ?? '' } : null,
    currentStep: stepView(process, row),
    cooperation: s.cooperation
      .filter((b) => only === null || only.has(b.agencyCode))
      .map((b) => ({
        agencyCode: b.agencyCode,
        agencyName: agencyNames[b.agencyCode] ?? b.agencyCode,
        sentAt: iso(b.sentAt)!,
        question: b.question ?? null,
        replyDueAt: iso(b.replyDueAt),
        requestFiles: filesOf(b.requestFiles),
        answeredAt: iso(b.answeredAt),
        result: b.result,
        note: b.note ?? null,
        replyFiles: filesOf(b.replyFiles),
      })),
    agencyNames,
    opinionOnly: only !== null,
    supplementRequests: s.supplementRequests,
    supplementDueAt: iso(supplementDueAt(row.status, events, content, calendar)),
    resultNumber: s.resultNumber,
    rating: only === null ? s.rating : null,
    components: row.components.map((c, idx) => ({
      idx,
      name: c.name,
      required: c.required,
      originals: c.originals,
      copies: c.copies,
      fromNationalDb: c.fromNationalDb,
      provided: c.provided,
      files: files.filter((f) => f.purpose === 'component' && f.componentIdx === idx).map(fileView),
    })),
    resultFiles: only === null ? files.filter((f) => f.purpose === 'result').map(fileView) : [],
    supplements:
      only === null
        ? events.flatMap((e) =>
            e.action === 'request_supplement'
              ? [
                  {
                    seq: e.seq,
                    at: iso(e.at)!,
                    reason: e.data.reason,
                    items: supplementSlots(row.components, e.data.items).map((slot) => ({
                      ...slot,
                      files: files
                        .filter((f) =>
                          slot.componentIdx === null
                            ? f.purpose === 'supplement' &&
                              f.requestSeq === e.seq &&
                              f.itemIdx === slot.itemIdx
                            : f.purpose === 'component' &&
                              f.componentIdx === slot.componentIdx &&
                              f.uploadedAt.getTime() >= e.at,
                        )
                        .map(fileView),
                    })),
                  },
                ]
              : [],
          )
        : [],
    history: events.flatMap((e) => {
      const data = only === null ? eventData(e) : opinionEventData(e, only);
      if (data === undefined) return [];
      return {
        seq: e.seq,
        at: iso(e.at)!,
        action: e.action,
        actor: {
          id: e.actor.id,
          name: names.get(e.actor.id) ?? null,
          role: e.actor.role,
          agencyCode: e.actor.agencyCode,
          agencyName: e.actor.agencyCode === null ? null : (agencyNames[e.actor.agencyCode] ?? null),
        },
        from: e.from,
        to: e.to,
        data,
        assignee: ((id) => (id ? { name: names.get(id) ?? '' } : null))(assigneeOf(e)),
        dueAt: iso(e.dueAt),
      };
    }),
    actions,
  };
}

/**
 * What an asked agency sees of an event: its own agency's requests and answers only (undefined: not
 * shown), a request cut down to that agency's part.
 */
function opinionEventData(e: DossierEvent, only: Set<string>): EventData | undefined {
  if (e.action === 'send_to_cooperating') {
    const agencies = e.data.agencies.filter((c) => only.has(c));
    if (agencies.length === 0) return undefined;
    const due = e.data.replyDueAt;
    return {
      ...e.data,
      agencies,
      ...(due ? { replyDueAt: Object.fromEntries(agencies.map((c) => [c, due[c]])) } : {}),
    };
  }
  if (e.action === 'cooperating_result') return only.has(e.data.agencyCode) ? e.data : undefined;
  return undefined;
}

export async function getDossier(
  db: Db,
  principal: Principal | undefined,
  ref: string,
  now: number,
): Promise<DossierView> {
  const loaded = await loadVisibleDossier(db, principal, ref);
  return presentDossier(db, principal, loaded, now);
}
