import { and, asc, eq, exists, ilike, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { escapeLike } from '../../db/like.ts';
import { agencies, roleAssignments, users } from '../../db/schema.ts';
import { can, scopeFor, type Principal } from '../../domain/access/policy.ts';
import type { StaffRole } from '../../domain/access/roles.ts';
import { AppError } from '../../domain/errors.ts';
import { findAgencyByCode } from '../agencies/agency-queries.ts';
import { agencyScopeSql, presentStaff, type StaffView } from './staff-queries.ts';

export interface ListStaffInput {
  agency?: string | undefined;
  role?: StaffRole | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** Staff of the agencies the caller may see; naming another agency is refused, not silently emptied. */
export async function listStaff(
  db: Db,
  principal: Principal,
  input: ListStaffInput,
): Promise<{ items: StaffView[]; total: number; page: number; pageSize: number }> {
  const scope = scopeFor(principal, 'staff.list');
  if (scope.kind === 'none') throw new AppError('FORBIDDEN');
  const agency = input.agency ? await findAgencyByCode(db, input.agency) : undefined;
  if (agency && !can(principal, 'staff.list', agency)) throw new AppError('FORBIDDEN', { field: 'agency' });

  const grantMatches = db
    .select({ one: sql`1` })
    .from(roleAssignments)
    .leftJoin(agencies, eq(agencies.id, roleAssignments.agencyId))
    .where(
      and(
        eq(roleAssignments.userId, users.id),
        agency ? eq(roleAssignments.agencyId, agency.id) : agencyScopeSql(scope),
        input.role ? eq(roleAssignments.role, input.role) : undefined,
      ),
    );
  const text = input.q?.trim();
  const where = and(
    eq(users.kind, 'staff'),
    // Whoever sees everything also sees accounts left without any role, so they can be found and fixed.
    scope.kind === 'all' && !agency && !input.role ? undefined : exists(grantMatches),
    text
      ? or(ilike(users.fullName, `%${escapeLike(text)}%`), ilike(users.username, `%${escapeLike(text)}%`))
      : undefined,
  );
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(where);
  const rows = await db
    .select()
    .from(users)
    .where(where)
    .orderBy(asc(users.fullName), asc(users.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  return {
    items: await presentStaff(db, principal, rows),
    total: count?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
  };
}
