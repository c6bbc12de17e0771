/**
 * What intake reads, in one shared statement for all the intakes that arrive together (see the query).
 */
import { statement, type SqlRunner } from '../../../db/statements.ts';
import { StatementBatcher } from '../../../db/statement-batcher.ts';
import type { AgencyInfo } from '../dossier-access.ts';
import type { Account } from './applicant.ts';
import { intakeFacts } from './write.ts';

// Everything intake reads, in one round trip for any number of intakes: the version in force on the day
// with its implementing agencies (by code), the key of the stored calendar notices, the applicant's account
// (by id online, by personal ID at the desk) and the name of the person taking the dossier in (for the
// history it answers with).
const INTAKE_READS = statement(`
SELECT q.ord, f."procedureId", f."versionId", f.implementing,
       ${intakeFacts.noticesKey} AS "noticesKey",
       (SELECT row_to_json(u) FROM (
          SELECT id, kind, full_name AS "fullName", personal_id AS "personalId", tax_code AS "taxCode",
                 organization_name AS "organizationName", phone, email, address
            FROM users WHERE id = q.account_id OR personal_id = q.personal_id LIMIT 1) u) AS account,
       (SELECT full_name FROM users WHERE id = q.actor_id) AS "actorName"
  FROM jsonb_to_recordset($1::jsonb) AS q(ord int, procedure text, day date, account_id uuid, personal_id text,
                                         actor_id uuid)
  LEFT JOIN LATERAL (
    SELECT v.procedure_id AS "procedureId", v.id AS "versionId",
           (SELECT coalesce(json_agg(${intakeFacts.agency} ORDER BY a.code), '[]'::json)
              FROM procedure_version_agencies pva JOIN agencies a ON a.id = pva.agency_id
             WHERE pva.version_id = v.id) AS implementing
      FROM procedures p
      JOIN procedure_versions v ON v.procedure_id = p.id AND v.status = 'published'
       AND v.effective_from <= q.day AND (v.effective_to IS NULL OR v.effective_to > q.day)
     WHERE p.code = q.procedure
     LIMIT 1) f ON true
 ORDER BY q.ord`);

export interface IntakeQuery {
  procedure: string;
  day: string;
  accountId: string | null;
  personalId: string | null;
  actorId: string;
}

/** What intake reads for each query, in order; undefined where the procedure has no version in force. */
export async function readForIntake(
  runner: SqlRunner,
  queries: readonly IntakeQuery[],
): Promise<(IntakeRead | undefined)[]> {
  const rows = await runner.rows<{ ord: number } & Partial<IntakeRead>>(INTAKE_READS, [
    JSON.stringify(
      queries.map((q, ord) => ({
        ord,
        procedure: q.procedure,
        day: q.day,
        account_id: q.accountId,
        personal_id: q.personalId,
        actor_id: q.actorId,
      })),
    ),
  ]);
  return rows.map(({ ord: _, ...r }) => (r.versionId == null ? undefined : (r as IntakeRead)));
}

/** Intake's reads on the pool, shared by the intakes that arrive together. */
export function intakeReadBatcher(runner: SqlRunner): StatementBatcher<IntakeQuery, IntakeRead | undefined> {
  return new StatementBatcher((queries) => readForIntake(runner, queries));
}

export interface IntakeRead {
  procedureId: number;
  versionId: number;
  implementing: AgencyInfo[];
  noticesKey: string;
  account: Account | null;
  actorName: string | null;
  /** Not read for this intake but remembered from earlier ones: the write checks it (`IntakeGuesses`). */
  guessed?: true;
}
