/**
 * The "Xin ý kiến" inbox tab: dossiers of other agencies waiting for the opinion of one of the caller's
 * agencies, where the caller may answer (handling officer or approver there, as `actorsOf` decides),
 * soonest reply due first. The filter is the partial GIN index `dossiers_opinion_pending_idx` (migration
 * 0015): its predicate and expression are used here as written there.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  agencies,
  dossiers,
  hasPendingOpinion,
  pendingOpinionAgencies,
  procedures,
  procedureVersions,
} from '../../db/schema.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { foldForSearch } from '../../domain/catalog/search-text.ts';
import { escapeLike } from '../../db/like.ts';
import type { WorkCalendar } from '../../domain/calendar/index.ts';
import { dossierStanding, statusDefinitions } from '../../domain/dossier/index.ts';
import { calendarFor } from '../calendar/calendar-store.ts';
import { answeringRoles } from './opinion-requests.ts';
import type { OpinionRequestItem } from '../../contracts/opinions.ts';

export type { OpinionRequestItem } from '../../contracts/opinions.ts';

const COUNT_CAP = 10_000;

export async function listOpinionRequests(
  db: Db,
  principal: Principal,
  input: { q?: string | undefined; page: number; pageSize: number },
  now: number,
): Promise<{
  items: OpinionRequestItem[];
  total: number;
  totalIsCapped: boolean;
  page: number;
  pageSize: number;
}> {
  const empty = { items: [], total: 0, totalIsCapped: false, page: input.page, pageSize: input.pageSize };
  if (principal.kind !== 'staff') return empty;
  const ids = [
    ...new Set(
      principal.grants
        .filter((g) => (answeringRoles as readonly string[]).includes(g.role) && g.agencyId !== null)
        .map((g) => g.agencyId!),
    ),
  ];
  if (ids.length === 0) return empty;
  const mine = await db
    .select({ code: agencies.code, name: agencies.name, officeHours: agencies.officeHours })
    .from(agencies)
    .where(inArray(agencies.id, ids));
  const codes = mine.map((a) => a.code);
  // One array parameter (agency identifiers are digits, dots and letters: nothing to escape).
  const codeArray = `{${codes.map((c) => `"${c}"`).join(',')}}`;
  const where = [
    sql.raw(hasPendingOpinion('dossiers.')),
    sql`${sql.raw(pendingOpinionAgencies('dossiers.'))} ?| ${codeArray}::text[]`,
    // Never the caller's own agency's dossiers (an agency does not ask itself; dossier-access agrees).
    sql`${dossiers.agencyId} <> all(${`{${ids.join(',')}}`}::int[])`,
  ];
  const q = input.q?.trim();
  if (q)
    where.push(
      sql`(${dossiers.code} like ${escapeLike(q.toUpperCase()) + '%'} or ${dossiers.applicantSearch} like ${'%' + escapeLike(foldForSearch(q)) + '%'})`,
    );
  const condition = and(...where)!;
  // The caller's pending branches of the row: the soonest reply due among them orders the list.
  const replyDue = sql<
    string | null
  >`(select min((b->>'replyDueAt')::bigint) from jsonb_array_elements(${dossiers.state}->'cooperation') b
    where b->'answeredAt' = 'null'::jsonb and b->>'agencyCode' = any(${codeArray}::text[]))`;
  const rows = await db
    .select({
      id: dossiers.id,
      code: dossiers.code,
      status: dossiers.status,
      state: dossiers.state,
      version: dossiers.version,
      applicant: dossiers.applicant,
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
    .where(condition)
    .orderBy(sql`${replyDue} asc nulls last`, dossiers.id)
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const [{ total }] = (
    await db.execute<{ total: number }>(
      sql`select count(*)::int as total from (select 1 from ${dossiers} where ${condition} limit ${COUNT_CAP + 1}) capped`,
    )
  ).rows as [{ total: number }];

  const calendars = new Map<string, WorkCalendar>();
  const calendarOf = async (officeHours: unknown) => {
    const key = JSON.stringify(officeHours ?? null);
    let calendar = calendars.get(key);
    if (!calendar)
      calendars.set(
        key,
        (calendar = await calendarFor(db, officeHours as Parameters<typeof calendarFor>[1])),
      );
    return calendar;
  };
  const byCode = new Map(mine.map((a) => [a.code, a]));
  const iso = (ms: number | null | undefined) =>
    ms === null || ms === undefined ? null : new Date(ms).toISOString();
  const items: OpinionRequestItem[] = [];
  for (const r of rows) {
    const branch = r.state.cooperation
      .filter((b) => b.answeredAt === null && byCode.has(b.agencyCode))
      .sort((a, b) => (a.replyDueAt ?? Infinity) - (b.replyDueAt ?? Infinity))[0]!;
    const asked = byCode.get(branch.agencyCode)!;
    items.push({
      id: r.id,
      code: r.code,
      status: r.status,
      statusName: { vi: statusDefinitions[r.status].vi, en: statusDefinitions[r.status].en },
      procedure: { code: r.procedureCode, name: r.procedureName },
      agency: { code: r.agencyCode, name: r.agencyName },
      applicantName: r.applicant.name,
      askedAgency: { code: asked.code, name: asked.name },
      question: branch.question ?? null,
      sentAt: iso(branch.sentAt)!,
      replyDueAt: iso(branch.replyDueAt),
      replyOverdue: branch.replyDueAt != null && branch.replyDueAt < now,
      dueAt: iso(r.state.dueAt),
      standing: dossierStanding(r.state, now, await calendarOf(r.officeHours)),
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
