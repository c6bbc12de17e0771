// Hooks of the catalog's administration: procedures, drafts, versions, internal processes, fields and
// imports. Only lazy staff pages import this file.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CatalogImportResult,
  ComponentView,
  CreateProcedureBody,
  DraftList,
  DraftView,
  ProcedureFieldList,
  ProcedureHistory,
  ProcedureList,
  ProcedureView,
  ProcessList,
  ProcessView,
  PublishBody,
  SaveDraftBody,
  SetProcessBody,
} from '../../../contracts/catalog.ts';
import type { ProcedureContent, ProcessStep } from '../../../domain/catalog/model.ts';
import { methodKinds, procedureLevels, stepRoles } from '../../../domain/catalog/model.ts';
import { adminKeys, query } from './admin.ts';
import { ApiError, api, errorFrom, getCsrfToken, networkError } from './client.ts';

export { methodKinds, procedureLevels, stepRoles };
export type { ProcedureContent, ProcessStep };
// The answers' shapes are the server's contracts (src/contracts), imported as types only.
export type {
  DraftListItem,
  DraftView,
  ProcedureField,
  ProcedureListItem as CatalogListItem,
  ProcedureView,
  ProcessView,
  VersionEntry,
} from '../../../contracts/catalog.ts';
export type ImportResult = CatalogImportResult;

export function useProcedureFields() {
  return useQuery({
    queryKey: adminKeys.fields,
    queryFn: () => api<ProcedureFieldList>('GET', '/api/v1/procedure-fields'),
    staleTime: 5 * 60_000,
  });
}

export function useCatalogSearch(params: { q?: string; agency?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: adminKeys.catalogSearch({ ...params }),
    queryFn: () => api<ProcedureList>('GET', `/api/v1/procedures?${query({ ...params })}`),
    placeholderData: (previous) => previous,
    retry: false,
  });
}

export function useDrafts() {
  return useQuery({
    queryKey: adminKeys.drafts,
    queryFn: () => api<DraftList>('GET', '/api/v1/catalog/drafts'),
  });
}

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

export function useHistory(code: string | undefined) {
  return useQuery({
    queryKey: adminKeys.history(code ?? ''),
    queryFn: () => api<ProcedureHistory>('GET', `/api/v1/procedures/${encodeURIComponent(code!)}/history`),
    enabled: !!code,
    retry: false,
  });
}

export function useCreateProcedure() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateProcedureBody) => api<ProcedureView>('POST', '/api/v1/procedures', input),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.catalogAll }),
  });
}

export function useSaveDraft(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveDraftBody) =>
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
    mutationFn: (input: PublishBody) =>
      api<ProcedureView>('POST', `/api/v1/procedures/${encodeURIComponent(code)}/publish`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.catalogAll }),
  });
}

export function useProcesses(code: string | undefined) {
  return useQuery({
    queryKey: adminKeys.processes(code ?? ''),
    queryFn: () => api<ProcessList>('GET', `/api/v1/procedures/${encodeURIComponent(code!)}/processes`),
    enabled: !!code,
    retry: false,
  });
}

export function useSetProcess(code: string, agency: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SetProcessBody) =>
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

export interface ImportIssue {
  sheet: string | null;
  row: number | null;
  column: string | null;
  path: string | null;
  code: string;
  message: string;
  message_en?: string;
}
