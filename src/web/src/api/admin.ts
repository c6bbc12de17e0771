// Hooks and types of the administration screens, the dashboard and the reports. Only lazy staff pages
// import this file, so none of it weighs on the citizen home page.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProcedureContent, ProcessStep } from '../../../domain/catalog/model.ts';
import type { PeriodCell } from '../../../domain/statistics/period-report.ts';
import type { DurationUnit } from '../format.ts';
import { ApiError, api, errorFrom, getCsrfToken, networkError } from './client.ts';
import type { StaffRole } from './hooks.ts';

export type { ProcedureContent, ProcessStep };

type Params = Record<string, string | number | boolean | string[] | undefined>;

/** Query keys: each starts with the prefix of the resource the base factory uses, so invalidating it covers both. */
export const adminKeys = {
  agencies: ['agencies', 'admin'] as const,
  agency: (code: string) => ['agencies', 'admin', code] as const,
  staffAll: ['staff', 'admin'] as const,
  staffList: (params: Params) => ['staff', 'admin', 'list', params] as const,
  fields: ['procedures', 'fields'] as const,
  catalogAll: ['procedures'] as const,
  catalogSearch: (params: Params) => ['procedures', 'admin', 'search', params] as const,
  drafts: ['procedures', 'admin', 'drafts'] as const,
  published: (code: string) => ['procedures', 'admin', 'published', code] as const,
  draft: (code: string) => ['procedures', 'admin', 'draft', code] as const,
  history: (code: string) => ['procedures', 'admin', 'history', code] as const,
  processes: (code: string) => ['procedures', 'admin', 'processes', code] as const,
  resolution: (params: Params) => ['reports', 'resolution', params] as const,
  resolutionDossiers: (params: Params) => ['reports', 'resolution-dossiers', params] as const,
  /** Under the dossiers prefix: a dossier action refreshes the dashboard's counts too. */
  dashboard: (params: Params) => ['dossiers', 'dashboard', params] as const,
};

export function query(params: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '' || v === false) continue;
    if (Array.isArray(v)) for (const item of v) q.append(k, item);
    else q.set(k, String(v));
  }
  return q.toString();
}

// ——— Errors ———

export interface FieldIssue {
  /** Path in the request body (`content/components/0/name`), or null when the whole request is concerned. */
  field: string | null;
  message: string;
  /** The field as the server names it (publication problems), in the user's language. */
  label?: string | undefined;
  /** A warning refuses nothing; absent means an error. */
  severity?: 'error' | 'warning' | undefined;
}

interface RawIssue {
  field?: string | null;
  path?: string | null;
  message?: string;
  message_en?: string;
  label?: string;
  label_en?: string;
  severity?: 'error' | 'warning';
}

/** Every problem an API error reports, in the user's language: the listed ones, or the error itself. */
export function issuesOf(error: unknown, language: string): FieldIssue[] {
  if (!(error instanceof ApiError))
    return error instanceof Error ? [{ field: null, message: error.message }] : [];
  const listed = (error.details?.errors as RawIssue[] | undefined) ?? [];
  if (listed.length === 0) return [{ field: error.field ?? null, message: error.message }];
  return listed.map((i) => ({
    field: i.field ?? i.path ?? null,
    message: (language === 'en' ? i.message_en : i.message) ?? i.message ?? error.message,
    label: (language === 'en' ? i.label_en : i.label) ?? i.label,
    severity: i.severity,
  }));
}

// ——— Agencies ———

export type AgencyLevel = 'ministry' | 'province' | 'department' | 'district' | 'commune';
export interface Period {
  from: string;
  to: string;
}
export interface OfficeHours {
  periods: Period[];
  seasons?: { from: string; to: string; periods: Period[] }[];
}
export interface Unit {
  id: number;
  code: string | null;
  name: string;
}
export interface AdminAgency {
  code: string;
  name: string;
  shortName: string | null;
  level: AgencyLevel;
  parentCode: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  officeHours: OfficeHours | null;
  isOneStopDesk: boolean;
  version: number;
  units: Unit[];
  actions: string[];
}

export function useAdminAgencies() {
  return useQuery({
    queryKey: adminKeys.agencies,
    queryFn: () => api<{ items: AdminAgency[] }>('GET', '/api/v1/agencies'),
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

export interface AgencyPatch {
  version: number;
  name?: string;
  shortName?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  officeHours?: OfficeHours | null;
  isOneStopDesk?: boolean;
}

export function useUpdateAgency(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: AgencyPatch) => api<AdminAgency>('PATCH', `/api/v1/agencies/${code}`, patch),
    onSuccess: (agency) => {
      client.setQueryData(adminKeys.agency(code), agency);
      return client.invalidateQueries({ queryKey: ['agencies'] });
    },
  });
}

export interface NewAgency {
  code: string;
  name: string;
  shortName?: string;
  level: AgencyLevel;
  parentCode: string | null;
  address?: string;
  phone?: string;
  email?: string;
}

export function useCreateAgency() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewAgency) => api<AdminAgency>('POST', '/api/v1/agencies', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['agencies'] }),
  });
}

export function useAddUnit(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; code?: string }) =>
      api<Unit>('POST', `/api/v1/agencies/${code}/units`, input),
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

// ——— Staff ———

export const staffRoles = [
  'receiving_officer',
  'handling_officer',
  'approver',
  'clerk',
  'agency_admin',
  'supervisor',
  'system_admin',
] as const satisfies readonly StaffRole[];
/** What an agency administrator may grant in their agency; the rest only a system administrator. */
export const rolesGrantableByAgencyAdmin: readonly StaffRole[] = [
  'receiving_officer',
  'handling_officer',
  'approver',
  'clerk',
  'agency_admin',
];

export interface StaffMember {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  disabled: boolean;
  version: number;
  roles: {
    id: number;
    role: StaffRole;
    agencyCode: string | null;
    agencyName: string | null;
    unitId: number | null;
  }[];
  actions: string[];
}

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
    queryFn: () =>
      api<{ items: StaffMember[]; total: number; page: number; pageSize: number }>(
        'GET',
        `/api/v1/staff?${query({ ...params })}`,
      ),
    placeholderData: (previous) => previous,
  });
}

export interface RoleGrantInput {
  role: StaffRole;
  agency?: string;
  unitId?: number;
}

export function useCreateStaff() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      username: string;
      fullName: string;
      email?: string;
      phone?: string;
      password: string;
      roles: RoleGrantInput[];
    }) => api<StaffMember>('POST', '/api/v1/staff', input),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.staffAll }),
  });
}

export function useUpdateStaff(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: {
      version: number;
      fullName?: string;
      email?: string | null;
      phone?: string | null;
      disabled?: boolean;
    }) => api<StaffMember>('PATCH', `/api/v1/staff/${id}`, patch),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.staffAll }),
  });
}

export function useGrantRole(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RoleGrantInput) => api<StaffMember>('POST', `/api/v1/staff/${id}/roles`, input),
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

// ——— Catalog ———

export type { DurationUnit };
export const durationUnits: readonly DurationUnit[] = [
  'working_hours',
  'working_days',
  'calendar_days',
  'months',
];
export const procedureLevels = ['province', 'commune', 'district'] as const;
export const methodKinds = ['in_person', 'postal', 'online'] as const;
export const stepRoles = ['receive', 'assign', 'handle', 'cooperate', 'approve', 'issue', 'return'] as const;

export interface ProcedureField {
  code: string;
  name: string;
}

export function useProcedureFields() {
  return useQuery({
    queryKey: adminKeys.fields,
    queryFn: () => api<{ items: ProcedureField[] }>('GET', '/api/v1/procedure-fields'),
    staleTime: 5 * 60_000,
  });
}

export interface CatalogListItem {
  code: string;
  name: string;
  field: { code: string; name: string };
  level: (typeof procedureLevels)[number];
  onlineLevel: 'full' | 'partial';
  deadline: { amount: number; unit: DurationUnit };
  agencies: { code: string; name: string }[];
}

export function useCatalogSearch(params: { q?: string; agency?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: adminKeys.catalogSearch({ ...params }),
    queryFn: () =>
      api<{ items: CatalogListItem[]; total: number; page: number; pageSize: number }>(
        'GET',
        `/api/v1/procedures?${query({ ...params })}`,
      ),
    placeholderData: (previous) => previous,
    retry: false,
  });
}

export interface DraftSummary {
  code: string;
  name: string;
  seq: number;
  lockVersion: number;
  updatedAt: string;
  agencies: { code: string; name: string }[];
}

export function useDrafts() {
  return useQuery({
    queryKey: adminKeys.drafts,
    queryFn: () => api<{ items: DraftSummary[] }>('GET', '/api/v1/catalog/drafts'),
  });
}

interface FormTemplateRef {
  id: number;
  fileName: string;
  mediaType: string;
  size: number;
  url: string;
}
type ComponentView = Omit<ProcedureContent['components'][number], 'formTemplateId'> & {
  formTemplate: FormTemplateRef | null;
};

/** A procedure as the API presents it (published version or draft). */
export interface ProcedureView {
  code: string;
  name: string;
  field: { code: string; name: string };
  level: ProcedureContent['level'];
  onlineLevel: ProcedureContent['onlineLevel'];
  fullOnlineEligible: boolean;
  notBoundToBoundary: boolean;
  deadline: ProcedureContent['deadline'];
  agencies: { code: string; name: string }[];
  decision: ProcedureContent['decision'];
  steps: string;
  methods: ProcedureContent['methods'];
  components: ComponentView[];
  fees: ProcedureContent['fees'];
  applicants: string;
  result: ProcedureContent['result'];
  requirements: string;
  legalBasis: ProcedureContent['legalBasis'];
  cases: {
    name: string;
    deadline: ProcedureContent['deadline'];
    fees: ProcedureContent['fees'];
    components: ComponentView[];
  }[];
  version: {
    seq: number;
    status: 'draft' | 'scheduled' | 'in_force' | 'superseded';
    effectiveFrom: string | null;
    effectiveTo: string | null;
    publishedAt: string | null;
    lockVersion: number;
  };
  actions: string[];
}
export type DraftView = ProcedureView & { content: ProcedureContent };

const componentOf = (c: ComponentView): ProcedureContent['components'][number] => {
  const { formTemplate, ...rest } = c;
  return { ...rest, formTemplateId: formTemplate?.id ?? null };
};

/**
 * The content of a published version, rebuilt from its view, to start a new draft from. The view does not
 * carry `closeUnsuppliedAfter`, so that sector rule cannot be carried over (reported as an API gap).
 */
export function contentFromView(v: ProcedureView): ProcedureContent {
  return {
    name: v.name,
    field: v.field.code,
    level: v.level,
    agencies: v.agencies.map((a) => a.code),
    decision: v.decision,
    steps: v.steps,
    methods: v.methods,
    components: v.components.map(componentOf),
    deadline: v.deadline,
    fees: v.fees,
    applicants: v.applicants,
    result: v.result,
    requirements: v.requirements,
    legalBasis: v.legalBasis,
    onlineLevel: v.onlineLevel,
    fullOnlineEligible: v.fullOnlineEligible,
    notBoundToBoundary: v.notBoundToBoundary,
    cases: v.cases.map((c) => ({ ...c, components: c.components.map(componentOf) })),
  };
}

export function emptyContent(): ProcedureContent {
  return {
    name: '',
    field: '',
    level: 'province',
    agencies: [],
    decision: null,
    steps: '',
    methods: [{ kind: 'in_person', deadline: { amount: 1, unit: 'working_days' }, fees: [] }],
    components: [],
    deadline: { amount: 1, unit: 'working_days' },
    fees: [],
    applicants: '',
    result: { description: '', paper: true, electronic: false },
    requirements: '',
    legalBasis: [],
    onlineLevel: 'partial',
    fullOnlineEligible: false,
    notBoundToBoundary: false,
    cases: [],
  };
}

/** The published version in force, for its editors (fresh, never from the public cache). */
export function usePublishedProcedure(code: string | undefined) {
  return useQuery({
    queryKey: adminKeys.published(code ?? ''),
    queryFn: async () => {
      try {
        return await api<ProcedureView>('GET', `/api/v1/procedures/${encodeURIComponent(code!)}`);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    enabled: !!code,
    retry: false,
  });
}

export function useDraft(code: string | undefined) {
  return useQuery({
    queryKey: adminKeys.draft(code ?? ''),
    queryFn: async () => {
      try {
        return await api<DraftView>('GET', `/api/v1/procedures/${encodeURIComponent(code!)}/draft`);
      } catch (err) {
        if (err instanceof ApiError && (err.code === 'DRAFT_NOT_FOUND' || err.status === 404)) return null;
        throw err;
      }
    },
    enabled: !!code,
    retry: false,
  });
}

export interface VersionEntry {
  seq: number;
  status: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  publishedAt: string | null;
  createdAt: string;
  note: string | null;
  name: string;
  changed: string[];
}

export function useHistory(code: string | undefined) {
  return useQuery({
    queryKey: adminKeys.history(code ?? ''),
    queryFn: () =>
      api<{ code: string; versions: VersionEntry[] }>(
        'GET',
        `/api/v1/procedures/${encodeURIComponent(code!)}/history`,
      ),
    enabled: !!code,
    retry: false,
  });
}

export function useCreateProcedure() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { code: string; content: ProcedureContent; note?: string }) =>
      api<ProcedureView>('POST', '/api/v1/procedures', input),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.catalogAll }),
  });
}

export function useSaveDraft(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; content: ProcedureContent; note?: string }) =>
      api<ProcedureView>('PUT', `/api/v1/procedures/${encodeURIComponent(code)}/draft`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.catalogAll }),
  });
}

export function useDiscardDraft(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      api<undefined>('DELETE', `/api/v1/procedures/${encodeURIComponent(code)}/draft?version=${version}`),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.catalogAll }),
  });
}

export function usePublish(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; effectiveFrom: string; note?: string }) =>
      api<ProcedureView>('POST', `/api/v1/procedures/${encodeURIComponent(code)}/publish`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.catalogAll }),
  });
}

export interface ProcessView {
  agency: { code: string; name: string };
  steps: ProcessStep[];
  version: number;
  budget: { used: number; limit: number; scale: string };
  updatedAt: string;
}

export function useProcesses(code: string | undefined) {
  return useQuery({
    queryKey: adminKeys.processes(code ?? ''),
    queryFn: () =>
      api<{ items: ProcessView[] }>('GET', `/api/v1/procedures/${encodeURIComponent(code!)}/processes`),
    enabled: !!code,
    retry: false,
  });
}

export function useSetProcess(code: string, agency: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; steps: ProcessStep[] }) =>
      api<ProcessView>('PUT', `/api/v1/procedures/${encodeURIComponent(code)}/processes/${agency}`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.processes(code) }),
  });
}

/**
 * Sends a file as the raw request body, reporting the share uploaded (0–1) as it goes; fetch cannot report
 * upload progress, XMLHttpRequest can.
 */
export function uploadWithProgress<T>(
  method: 'POST' | 'PUT',
  url: string,
  file: Blob,
  contentType: string,
  onProgress: (share: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onerror = () => reject(networkError());
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : {};
      } catch {
        data = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(errorFrom(xhr.status, data));
    };
    xhr.send(file);
  });
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  processes: number;
}

export interface ImportIssue {
  sheet: string | null;
  row: number | null;
  column: string | null;
  path: string | null;
  code: string;
  message: string;
  message_en?: string;
}

// ——— Dossier counts (dashboard) ———

export const openStatuses = [
  'received',
  'processing',
  'supplement_requested',
  'financial_obligation',
  'withdrawal_requested',
] as const;

export interface DossierRow {
  id: string;
  code: string | null;
  status: string;
  statusName: { vi: string; en: string };
  procedure: { code: string; name: string };
  agency: { code: string; name: string };
  applicantName: string;
  receivedAt: string | null;
  dueAt: string | null;
  nearDue: boolean;
}

// ——— Reports ———

export interface PeriodFigures {
  received: {
    total: number;
    inPeriod: number;
    online: number;
    inPersonOrPostal: number;
    inPerson: number;
    postal: number;
    carriedOver: number;
  };
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinDeadline: number; overdue: number };
  other: { refused: number; withdrawn: number; stopped: number };
  rates: { onlineShare: number | null; onTimeShare: number | null };
}
export type ReportGrouping = 'procedure' | 'field' | 'agency' | 'level';
export interface PeriodReport extends PeriodFigures {
  agency: string;
  agencyName: string;
  from: string;
  to: string;
  /** The instant the figures are counted at: the end of `to`, or when the report was made if earlier. */
  endsAt: string;
  /** The period had not ended: figures are as of `endsAt`, not of the last day's end. */
  ongoing: boolean;
  subtree: boolean;
  groupBy: ReportGrouping | null;
  groups: (PeriodFigures & { key: string; name: string })[];
  addsUp: boolean;
  definitions: { vi: string[]; en: string[] };
}

export interface ReportParams {
  agency: string;
  from: string;
  to: string;
  subtree?: boolean | undefined;
  groupBy?: ReportGrouping | undefined;
}

const reportUrl = (p: ReportParams) => `/api/v1/reports/resolution?${query({ ...p })}`;

export function useResolution(params: ReportParams | null) {
  return useQuery({
    queryKey: adminKeys.resolution({ ...(params ?? {}) }),
    queryFn: () => api<PeriodReport>('GET', reportUrl(params!)),
    enabled: !!params,
    staleTime: 60_000,
    retry: false,
  });
}

/** A figure of the period report: its row (none for the total) and its column (`section.name`). */
export interface DrillParams extends ReportParams {
  group?: string | undefined;
  cell: PeriodCell;
  page: number;
  pageSize: number;
}

export interface PeriodDrill {
  agency: string;
  agencyName: string;
  from: string;
  to: string;
  endsAt: string;
  ongoing: boolean;
  subtree: boolean;
  groupBy: ReportGrouping | null;
  group: string | null;
  groupName: string | null;
  cell: PeriodCell;
  total: number;
  page: number;
  pageSize: number;
  items: {
    source: 'dossier' | 'history';
    id: string;
    code: string | null;
    agency: { code: string; name: string };
    procedure: { code: string; name: string };
    applicantName: string | null;
    channel: 'online' | 'in_person' | 'postal';
    status: string;
    receivedAt: string | null;
    dueAt: string | null;
    finishedAt: string | null;
  }[];
}

/** The dossiers behind one figure of the period report (the same count, the same definitions). */
export function usePeriodDrill(params: DrillParams | null) {
  return useQuery({
    queryKey: adminKeys.resolutionDossiers({ ...(params ?? {}) }),
    queryFn: () => api<PeriodDrill>('GET', `/api/v1/reports/resolution/dossiers?${query({ ...params! })}`),
    enabled: !!params,
    staleTime: 60_000,
    retry: false,
  });
}

export interface DashboardData {
  agency: string;
  subtree: boolean;
  today: string;
  weekFrom: string;
  counts: { statuses: Record<string, number>; week: number; open: number; overdue: number };
  nearDue: { count: number; more: boolean };
  overdue: { total: number; items: DossierRow[] };
  year: { from: string; to: string; onTimeShare: number | null };
  trend: { from: string; to: string; label: string; received: number; resolved: number }[];
  index: unknown;
}

/** The whole dashboard of a scope in one request (counts, lists, trend and index). */
export function useDashboard(params: { agency: string; subtree: boolean }) {
  return useQuery({
    queryKey: adminKeys.dashboard({ ...params }),
    queryFn: () =>
      api<DashboardData>(
        'GET',
        `/api/v1/reports/dashboard?${query({ agency: params.agency, subtree: params.subtree || undefined })}`,
      ),
    staleTime: 30_000,
    retry: false,
  });
}

/** One QĐ 766 group or indicator as the service-index endpoint reports it; read leniently. */
export interface IndexScore {
  key: string;
  name: string;
  /** Null when nothing in the group has data (not a zero: the radar leaves it out). */
  points: number | null;
  max: number;
  /** The points of the indicators that have data. */
  available: number;
}

type Loose = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The five groups of the index (or whatever list the answer holds), each with its score and maximum. */
export function indexScores(
  data: unknown,
  language: string,
): { total: number | null; available: number | null; groups: IndexScore[] } {
  const d = (data ?? {}) as Loose;
  const list = (d.groups ?? d.criteria ?? d.indicators ?? []) as Loose[];
  const groups = Array.isArray(list)
    ? list.map((g, i) => {
        const named = typeof g.name === 'object' && g.name !== null ? (g.name as Loose) : undefined;
        const nameEn = str(g.name_en) ?? str(g.nameEn) ?? str(named?.en);
        const nameVi = str(named?.vi) ?? str(g.name);
        const max = num(g.max) ?? num(g.maxPoints) ?? num(g.weight) ?? 0;
        const available = num(g.availablePoints) ?? max;
        // A group whose indicators all lack data has no score: its 0 points are not a result.
        const noData = g.status === 'no_data' || available <= 0;
        return {
          key: str(g.key) ?? str(g.id) ?? str(g.code) ?? String(i),
          name:
            (language === 'en' ? nameEn : undefined) ?? nameVi ?? str(g.label) ?? str(g.key) ?? String(i + 1),
          points: noData ? null : (num(g.points) ?? num(g.score)),
          max,
          available: noData ? 0 : available,
        };
      })
    : [];
  const totals = (typeof d.totals === 'object' && d.totals !== null ? d.totals : {}) as Loose;
  return {
    total: num(totals.points) ?? num(d.total) ?? num(d.score) ?? num(d.points),
    available: num(totals.availablePoints),
    groups,
  };
}
