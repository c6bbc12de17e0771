/**
 * Closing dossiers whose requested supplement never came (background job), where the procedure says so
 * (`closeUnsuppliedAfter` in the version the dossier was filed under). The time runs in working time from
 * the supplement request, on the resolving agency's calendar. At intake the dossier is refused (form 03),
 * during appraisal it is stopped (form 05): the same use case as the API, acting in the domain's `system`
 * role, so the event, the audit row and the applicant's notification are written as for any action.
 */
import { and, eq, inArray, max, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dossierEvents, procedureVersions } from '../../db/schema.ts';
import type { Duration } from '../../domain/catalog/model.ts';
import { computeDue, type WorkCalendar } from '../../domain/calendar/index.ts';
import { DossierRuleError, type DossierStatus } from '../../domain/dossier/index.ts';
import { AppError } from '../../domain/errors.ts';
import { calendarFor } from '../calendar/calendar-store.ts';
import { actOnDossierTx, type SystemCaller } from './act-on-dossier.ts';
import { allAgencies, dossierPages, pairsWithDossiers, type ScannedDossier } from './open-dossier-scan.ts';

export const AUTO_CLOSE_ACTOR: SystemCaller = { kind: 'system', id: 'system:auto-close' };

const WAITING = [
  'supplement_requested_at_intake',
  'supplement_requested',
] as const satisfies readonly DossierStatus[];

const unitNames: Record<Duration['unit'], string> = {
  working_hours: 'giờ làm việc',
  working_days: 'ngày làm việc',
  calendar_days: 'ngày',
  months: 'tháng',
};

export function autoCloseReason(limit: Duration): string {
  const amount = String(limit.amount).replace('.', ',');
  return `Quá thời hạn bổ sung hồ sơ theo quy định (${amount} ${unitNames[limit.unit]} kể từ khi yêu cầu bổ sung)`;
}

export interface AutoCloseSummary {
  /** Dossiers waiting for a supplement under a procedure that sets a limit. */
  candidates: number;
  closed: { id: string; code: string | null; action: 'refuse' | 'stop' }[];
  /** Changed meanwhile (supplied, withdrawn…): left alone. */
  skipped: number;
}

export async function closeUnsupplied(
  db: Db,
  now: Date,
  options: { pageSize?: number } = {},
): Promise<AutoCloseSummary> {
  const pageSize = options.pageSize ?? 200;
  const at = now.getTime();
  const summary: AutoCloseSummary = { candidates: 0, closed: [], skipped: 0 };
  const agencies = new Map((await allAgencies(db)).map((a) => [a.id, a]));
  const limits = new Map<number, Duration | null>();
  const calendars = new Map<number, WorkCalendar>();

  const pairs = await pairsWithDossiers(db, [...agencies.keys()], WAITING, null);
  for (const { agencyId, status } of pairs) {
    for await (const page of dossierPages(db, agencyId, status, null, pageSize)) {
      const unknown = [...new Set(page.map((d) => d.procedureVersionId))].filter((id) => !limits.has(id));
      if (unknown.length > 0) {
        const rows = await db
          .select({
            id: procedureVersions.id,
            limit: sql<Duration | null>`${procedureVersions.content}->'closeUnsuppliedAfter'`,
          })
          .from(procedureVersions)
          .where(inArray(procedureVersions.id, unknown));
        for (const id of unknown) limits.set(id, null);
        for (const r of rows) limits.set(r.id, r.limit ?? null);
      }
      const limited = page.filter((d) => limits.get(d.procedureVersionId));
      if (limited.length === 0) continue;
      summary.candidates += limited.length;
      const requests = new Map(
        (
          await db
            .select({ dossierId: dossierEvents.dossierId, at: max(dossierEvents.at) })
            .from(dossierEvents)
            .where(
              and(
                inArray(
                  dossierEvents.dossierId,
                  limited.map((d) => d.id),
                ),
                eq(dossierEvents.action, 'request_supplement'),
              ),
            )
            .groupBy(dossierEvents.dossierId)
        ).map((r) => [r.dossierId, r.at]),
      );
      let calendar = calendars.get(agencyId);
      if (!calendar) {
        calendar = await calendarFor(db, agencies.get(agencyId)?.officeHours);
        calendars.set(agencyId, calendar);
      }
      for (const d of limited) {
        const requestedAt = requests.get(d.id);
        const limit = limits.get(d.procedureVersionId)!;
        if (!requestedAt) continue;
        const start = new Date(requestedAt).getTime();
        const closesAt = computeDue({ start, amount: limit.amount, unit: limit.unit }, calendar);
        if (at < closesAt) continue;
        const closed = await closeOne(db, d, status, limit, at);
        if (closed) summary.closed.push(closed);
        else summary.skipped++;
      }
    }
  }
  return summary;
}

async function closeOne(
  db: Db,
  d: ScannedDossier,
  status: DossierStatus,
  limit: Duration,
  at: number,
): Promise<AutoCloseSummary['closed'][number] | null> {
  const reason = autoCloseReason(limit);
  const action = status === 'supplement_requested_at_intake' ? 'refuse' : 'stop';
  // The version read by the scan: anything that happened since (a supplement handed in) is a conflict.
  const body =
    action === 'refuse' ? { version: d.version, reasons: [reason] } : { version: d.version, reason };
  try {
    const result = await db.transaction((tx) =>
      actOnDossierTx(tx, AUTO_CLOSE_ACTOR, d.id, action, body, at, { ip: null }),
    );
    return { id: result.id, code: result.code, action };
  } catch (err) {
    if (err instanceof DossierRuleError) return null;
    if (err instanceof AppError && err.code === 'VERSION_CONFLICT') return null;
    throw err;
  }
}
