// Hooks of the staff accounts' administration. Only lazy staff pages import this file.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateStaffBody,
  RoleGrantBody,
  Staff,
  StaffList,
  StaffRole,
  UpdateStaffBody,
} from '../../../contracts/staff.ts';
import { staffRoles } from '../../../domain/access/roles.ts';
import { adminKeys, query } from './admin.ts';
import { api } from './client.ts';

// The answers' shapes are the server's contracts (src/contracts), imported as types only.
export type { RoleGrantBody, Staff as StaffMember };
export { staffRoles };

/** What an agency administrator may grant in their agency; the rest only a system administrator. */
export const rolesGrantableByAgencyAdmin: readonly StaffRole[] = [
  'receiving_officer',
  'handling_officer',
  'approver',
  'clerk',
  'agency_admin',
];

export interface StaffListParams {
  agency?: string | undefined;
  role?: StaffRole | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export function useStaffList(params: StaffListParams) {
  return useQuery({
    queryKey: adminKeys.staffList({ ...params }),
    queryFn: () => api<StaffList>('GET', `/api/v1/staff?${query({ ...params })}`),
    placeholderData: (previous) => previous,
  });
}

export function useCreateStaff() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateStaffBody) => api<Staff>('POST', '/api/v1/staff', input),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.staffAll }),
  });
}

export function useUpdateStaff(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateStaffBody) => api<Staff>('PATCH', `/api/v1/staff/${id}`, patch),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.staffAll }),
  });
}

export function useGrantRole(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RoleGrantBody) => api<Staff>('POST', `/api/v1/staff/${id}/roles`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.staffAll }),
  });
}

export function useRevokeRole(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (assignmentId: number) =>
      api<undefined>('DELETE', `/api/v1/staff/${id}/roles/${assignmentId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.staffAll }),
  });
}
