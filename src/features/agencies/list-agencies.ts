import { and, asc, eq, like, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { agencies } from '../../db/schema.ts';
import type { Principal } from '../../domain/access/policy.ts';
import type { AgencyLevel } from '../../domain/access/roles.ts';
import { findAgencyByCode, presentAgencies, type AgencyView } from './agency-queries.ts';

/** The agency directory is public information: anyone may read names, addresses and office hours. */
export async function listAgencies(
  db: Executor,
  principal: Principal | undefined,
  filter: { under?: string | undefined; level?: AgencyLevel | undefined },
): Promise<AgencyView[]> {
  const conditions: SQL[] = [];
  if (filter.under) {
    const root = await findAgencyByCode(db, filter.under);
    conditions.push(like(agencies.path, `${root.path}%`));
  }
  if (filter.level) conditions.push(eq(agencies.level, filter.level));
  const rows = await db
    .select()
    .from(agencies)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(agencies.path));
  return presentAgencies(db, rows, principal);
}

export async function getAgency(
  db: Executor,
  principal: Principal | undefined,
  code: string,
): Promise<AgencyView> {
  const row = await findAgencyByCode(db, code);
  const [view] = await presentAgencies(db, [row], principal);
  return view!;
}
