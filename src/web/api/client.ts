// The one way the web app talks to the server: fetch on the same origin with the session
// cookie, the CSRF token on every non-GET request, and errors as ApiError.
export interface FieldIssue {
  field: string;
  reason: string;
  /** Stable code the UI translates (validation.reasons.<code>). */
  code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field issues of a VALIDATION error (empty for any other error). */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'VALIDATION') return [];
    const fields = (this.details as { fields?: unknown } | undefined)?.fields;
    if (!Array.isArray(fields)) return [];
    return fields.filter(
      (f): f is FieldIssue =>
        typeof f === 'object' && f !== null && typeof (f as FieldIssue).field === 'string',
    );
  }
}

export function isApiError(err: unknown, code?: string): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request (other than the auth probes) answers 401. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export type QueryValue = string | number | boolean | null | undefined | Array<string | number>;
export type Query = Record<string, QueryValue>;

/** Builds "?a=1&b=2", leaving out empty values; arrays repeat the key. */
export function toQueryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not call the global 401 handler (for the session probe and login). */
  quiet401?: boolean;
}

async function parseError(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  let details: unknown;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body?.error) {
      code = body.error.code ?? code;
      message = body.error.message ?? message;
      details = body.error.details;
    }
  } catch {
    // not JSON: keep the status text
  }
  return new ApiError(res.status, code, message, details);
}

async function send<T>(method: string, path: string, opts: RequestOptions, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const form = typeof FormData !== 'undefined' && opts.body instanceof FormData;
  if (opts.body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path + toQueryString(opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : form ? (opts.body as FormData) : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', (err as Error).message || 'Network error');
  }
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const error = await parseError(res);
  if (error.status === 401 && !opts.quiet401) onUnauthenticated?.();
  // A stale CSRF token (e.g. after the session was renewed elsewhere): fetch a fresh one, retry once.
  if (error.code === 'CSRF' && !retried && method !== 'GET') {
    try {
      const me = await send<{ csrfToken?: string }>('GET', '/api/auth/me', { quiet401: true }, true);
      if (me?.csrfToken) {
        csrfToken = me.csrfToken;
        return send<T>(method, path, opts, true);
      }
    } catch {
      // fall through to the original error
    }
  }
  throw error;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => send<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => send<T>('POST', path, { body: body ?? {}, query }),
  put: <T>(path: string, body?: unknown) => send<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, { body }),
  delete: <T = void>(path: string, query?: Query) => send<T>('DELETE', path, { query }),
  /** multipart/form-data (file uploads); the browser sets the boundary. */
  upload: <T>(path: string, form: FormData, query?: Query) => send<T>('POST', path, { body: form, query }),
  /** For the auth endpoints: a 401 is an answer, not a reason to redirect. */
  raw: <T>(method: string, path: string, body?: unknown) => send<T>(method, path, { body, quiet401: true }),
};
