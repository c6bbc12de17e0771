import type { Me, StaffRole } from '../api/hooks.ts';

/** The inbox tab where each role's own work waits (the tabs of pages/staff/InboxPage.tsx). */
const tabOfRole: Record<StaffRole, string> = {
  receiving_officer: 'receive',
  handling_officer: 'handle',
  approver: 'assign',
  clerk: 'issue',
  agency_admin: 'all',
  supervisor: 'all',
  system_admin: 'all',
};

/**
 * Where a user lands after logging in: the page that asked for the login when there was one (paths of
 * this site only, never another origin), else staff their inbox at the tab of their first role and
 * citizens and businesses their dossiers. Staff sent to the public search had to find their work first.
 */
export function landingPath(me: Pick<Me, 'kind' | 'roles'> | null | undefined, next: string | null): string {
  if (next && /^\/(?![/\\])/.test(next)) return next;
  if (!me) return '/';
  if (me.kind !== 'staff') return '/ho-so-cua-toi';
  const first = me.roles[0];
  return first ? `/can-bo/ho-so?tab=${tabOfRole[first.role]}` : '/';
}
