/**
 * The staff inbox and the applicant's "my dossiers": filtered, scoped to what the caller may see, sorted by
 * due time (or receipt / creation time) with the id as tie-breaker so pages are stable.
 */
import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agencies, dossiers, procedures, procedureVersions } from '../../db/schema.ts';
import { can, scopeFor, type Principal } from '../../domain/access/policy.ts';
import { foldForSearch } from '../../domain/catalog/search-text.ts';
import {
  dossierStanding,
  isTerminalStatus,
  nationalStatusCodes,
  statusDefinitions,
  type Channel,
  type DossierStatus,
} from '../../domain/dossier/index.ts';
import { escapeLike } from '../../db/like.ts';
import { stageSql, stageStatuses, type DossierStage } from '../../domain/dossier/stage.ts';

// Evaluated on the rows the inbox index finds for the stage's statuses: no column to keep, no table rewrite.
const stageColumn = sql<DossierStage>`(${sql.raw(stageSql())})`;
import type { WorkCalendar } from '../../domain/calendar/index.ts';
import { AppError } from '../../domain/errors.ts';
import type { DossierListItem } from '../../contracts/dossiers.ts';
import { calendarFor } from '../calendar/calendar-store.ts';

/** A personal ID number (số định danh cá nhân) typed whole into the search. */
const personalIdPattern = /^\d{12}$/;

export interface ListDossiersInput {
  agency?: string | undefined;
  status?: DossierStatus[] | undefined;
  /** Whose turn it is: the inbox tab of a role (`domain/dossier/stage.ts`). */
  stage?: DossierStage[] | undefined;
  procedure?: string | undefined;
  channel?: Channel | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  dueBefore?: string | undefined;
  overdue?: boolean | undefined;
  assignedToMe?: boolean | undefined;
  /** Only dossiers the caller filed (citizens always see only theirs). */
  mine?: boolean | undefined;
  /**
   * A dossier code (or its start), the applicant's name (without diacritics if you like) or the applicant's
   * personal ID number (all 12 digits).
   */
  q?: string | undefined;
  sort?: 'due' | 'received' | 'created' | undefined;
  page: number;
  pageSize: number;
}

export type { DossierListItem } from '../../contracts/dossiers.ts';

/** Totals are counted up to this many rows: an exact count over millions of rows is not worth its cost. */
const COUNT_CAP = 10_000;
/**
 * What the caller may list, as alternatives (any one suffices); undefined: everything. A supervisor's
 * subtree is kept as its path: its page is read agency by agency (see `armPage`).
 */
type ScopePart = { where: SQL; subtreePath?: string };
function scopeParts(principal: Principal): ScopePart[] | undefined {
  if (principal.kind !== 'staff') return [{ where: eq(dossiers.applicantUserId, principal.userId) }];
  const scope = scopeFor(principal, 'dossier.list');
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'none') return [{ where: sql`false` }];
  const { agencyIds: ids, subtreePaths: paths } = scope;
  const parts: ScopePart[] = [];
  if (ids.length > 0)
    parts.push(
      { where: inArray(dossiers.agencyId, [...ids]) },
      { where: inArray(dossiers.intakeAgencyId, [...ids]) },
    );
  for (const p of paths)
    parts.push({
      where: sql`${dossiers.agencyId} in (select id from ${agencies} where ${agencies.path} like ${escapeLike(p) + '%'})`,
      subtreePath: p,
    });
  return parts;
}

function instant(value: string, field: string): Date {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new AppError('VALIDATION_FAILED', { field });
  return new Date(ms);
}

/** The inbox order over the columns of a subtree's page (`armPage`), which has no table name to qualify them. */
function pageOrder(sort: ListDossiersInput['sort']): string {
  return sort === 'received'
    ? 'page.received_at desc, page.id desc'
    : sort === 'created'
      ? 'page.created_at desc, page.id desc'
      : 'page.due_at asc nulls last, page.id asc';
}

const openStatuses = (Object.keys(statusDefinitions) as DossierStatus[]).filter(
  (s) => !isTerminalStatus(s) && s !== 'resolved',
);

export async function listDossiers(
  db: Db,
  principal: Principal,
  input: ListDossiersInput,
  now: number,
): Promise<{
  items: DossierListItem[];
  total: number;
  totalIsCapped: boolean;
  page: number;
  pageSize: number;
}> {
  // The scope's alternatives (the caller's agencies as resolving agency, as intake desk, …), kept apart from
  // the other filters: see `arms` below.
  let scope = scopeParts(principal);
  const where: (SQL | undefined)[] = [];
  if (input.mine) where.push(eq(dossiers.applicantUserId, principal.userId));
  if (input.agency !== undefined) {
    const [agency] = await db
      .select({ id: agencies.id, path: agencies.path })
      .from(agencies)
      .where(eq(agencies.code, input.agency));
    if (!agency) throw new AppError('AGENCY_NOT_FOUND', { field: 'agency' });
    // Where the caller sees every dossier of that agency, the scope adds nothing, and PostgreSQL cannot
    // drop "(agency = X or desk = X) and agency = X" itself: counting the inbox then ORed two bitmaps over
    // the agency's whole history instead of reading one index range (40 ms → 11 ms at 2 M dossiers). A
    // free-text search over every status keeps it: without the OR the planner chose a parallel scan of the
    // whole table (2.2 s instead of 0.5 s); that search needs an index of its own.
    const freeTextOverAll = Boolean(input.q?.trim()) && !(input.status && input.status.length > 0);
    if (can(principal, 'dossier.list', agency) && !freeTextOverAll) scope = undefined;
    where.push(eq(dossiers.agencyId, agency.id));
  }
  if (input.status && input.status.length > 0) where.push(inArray(dossiers.status, input.status));
  if (input.stage && input.stage.length > 0) {
    where.push(inArray(stageColumn, input.stage));
    // The statuses those stages imply, so that the inbox index (agency, status, due) serves the tab.
    if (!input.status?.length)
      where.push(inArray(dossiers.status, [...new Set(input.stage.flatMap((st) => stageStatuses[st]))]));
  }
  if (input.procedure !== undefined) {
    const [procedure] = await db
      .select({ id: procedures.id })
      .from(procedures)
      .where(eq(procedures.code, input.procedure));
    if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND', { field: 'procedure' });
    where.push(eq(dossiers.procedureId, procedure.id));
  }
  if (input.channel !== undefined) where.push(eq(dossiers.channel, input.channel));
  if (input.receivedFrom !== undefined)
    where.push(gte(dossiers.receivedAt, instant(input.receivedFrom, 'receivedFrom')));
  if (input.receivedTo !== undefined)
    where.push(lt(dossiers.receivedAt, instant(input.receivedTo, 'receivedTo')));
  if (input.dueBefore !== undefined) where.push(lte(dossiers.dueAt, instant(input.dueBefore, 'dueBefore')));
  if (input.overdue) {
    where.push(lt(dossiers.dueAt, new Date(now)), inArray(dossiers.status, openStatuses));
  }
  if (input.assignedToMe) where.push(eq(dossiers.assigneeId, principal.userId));
  const q = input.q?.trim();
  if (q && personalIdPattern.test(q)) {
    // A personal ID number (số định danh cá nhân, 12 digits): that person's dossiers, by the expression of
    // dossiers_applicant_personal_id_idx, an index range of the few dossiers of one person however large the
    // table. No code starts with 12 digits (codes carry the agency identifier's dots) and no name holds
    // digits, so the code and name tests, which that index cannot serve, are left out.
    where.push(sql`(${dossiers.applicant} ->> 'personalId') = ${q}`);
  } else if (q) {
    const upper = q.toUpperCase();
    const name = '%' + escapeLike(foldForSearch(q)) + '%';
    const narrowed = Boolean(input.status?.length || input.stage?.length);
    where.push(
      or(
        sql`${dossiers.code} like ${escapeLike(upper) + '%'}`,
        // Within a status or a tab the inbox index already bounds the dossiers to read, and the name index
        // would not: for a common name ("Nguyễn Văn") it collects every match in the province first (110 ms
        // instead of 25 ms at 2 M dossiers). `|| ''` keeps the same test and hides it from the name index.
        narrowed
          ? sql`(${dossiers.applicantSearch} || '') like ${name}`
          : sql`${dossiers.applicantSearch} like ${name}`,
      ),
    );
  }
  const filters = and(...where);
  const condition = and(scope && or(...scope.map((p) => p.where)), filters);
  const order =
    input.sort === 'received'
      ? [desc(dossiers.receivedAt), desc(dossiers.id)]
      : input.sort === 'created'
        ? [desc(dossiers.createdAt), desc(dossiers.id)]
        : [sql`${dossiers.dueAt} asc nulls last`, asc(dossiers.id)];
  const offset = (input.page - 1) * input.pageSize;
  // PostgreSQL reads "(agency = X or desk = X) and …, by due time" as two bitmaps over every matching dossier
  // and then sorts them all: an inbox tab over the OR of the caller's scope read every dossier of the tab
  // to show 20. Each alternative alone is one ordered index range that stops after the page; so the page is
  // the best of each alternative's pages (each excluding the ones before it, so none counts twice).
  const arms =
    scope && (scope.length > 1 || scope.some((p) => p.subtreePath !== undefined))
      ? // "is not true": the intake desk is null for online dossiers, and "not (null in (…))" is not true.
        scope.map((part, i) => ({
          ...part,
          where: and(part.where, ...scope.slice(0, i).map((p) => sql`(${p.where}) is not true`), filters)!,
        }))
      : undefined;
  const orderBy = sql.join(order, sql`, `);
  const limit = offset + input.pageSize;
  // A subtree (a province's supervisor: every agency) is one alternative, but "agency in (the subtree), by due
  // time" is no index range: PostgreSQL read and sorted all 400,000 dossiers of the bench province for a page
  // (1.6 s). Each agency's own dossiers are a range of the (agency, due) indexes, so the subtree's page is the
  // best of its agencies' pages: a few rows from each of a province's few hundred agencies.
  const armPage = (arm: ScopePart) =>
    arm.subtreePath === undefined
      ? sql`(select ${dossiers.id} from ${dossiers} where ${arm.where} order by ${orderBy} limit ${limit})`
      : sql`(select page.id from ${agencies} scope_agency cross join lateral (
            select ${dossiers.id}, ${dossiers.dueAt}, ${dossiers.receivedAt}, ${dossiers.createdAt} from ${dossiers}
             where ${dossiers.agencyId} = scope_agency.id and ${arm.where} order by ${orderBy} limit ${limit}) page
           where scope_agency.path like ${escapeLike(arm.subtreePath) + '%'}
           order by ${sql.raw(pageOrder(input.sort))} limit ${limit})`;
  const pageIds = arms
    ? sql`${dossiers.id} in (${sql.join(arms.map(armPage), sql` union all `)})`
    : undefined;
  const rows = await db
    .select({
      id: dossiers.id,
      code: dossiers.code,
      status: dossiers.status,
      channel: dossiers.channel,
      state: dossiers.state,
      version: dossiers.version,
      applicant: dossiers.applicant,
      assigneeId: dossiers.assigneeId,
      procedureCode: procedures.code,
      procedureName: procedureVersions.name,
      agencyCode: agencies.code,
      agencyName: agencies.name,
      officeHours: agencies.officeHours,
    })
    .from(dossiers)
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .where(pageIds ?? condition)
    .orderBy(...order)
    .limit(input.pageSize)
    .offset(offset);
  // Counted up to the cap in each alternative: their sum is exact below the cap and above it otherwise.
  const counted = (arms?.map((a) => a.where) ?? [condition ?? sql`true`]).map(
    (arm) => sql`(select 1 from ${dossiers} where ${arm} limit ${COUNT_CAP + 1})`,
  );
  const [{ total }] = (
    await db.execute<{ total: number }>(
      sql`select count(*)::int as total from (${sql.join(counted, sql` union all `)}) capped`,
    )
  ).rows as [{ total: number }];
  const items: DossierListItem[] = [];
  const calendars = new Map<string, WorkCalendar>();
  for (const r of rows) {
    const key = JSON.stringify(r.officeHours ?? null);
    let calendar = calendars.get(key);
    if (!calendar) calendars.set(key, (calendar = await calendarFor(db, r.officeHours)));
    const standing = dossierStanding(r.state, now, calendar);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    items.push({
      id: r.id,
      code: r.code,
      status: r.status,
      statusName: { vi: statusDefinitions[r.status].vi, en: statusDefinitions[r.status].en },
      nationalStatusCode: nationalStatusCodes[r.status],
      channel: r.channel,
      procedure: { code: r.procedureCode, name: r.procedureName },
      agency: { code: r.agencyCode, name: r.agencyName },
      applicantName: r.applicant.name,
      submittedAt: iso(r.state.submittedAt),
      receivedAt: iso(r.state.receivedAt),
      dueAt: iso(r.state.dueAt),
      resolvedAt: iso(r.state.resolvedAt),
      assigneeId: r.assigneeId,
      standing,
      nearDue:
        standing.kind === 'open' &&
        standing.standing === 'within_deadline' &&
        standing.remainingWorkingMinutes <= 8 * 60,
      version: r.version,
    });
  }
  return {
    items,
    total: Math.min(total, COUNT_CAP),
    totalIsCapped: total > COUNT_CAP,
    page: input.page,
    pageSize: input.pageSize,
  };
}
