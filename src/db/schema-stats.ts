// Statistics: imported history and the daily aggregates the period report reads. The aggregates are kept
// by triggers on `dossiers` and `dossier_history` in the same transaction as the change (migration 0009),
// so a report never lags behind the dossiers and its cost does not grow with the years of history.
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencies } from './schema.ts';
import { procedures } from './schema-catalog.ts';
import { dossierChannel } from './schema-dossiers.ts';

export const historyOutcomes = ['resolved', 'refused', 'withdrawn', 'stopped', 'open'] as const;
export const historyOutcome = pgEnum('history_outcome', historyOutcomes);

/** Dossiers handled before this system, imported from the system it replaces (one row per dossier). */
export const dossierHistory = pgTable(
  'dossier_history',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    procedureId: integer('procedure_id')
      .notNull()
      .references(() => procedures.id),
    channel: dossierChannel('channel').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    outcome: historyOutcome('outcome').notNull(),
    supplementRequests: smallint('supplement_requests').notNull().default(0),
    paidOnline: boolean('paid_online').notNull().default(false),
    applicantName: text('applicant_name'),
    importId: uuid('import_id').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dossier_history_code_key').on(t.code),
    // Migration 0011 adds INCLUDE (received_at, finished_at, due_at, procedure_id, paid_online) by hand
    // (drizzle cannot express it): the reports' probes then read no heap page, however scattered old history
    // lies in the table.
    index('dossier_history_open_cover_idx')
      .using('gist', t.agencyId, sql`tstzrange(${t.receivedAt}, coalesce(${t.finishedAt}, 'infinity'))`)
      .where(sql`${t.outcome} <> 'refused'`),
  ],
);

/**
 * Counts per agency, procedure, Vietnam day and channel: dossiers received that day and dossiers finished
 * that day by how they finished. Refused dossiers were never received; withdrawn and stopped count only
 * dossiers that had been received.
 */
const counts = {
  received: integer('received').notNull().default(0),
  resolvedEarly: integer('resolved_early').notNull().default(0),
  resolvedOnTime: integer('resolved_on_time').notNull().default(0),
  resolvedLate: integer('resolved_late').notNull().default(0),
  refused: integer('refused').notNull().default(0),
  withdrawn: integer('withdrawn').notNull().default(0),
  stopped: integer('stopped').notNull().default(0),
};

export const statsDaily = pgTable(
  'stats_daily',
  {
    agencyId: integer('agency_id').notNull(),
    procedureId: integer('procedure_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    channel: dossierChannel('channel').notNull(),
    ...counts,
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.procedureId, t.day, t.channel] }),
    index('stats_daily_day_idx').on(t.day, t.agencyId),
  ],
);

/** The same counts without the procedure: a province-wide half-year reads a few thousand rows. */
export const statsAgencyDaily = pgTable(
  'stats_agency_daily',
  {
    agencyId: integer('agency_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    channel: dossierChannel('channel').notNull(),
    ...counts,
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.day, t.channel] })],
);
