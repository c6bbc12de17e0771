import i18n from '../i18n.ts';

/** An error from the API in its common shape; `message` is already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | undefined,
    readonly details: Record<string, unknown> | undefined,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: {
    code?: string;
    message?: string;
    message_en?: string;
    field?: string;
    details?: Record<string, unknown>;
  };
}

let csrfToken: string | undefined;
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK',
      i18n.language === 'en' ? 'Cannot reach the server.' : 'Không kết nối được máy chủ.',
      undefined,
      undefined,
    );
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as T & ErrorBody;
  if (!res.ok) {
    const e = data.error ?? {};
    const message = (i18n.language === 'en' ? e.message_en : e.message) ?? e.message ?? `HTTP ${res.status}`;
    throw new ApiError(res.status, e.code ?? 'UNKNOWN', message, e.field, e.details);
  }
  return data;
}
