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
export function getCsrfToken(): string | undefined {
  return csrfToken;
}

/** The ApiError for a failed response, from its JSON body when it has one. */
export function errorFrom(status: number, data: unknown): ApiError {
  const e = (data as ErrorBody | null)?.error ?? {};
  const fallback =
    status === 413 ? (i18n.language === 'en' ? 'The file is too large.' : 'Tệp quá lớn.') : `HTTP ${status}`;
  const message = (i18n.language === 'en' ? e.message_en : e.message) ?? e.message ?? fallback;
  return new ApiError(status, e.code ?? 'UNKNOWN', message, e.field, e.details);
}

export function networkError(): ApiError {
  return new ApiError(
    0,
    'NETWORK',
    i18n.language === 'en' ? 'Cannot reach the server.' : 'Không kết nối được máy chủ.',
    undefined,
    undefined,
  );
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
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
    throw networkError();
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as T & ErrorBody;
  if (!res.ok) throw errorFrom(res.status, data);
  return data;
}
