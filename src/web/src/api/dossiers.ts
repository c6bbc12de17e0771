// Hooks and types of the procedure page, dossiers, tracking and staff pickers. Only lazy pages import
// this file, so none of it weighs on the home page.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApplicantLookup,
  CreateDossierBody,
  DossierList,
  DossierView,
  FileView,
  TrackingResult,
} from '../../../contracts/dossiers.ts';
import type { OpinionRequestList } from '../../../contracts/opinions.ts';
import type { Profile } from '../../../contracts/account.ts';
import type { ReceiptTime } from '../../../contracts/calendar.ts';
import type { ComponentView, ProcedureView } from '../../../contracts/catalog.ts';
import type { StaffList } from '../../../contracts/staff.ts';
import type { Channel, DossierAction, DossierStatus } from '../../../domain/dossier/model.ts';
import type { DossierStage } from '../../../domain/dossier/stage.ts';
import { api, errorFrom, getCsrfToken, networkError, ApiError } from './client.ts';
import { keys, procedureQuery, type StaffRole } from './hooks.ts';

export type { Channel, DossierAction, DossierStatus };
// The answers' shapes are the server's contracts (src/contracts), imported as types only.
export type {
  Applicant,
  ApplicantMatch,
  CreateDossierBody,
  DossierComponent,
  DossierListItem,
  DossierStanding,
  DossierView,
  FileView,
  HistoryEntry,
  OpinionBranch,
  SupplementRequestView,
  TrackingResult,
} from '../../../contracts/dossiers.ts';
export type { OpinionRequestItem } from '../../../contracts/opinions.ts';
export type { Profile, ReceiptTime };
export type { ComponentView as ProcedureComponent, ProcedureView as ProcedureDetail };
export type { FormTemplateRef } from '../../../contracts/catalog.ts';
export type { Duration, Fee, LegalDocument, MethodKind } from '../../../domain/catalog/model.ts';

/** The components a dossier of this case asks for: the case's own list when it has one. */
export function componentsOf(p: ProcedureView, caseIndex: number | null): ComponentView[] {
  const chosen = caseIndex === null ? undefined : p.cases[caseIndex];
  return chosen && chosen.components.length > 0 ? chosen.components : p.components;
}

export function useProcedure(code: string | undefined) {
  return useQuery({ ...procedureQuery(code ?? ''), enabled: !!code });
}

export function useProfile(enabled = true) {
  return useQuery({
    queryKey: keys.profile,
    queryFn: () => api<Profile>('GET', '/api/v1/me/profile'),
    enabled,
    staleTime: 60_000,
  });
}

/** How a dossier is named in URLs: its code, or its id while it is a draft without one. */
export const refOf = (d: { code: string | null; id: string }) => d.code ?? d.id;

export function useDossier(ref: string | undefined) {
  return useQuery({
    queryKey: keys.dossier(ref ?? ''),
    queryFn: () => api<DossierView>('GET', `/api/v1/dossiers/${encodeURIComponent(ref!)}`),
    enabled: !!ref,
    retry: false,
  });
}

export interface DossierListParams {
  agency?: string | undefined;
  status?: DossierStatus[] | undefined;
  stage?: DossierStage[] | undefined;
  channel?: Channel | undefined;
  overdue?: boolean | undefined;
  assignedToMe?: boolean | undefined;
  mine?: boolean | undefined;
  q?: string | undefined;
  sort?: 'due' | 'received' | 'created' | undefined;
  page: number;
  pageSize: number;
}

export function useDossierList(params: DossierListParams, enabled = true) {
  return useQuery({
    queryKey: keys.dossiers({ ...params }),
    queryFn: () => {
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(params) as [
        string,
        string | number | boolean | string[] | undefined,
      ][]) {
        if (v === undefined || v === '' || v === false) continue;
        if (Array.isArray(v)) for (const item of v) query.append(k, item);
        else query.set(k, String(v));
      }
      return api<DossierList>('GET', `/api/v1/dossiers?${query.toString()}`);
    },
    enabled,
    placeholderData: (previous) => previous,
  });
}

/** A random key per attempt, so a double click or a retry after a lost answer creates one dossier. */
export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function useCreateDossier() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateDossierBody; key: string }) =>
      api<DossierView>('POST', '/api/v1/dossiers', body, { 'idempotency-key': key }),
    onSuccess: async (view) => {
      client.setQueryData(keys.dossier(refOf(view)), view);
      await client.invalidateQueries({ queryKey: keys.dossiersAll });
    },
  });
}

export function useDossierAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      ref,
      action,
      body,
    }: {
      ref: string;
      action: DossierAction;
      body: Record<string, unknown>;
    }) => api<DossierView>('POST', `/api/v1/dossiers/${encodeURIComponent(ref)}/actions/${action}`, body),
    onSuccess: async (view, { ref }) => {
      client.setQueryData(keys.dossier(ref), view);
      if (view.code && view.code !== ref) client.setQueryData(keys.dossier(view.code), view);
      await client.invalidateQueries({ queryKey: keys.dossiersAll, refetchType: 'inactive' });
    },
    onError: async (err, { ref }) => {
      // Someone else changed the dossier (or its status no longer allows this): show the dossier as it is now.
      if (err instanceof ApiError && err.status === 409)
        await client.invalidateQueries({ queryKey: keys.dossier(ref) });
    },
  });
}

/** Looked up (and audited) once per number typed; the answer is personal data, so it is not kept around. */
export function useApplicantLookup(personalId: string | null) {
  return useQuery({
    queryKey: keys.applicantLookup(personalId ?? ''),
    queryFn: () => api<ApplicantLookup>('POST', '/api/v1/desk/applicant-lookup', { personalId }),
    enabled: personalId !== null,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}

/** What receiving now at the agency means (office open? when the time starts?), kept fresh by the minute. */
export function useReceiptTime(agency: string | null) {
  return useQuery({
    queryKey: keys.receiptTime(agency ?? ''),
    queryFn: () =>
      api<ReceiptTime>('GET', `/api/v1/calendar/receipt-time?agency=${encodeURIComponent(agency ?? '')}`),
    enabled: agency !== null,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

export function useTrack(code: string | undefined, lastFour: string | null) {
  return useQuery({
    queryKey: keys.track(code ?? '', lastFour),
    queryFn: () =>
      api<TrackingResult>(
        'GET',
        `/api/v1/track/${encodeURIComponent(code!)}${lastFour ? `?lastFour=${lastFour}` : ''}`,
      ),
    enabled: !!code,
    retry: false,
    placeholderData: (previous) => previous,
  });
}

export function useStaff(agency: string | undefined, role: StaffRole, enabled = true) {
  return useQuery({
    queryKey: keys.staff(agency ?? '', role),
    queryFn: () =>
      api<StaffList>(
        'GET',
        `/api/v1/staff?${new URLSearchParams({ agency: agency!, role, pageSize: '200' }).toString()}`,
      ),
    enabled: enabled && !!agency,
    staleTime: 60_000,
  });
}

/** URLs of a dossier's files and printable forms. */
export const fileUrl = (ref: string, fileId: string, inline = false) =>
  `/api/v1/dossiers/${encodeURIComponent(ref)}/files/${fileId}${inline ? '?inline=1' : ''}`;
export const formUrl = (ref: string, form: string) =>
  `/api/v1/dossiers/${encodeURIComponent(ref)}/forms/${form}.pdf`;

/**
 * Uploads one file as a raw body with XMLHttpRequest, which (unlike fetch) reports upload progress.
 * `onProgress` receives 0…1. Errors arrive as ApiError, like every other call.
 */
export function uploadFile(
  url: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
  method: 'PUT' | 'POST' = 'PUT',
): Promise<FileView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        // A proxy's HTML error page: the status alone tells what happened.
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(data as FileView);
      } else reject(errorFrom(xhr.status, data));
    };
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(networkError());
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

/** POST here adds a file for an item of the awaited supplement request that is not a component. */
export const supplementItemFilesUrl = (ref: string, seq: number, item: number) =>
  `/api/v1/dossiers/${encodeURIComponent(ref)}/supplements/${seq}/items/${item}/files`;

/** POST here adds one more file to the component (a component may hold several). */
export const componentFilesUrl = (ref: string, idx: number) =>
  `/api/v1/dossiers/${encodeURIComponent(ref)}/components/${idx}/files`;

export function useRemoveFile(dossierRef: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (fileId: string) =>
      api<undefined>(
        'DELETE',
        `/api/v1/dossiers/${encodeURIComponent(dossierRef)}/files/${encodeURIComponent(fileId)}`,
      ),
    onSettled: () => client.invalidateQueries({ queryKey: keys.dossier(dossierRef) }),
  });
}
export const resultFileUrl = (ref: string) => `/api/v1/dossiers/${encodeURIComponent(ref)}/result-file`;

export const opinionFileUrl = (ref: string, purpose: 'request' | 'reply') =>
  `/api/v1/dossiers/${encodeURIComponent(ref)}/opinion-files/${purpose}`;

export function useOpinionRequests(
  params: { q?: string | undefined; page: number; pageSize: number },
  enabled = true,
) {
  return useQuery({
    queryKey: [...keys.dossiersAll, 'opinion-requests', params] as const,
    queryFn: () => {
      const query = new URLSearchParams({ page: String(params.page), pageSize: String(params.pageSize) });
      if (params.q) query.set('q', params.q);
      return api<OpinionRequestList>('GET', `/api/v1/opinion-requests?${query.toString()}`);
    },
    enabled,
    placeholderData: (previous) => previous,
  });
}
