// Hooks of the agency directory's administration (agencies and their units), and the tree helpers the
// admin and report pages share. Only lazy staff pages import this file.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Agency,
  AgencyList,
  CreateAgencyBody,
  CreateUnitBody,
  Unit,
  UpdateAgencyBody,
} from '../../../contracts/agencies.ts';
import type { OfficeHours } from '../../../contracts/common.ts';
import { adminKeys } from './admin.ts';
import { api } from './client.ts';

// The answers' shapes are the server's contracts (src/contracts), imported as types only.
export type { AgencyLevel, CreateAgencyBody, Unit, UpdateAgencyBody } from '../../../contracts/agencies.ts';
export type { OfficeHours };
export type AdminAgency = Agency;
export type Period = OfficeHours['periods'][number];

export function useAdminAgencies() {
  return useQuery({
    queryKey: adminKeys.agencies,
    queryFn: () => api<AgencyList>('GET', '/api/v1/agencies'),
    staleTime: 60_000,
  });
}

export function useAdminAgency(code: string | null) {
  return useQuery({
    queryKey: adminKeys.agency(code ?? ''),
    queryFn: () => api<AdminAgency>('GET', `/api/v1/agencies/${code!}`),
    enabled: !!code,
  });
}

export function useUpdateAgency(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateAgencyBody) => api<AdminAgency>('PATCH', `/api/v1/agencies/${code}`, patch),
    onSuccess: (agency) => {
      client.setQueryData(adminKeys.agency(code), agency);
      return client.invalidateQueries({ queryKey: ['agencies'] });
    },
  });
}

export function useCreateAgency() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAgencyBody) => api<AdminAgency>('POST', '/api/v1/agencies', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['agencies'] }),
  });
}

export function useAddUnit(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUnitBody) => api<Unit>('POST', `/api/v1/agencies/${code}/units`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['agencies'] }),
  });
}

export function useRemoveUnit(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (unitId: number) => api<undefined>('DELETE', `/api/v1/agencies/${code}/units/${unitId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['agencies'] }),
  });
}

/** The agencies at and below `code` (the tree is given by parent codes). */
export function subtreeOf(agencies: readonly AdminAgency[], code: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const a of agencies)
    if (a.parentCode) children.set(a.parentCode, [...(children.get(a.parentCode) ?? []), a.code]);
  const out = new Set<string>();
  const stack = [code];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (out.has(c)) continue;
    out.add(c);
    stack.push(...(children.get(c) ?? []));
  }
  return out;
}

/** Agencies in tree order (each followed by its children, by name) with their depth. */
export function treeOrder(agencies: readonly AdminAgency[]): { agency: AdminAgency; depth: number }[] {
  const codes = new Set(agencies.map((a) => a.code));
  const children = new Map<string | null, AdminAgency[]>();
  for (const a of agencies) {
    const parent = a.parentCode && codes.has(a.parentCode) ? a.parentCode : null;
    children.set(parent, [...(children.get(parent) ?? []), a]);
  }
  const out: { agency: AdminAgency; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const a of (children.get(parent) ?? []).sort((x, y) => x.name.localeCompare(y.name, 'vi'))) {
      out.push({ agency: a, depth });
      walk(a.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
