/**
 * Walks dossiers of given statuses agency by agency, in pages, along the inbox index
 * (agency_id, status, due_at, id): the background jobs never scan the whole table. One query first finds
 * which (agency, status) pairs have any candidate at all (one index probe each), then each pair is read
 * in keyset pages.
 */
import { and, asc, eq, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { agencies, dossiers } from '../../db/schema.ts';
import type { DossierStatus } from '../../domain/dossier/index.ts';

export type AgencyRow = Pick<typeof agencies.$inferSelect, 'id' | 'officeHours'>;

export async function allAgencies(db: Db): Promise<AgencyRow[]> {
  return db
    .select({ id: agencies.id, officeHours: agencies.officeHours })
    .from(agencies)
    .orderBy(asc(agencies.id));
}

/** The agencies grouped by office hours: one calendar per group. */
export function byOfficeHours(rows: AgencyRow[]): AgencyRow[][] {
  const groups = new Map<string, AgencyRow[]>();
  for (const row of rows) {
    const key = JSON.stringify(row.officeHours ?? null);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()];
}

/** The (resolving agency, status) pairs with at least one dossier, due no later than `dueBy` if given. */
export async function pairsWithDossiers(
  db: Db,
  agencyIds: number[],
  statuses: readonly DossierStatus[],
  dueBy: Date | null,
): Promise<{ agencyId: number; status: DossierStatus }[]> {
  if (agencyIds.length === 0 || statuses.length === 0) return [];
  const due = dueBy === null ? sql`` : sql` AND d.due_at <= ${dueBy.toISOString()}::timestamptz`;
  // LATERAL … LIMIT 1: one index probe per pair, never a join over every dossier of the range (the range
  // alone would include every closed dossier of the past).
  const result = await db.execute<{ agency_id: number; status: DossierStatus }>(sql`
    SELECT a.id AS agency_id, s.status
    FROM unnest(ARRAY[${sql.join(
      agencyIds.map((id) => sql`${id}`),
      sql`, `,
    )}]::int[]) AS a(id)
    CROSS JOIN unnest(ARRAY[${sql.join(
      statuses.map((s) => sql`${s}`),
      sql`, `,
    )}]::dossier_status[]) AS s(status)
    CROSS JOIN LATERAL (
      SELECT 1 FROM dossiers d WHERE d.agency_id = a.id AND d.status = s.status${due} LIMIT 1
    ) AS found
    ORDER BY a.id, s.status`);
  return result.rows.map((r) => ({ agencyId: r.agency_id, status: r.status }));
}

export const scanColumns = {
  id: dossiers.id,
  code: dossiers.code,
  agencyId: dossiers.agencyId,
  intakeAgencyId: dossiers.intakeAgencyId,
  procedureVersionId: dossiers.procedureVersionId,
  assigneeId: dossiers.assigneeId,
  dueAt: dossiers.dueAt,
  version: dossiers.version,
  state: dossiers.state,
};
export type ScannedDossier = { [K in keyof typeof scanColumns]: (typeof dossiers.$inferSelect)[K] };

/**
 * Pages of one agency's dossiers in one status, in index order (due time, id). With `dueBy` only those
 * due by then (a range on the index); without it, every dossier of the status.
 */
export async function* dossierPages(
  db: Db,
  agencyId: number,
  status: DossierStatus,
  dueBy: Date | null,
  pageSize: number,
): AsyncGenerator<ScannedDossier[]> {
  let after: { dueAt: Date | null; id: string } | null = null;
  for (;;) {
    let cursor: SQL | undefined;
    if (after !== null) {
      // Index order: due time ascending with nulls (not received yet) last, then id.
      const past =
        after.dueAt === null
          ? sql`${dossiers.dueAt} IS NULL AND ${dossiers.id} > ${after.id}::uuid`
          : sql`(${dossiers.dueAt}, ${dossiers.id}) > (${after.dueAt.toISOString()}::timestamptz, ${after.id}::uuid)`;
      cursor = after.dueAt === null || dueBy !== null ? past : sql`(${past} OR ${dossiers.dueAt} IS NULL)`;
    }
    const page: ScannedDossier[] = await db
      .select(scanColumns)
      .from(dossiers)
      .where(
        and(
          eq(dossiers.agencyId, agencyId),
          eq(dossiers.status, status),
          dueBy === null ? undefined : lte(dossiers.dueAt, dueBy),
          cursor,
        ),
      )
      .orderBy(sql`${dossiers.dueAt} ASC NULLS LAST`, asc(dossiers.id))
      .limit(pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1]!;
    after = { dueAt: last.dueAt, id: last.id };
  }
}
