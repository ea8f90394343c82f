import type { ErrorEnvelope } from '@review-desk/contracts';
import { takeEarlyResponse } from './early-requests';

/** A failed BFF call, carrying the envelope's code and the request id support can look up in the logs. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly details: unknown;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    requestId: string | null;
    details?: unknown;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.details = init.details;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

const CSRF_COOKIE = 'rd_csrf';
let lastCsrfToken: string | null = null;

/** Remembers the token from the last login or `me` answer, for when the cookie cannot be read. */
export function rememberCsrfToken(token: string | null): void {
  lastCsrfToken = token;
}

/** The CSRF token writes carry in `x-csrf-token` (also used by the upload helper). */
export function readCsrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return lastCsrfToken;
}

type SessionExpiredListener = () => void;
const sessionExpiredListeners = new Set<SessionExpiredListener>();

/** Called on every 401 the caller did not expect; the app sends the user to the login page. */
export function onSessionExpired(listener: SessionExpiredListener): () => void {
  sessionExpiredListeners.add(listener);
  return () => sessionExpiredListeners.delete(listener);
}

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: URLSearchParams;
  signal?: AbortSignal;
  /** For calls where 401 is an answer, not an expired session (login, the session probe). */
  expectUnauthorized?: boolean;
};

const isEnvelope = (value: unknown): value is ErrorEnvelope =>
  typeof value === 'object' &&
  value !== null &&
  'error' in value &&
  typeof value.error === 'object' &&
  value.error !== null &&
  'code' in value.error &&
  typeof value.error.code === 'string' &&
  'message' in value.error &&
  typeof value.error.message === 'string';

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** An error answer as ApiError: the envelope's fields, else a plain description of what came back. */
export function toApiError(
  response: { status: number; statusText: string; requestId: string | null },
  body: unknown,
): ApiError {
  if (isEnvelope(body)) {
    return new ApiError({
      status: response.status,
      code: body.error.code,
      message: body.error.message,
      requestId: body.error.requestId ?? response.requestId,
      details: body.error.details,
    });
  }
  // A proxy or a crashed server may answer without the envelope; say so rather than fail to parse.
  return new ApiError({
    status: response.status,
    code: 'unexpected_response',
    message: `The server answered ${response.status} ${response.statusText}`.trim(),
    requestId: response.requestId,
  });
}

/** Tells the app the session ended (an unexpected 401), so it can send the user to sign in. */
export function notifySessionExpired(): void {
  for (const listener of sessionExpiredListeners) listener();
}

/** Calls the BFF: same-origin cookies, JSON both ways, the CSRF header on writes, errors as ApiError. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = readCsrfToken();
    if (token !== null) headers['x-csrf-token'] = token;
  }
  const query = options.query?.toString();
  const url = query ? `${path}?${query}` : path;
  let response: Response;
  try {
    response = await ((method === 'GET' ? takeEarlyResponse(url) : undefined) ??
      fetch(url, {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      }));
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      status: 0,
      code: 'network_error',
      message: 'The server could not be reached. Check the connection and try again.',
      requestId: null,
    });
  }
  const body = await readJson(response);
  if (!response.ok) {
    const error = toApiError(
      {
        status: response.status,
        statusText: response.statusText,
        requestId: response.headers.get('x-request-id'),
      },
      body,
    );
    if (response.status === 401 && !options.expectUnauthorized) notifySessionExpired();
    throw error;
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T = null>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'DELETE' }),
};
