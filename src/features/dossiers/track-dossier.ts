/**
 * Public tracking (tra cứu) by dossier code, without logging in: progress and where to collect the result.
 * Personal data is minimised (Nghị định 13/2023): the name is masked and nothing else about the applicant
 * is shown unless the viewer is the applicant or types the last four digits of the phone or ID number.
 * One round trip: this is the most frequent public read after the catalog.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { StoredApplicant } from '../../db/schema.ts';
import {
  actionDefinitions,
  isDossierAction,
  nationalStatusCodes,
  parseDossierCode,
  statusDefinitions,
  trackingView,
  type DossierState,
  type DossierStatus,
} from '../../domain/dossier/index.ts';
import { AppError } from '../../domain/errors.ts';

export interface TrackingResult {
  code: string;
  status: DossierStatus;
  statusName: { vi: string; en: string };
  nationalStatusCode: number | null;
  procedure: { code: string; name: string };
  agency: { name: string };
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  /** Where the result is collected: the desk that received the dossier, else the resolving agency. */
  collectAt: { name: string; address: string | null; phone: string | null };
  steps: { at: string; action: string; vi: string; en: string }[];
  applicant: { name: string; phone?: string | null; email?: string | null; address?: string | null };
  personalData: boolean;
}

interface Row extends Record<string, unknown> {
  code: string;
  status: DossierStatus;
  state: DossierState;
  applicant: StoredApplicant;
  applicant_user_id: string | null;
  procedure_code: string;
  procedure_name: string;
  agency_name: string;
  desk_name: string;
  desk_address: string | null;
  desk_phone: string | null;
  events: [string, number][] | null;
}

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

export async function trackDossier(
  db: Db,
  code: string,
  viewer: { userId: string | null; lastFour: string | null },
): Promise<TrackingResult> {
  if (!parseDossierCode(code).ok) throw new AppError('DOSSIER_NOT_FOUND', { field: 'code' });
  const result = await db.execute<Row>(sql`
    select d.code, d.status, d.state, d.applicant, d.applicant_user_id,
           p.code as procedure_code, v.name as procedure_name, a.name as agency_name,
           coalesce(i.name, a.name) as desk_name, coalesce(i.address, a.address) as desk_address,
           coalesce(i.phone, a.phone) as desk_phone,
           (select json_agg(json_build_array(e.action, (extract(epoch from e.at) * 1000)::bigint) order by e.seq)
              from dossier_events e where e.dossier_id = d.id) as events
      from dossiers d
      join agencies a on a.id = d.agency_id
      left join agencies i on i.id = d.intake_agency_id
      join procedures p on p.id = d.procedure_id
      join procedure_versions v on v.id = d.procedure_version_id
     where d.code = ${code}`);
  const row = result.rows[0];
  if (!row) throw new AppError('DOSSIER_NOT_FOUND', { field: 'code' });
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
    applicant: {
      userId: row.applicant_user_id,
      name: row.applicant.name,
      phone: row.applicant.phone,
      personalId: row.applicant.personalId,
      email: row.applicant.email,
      address: row.applicant.address,
    },
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
