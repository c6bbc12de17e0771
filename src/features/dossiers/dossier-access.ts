/**
 * Finding a dossier and deciding who the caller is to it: the applicant, an officer of the resolving
 * agency or of the desk that received it, an officer of a cooperating agency, or a supervisor above.
 * Every dossier read and action goes through here, so scoping lives in one place.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.ts';
import { agencies, dossiers } from '../../db/schema.ts';
import { canTakeInAtDesk, isSystemAdmin, type Principal } from '../../domain/access/policy.ts';
import type { StaffRole } from '../../domain/access/roles.ts';
import { parseDossierCode, type DossierActor } from '../../domain/dossier/index.ts';
import { AppError } from '../../domain/errors.ts';

export type DossierRow = typeof dossiers.$inferSelect;

export interface AgencyInfo {
  id: number;
  code: string;
  name: string;
  path: string;
  officeHours: (typeof agencies.$inferSelect)['officeHours'];
}

export interface LoadedDossier {
  row: DossierRow;
  agency: AgencyInfo;
  intakeAgency: AgencyInfo | null;
  /** Agencies asked to cooperate (from the state), by code. */
  cooperating: Map<string, AgencyInfo>;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const agencyColumns = {
  id: agencies.id,
  code: agencies.code,
  name: agencies.name,
  path: agencies.path,
  officeHours: agencies.officeHours,
};

export async function agenciesByIds(db: Executor, ids: number[]): Promise<Map<number, AgencyInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select(agencyColumns).from(agencies).where(inArray(agencies.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function agenciesByCodes(db: Executor, codes: string[]): Promise<Map<string, AgencyInfo>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select(agencyColumns).from(agencies).where(inArray(agencies.code, codes));
  return new Map(rows.map((r) => [r.code, r]));
}

/**
 * The dossier named by its code (or, for drafts that have none yet, its id). With `forUpdate` the row is
 * locked until the transaction ends: actions on one dossier take turns.
 */
export async function loadDossier(
  db: Executor | Tx,
  ref: string,
  options: { forUpdate?: boolean } = {},
): Promise<LoadedDossier> {
  const byId = UUID_RE.test(ref);
  if (!byId && !parseDossierCode(ref).ok) throw new AppError('DOSSIER_NOT_FOUND', { field: 'code' });
  const query = db
    .select()
    .from(dossiers)
    .where(byId ? eq(dossiers.id, ref.toLowerCase()) : eq(dossiers.code, ref))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('DOSSIER_NOT_FOUND', { field: 'code' });
  // A code names its agency: a code whose agency part differs from the dossier's agency cannot exist,
  // so a lookup by another agency's code simply finds nothing above.
  const ids = [row.agencyId, ...(row.intakeAgencyId === null ? [] : [row.intakeAgencyId])];
  const byIdMap = await agenciesByIds(db, ids);
  const cooperationCodes = row.state.cooperation.map((b) => b.agencyCode);
  return {
    row,
    agency: byIdMap.get(row.agencyId)!,
    intakeAgency: row.intakeAgencyId === null ? null : byIdMap.get(row.intakeAgencyId)!,
    cooperating: await agenciesByCodes(db, cooperationCodes),
  };
}

const officeRoles = ['handling_officer', 'approver', 'clerk'] as const satisfies readonly StaffRole[];

/**
 * Every way the caller may act on the dossier, most specific first. A person holding several roles acts
 * in whichever of them the action needs (an approver who is also a clerk may sign and then issue).
 */
export function actorsOf(principal: Principal | undefined, loaded: LoadedDossier): DossierActor[] {
  if (!principal) return [];
  const { row, agency, intakeAgency, cooperating } = loaded;
  const actors: DossierActor[] = [];
  if (row.applicantUserId !== null && row.applicantUserId === principal.userId) {
    actors.push({ id: principal.userId, role: 'applicant', agencyCode: null });
  }
  if (principal.kind !== 'staff') return actors;
  for (const g of principal.grants) {
    if (g.role === 'receiving_officer') {
      // The desk that took the dossier in, or the resolving agency's own desk.
      if (g.agencyId === agency.id)
        actors.push({ id: principal.userId, role: g.role, agencyCode: agency.code });
      else if (intakeAgency && g.agencyId === intakeAgency.id)
        actors.push({ id: principal.userId, role: g.role, agencyCode: intakeAgency.code });
    }
    if ((officeRoles as readonly string[]).includes(g.role) && g.agencyId === agency.id) {
      actors.push({ id: principal.userId, role: g.role, agencyCode: agency.code });
    }
  }
  for (const g of principal.grants) {
    if (g.role !== 'handling_officer' && g.role !== 'approver') continue;
    for (const coop of cooperating.values()) {
      if (g.agencyId === coop.id && coop.id !== agency.id)
        actors.push({ id: principal.userId, role: 'cooperating_officer', agencyCode: coop.code });
    }
  }
  return actors;
}

/**
 * Refuses (NOT_AT_DESK) a desk that may not take a dossier in for a procedure implemented by these
 * agencies (the policy's `canTakeInAtDesk`); reads the desk's one-stop flag only when it does not
 * implement the procedure.
 */
export async function checkDesk(
  db: Executor,
  desk: { id: number },
  implementing: readonly { id: number }[],
): Promise<void> {
  if (implementing.some((a) => a.id === desk.id)) return;
  const [row] = await db
    .select({ id: agencies.id, isOneStopDesk: agencies.isOneStopDesk })
    .from(agencies)
    .where(eq(agencies.id, desk.id));
  if (row && canTakeInAtDesk(row, implementing)) return;
  throw new AppError('NOT_AT_DESK', {
    field: 'intakeAgency',
    vi: 'Bộ phận tiếp nhận của cơ quan này chỉ nhận hồ sơ của thủ tục do cơ quan thực hiện; hồ sơ của cơ quan khác được nhận tại Bộ phận Một cửa.',
    en: 'This agency’s desk takes in dossiers only for procedures the agency implements; other agencies’ dossiers are taken in at a one-stop desk.',
  });
}

/** A supervisor's grant over the agency's subtree. */
function supervises(g: Principal['grants'][number], a: AgencyInfo): boolean {
  return g.role === 'supervisor' && g.agencyPath !== null && a.path.startsWith(g.agencyPath);
}

/**
 * Whether the caller may read the dossier at all: act on it, belong to its resolving agency or to the desk
 * that took it in, or oversee one of those. An agency asked for an opinion sees it through the officers
 * who may answer (`cooperating_officer` in `actorsOf`) and the supervisors above it, not through its
 * desk, clerks or administrators.
 */
export function mayView(principal: Principal | undefined, loaded: LoadedDossier): boolean {
  if (!principal) return false;
  if (actorsOf(principal, loaded).length > 0) return true;
  if (principal.kind !== 'staff') return false;
  if (isSystemAdmin(principal)) return true;
  const parties = [loaded.agency, loaded.intakeAgency].filter((a): a is AgencyInfo => a !== null);
  const asked = [...loaded.cooperating.values()];
  return principal.grants.some(
    (g) =>
      parties.some((a) => g.agencyId === a.id || supervises(g, a)) || asked.some((a) => supervises(g, a)),
  );
}

/**
 * The asked agencies through which alone the caller sees the dossier (they see what an opinion needs:
 * the dossier, its components and their own agency's requests), or null when the caller sees all of it
 * (a party to the dossier, its applicant, a supervisor above its agency, a system administrator).
 */
export function opinionOnlyView(principal: Principal | undefined, loaded: LoadedDossier): Set<string> | null {
  if (!principal || principal.kind !== 'staff' || isSystemAdmin(principal)) return null;
  const actors = actorsOf(principal, loaded);
  if (actors.some((a) => a.role !== 'cooperating_officer')) return null;
  const parties = [loaded.agency, loaded.intakeAgency].filter((a): a is AgencyInfo => a !== null);
  if (principal.grants.some((g) => parties.some((a) => g.agencyId === a.id || supervises(g, a)))) return null;
  const codes = new Set(actors.map((a) => a.agencyCode ?? ''));
  for (const a of loaded.cooperating.values())
    if (principal.grants.some((g) => supervises(g, a))) codes.add(a.code);
  return codes;
}

/** Loads a dossier the caller may see; one they may not see is "not found", so codes reveal nothing. */
export async function loadVisibleDossier(
  db: Executor,
  principal: Principal | undefined,
  ref: string,
  options: { forUpdate?: boolean } = {},
): Promise<LoadedDossier> {
  if (!principal) throw new AppError('UNAUTHENTICATED');
  const loaded = await loadDossier(db, ref, options);
  if (!mayView(principal, loaded)) throw new AppError('DOSSIER_NOT_FOUND', { field: 'code' });
  return loaded;
}
