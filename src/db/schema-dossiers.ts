// Tables of the dossier life cycle (hồ sơ): dossiers, their append-only events, components, files,
// per-agency daily code counters, idempotency keys, ratings and in-app notifications.
import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  channels,
  dossierStatuses,
  isTerminalStatus,
  quickRatings,
  type DossierState,
} from '../domain/dossier/model.ts';
import type { ProcessStep } from '../domain/catalog/model.ts';
import { stageSql, stageStatuses } from '../domain/dossier/stage.ts';
import { agencies, users } from './schema.ts';
import { procedures, procedureVersions } from './schema-catalog.ts';

const stageExpression = sql`(${sql.raw(stageSql('dossiers'))})`;
/** The statuses of dossiers at some stage (every status but the three that finish a dossier). */
const stagedStatuses = [...new Set(Object.values(stageStatuses).flat())]
  .sort()
  .map((s) => `'${s}'`)
  .join(', ');

/** Open: not finished and not resolved (the overdue filter, list-dossiers.ts). */
const openStatusList = dossierStatuses
  .filter((s) => !isTerminalStatus(s) && s !== 'resolved')
  .map((s) => `'${s}'`)
  .join(', ');

export const dossierStatus = pgEnum('dossier_status', dossierStatuses);
export const dossierChannel = pgEnum('dossier_channel', channels);
export const quickRating = pgEnum('quick_rating', quickRatings);

/**
 * One of the dossier's components (thành phần hồ sơ), copied from the procedure version at intake; its
 * index in the dossier's list is the one files and the desk check refer to.
 */
export interface StoredComponent {
  name: string;
  required: boolean;
  originals: number;
  copies: number;
  fromNationalDb: boolean;
  /** Checked by the desk: the paper (or the file) was there at intake. */
  provided: boolean;
}

/** Who the applicant is, as typed at intake (kept with the dossier: the account may change later). */
export interface StoredApplicant {
  kind: 'citizen' | 'business';
  name: string;
  personalId: string | null;
  taxCode: string | null;
  organizationName: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  /** owner: the person concerned; filer: files for them; representative: authorised in writing. */
  capacity: 'owner' | 'filer' | 'representative';
  representative: { name: string; personalId: string | null; phone: string | null } | null;
  authorisation: { number: string; date: string | null; issuer: string | null } | null;
}

/**
 * SQL over a dossiers row: a jsonb array of the identifiers of the agencies asked for an opinion that have
 * not answered yet, and whether there is any. The partial index below and the list query use these texts
 * as they are, so PostgreSQL matches the query to the index.
 */
export const pendingOpinionAgencies = (t = '') =>
  `jsonb_path_query_array(${t}state, '$.cooperation[*] ? (@.answeredAt == null).agencyCode')`;
export const hasPendingOpinion = (t = '') =>
  `${t}status = 'processing' and ${t}state @? '$.cooperation[*] ? (@.answeredAt == null)'`;

/**
 * The dossier's current state. `state` is the fold of its events (domain `replay`); the columns beside
 * it are copies for lists, filters and the inbox index, written in the same statement as the event.
 */
export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `<agency identifier>-<YYMMDD>-<NNNN>`; null while an online dossier is a draft. */
    code: text('code'),
    status: dossierStatus('status').notNull(),
    channel: dossierChannel('channel').notNull(),
    /** The resolving agency (competence), whose identifier the code carries. */
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    /** Where the dossier was filed or brought (a one-stop desk); null for online dossiers. */
    intakeAgencyId: integer('intake_agency_id').references(() => agencies.id),
    procedureId: integer('procedure_id')
      .notNull()
      .references(() => procedures.id),
    procedureVersionId: integer('procedure_version_id')
      .notNull()
      .references(() => procedureVersions.id),
    /** Index of the procedure's case variant (trường hợp), null for the procedure's general case. */
    caseIndex: smallint('case_index'),
    applicantUserId: uuid('applicant_user_id').references(() => users.id),
    applicant: jsonb('applicant').$type<StoredApplicant>().notNull(),
    /** foldForSearch(applicant name): staff search the inbox by name without diacritics. */
    applicantSearch: text('applicant_search').notNull(),
    // Kept in the row, not in a table of their own: a dossier's few components are always read with it and
    // only the desk check changes them; a row each cost intake three inserts and three foreign-key checks.
    components: jsonb('components')
      .$type<StoredComponent[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Postal intake: the waybill number of the public postal service. */
    waybill: text('waybill'),
    /** The internal process at forwarding (steps may change later; the dossier keeps its own). */
    process: jsonb('process').$type<ProcessStep[]>(),
    state: jsonb('state').$type<DossierState>().notNull(),
    /** Number of events (optimistic lock: an action names the version it saw). */
    version: integer('version').notNull(),
    assigneeId: uuid('assignee_id').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // text_pattern_ops: the inbox search matches a code by its start (like 'X%'), which an index in the
    // database's collation cannot serve unless that collation is C; equality lookups use it all the same.
    // Without it a search by code (or a personal ID number) read the agency's whole history (2 s at 2 M).
    uniqueIndex('dossiers_code_key').on(t.code.op('text_pattern_ops')),
    // The staff inbox: one agency, one status, soonest due first; id breaks ties for stable pages.
    index('dossiers_inbox_idx').on(t.agencyId, t.status, t.dueAt, t.id),
    index('dossiers_intake_idx')
      .on(t.intakeAgencyId, t.status, t.dueAt, t.id)
      .where(sql`${t.intakeAgencyId} is not null`),
    index('dossiers_assignee_idx')
      .on(t.assigneeId, t.status, t.dueAt)
      .where(sql`${t.assigneeId} is not null`),
    // The inbox tabs (whose turn it is, domain/dossier/stage.ts), soonest due first. The stage is an expression
    // over the row, not a column to keep in step with the events; without this index every tab evaluated it
    // over the jsonb state of each of the agency's dossiers in those statuses (190 ms for 20,000 in processing).
    // Only dossiers at a stage (not finished), by resolving agency and by intake desk (the caller's scope).
    index('dossiers_stage_idx')
      .on(t.agencyId, stageExpression, t.dueAt, t.id)
      .where(sql`${t.status} in (${sql.raw(stagedStatuses)})`),
    index('dossiers_intake_stage_idx')
      .on(t.intakeAgencyId, stageExpression, t.dueAt, t.id)
      .where(sql`${t.intakeAgencyId} is not null and ${t.status} in (${sql.raw(stagedStatuses)})`),
    // The "all" tab: every dossier of the agency (or of its desk), soonest due first.
    index('dossiers_due_idx').on(t.agencyId, t.dueAt, t.id),
    index('dossiers_intake_due_idx')
      .on(t.intakeAgencyId, t.dueAt, t.id)
      .where(sql`${t.intakeAgencyId} is not null`),
    // Overdue: open dossiers (not finished, not resolved), soonest due first, by agency and by intake desk.
    index('dossiers_open_due_idx')
      .on(t.agencyId, t.dueAt, t.id)
      .where(sql`${t.status} in (${sql.raw(openStatusList)})`),
    index('dossiers_intake_open_due_idx')
      .on(t.intakeAgencyId, t.dueAt, t.id)
      .where(sql`${t.intakeAgencyId} is not null and ${t.status} in (${sql.raw(openStatusList)})`),
    // Assigned to me in any status, soonest due first. Migration 0015 adds INCLUDE (agency_id,
    // intake_agency_id), which drizzle cannot express, so that counting them is an index-only scan.
    index('dossiers_assignee_due_idx')
      .on(t.assigneeId, t.dueAt, t.id)
      .where(sql`${t.assigneeId} is not null`),
    // Searching the applicant's name anywhere in it (like '%…%'), diacritics folded.
    index('dossiers_applicant_search_idx').using('gin', sql`${t.applicantSearch} gin_trgm_ops`),
    index('dossiers_applicant_idx')
      .on(t.applicantUserId, t.createdAt)
      .where(sql`${t.applicantUserId} is not null`),
    index('dossiers_received_idx').on(t.agencyId, t.receivedAt),
    // The desk's lookup of a person's earlier dossiers by personal ID number (lookup-applicant.ts).
    index('dossiers_applicant_personal_id_idx')
      .on(sql`(${t.applicant} ->> 'personalId')`)
      .where(sql`(${t.applicant} ->> 'personalId') is not null`),
    // Requests for an opinion waiting at an agency (the "Xin ý kiến" tab, list-opinion-requests.ts): the
    // identifiers of the agencies whose answer is pending, only for dossiers with one pending, so the index
    // holds a few rows whatever the table's size and costs other dossiers' writes nothing.
    index('dossiers_opinion_pending_idx')
      .using('gin', sql`${sql.raw(pendingOpinionAgencies())}`)
      .where(sql`${sql.raw(hasPendingOpinion())}`),
    // Open at an instant T: received before T and not finished by T. A range index answers "open at T"
    // in time proportional to the dossiers open then, however many years of history lie behind.
    // Migration 0011 adds INCLUDE (received_at, resolved_at, closed_at, due_at, procedure_id), which drizzle
    // cannot express, so that the period report's probes are index-only scans.
    index('dossiers_open_cover_idx')
      .using(
        'gist',
        t.agencyId,
        sql`tstzrange(${t.receivedAt}, coalesce(${t.resolvedAt}, ${t.closedAt}, 'infinity'))`,
      )
      .where(sql`${t.receivedAt} is not null`),
  ],
);

/** Append-only history (a trigger refuses UPDATE and DELETE). One row per action. */
export const dossierEvents = pgTable(
  'dossier_events',
  {
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    action: text('action').notNull(),
    actorId: text('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    agencyId: integer('agency_id').references(() => agencies.id),
    fromStatus: dossierStatus('from_status').notNull(),
    toStatus: dossierStatus('to_status').notNull(),
    /** The domain event as decided (data, clock changes, due time): replaying these gives `dossiers.state`. */
    event: jsonb('event').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.seq] }), index('dossier_events_at_idx').on(t.at)],
);

/**
 * Files attached to a dossier. Content lives in the file storage under its SHA-256; a replaced file
 * keeps its row (replaced_at) so the history of what was handed in stays.
 */
export const dossierFiles = pgTable(
  'dossier_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    /**
     * component: index into the dossier's components; result: the issued result; supplement: a paper a
     * supplement request asked for that is not a component (its event `seq` and the item's index).
     */
    purpose: text('purpose').notNull(),
    componentIdx: smallint('component_idx'),
    requestSeq: integer('request_seq'),
    itemIdx: smallint('item_idx'),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    replacedAt: timestamp('replaced_at', { withTimezone: true }),
  },
  (t) => [index('dossier_files_dossier_idx').on(t.dossierId, t.componentIdx)],
);

/** Per agency and day the last number given: the row lock makes concurrent intakes take turns. */
export const dossierCodeCounters = pgTable(
  'dossier_code_counters',
  {
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    day: date('day', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.day] })],
);

/**
 * Per agency, year and form kind ('01' receipt, '02' supplement request) the last number given: the
 * agency's register of issued forms. The row lock makes concurrent first prints take turns.
 */
export const formNumberCounters = pgTable(
  'form_number_counters',
  {
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: smallint('year').notNull(),
    form: text('form').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year, t.form] })],
);

/**
 * The number a form got when it was first printed for the event it documents (the receipt for the
 * `receive` event, a supplement request for its `request_supplement` event): every reprint shows it again.
 */
export const formNumbers = pgTable(
  'form_numbers',
  {
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    form: text('form').notNull(),
    /** The dossier event (`seq`) the form documents. */
    eventSeq: integer('event_seq').notNull(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    year: smallint('year').notNull(),
    number: integer('number').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.dossierId, t.form, t.eventSeq] }),
    uniqueIndex('form_numbers_register_key').on(t.agencyId, t.year, t.form, t.number),
  ],
);

/** A retried request with the same key gets the first answer back and changes nothing. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** The applicant's rating (once per dossier), per agency and officer for the statistics and QĐ 766. */
export const dossierRatings = pgTable(
  'dossier_ratings',
  {
    dossierId: uuid('dossier_id')
      .primaryKey()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    officerId: uuid('officer_id'),
    quick: quickRating('quick').notNull(),
    criteria: jsonb('criteria').$type<Record<string, number>>().notNull(),
    score: smallint('score').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dossier_ratings_agency_idx').on(t.agencyId, t.createdAt)],
);

/** In-app notifications (near-due and overdue alerts, supplement requests, results). */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    dossierId: uuid('dossier_id').references(() => dossiers.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** Same kind for the same dossier and user is sent once per day at most. */
    dedupeKey: text('dedupe_key').notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_key').on(t.userId, t.dedupeKey),
    index('notifications_user_idx').on(t.userId, t.createdAt),
  ],
);
