import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencyLevels, staffRoles, userKinds } from '../domain/access/roles.ts';

interface Period {
  from: string;
  to: string;
}
/** Same shape as the calendar's OfficeHours: plain data the domain module receives. */
export interface StoredOfficeHours {
  periods: Period[];
  seasons?: { from: string; to: string; periods: Period[] }[];
}

export const agencyLevel = pgEnum('agency_level', agencyLevels);
export const staffRole = pgEnum('staff_role', staffRoles);
export const userKind = pgEnum('user_kind', userKinds);

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** Any depth: province → departments / service centre → communes, and the older district level. */
export const agencies = pgTable(
  'agencies',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    level: agencyLevel('level').notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => agencies.id),
    /** '/1/4/9/': ids from the root down to this agency; subtree = path prefix. */
    path: text('path').notNull(),
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    /** null means the default office hours (07:00–11:30, 13:30–17:00). */
    officeHours: jsonb('office_hours').$type<StoredOfficeHours>(),
    isOneStopDesk: boolean('is_one_stop_desk').notNull().default(false),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('agencies_code_key').on(t.code),
    index('agencies_parent_idx').on(t.parentId),
    index('agencies_path_idx').on(sql`${t.path} text_pattern_ops`),
  ],
);

export const units = pgTable(
  'units',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    agencyId: integer('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    code: text('code'),
    name: text('name').notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('units_agency_name_key').on(t.agencyId, t.name)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: userKind('kind').notNull(),
    /** Lower-cased login name: staff choose one; citizens use their personal ID, businesses their tax code. */
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    personalId: text('personal_id'),
    taxCode: text('tax_code'),
    organizationName: text('organization_name'),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    /** argon2id; null for accounts that only log in through an external identity provider. */
    passwordHash: text('password_hash'),
    disabled: boolean('disabled').notNull().default(false),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_username_key').on(t.username),
    uniqueIndex('users_personal_id_key').on(t.personalId),
    uniqueIndex('users_tax_code_key').on(t.taxCode),
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
  ],
);

/** The seam for VNeID / OIDC: an external subject mapped to a local user. */
export const userIdentities = pgTable(
  'user_identities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('user_identities_provider_subject_key').on(t.provider, t.subject)],
);

export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: staffRole('role').notNull(),
    agencyId: integer('agency_id').references(() => agencies.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('role_assignments_key').on(t.userId, t.role, sql`coalesce(${t.agencyId}, 0)`),
    index('role_assignments_agency_idx').on(t.agencyId),
    check('role_assignments_agency_check', sql`(${t.role} = 'system_admin') = (${t.agencyId} is null)`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a database leak does not yield usable sessions. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Password-reset links sent by email: the SHA-256 of the token only (a database leak yields no usable link),
 * single use, short-lived. A new link replaces the user's unused ones.
 */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('password_reset_tokens_user_idx').on(t.userId)],
);

/** Failed logins per login name, whether or not the account exists, so lockout reveals nothing. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Append-only record of every change, written in the same transaction as the change. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    agencyId: integer('agency_id'),
    data: jsonb('data'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_agency_idx').on(t.agencyId, t.at),
  ],
);

/**
 * Yearly official notices (exact Tết days, the day beside 2/9, swapped days) entered by system
 * administrators. A row replaces the built-in notice of its year; years without a row use the built-in one.
 */
export const calendarNotices = pgTable('calendar_notices', {
  year: integer('year').primaryKey(),
  notice: jsonb('notice').$type<StoredNotice>().notNull(),
  version: integer('version').notNull().default(1),
  updatedBy: uuid('updated_by'),
  ...timestamps,
});

/** Same shape as the calendar's OfficialNotice without its year. */
export interface StoredNotice {
  tetDaysOff?: string[];
  nationalDayDaysOff?: string[];
  daysOff: { date: string; reason?: string }[];
  makeUpWorkingDays: string[];
  source?: string;
  notes?: string;
}

export * from './schema-catalog.ts';
export * from './schema-dossiers.ts';
export * from './schema-stats.ts';
