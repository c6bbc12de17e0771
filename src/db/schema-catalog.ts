// Tables of the procedure catalog (procedures, versions, case variants, components, internal processes).
import { sql } from 'drizzle-orm';
import {
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  durationUnits,
  onlineLevels,
  procedureLevels,
  type ProcedureContent,
  type ProcessStep,
} from '../domain/catalog/model.ts';
import { agencies } from './schema.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const procedureLevel = pgEnum('procedure_level', procedureLevels);
export const onlineLevel = pgEnum('online_level', onlineLevels);
export const durationUnit = pgEnum('duration_unit', durationUnits);
export const versionStatus = pgEnum('procedure_version_status', ['draft', 'published']);

/** Fields (lĩnh vực) procedures are filed under; reference data, seeded by a migration. */
export const procedureFields = pgTable(
  'procedure_fields',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('procedure_fields_code_key').on(t.code)],
);

/** A procedure's identity; what it says lives in its versions. `version` counts every change (optimistic lock). */
export const procedures = pgTable(
  'procedures',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('procedures_code_key').on(t.code)],
);

/**
 * One version of a procedure: a draft (at most one per procedure, editable) or a published version
 * (immutable — a trigger refuses any change but `effective_to`, which the next publication sets).
 * The whole content is one JSONB document; the columns beside it are copies for filtering and search.
 */
export const procedureVersions = pgTable(
  'procedure_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    procedureId: integer('procedure_id')
      .notNull()
      .references(() => procedures.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    status: versionStatus('status').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }),
    /** The effective date of the next published version; null while none follows. */
    effectiveTo: date('effective_to', { mode: 'string' }),
    name: text('name').notNull(),
    fieldId: integer('field_id')
      .notNull()
      .references(() => procedureFields.id),
    level: procedureLevel('level').notNull(),
    onlineLevel: onlineLevel('online_level').notNull(),
    deadlineAmount: doublePrecision('deadline_amount').notNull(),
    deadlineUnit: durationUnit('deadline_unit').notNull(),
    /** foldForSearch(code + name), maintained by the application (see domain/catalog/search-text.ts). */
    searchText: text('search_text').notNull(),
    content: jsonb('content').$type<ProcedureContent>().notNull(),
    /** SHA-256 of the canonical content: re-importing an unchanged procedure is recognised. */
    contentHash: text('content_hash').notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('procedure_versions_seq_key').on(t.procedureId, t.seq),
    uniqueIndex('procedure_versions_one_draft_key')
      .on(t.procedureId)
      .where(sql`${t.status} = 'draft'`),
    uniqueIndex('procedure_versions_effective_key')
      .on(t.procedureId, t.effectiveFrom)
      .where(sql`${t.status} = 'published'`),
    index('procedure_versions_search_idx')
      .using('gist', sql`${t.searchText} gist_trgm_ops`)
      .where(sql`${t.status} = 'published'`),
    index('procedure_versions_name_idx')
      .on(t.name)
      .where(sql`${t.status} = 'published'`),
    index('procedure_versions_effective_idx')
      .on(t.effectiveFrom, t.effectiveTo)
      .where(sql`${t.status} = 'published'`),
    index('procedure_versions_field_idx').on(t.fieldId),
  ],
);

/** Implementing agencies of a version (copied from its content for filters and the access policy). */
export const procedureVersionAgencies = pgTable(
  'procedure_version_agencies',
  {
    versionId: integer('version_id')
      .notNull()
      .references(() => procedureVersions.id, { onDelete: 'cascade' }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.agencyId] }),
    index('procedure_version_agencies_agency_idx').on(t.agencyId),
  ],
);

/** Internal process (quy trình nội bộ) of one agency for one procedure. */
export const procedureProcesses = pgTable(
  'procedure_processes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    procedureId: integer('procedure_id')
      .notNull()
      .references(() => procedures.id, { onDelete: 'cascade' }),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id),
    steps: jsonb('steps').$type<ProcessStep[]>().notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('procedure_processes_key').on(t.procedureId, t.agencyId)],
);

/**
 * Form templates (mẫu đơn, tờ khai), content-addressed and immutable: versions share a file instead of
 * copying it. Kept in the database so an import is all-or-nothing with its files and one backup holds all.
 */
export const formTemplates = pgTable(
  'form_templates',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('form_templates_sha256_name_key').on(t.sha256, t.fileName)],
);
