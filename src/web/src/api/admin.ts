// What the administration screens and the reports share: their query keys, query strings and the reading of
// an error's problems. Each resource's hooks live in its own file (agencies, staff, catalog, reports); only
// lazy staff pages import them, so none of it weighs on the citizen home page.
import { ApiError } from './client.ts';

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
