import type { ErrorEnvelope, MeResponse, Role } from '@review-desk/contracts';
import { HttpResponse, http } from 'msw';
import { mockServer } from './mock-server';

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

/** Parses a request body the way the BFF would read it: JSON when it is JSON, else the text as sent. */
async function bodyOf(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The BFF, mocked for one test through Mock Service Worker (the network layer the SPA really calls: `fetch`
 * is not replaced). Each request is matched against the routes given (latest first), recorded, and answered;
 * a request nobody expected answers 404 in the envelope so the test fails visibly, not silently.
 */
export function mockFetch() {
  const routes: Route[] = [];
  const requests: RecordedRequest[] = [];

  mockServer.use(
    http.all('*', async ({ request: sent }) => {
      const url = new URL(sent.url);
      const request: RecordedRequest = {
        method: sent.method.toUpperCase(),
        path: url.pathname,
        searchParams: url.searchParams,
        headers: new Headers(sent.headers),
        body: await bodyOf(sent),
      };
      requests.push(request);
      const route = routes.find((candidate) => matches(candidate, request.method, url.pathname));
      const reply: MockReply = route
        ? typeof route.responder === 'function'
          ? await route.responder(request)
          : route.responder
        : errorReply(404, 'no_mock', `No mock for ${request.method} ${url.pathname}`);
      const text =
        typeof reply.body === 'string'
          ? reply.body
          : reply.body === undefined
            ? null
            : JSON.stringify(reply.body);
      return new HttpResponse(text, {
        status: reply.status ?? 200,
        headers: { 'content-type': 'application/json', ...reply.headers },
      });
    }),
  );

  const api = {
    requests,
    on(method: string, path: string | RegExp, responder: Responder) {
      routes.unshift({ method: method.toUpperCase(), path, responder });
      return api;
    },
    get: (path: string | RegExp, responder: Responder) => api.on('GET', path, responder),
    post: (path: string | RegExp, responder: Responder) => api.on('POST', path, responder),
    patch: (path: string | RegExp, responder: Responder) => api.on('PATCH', path, responder),
    delete: (path: string | RegExp, responder: Responder) => api.on('DELETE', path, responder),
    /** Requests made to one endpoint, in order. */
    calls: (method: string, path: string | RegExp) =>
      requests.filter((request) =>
        matches({ method: method.toUpperCase(), path, responder: {} }, request.method, request.path),
      ),
    signedInAs: (role: Role) => api.get('/api/auth/me', meReply(role)),
    signedOut: () => api.get('/api/auth/me', { status: 200, body: { user: null } }),
  };
  return api;
}
