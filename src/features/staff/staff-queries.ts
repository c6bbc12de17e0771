import { and, asc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Staff, StaffGrant } from '../../contracts/staff.ts';
import { agencies, roleAssignments, users } from '../../db/schema.ts';
import {
  can,
  canChangeRolesOf,
  inScope,
  isSystemAdmin,
  scopeFor,
  type AgencyAction,
  type AgencyScope,
  type Principal,
} from '../../domain/access/policy.ts';
import type { StaffRole } from '../../domain/access/roles.ts';
import { AppError } from '../../domain/errors.ts';

/** SQL form of a policy scope over the agencies table. */
export function agencyScopeSql(scope: AgencyScope): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'none':
      return sql`false`;
    case 'some': {
      const parts: SQL[] = [];
      if (scope.agencyIds.length) parts.push(inArray(agencies.id, [...scope.agencyIds]));
      for (const p of scope.subtreePaths) parts.push(like(agencies.path, `${p}%`));
      return or(...parts) ?? sql`false`;
    }
  }
}

export type StaffGrantView = StaffGrant;
export type StaffView = Staff;

interface GrantRow {
  id: number;
  userId: string;
  role: StaffRole;
  unitId: number | null;
  agencyId: number | null;
  agencyCode: string | null;
  agencyName: string | null;
  agencyPath: string | null;
}

async function grantsOf(db: Executor, userIds: string[]): Promise<GrantRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select({
      id: roleAssignments.id,
      userId: roleAssignments.userId,
      role: roleAssignments.role,
      unitId: roleAssignments.unitId,
      agencyId: agencies.id,
      agencyCode: agencies.code,
      agencyName: agencies.name,
      agencyPath: agencies.path,
    })
    .from(roleAssignments)
    .leftJoin(agencies, eq(agencies.id, roleAssignments.agencyId))
    .where(inArray(roleAssignments.userId, userIds))
    .orderBy(asc(roleAssignments.id));
}

/** Whether the caller may change this person: every agency they hold a role in must be the caller's to manage. */
export function canManagePerson(principal: Principal, grants: GrantRow[], action: AgencyAction): boolean {
  if (isSystemAdmin(principal)) return true;
  if (grants.length === 0) return false;
  return grants.every(
    (g) =>
      g.agencyId !== null &&
      g.agencyPath !== null &&
      can(principal, action, { id: g.agencyId, path: g.agencyPath }),
  );
}

export async function presentStaff(
  db: Executor,
  principal: Principal,
  rows: (typeof users.$inferSelect)[],
): Promise<StaffView[]> {
  const readScope = scopeFor(principal, 'staff.read');
  const grants = await grantsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const own = grants.filter((g) => g.userId === r.id);
    // Only the roles held in agencies the caller may see: a person's other postings are not theirs to know.
    const visible = own.filter((g) =>
      g.agencyId === null
        ? isSystemAdmin(principal)
        : inScope(readScope, { id: g.agencyId, path: g.agencyPath! }),
    );
    const actions: string[] = [];
    const manages = canManagePerson(principal, own, 'staff.update');
    if (manages) actions.push('staff.update');
    // Contact details are personal data: for the person and whoever administers every agency they work in.
    const contact = manages || r.id === principal.userId;
    const grantable = own.some(
      (g) =>
        g.agencyId !== null && can(principal, 'staff.grant_role', { id: g.agencyId, path: g.agencyPath! }),
    );
    const ownRoles = own.map((g) => g.role);
    if (isSystemAdmin(principal) || (grantable && canChangeRolesOf(principal, ownRoles))) {
      actions.push('staff.grant_role');
    }
    return {
      id: r.id,
      username: r.username,
      fullName: r.fullName,
      email: contact ? r.email : null,
      phone: contact ? r.phone : null,
      disabled: r.disabled,
      version: r.version,
      roles: visible.map((g) => ({
        id: g.id,
        role: g.role,
        agencyCode: g.agencyCode,
        agencyName: g.agencyName,
        unitId: g.unitId,
      })),
      actions,
    };
  });
}

/** A staff member the caller may read, or NOT_FOUND: existence outside one's scope is not revealed. */
export async function findVisibleStaff(
  db: Executor,
  principal: Principal,
  userId: string,
): Promise<{ row: typeof users.$inferSelect; grants: GrantRow[] }> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.kind, 'staff')))
    .limit(1);
  if (!row) throw new AppError('USER_NOT_FOUND');
  const grants = await grantsOf(db, [row.id]);
  const scope = scopeFor(principal, 'staff.read');
  const visible =
    isSystemAdmin(principal) ||
    grants.some((g) => g.agencyId !== null && inScope(scope, { id: g.agencyId, path: g.agencyPath! }));
  if (!visible) throw new AppError('USER_NOT_FOUND');
  return { row, grants };
}
