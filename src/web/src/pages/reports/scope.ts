import { useTranslation } from 'react-i18next';
import { subtreeOf, useAdminAgencies, type AdminAgency } from '../../api/agencies.ts';
import type { Me } from '../../api/hooks.ts';
import { useMyRoles } from '../admin/common.tsx';

export interface Scope {
  /** `code` or `code+` (with the agencies below). */
  value: string;
  agency: string;
  subtree: boolean;
  label: string;
}

export const scopeValue = (agency: string, subtree: boolean) => (subtree ? `${agency}+` : agency);

/**
 * What a user may report on: a system administrator everything, a supervisor the subtree it oversees
 * (as a whole and agency by agency), anyone else the agencies they hold a role in.
 */
export function useReportScopes(me: Me) {
  const { t } = useTranslation();
  const agencies = useAdminAgencies();
  const roles = useMyRoles();
  const items = agencies.data?.items ?? [];
  const byCode = new Map(items.map((a) => [a.code, a]));
  const hasChildren = (code: string) => items.some((a) => a.parentCode === code);
  const scopes: Scope[] = [];
  const seen = new Set<string>();
  const add = (a: AdminAgency | undefined, subtree: boolean) => {
    if (!a) return;
    const wide = subtree && hasChildren(a.code);
    const value = scopeValue(a.code, wide);
    if (seen.has(value)) return;
    seen.add(value);
    scopes.push({
      value,
      agency: a.code,
      subtree: wide,
      label: wide ? t('rpt.withSubtree', { name: a.name }) : a.name,
    });
  };
  /** Agencies the user may pick in the report form (one at a time). */
  const reportable = new Set<string>();
  const isSystemAdmin = me.roles.some((r) => r.role === 'system_admin');
  if (isSystemAdmin) {
    for (const a of items.filter((x) => x.parentCode === null)) add(a, true);
    for (const a of items) {
      add(a, false);
      reportable.add(a.code);
    }
  }
  for (const r of roles.data?.roles ?? []) {
    if (!r.agencyCode) continue;
    if (r.role === 'supervisor') {
      add(byCode.get(r.agencyCode), true);
      for (const code of subtreeOf(items, r.agencyCode)) {
        add(byCode.get(code), false);
        reportable.add(code);
      }
    } else {
      add(byCode.get(r.agencyCode), false);
      reportable.add(r.agencyCode);
    }
  }
  /** Subtree reports only where the caller oversees the agencies below (supervisors, system administrators). */
  const mayWiden = (code: string) =>
    hasChildren(code) &&
    (isSystemAdmin ||
      (roles.data?.roles ?? []).some(
        (r) => r.role === 'supervisor' && r.agencyCode !== null && subtreeOf(items, r.agencyCode).has(code),
      ));
  return {
    loading: agencies.isPending || roles.isPending,
    error: agencies.error ?? roles.error,
    scopes,
    agencies: items.filter((a) => reportable.has(a.code)),
    hasChildren,
    mayWiden,
  };
}
