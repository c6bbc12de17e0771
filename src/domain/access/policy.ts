import type { StaffRole, UserKind } from './roles.ts';

/**
 * Who may do what, in one place. Every rule is data: the roles that allow an action when held
 * at the resource's agency, and the roles that allow it when held at any agency above it
 * (oversight of a subtree). From the same rule we derive both the yes/no answer for one resource
 * and the SQL scope for lists, so a list can never show what a read would refuse.
 */
export interface RoleGrant {
  role: StaffRole;
  /** null only for system_admin, which is global. */
  agencyId: number | null;
  /** Materialised path of the agency, '/1/4/9/'; null with agencyId. */
  agencyPath: string | null;
}

export interface Principal {
  userId: string;
  kind: UserKind;
  grants: readonly RoleGrant[];
}

/** An agency as policies see it: its id and its materialised path (which contains its ancestors). */
export interface AgencyRef {
  id: number;
  path: string;
}

interface Rule {
  /** Anyone, even without logging in. */
  readonly public?: boolean;
  /** Roles that allow the action when held at the resource's own agency. */
  readonly at: readonly StaffRole[];
  /** Roles that allow the action when held at the resource's agency or any agency above it. */
  readonly above: readonly StaffRole[];
}

const anyStaffRole = [
  'receiving_officer',
  'handling_officer',
  'approver',
  'clerk',
  'agency_admin',
  'supervisor',
] as const satisfies readonly StaffRole[];

export const agencyRules = {
  'agency.read': { public: true, at: [], above: [] },
  'agency.create_child': { at: [], above: [] },
  'agency.update': { at: ['agency_admin'], above: [] },
  'agency.manage_units': { at: ['agency_admin'], above: [] },
  'staff.list': { at: anyStaffRole, above: ['supervisor'] },
  'staff.read': { at: anyStaffRole, above: ['supervisor'] },
  'staff.create': { at: ['agency_admin'], above: [] },
  'staff.update': { at: ['agency_admin'], above: [] },
  'staff.grant_role': { at: ['agency_admin'], above: [] },
  'audit.read': { at: ['agency_admin'], above: ['supervisor'] },
  // Statistics of an agency: its own staff, and supervisors of a subtree above it.
  'report.read': { at: anyStaffRole, above: ['supervisor'] },
  // Procedures an agency implements: its administrator edits drafts, publishes and sets internal processes.
  'procedure.edit': { at: ['agency_admin'], above: [] },
  'procedure.publish': { at: ['agency_admin'], above: [] },
  'procedure.manage_process': { at: ['agency_admin'], above: [] },
  'procedure.read_internal': { at: anyStaffRole, above: ['supervisor'] },
  // The inbox of an agency: its staff, and supervisors of a subtree above it (list-dossiers.ts also lets the
  // desk that took a dossier in see it).
  'dossier.list': { at: anyStaffRole, above: ['supervisor'] },
} as const satisfies Record<string, Rule>;

export type AgencyAction = keyof typeof agencyRules;

/** Roles an agency administrator may hand out in their own agency; the rest only a system administrator. */
export const rolesGrantableByAgencyAdmin: readonly StaffRole[] = [
  'receiving_officer',
  'handling_officer',
  'approver',
  'clerk',
  'agency_admin',
];

export function isSystemAdmin(principal: Principal | undefined): boolean {
  return !!principal?.grants.some((g) => g.role === 'system_admin');
}

export function can(principal: Principal | undefined, action: AgencyAction, agency: AgencyRef): boolean {
  const rule: Rule = agencyRules[action];
  if (rule.public) return true;
  if (!principal || principal.kind !== 'staff') return false;
  if (isSystemAdmin(principal)) return true;
  return principal.grants.some(
    (g) =>
      (g.agencyId === agency.id && rule.at.includes(g.role)) ||
      (g.agencyPath !== null && rule.above.includes(g.role) && agency.path.startsWith(g.agencyPath)),
  );
}

/** Which agencies a list may draw from for this action. */
export type AgencyScope =
  | { kind: 'all' }
  | { kind: 'some'; agencyIds: readonly number[]; subtreePaths: readonly string[] }
  | { kind: 'none' };

export function scopeFor(principal: Principal | undefined, action: AgencyAction): AgencyScope {
  const rule: Rule = agencyRules[action];
  if (rule.public) return { kind: 'all' };
  if (!principal || principal.kind !== 'staff') return { kind: 'none' };
  if (isSystemAdmin(principal)) return { kind: 'all' };
  const agencyIds = new Set<number>();
  const subtreePaths = new Set<string>();
  for (const g of principal.grants) {
    if (g.agencyId !== null && rule.at.includes(g.role)) agencyIds.add(g.agencyId);
    if (g.agencyPath !== null && rule.above.includes(g.role)) subtreePaths.add(g.agencyPath);
  }
  if (agencyIds.size === 0 && subtreePaths.size === 0) return { kind: 'none' };
  return { kind: 'some', agencyIds: [...agencyIds], subtreePaths: [...subtreePaths] };
}

export function inScope(scope: AgencyScope, agency: AgencyRef): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'some':
      return scope.agencyIds.includes(agency.id) || scope.subtreePaths.some((p) => agency.path.startsWith(p));
  }
}

/** The actions of a group the caller may take on one agency's resource; sent beside the data. */
export function allowedActions<A extends AgencyAction>(
  principal: Principal | undefined,
  candidates: readonly A[],
  agency: AgencyRef,
): A[] {
  return candidates.filter((a) => can(principal, a, agency));
}

/** The changes to a procedure that alter what the agencies implementing it serve. */
export type ProcedureChange = 'procedure.edit' | 'procedure.publish';

/**
 * Whether the caller may change a procedure whose change affects these agencies: every agency that
 * implements it before the change (its version in force, any scheduled one, its draft) and after (the new
 * content). A right at one of them is not enough: a procedure shared by several agencies is theirs
 * together, and an administrator of one must not drop the others from it or change what they serve. So
 * the right is needed at each of them, or the caller is a system administrator. An empty list allows
 * nobody else (there is nothing to hold a right over).
 */
export function canChangeProcedure(
  principal: Principal | undefined,
  action: ProcedureChange,
  affected: readonly AgencyRef[],
): boolean {
  if (!principal || principal.kind !== 'staff') return false;
  if (isSystemAdmin(principal)) return true;
  return affected.length > 0 && affected.every((a) => can(principal, action, a));
}

/**
 * The agencies a change affects, once each: the union of the implementing agencies of the procedure's
 * live versions and of the new content.
 */
export function affectedAgencies<A extends AgencyRef>(...lists: readonly (readonly A[])[]): A[] {
  const byId = new Map<number, A>();
  for (const list of lists) for (const a of list) if (!byId.has(a.id)) byId.set(a.id, a);
  return [...byId.values()];
}

/**
 * Whether a desk (a receiving officer's agency) may take a dossier in for a procedure: when its agency
 * implements the procedure, or when it is a one-stop desk, whose task is receiving for other agencies.
 * Any other agency's desk taking dossiers in for someone else's procedure (in a citizen's name, which
 * puts the dossier in that citizen's account) is refused.
 */
export function canTakeInAtDesk(
  desk: { id: number; isOneStopDesk: boolean },
  implementing: readonly { id: number }[],
): boolean {
  return desk.isOneStopDesk || implementing.some((a) => a.id === desk.id);
}

/**
 * Whether the caller may know which account a dossier's applicant has: only that applicant. Staff work
 * from the applicant's details on the dossier; the account id would tell a desk officer which personal
 * ID numbers have an account.
 */
export function canSeeApplicantAccount(
  principal: Principal | undefined,
  applicantUserId: string | null,
): boolean {
  return principal !== undefined && applicantUserId !== null && principal.userId === applicantUserId;
}

/**
 * Roles on an account that holds the system administrator role are given and taken by system
 * administrators only: an agency administrator may not draw that account into their agency.
 */
export function canChangeRolesOf(
  principal: Principal | undefined,
  targetRoles: readonly StaffRole[],
): boolean {
  return isSystemAdmin(principal) || !targetRoles.includes('system_admin');
}

export function canGrantRole(
  principal: Principal | undefined,
  role: StaffRole,
  agency: AgencyRef | null,
): boolean {
  if (isSystemAdmin(principal)) return true;
  if (agency === null) return false;
  return rolesGrantableByAgencyAdmin.includes(role) && can(principal, 'staff.grant_role', agency);
}
