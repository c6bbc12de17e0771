/** Staff roles, held per agency. One person may hold several roles in several agencies. */
export const staffRoles = [
  'receiving_officer',
  'handling_officer',
  'approver',
  'clerk',
  'agency_admin',
  'supervisor',
  'system_admin',
] as const;

export type StaffRole = (typeof staffRoles)[number];

export const roleNames = {
  receiving_officer: { vi: 'Cán bộ tiếp nhận', en: 'Receiving officer' },
  handling_officer: { vi: 'Chuyên viên thụ lý', en: 'Handling officer' },
  approver: { vi: 'Lãnh đạo phê duyệt', en: 'Approver' },
  clerk: { vi: 'Văn thư', en: 'Clerk' },
  agency_admin: { vi: 'Quản trị cơ quan', en: 'Agency administrator' },
  supervisor: { vi: 'Giám sát', en: 'Supervisor' },
  system_admin: { vi: 'Quản trị hệ thống', en: 'System administrator' },
} as const satisfies Record<StaffRole, { vi: string; en: string }>;

export const agencyLevels = ['ministry', 'province', 'department', 'district', 'commune'] as const;
export type AgencyLevel = (typeof agencyLevels)[number];

export const agencyLevelNames = {
  ministry: { vi: 'Bộ, ngành', en: 'Ministry' },
  province: { vi: 'Cấp tỉnh', en: 'Province' },
  department: { vi: 'Sở, ban, ngành', en: 'Department' },
  district: { vi: 'Cấp huyện', en: 'District' },
  commune: { vi: 'Cấp xã', en: 'Commune' },
} as const satisfies Record<AgencyLevel, { vi: string; en: string }>;

export const userKinds = ['staff', 'citizen', 'business'] as const;
export type UserKind = (typeof userKinds)[number];
