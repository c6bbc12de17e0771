/**
 * Public tracking (tra cứu) by dossier code, without logging in: progress and where to collect the result.
 * Personal data is minimised (Nghị định 13/2023): the name is masked and nothing else about the applicant
 * is shown unless the viewer is the applicant or types the last four digits of the phone or ID number.
 * One round trip: this is the most frequent public read after the catalog.
 */
import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { perDatabase } from '../../db/statements.ts';
import { agencies, dossierEvents, dossiers, procedures, procedureVersions } from '../../db/schema.ts';
import {
  actionDefinitions,
  isDossierAction,
  mayViewPersonalData,
  nationalStatusCodes,
  parseDossierCode,
  statusDefinitions,
  trackingView,
  type DossierState,
} from '../../domain/dossier/index.ts';
import { AppError } from '../../domain/errors.ts';
import type { TrackCache } from './track-cache.ts';
import type { ProofGuesses } from './track-guesses.ts';
import type { TrackingResult } from '../../contracts/dossiers.ts';

export type { TrackingResult } from '../../contracts/dossiers.ts';

// Steps a citizen recognises; internal moves (assignments, step completions) stay inside "processing".
const publicActions = new Set([
  'submit',
  'receive',
  'request_supplement',
  'provide_supplement',
  'refuse',
  'forward',
  'request_financial_obligation',
  'record_payment',
  'apologize',
  'request_withdrawal',
  'stop',
  'issue',
  'return_result',
]);

const intake = alias(agencies, 'i');
type ShownTimes = Pick<DossierState, 'submittedAt' | 'receivedAt' | 'dueAt' | 'resolvedAt' | 'returnedAt'>;

function trackQuery(db: Db) {
  return db
    .select({
      code: sql<string>`${dossiers.code}`,
      status: dossiers.status,
      // Only the times shown, not the whole state: less to send and to parse on the busiest public read.
      state: sql<ShownTimes>`jsonb_build_object(
        'submittedAt', ${dossiers.state}->'submittedAt', 'receivedAt', ${dossiers.state}->'receivedAt',
        'dueAt', ${dossiers.state}->'dueAt', 'resolvedAt', ${dossiers.state}->'resolvedAt',
        'returnedAt', ${dossiers.state}->'returnedAt')`,
      applicant: dossiers.applicant,
      applicant_user_id: dossiers.applicantUserId,
      procedure_code: procedures.code,
      procedure_name: procedureVersions.name,
      agency_name: agencies.name,
      desk_name: sql<string>`coalesce(${intake.name}, ${agencies.name})`,
      desk_address: sql<string | null>`coalesce(${intake.address}, ${agencies.address})`,
      desk_phone: sql<string | null>`coalesce(${intake.phone}, ${agencies.phone})`,
      events: sql<[string, number][] | null>`(
        select json_agg(json_build_array(${dossierEvents.action},
                 (extract(epoch from ${dossierEvents.at}) * 1000)::bigint) order by ${dossierEvents.seq})
          from ${dossierEvents} where ${dossierEvents.dossierId} = ${dossiers.id})`,
    })
    .from(dossiers)
    .innerJoin(agencies, eq(agencies.id, dossiers.agencyId))
    .leftJoin(intake, eq(intake.id, dossiers.intakeAgencyId))
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .innerJoin(procedureVersions, eq(procedureVersions.id, dossiers.procedureVersionId))
    .where(eq(dossiers.code, sql.placeholder('code')));
}

// Built once per database; a named prepared statement is parsed and planned once per connection (planning
// the five-table join cost several times more than running it).
const trackQueryOf = perDatabase(trackQuery);

/** What tracking reads of a dossier, before the viewer's privacy rules are applied. */
export type TrackingRow = Awaited<ReturnType<ReturnType<typeof trackQueryOf>['execute']>>[number];

/** What the cache holds per code. */
export interface TrackedDossier {
  row: TrackingRow;
  /**
   * The answer, as JSON, to every viewer who may not see the personal data, built at its first request. It
   * depends on the row alone, so it lives and dies with the row under the cache's eviction rules; most
   * lookups are such viewers, and masking the name and serialising cost more than the rest of the request.
   */
  publicJson?: string;
}

const anonymous = { userId: null, lastFour: null };

async function readTracked(db: Db, code: string, cache: TrackCache<TrackedDossier> | undefined) {
  if (!parseDossierCode(code).ok) throw new AppError('DOSSIER_NOT_FOUND', { field: 'code' });
  const now = Date.now();
  let tracked = cache?.get(code, now);
  if (!tracked) {
    const generation = cache?.generation ?? 0;
    const [row] = await trackQueryOf(db).execute({ code });
    if (!row) throw new AppError('DOSSIER_NOT_FOUND', { field: 'code' });
    tracked = { row };
    // Misses are not kept: a code may be taken a moment later, and guessing codes must not fill memory.
    cache?.set(code, tracked, generation, now);
  }
  return tracked;
}

function present(
  row: TrackingRow,
  viewer: { userId: string | null; lastFour: string | null },
): TrackingResult {
  const s = row.state;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const view = {
    code: row.code,
    status: row.status,
    statusName: { vi: statusDefinitions[row.status].vi, en: statusDefinitions[row.status].en },
    nationalStatusCode: nationalStatusCodes[row.status],
    procedure: { code: row.procedure_code, name: row.procedure_name },
    agency: { name: row.agency_name },
    submittedAt: iso(s.submittedAt),
    receivedAt: iso(s.receivedAt),
    dueAt: iso(s.dueAt),
    resolvedAt: iso(s.resolvedAt),
    returnedAt: iso(s.returnedAt),
    collectAt: { name: row.desk_name, address: row.desk_address, phone: row.desk_phone },
    steps: (row.events ?? [])
      .filter(([action]) => publicActions.has(action) && isDossierAction(action))
      .map(([action, at]) => {
        const definition = actionDefinitions[action as keyof typeof actionDefinitions];
        return { at: new Date(Number(at)).toISOString(), action, vi: definition.vi, en: definition.en };
      }),
    applicant: applicantOf(row),
  };
  const shown = trackingView(view, viewer);
  const applicant = shown.personalData
    ? {
        name: view.applicant.name,
        phone: view.applicant.phone,
        email: view.applicant.email,
        address: view.applicant.address,
      }
    : { name: shown.applicant.name };
  return { ...shown, applicant };
}

function applicantOf(row: TrackingRow) {
  return {
    userId: row.applicant_user_id,
    name: row.applicant.name,
    phone: row.applicant.phone,
    personalId: row.applicant.personalId,
    email: row.applicant.email,
    address: row.applicant.address,
  };
}

function jsonFor(
  tracked: TrackedDossier,
  viewer: { userId: string | null; lastFour: string | null },
  guesses: ProofGuesses | undefined,
): string {
  if (viewer.lastFour && guesses) {
    const now = Date.now();
    const wait = guesses.blockedFor(tracked.row.code, now);
    if (wait > 0)
      throw new AppError('RATE_LIMITED', { details: { retryAfterSeconds: Math.ceil(wait / 1000) } });
    if (mayViewPersonalData(applicantOf(tracked.row), viewer))
      return JSON.stringify(present(tracked.row, viewer));
    guesses.fail(tracked.row.code, now);
  } else if (viewer.userId && mayViewPersonalData(applicantOf(tracked.row), viewer)) {
    return JSON.stringify(present(tracked.row, viewer));
  }
  return (tracked.publicJson ??= JSON.stringify(present(tracked.row, anonymous)));
}

/**
 * The tracking answer (a `TrackingResult`), as JSON. A code found in the cache is answered synchronously: only
 * codes that parsed and were found are ever cached, and this is the busiest public read.
 */
export function trackDossierJson(
  db: Db,
  code: string,
  viewer: { userId: string | null; lastFour: string | null },
  cache?: TrackCache<TrackedDossier>,
  guesses?: ProofGuesses,
): string | Promise<string> {
  const cached = cache?.get(code, Date.now());
  if (cached) return jsonFor(cached, viewer, guesses);
  return readTracked(db, code, cache).then((tracked) => jsonFor(tracked, viewer, guesses));
}
