/**
 * The writes of intake: dossiers with their components, events and audit rows, and their codes, in one
 * statement for any number of dossiers.
 *
 * Codes come from the per-agency daily counter row, locked from this statement to the commit; intakes at
 * one agency therefore take turns on that row, one commit each. `intakeWriteBatcher` lets the intakes that
 * arrive while one such statement runs share the next one (group commit): one lock, one commit and one
 * round trip for all of them, numbered in the order they arrived. At low load a batch is one dossier and
 * nothing waits.
 */
import type { SqlRunner } from '../../db/raw.ts';
import { StatementBatcher } from '../../db/statement-batcher.ts';
import type { dossierComponents } from '../../db/schema.ts';
import type { DossierEvent } from '../../domain/dossier/index.ts';
import type { DossierRow } from './dossier-access.ts';

export interface IntakeWrite {
  /** The dossier as it will be stored, but for its code, which the write takes from the counter. */
  row: DossierRow;
  /** The code's prefix `<agency>-<YYMMDD>-` when the dossier is numbered now; null for an online draft. */
  codePrefix: string | null;
  /** The counter's day (Vietnam), YYYY-MM-DD. */
  day: string;
  components: (typeof dossierComponents.$inferSelect)[];
  events: { event: DossierEvent; agencyId: number | null }[];
  audit: { procedure: string; ip: string | null };
}

const iso = (at: Date | null) => (at === null ? null : at.toISOString());

// jsonb_to_recordset keeps the text constant whatever the number of dossiers, components and events.
const WRITE_INTAKES = `
WITH d AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS d(
    ord int, id uuid, code_prefix text, day date, status dossier_status, channel dossier_channel,
    agency_id int, intake_agency_id int, procedure_id int, procedure_version_id int, case_index smallint,
    applicant_user_id uuid, applicant jsonb, applicant_search text, waybill text, state jsonb, version int,
    assignee_id uuid, submitted_at timestamptz, received_at timestamptz, due_at timestamptz,
    resolved_at timestamptz, returned_at timestamptz, closed_at timestamptz, created_by uuid,
    created_at timestamptz, procedure text, ip text)
),
wanted AS (
  SELECT agency_id, day, count(*)::int AS n FROM d WHERE code_prefix IS NOT NULL GROUP BY agency_id, day
),
counters AS (
  INSERT INTO dossier_code_counters AS c (agency_id, day, last)
  SELECT agency_id, day, n FROM wanted ORDER BY agency_id, day
  ON CONFLICT (agency_id, day) DO UPDATE SET last = c.last + excluded.last
  RETURNING agency_id, day, last
),
numbers AS (
  SELECT d.id, k.last - count(*) OVER w + row_number() OVER (w ORDER BY d.ord) AS n
    FROM d JOIN counters k ON k.agency_id = d.agency_id AND k.day = d.day
   WHERE d.code_prefix IS NOT NULL
  WINDOW w AS (PARTITION BY d.agency_id, d.day)
),
coded AS (
  SELECT d.*, d.code_prefix || CASE WHEN x.n < 10000 THEN lpad(x.n::text, 4, '0') ELSE x.n::text END AS code
    FROM d LEFT JOIN numbers x ON x.id = d.id
),
inserted AS (
  INSERT INTO dossiers (id, code, status, channel, agency_id, intake_agency_id, procedure_id,
    procedure_version_id, case_index, applicant_user_id, applicant, applicant_search, waybill, state, version,
    assignee_id, submitted_at, received_at, due_at, resolved_at, returned_at, closed_at, created_by,
    created_at, updated_at)
  SELECT c.id, c.code, c.status, c.channel, c.agency_id, c.intake_agency_id, c.procedure_id,
         c.procedure_version_id, c.case_index, c.applicant_user_id, c.applicant, c.applicant_search, c.waybill,
         c.state, c.version, c.assignee_id, c.submitted_at, c.received_at, c.due_at, c.resolved_at,
         c.returned_at, c.closed_at, c.created_by, c.created_at, c.created_at
    FROM coded c
   ORDER BY c.ord
  RETURNING id, code
),
components AS (
  INSERT INTO dossier_components (dossier_id, idx, name, required, originals, copies, from_national_db)
  SELECT * FROM jsonb_to_recordset($2::jsonb) AS c(dossier_id uuid, idx smallint, name text,
    required boolean, originals smallint, copies smallint, from_national_db boolean)
),
events AS (
  INSERT INTO dossier_events (dossier_id, seq, at, action, actor_id, actor_role, agency_id, from_status,
    to_status, event)
  SELECT * FROM jsonb_to_recordset($3::jsonb) AS e(dossier_id uuid, seq int, at timestamptz, action text,
    actor_id text, actor_role text, agency_id int, from_status dossier_status, to_status dossier_status,
    event jsonb)
),
audit AS (
  INSERT INTO audit_log (actor_id, action, entity, entity_id, agency_id, data, ip)
  SELECT c.created_by, 'dossier.create', 'dossier', c.id::text, c.agency_id,
         jsonb_build_object('code', c.code, 'channel', c.channel::text, 'procedure', c.procedure,
                            'status', c.status::text),
         c.ip
    FROM coded c
)
SELECT id, code FROM inserted`;

/** Writes the dossiers in one statement; answers each one's code (null for a draft), by id. */
export async function writeIntakes(
  runner: SqlRunner,
  writes: readonly IntakeWrite[],
): Promise<Map<string, string | null>> {
  const dossiers: unknown[] = [];
  const components: unknown[] = [];
  const events: unknown[] = [];
  for (const [ord, w] of writes.entries()) {
    const d = w.row;
    dossiers.push({
      ord,
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
    });
    for (const c of w.components)
      components.push({
        dossier_id: d.id,
        idx: c.idx,
        name: c.name,
        required: c.required,
        originals: c.originals,
        copies: c.copies,
        from_national_db: c.fromNationalDb,
      });
    for (const { event: e, agencyId } of w.events)
      events.push({
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
      });
  }
  const rows = await runner.rows<{ id: string; code: string | null }>(
    'motcua_write_intakes_v2',
    WRITE_INTAKES,
    [JSON.stringify(dossiers), JSON.stringify(components), JSON.stringify(events)],
  );
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** Group commit for intake on the pool (see the top of this file): each dossier's code, in order. */
export function intakeWriteBatcher(runner: SqlRunner): StatementBatcher<IntakeWrite, string | null> {
  return new StatementBatcher(async (writes) => {
    const codes = await writeIntakes(runner, writes);
    return writes.map((w) => {
      const code = codes.get(w.row.id);
      if (code === undefined) throw new Error(`intake ${w.row.id} was not written`);
      return code;
    });
  });
}
