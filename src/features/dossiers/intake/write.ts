/**
 * The writes of intake: dossiers with their components, events and audit rows, and their codes, in one
 * statement for any number of dossiers.
 *
 * Codes come from the per-agency daily counter row, locked from this statement to the commit; intakes at
 * one agency therefore take turns on that row, one commit each. `intakeWriteBatcher` lets the intakes that
 * arrive while one such statement runs share the next one (group commit): one lock, one commit and one
 * round trip for all of them, numbered in the order they arrived. At low load a batch is one dossier and
 * nothing waits.
 *
 * The statement is its own transaction and commits under the server's `synchronous_commit`: its callers are
 * answered only after its own commit record is durable (and replicated where the server says so). The
 * counter row stays locked through that flush, so the flush is shared too: the intakes that queue behind it
 * make the next batch larger. (An earlier version committed asynchronously and answered after a separate
 * "flush" transaction; that transaction wrote no WAL of its own, so PostgreSQL committed it asynchronously
 * as well and nothing was flushed: acknowledged dossiers were lost in crashes.)
 *
 * A desk intake may be decided from what the previous intakes read (its `check`); the statement writes it
 * only if those guesses still hold, and answers the others as stale.
 */
import { isDatabaseUnavailable } from '../../../db/resource-errors.ts';
import { statement, type SqlRunner } from '../../../db/statements.ts';
import { StatementBatcher } from '../../../db/statement-batcher.ts';
import { dossierCounterSql, type DossierEvent } from '../../../domain/dossier/index.ts';
import type { AgencyInfo, DossierRow } from '../dossier-access.ts';
import type { IntakeRead } from './read.ts';

/** The values a guessed dossier was decided from, beyond its row, for `guessChecks` (see the top). */
export interface IntakeCheck {
  /** The resolving agency as it was used (its office hours give the due times). */
  agency: AgencyInfo;
  noticesKey: string;
  /** The applicant's personal ID; the account found by it must be the dossier's `applicantUserId`. */
  personalId: string | null;
  actorName: string | null;
}

export interface IntakeWrite {
  /** The dossier as it will be stored (with its components), but for its code, which the write takes from the counter. */
  row: DossierRow;
  /** The code's prefix `<agency>-<YYMMDD>-` when the dossier is numbered now; null for an online draft. */
  codePrefix: string | null;
  /** The counter's day (Vietnam), YYYY-MM-DD. */
  day: string;
  events: { event: DossierEvent; agencyId: number | null }[];
  audit: { procedure: string; ip: string | null };
  /** Null when the dossier was decided from a read of its own. */
  check: IntakeCheck | null;
}

const iso = (at: Date | null) => (at === null ? null : at.toISOString());

/**
 * Facts intake reads (read.ts) and the write checks a guessed dossier against: the same SQL on
 * both sides, so that a guess is compared with exactly what a read would have found.
 */
export const intakeFacts = {
  noticesKey: `(SELECT coalesce(string_agg(year || ':' || version, ',' ORDER BY year), '') FROM calendar_notices)`,
  /** An agency row `a` as the `AgencyInfo` intake uses. */
  agency: `jsonb_build_object('id', a.id, 'code', a.code, 'name', a.name, 'path', a.path, 'officeHours', a.office_hours)`,
};

/** What a desk intake may take from earlier intakes instead of reading it (`IntakeGuesses`). */
export type GuessedFacts = Omit<IntakeRead, 'guessed'>;

/**
 * Per guessed fact, the SQL condition (over `d`, a dossier of the write with its `check_*` columns) that
 * holds while the guess is still what a read would find. A fact added to `IntakeRead` without its check here
 * does not compile, so no guess goes unchecked.
 */
const guessChecks: { readonly [K in keyof GuessedFacts]: string } = {
  // The procedure's version in force on the day is still the one used.
  versionId: `d.procedure_version_id = (SELECT v.id FROM procedures p
                JOIN procedure_versions v ON v.procedure_id = p.id AND v.status = 'published'
                 AND v.effective_from <= d.day AND (v.effective_to IS NULL OR v.effective_to > d.day)
               WHERE p.code = d.procedure LIMIT 1)`,
  procedureId: `d.procedure_id = (SELECT p.id FROM procedures p WHERE p.code = d.procedure)`,
  // A published version's agencies never change (trigger procedure_version_agencies_guard), so the
  // resolving agency is still among them; its row gave the dossier its name and due times.
  implementing: `(SELECT ${intakeFacts.agency} FROM agencies a WHERE a.id = d.agency_id) = d.check_agency`,
  noticesKey: `d.check_notices = ${intakeFacts.noticesKey}`,
  // The account found by the applicant's personal ID is still the one the dossier names (or none).
  account: `(SELECT u.id FROM users u WHERE u.personal_id = d.check_personal_id)
              IS NOT DISTINCT FROM d.applicant_user_id`,
  actorName: `(SELECT u.full_name FROM users u WHERE u.id = d.created_by) IS NOT DISTINCT FROM d.check_actor`,
};

// jsonb_to_recordset keeps the text constant whatever the number of dossiers and events.
const WRITE_INTAKES = statement(`
WITH d AS (
  SELECT x.*, x.ordinality AS ord FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (
    id uuid, code_prefix text, day date, status dossier_status, channel dossier_channel,
    agency_id int, intake_agency_id int, procedure_id int, procedure_version_id int, case_index smallint,
    applicant_user_id uuid, applicant jsonb, applicant_search text, components jsonb, waybill text, state jsonb,
    version int,
    assignee_id uuid, submitted_at timestamptz, received_at timestamptz, due_at timestamptz,
    resolved_at timestamptz, returned_at timestamptz, closed_at timestamptz, created_by uuid,
    created_at timestamptz, procedure text, ip text, checked boolean, check_agency jsonb, check_notices text,
    check_personal_id text, check_actor text)) WITH ORDINALITY AS x
),
-- The same facts intake reads (read.ts), compared with the ones a guessed dossier was decided from.
ok AS (
  SELECT d.* FROM d WHERE NOT d.checked OR (${Object.values(guessChecks).join('\n    AND ')})
),
wanted AS (
  SELECT agency_id, day, count(*)::int AS n FROM ok WHERE code_prefix IS NOT NULL GROUP BY agency_id, day
),
counters AS (
  INSERT INTO dossier_code_counters AS c (agency_id, day, last)
  SELECT agency_id, day, n FROM wanted ORDER BY agency_id, day
  ON CONFLICT (agency_id, day) DO UPDATE SET last = c.last + excluded.last
  RETURNING agency_id, day, last
),
numbers AS (
  SELECT d.id, k.last - count(*) OVER w + row_number() OVER (w ORDER BY d.ord) AS n
    FROM ok d JOIN counters k ON k.agency_id = d.agency_id AND k.day = d.day
   WHERE d.code_prefix IS NOT NULL
  WINDOW w AS (PARTITION BY d.agency_id, d.day)
),
coded AS (
  SELECT d.*, d.code_prefix || ${dossierCounterSql('x.n')} AS code
    FROM ok d LEFT JOIN numbers x ON x.id = d.id
),
inserted AS (
  INSERT INTO dossiers (id, code, status, channel, agency_id, intake_agency_id, procedure_id,
    procedure_version_id, case_index, applicant_user_id, applicant, applicant_search, components, waybill, state, version,
    assignee_id, submitted_at, received_at, due_at, resolved_at, returned_at, closed_at, created_by,
    created_at, updated_at)
  SELECT c.id, c.code, c.status, c.channel, c.agency_id, c.intake_agency_id, c.procedure_id,
         c.procedure_version_id, c.case_index, c.applicant_user_id, c.applicant, c.applicant_search,
         c.components, c.waybill,
         c.state, c.version, c.assignee_id, c.submitted_at, c.received_at, c.due_at, c.resolved_at,
         c.returned_at, c.closed_at, c.created_by, c.created_at, c.created_at
    FROM coded c
   ORDER BY c.ord
  RETURNING id, code
),
events AS (
  INSERT INTO dossier_events (dossier_id, seq, at, action, actor_id, actor_role, agency_id, from_status,
    to_status, event)
  SELECT e.* FROM jsonb_to_recordset($2::jsonb) AS e(dossier_id uuid, seq int, at timestamptz, action text,
    actor_id text, actor_role text, agency_id int, from_status dossier_status, to_status dossier_status,
    event jsonb)
   WHERE e.dossier_id IN (SELECT id FROM ok)
),
audit AS (
  INSERT INTO audit_log (actor_id, action, entity, entity_id, agency_id, data, ip)
  SELECT c.created_by, 'dossier.create', 'dossier', c.id::text, c.agency_id,
         jsonb_build_object('code', c.code, 'channel', c.channel::text, 'procedure', c.procedure,
                            'status', c.status::text),
         c.ip
    FROM coded c
)
SELECT i.id, i.code FROM inserted i`);

/** A dossier's part of the statement's parameters, as JSON (the dossier; its events, comma-separated). */
interface IntakeParams {
  dossier: string;
  events: string;
}

const serialized = new WeakMap<IntakeWrite, IntakeParams>();

/**
 * Serialises a dossier's parameters once. Intake calls it before queueing, so that the work is not done
 * between two batches, while the counter's next turn waits for it.
 */
export function intakeParams(w: IntakeWrite): IntakeParams {
  let params = serialized.get(w);
  if (params) return params;
  const d = w.row;
  params = {
    dossier: JSON.stringify({
      id: d.id,
      code_prefix: w.codePrefix,
      day: w.day,
      status: d.status,
      channel: d.channel,
      agency_id: d.agencyId,
      intake_agency_id: d.intakeAgencyId,
      procedure_id: d.procedureId,
      procedure_version_id: d.procedureVersionId,
      case_index: d.caseIndex,
      applicant_user_id: d.applicantUserId,
      applicant: d.applicant,
      applicant_search: d.applicantSearch,
      components: d.components,
      waybill: d.waybill,
      state: d.state,
      version: d.version,
      assignee_id: d.assigneeId,
      submitted_at: iso(d.submittedAt),
      received_at: iso(d.receivedAt),
      due_at: iso(d.dueAt),
      resolved_at: iso(d.resolvedAt),
      returned_at: iso(d.returnedAt),
      closed_at: iso(d.closedAt),
      created_by: d.createdBy,
      created_at: iso(d.createdAt),
      procedure: w.audit.procedure,
      ip: w.audit.ip,
      checked: w.check !== null,
      check_agency: w.check?.agency ?? null,
      check_notices: w.check?.noticesKey ?? null,
      check_personal_id: w.check?.personalId ?? null,
      check_actor: w.check?.actorName ?? null,
    }),
    events: w.events
      .map(({ event: e, agencyId }) =>
        JSON.stringify({
          dossier_id: d.id,
          seq: e.seq,
          at: new Date(e.at).toISOString(),
          action: e.action,
          actor_id: e.actor.id,
          actor_role: e.actor.role,
          agency_id: agencyId,
          from_status: e.from,
          to_status: e.to,
          event: e,
        }),
      )
      .join(','),
  };
  serialized.set(w, params);
  return params;
}

/**
 * Writes the dossiers in one statement; answers each written one's code (null for a draft), by id. A
 * dossier whose check no longer holds is left out.
 */
export async function writeIntakes(
  runner: SqlRunner,
  writes: readonly IntakeWrite[],
): Promise<Map<string, string | null>> {
  const params = writes.map(intakeParams);
  const rows = await runner.rows<{ id: string; code: string | null }>(WRITE_INTAKES, [
    `[${params.map((p) => p.dossier).join(',')}]`,
    `[${params.flatMap((p) => (p.events === '' ? [] : [p.events])).join(',')}]`,
  ]);
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** How a dossier submitted to `intakeWriteBatcher` went; `written` only once its commit is durable. */
export type IntakeOutcome =
  | { written: true; code: string | null }
  /** Its check failed: decide it again from a fresh read. */
  | { written: false };

/** Group commit for intake on the pool (see the top of this file): each dossier's outcome, in order. */
export function intakeWriteBatcher(runner: SqlRunner): StatementBatcher<IntakeWrite, IntakeOutcome> {
  return new StatementBatcher(
    async (writes) => {
      const codes = await writeIntakes(runner, writes);
      return writes.map((w): IntakeOutcome => {
        const code = codes.get(w.row.id);
        return code === undefined ? { written: false } : { written: true, code };
      });
    },
    // A statement whose connection broke may have committed: written again alone, its dossiers would fail
    // on their ids at best. Its callers learn that the outcome is unknown instead.
    { retryAlone: (err) => !isDatabaseUnavailable(err) },
  );
}
