import type { ErrorEnvelope, MeResponse, Role } from '@review-desk/contracts';
import { vi } from 'vitest';

export type RecordedRequest = {
  method: string;
  path: string;
  searchParams: URLSearchParams;
  headers: Headers;
  body: unknown;
};

export type MockReply = { status?: number; body?: unknown; headers?: Record<string, string> };
type Responder = MockReply | ((request: RecordedRequest) => MockReply | Promise<MockReply>);
type Route = { method: string; path: string | RegExp; responder: Responder };

/** The BFF's error envelope, as a mock reply. */
export const errorReply = (status: number, code: string, message: string, details?: unknown): MockReply => {
  const body: ErrorEnvelope = { error: { code, message, requestId: `req-${code}`, details } };
  return { status, body };
};

export const meReply = (role: Role, overrides: Partial<MeResponse['user']> = {}): MockReply => ({
  body: {
    user: { id: `user-${role}`, username: role, displayName: `Demo ${role}`, role, ...overrides },
    csrfToken: `csrf-${role}`,
  } satisfies MeResponse,
});

function matches(route: Route, method: string, path: string): boolean {
  if (route.method !== method) return false;
  return typeof route.path === 'string' ? route.path === path : route.path.test(path);
}

/**
 * Replaces `fetch` for one test: each call is matched against the routes given (latest first), recorded,
 * and answered; a call nobody expected answers 404 in the envelope so the test fails visibly, not silently.
 */
export function mockFetch() {
  const routes: Route[] = [];
  const requests: RecordedRequest[] = [];

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(
      typeof input === 'string' || input instanceof URL ? input : input.url,
      'http://localhost',
    );
    const method = (init.method ?? 'GET').toUpperCase();
    const rawBody = typeof init.body === 'string' ? init.body : null;
    const request: RecordedRequest = {
      method,
      path: url.pathname,
      searchParams: url.searchParams,
      headers: new Headers(init.headers),
      body: rawBody === null ? undefined : JSON.parse(rawBody),
    };
    requests.push(request);
    const route = routes.find((candidate) => matches(candidate, method, url.pathname));
    const reply: MockReply = route
      ? typeof route.responder === 'function'
        ? await route.responder(request)
        : route.responder
      : errorReply(404, 'no_mock', `No mock for ${method} ${url.pathname}`);
    const status = reply.status ?? 200;
    const text =
      typeof reply.body === 'string'
        ? reply.body
        : reply.body === undefined
          ? null
          : JSON.stringify(reply.body);
    return new Response(text, {
      status,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);

  const api = {
    requests,
    on(method: string, path: string | RegExp, responder: Responder) {
      routes.unshift({ method: method.toUpperCase(), path, responder });
      return api;
    },
    get: (path: string | RegExp, responder: Responder) => api.on('GET', path, responder),
    post: (path: string | RegExp, responder: Responder) => api.on('POST', path, responder),
    /** Requests made to one endpoint, in order. */
    calls: (method: string, path: string | RegExp) =>
      requests.filter((request) =>
        matches({ method: method.toUpperCase(), path, responder: {} }, request.method, request.path),
      ),
    signedInAs: (role: Role) => api.get('/api/auth/me', meReply(role)),
    signedOut: () => api.get('/api/auth/me', errorReply(401, 'unauthorized', 'Sign in first')),
  };
  return api;
}
