import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Role } from '@review-desk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { buildAppWatchingRoutes, type RouteEntry } from '../app/route-table';
import { signIn, type TestSession } from '../auth/app';
import { engines } from '../helpers/db';
import { type SandboxHarness, startSandboxHarness } from '../helpers/sandbox';
import { type Caller, callers, type Expected, matrix, ok, type Row } from './matrix';

const engine = engines()[0];
if (!engine) throw new Error('no database engine');

let harness: SandboxHarness;
let app: App;
let routes: RouteEntry[];
let baseUrl: string;
let paramValues: Record<string, (url: string) => string>;

beforeAll(async () => {
  harness = await startSandboxHarness();
  const capaUser = await harness.scenario('capa', ['review_needed'], []);
  const connectfiCustomer = await harness.scenario('connectfi', ['business', 'waiting_review']);
  ({ app, routes } = await buildAppWatchingRoutes(await harness.config(engine), { quiet: true }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // Values that pass each path parameter's schema; a route with a parameter not listed here fails the test.
  paramValues = {
    userId: () => capaUser.id,
    customerId: () => connectfiCustomer.id,
    provider: () => 'capa',
    id: (url) => (url.startsWith('/api/cases/') ? randomUUID() : capaUser.id),
    kind: () => 'front',
    username: () => 'nobody-here',
    entityId: () => 'ExtBusRepId123',
  };
}, 120_000);

afterAll(async () => {
  await app?.close();
  await harness?.close();
  await engine.dispose();
});

/** `METHOD /path`, as the matrix names operations (HEAD twins of GET routes and trailing slashes folded). */
const operationsOf = (entries: RouteEntry[]) => [
  ...new Set(
    entries
      .filter((route) => route.url.startsWith('/api/') && route.method !== 'HEAD')
      .map((route) => `${route.method} ${route.url.replace(/(.)\/$/, '$1')}`),
  ),
];

/** What the declared access of a route says each caller gets. */
function declaredRow(route: RouteEntry): Row | string {
  const access = route.access;
  if (!access) return 'no access declared';
  if ('machine' in access) return 'machine access on an API route';
  if ('public' in access) return [ok, ok, ok, ok, ok];
  const roleCell = (role: Role): Expected => (access.roles.includes(role) ? ok : 403);
  // An optional session lets a signed-out caller through to the route, which answers it itself.
  const signedOut: Expected = access.session === 'optional' ? ok : 401;
  return [signedOut, roleCell('analyst'), roleCell('senior'), roleCell('support'), roleCell('admin')];
}

function concreteUrl(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = paramValues[name];
    if (!value) throw new Error(`no test value for path parameter :${name} in ${url}`);
    return value(url);
  });
}

/** Sends one request and returns its status as soon as the headers arrive (an event stream never ends). */
async function statusOf(operation: string, session: TestSession | null): Promise<number> {
  const [method = 'GET', url = '/'] = operation.split(' ');
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrfToken;
  }
  const hasBody = method !== 'GET';
  if (hasBody) headers['content-type'] = 'application/json';
  const response = await fetch(baseUrl + concreteUrl(url), {
    method,
    headers,
    signal: AbortSignal.timeout(10_000),
    ...(hasBody ? { body: '{}' } : {}),
  });
  await response.body?.cancel();
  return response.status;
}

const outcome = (status: number): Expected => (status === 401 || status === 403 ? status : ok);

describe('the role × route matrix', () => {
  it('has exactly one row per API operation, and each row says what the route declares', () => {
    const operations = operationsOf(routes);
    expect(operations.length).toBeGreaterThan(20);
    const missing = operations.filter((operation) => !(operation in matrix));
    expect(missing, 'routes without a row in test/access/matrix.ts').toEqual([]);
    const stale = Object.keys(matrix).filter((operation) => !operations.includes(operation));
    expect(stale, 'rows in test/access/matrix.ts without a route').toEqual([]);

    const disagreements: string[] = [];
    for (const route of routes) {
      const [operation] = operationsOf([route]);
      if (!operation) continue;
      const declared = declaredRow(route);
      const row = matrix[operation];
      if (JSON.stringify(declared) !== JSON.stringify(row)) {
        disagreements.push(
          `${operation}: declared ${JSON.stringify(declared)}, matrix ${JSON.stringify(row)}`,
        );
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('is what the running desk answers, for a signed-out caller and every role', async () => {
    const sessions = new Map<Role, TestSession>();
    const sessionFor = async (role: Role) => {
      const existing = sessions.get(role);
      if (existing) return existing;
      const session = await signIn(app, role, `${role}-demo`);
      sessions.set(role, session);
      return session;
    };
    const failures: string[] = [];
    for (const [operation, row] of Object.entries(matrix)) {
      for (const [column, caller] of callers.entries()) {
        const expected = row[column];
        const session =
          caller === 'signed out' ? null : await sessionFor(caller as Exclude<Caller, 'signed out'>);
        const status = await statusOf(operation, session);
        // Signing out ends the session: the next request of that role signs in afresh.
        if (operation === 'POST /api/auth/logout' && session) sessions.delete(caller as Role);
        if (outcome(status) !== expected)
          failures.push(`${operation} as ${caller}: ${status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
