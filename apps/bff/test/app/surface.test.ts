import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { Role } from '@review-desk/contracts';
import Ajv from 'ajv';
import type { FastifyPluginAsync } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { allRoles } from '../../src/plugins/app/access';
import { login, signIn, type TestSession } from '../auth/app';
import { engines } from '../helpers/db';
import { type SandboxHarness, startSandboxHarness } from '../helpers/sandbox';
import { buildAppWatchingRoutes, type RouteEntry } from './route-table';

const engine = engines()[0];
if (!engine) throw new Error('no database engine');

let harness: SandboxHarness;
let app: App;
let routes: RouteEntry[];
let baseUrl: string;
let paramValues: Record<string, (url: string) => string>;
let webDist: string;
let admin: TestSession;
const assetSource = `export const queue = ${JSON.stringify('case '.repeat(2_000))};\n`;

beforeAll(async () => {
  harness = await startSandboxHarness();
  const capaUser = await harness.scenario('capa', ['review_needed', 'aml:many'], ['partial', 'odd-values']);
  const connectfiCustomer = await harness.scenario('connectfi', ['business', 'waiting_review']);
  webDist = await mkdtemp(path.join(tmpdir(), 'review-desk-web-'));
  await writeFile(
    path.join(webDist, 'index.html'),
    '<!doctype html><title>Review Desk</title><div id="root"></div>',
  );
  // A built asset as apps/web's build leaves it: with its brotli and gzip copies beside it.
  await mkdir(path.join(webDist, 'assets'));
  const asset = path.join(webDist, 'assets', 'queue-Ab12Cd34.js');
  await writeFile(asset, assetSource);
  await writeFile(`${asset}.br`, brotliCompressSync(assetSource));
  await writeFile(`${asset}.gz`, gzipSync(assetSource));
  const config = await harness.config(engine, { webDistDir: webDist });
  ({ app, routes } = await buildAppWatchingRoutes(config, { quiet: true }));
  admin = await signIn(app, 'admin', 'admin-demo');
  await app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // Values that pass each path parameter's schema; a route with a parameter not listed here fails the test.
  paramValues = {
    userId: () => capaUser.id,
    customerId: () => connectfiCustomer.id,
    provider: () => 'capa',
    id: (url) => (url.startsWith('/api/cases/') ? randomUUID() : capaUser.id),
    kind: () => 'front',
  };
});

afterAll(async () => {
  await app?.close();
  await harness?.close();
  await engine.dispose();
  await rm(webDist, { recursive: true, force: true });
});

function concreteUrl(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = paramValues[name];
    if (!value) throw new Error(`no test value for path parameter :${name} in ${url}`);
    return value(url);
  });
}

/**
 * Sends one request over HTTP and returns its status as soon as the headers arrive (an event stream never
 * ends), or null when none arrived in time.
 */
async function statusOf(route: RouteEntry, session: TestSession | null) {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrfToken;
  }
  const hasBody = route.method !== 'GET' && route.method !== 'HEAD';
  if (hasBody) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(baseUrl + concreteUrl(route.url), {
      method: route.method,
      headers,
      signal: AbortSignal.timeout(1_500),
      ...(hasBody ? { body: '{}' } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      return { status: null, streaming: false, sessionEnded: false };
    }
    throw error;
  }
  await response.body?.cancel();
  return {
    status: response.status,
    streaming: (response.headers.get('content-type') ?? '').startsWith('text/event-stream'),
    sessionEnded: response.headers.getSetCookie().some((cookie) => /^rd_session=;/.test(cookie)),
  };
}

const apiRoutes = () => routes.filter((route) => route.url.startsWith('/api/'));

describe('the route table', () => {
  it('is read from the app itself and covers the API', () => {
    const urls = new Set(apiRoutes().map((route) => `${route.method} ${route.url}`));
    expect(urls).toContain('GET /api/subjects/capa/:userId');
    expect(urls).toContain('GET /api/subjects/:provider/:id/media/:kind');
    expect(urls).toContain('POST /api/auth/login');
    expect(urls).toContain('GET /api/cases/:id');
    expect(apiRoutes().every((route) => route.access !== undefined)).toBe(true);
  });

  it('answers every API route by its declared access, for anonymous callers and every role', async () => {
    const sessions = new Map<Role, TestSession>();
    const sessionFor = async (role: Role) => {
      const existing = sessions.get(role);
      if (existing) return existing;
      const session = await signIn(app, role, `${role}-demo`);
      sessions.set(role, session);
      return session;
    };
    const failures: string[] = [];
    // An event stream sends its headers with its first bytes, which a HEAD response never carries, so a HEAD
    // of a stream stays unanswered once it is let through; refusals (401/403) are answered at once.
    const streams = new Set<string>();
    for (const route of apiRoutes()) {
      const access = route.access;
      if (!access || 'machine' in access) {
        failures.push(`${route.method} ${route.url}: no user access declared`);
        continue;
      }
      const anonymous = await statusOf(route, null);
      const isPublic = 'public' in access;
      const anonymousRefused = anonymous.status === 401 || anonymous.status === 403;
      if (isPublic ? anonymous.status === null || anonymousRefused : anonymous.status !== 401) {
        failures.push(`${route.method} ${route.url} anonymous: ${anonymous.status}`);
      }
      for (const role of allRoles) {
        const { status, streaming, sessionEnded } = await statusOf(route, await sessionFor(role));
        if (sessionEnded) sessions.delete(role);
        if (streaming) streams.add(route.url);
        const allowed = isPublic || access.roles.includes(role);
        const letThrough =
          status === null ? route.method === 'HEAD' && streams.has(route.url) : ![401, 403].includes(status);
        if (allowed ? !letThrough : status !== 403) {
          failures.push(`${route.method} ${route.url} as ${role}: ${status} (allowed: ${allowed})`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('an API route that does not say who may call it', () => {
  const buildWith = async (plugin: FastifyPluginAsync) => {
    const config = await harness.config(engine);
    return buildAppWatchingRoutes(config, { quiet: true }, { after: { prefix: '/api/subjects', plugin } });
  };

  it('stops the app from being built', async () => {
    const undeclared: FastifyPluginAsync = async (instance) => {
      instance.get('/api/undeclared', async () => ({ open: true }));
    };
    await expect(buildWith(undeclared)).rejects.toThrow(
      'Route GET /api/undeclared does not declare config.access',
    );
  });
});

/** The parts of the OpenAPI 3.0 schema every document must satisfy, and the shapes the BFF relies on. */
const openApi30 = {
  type: 'object',
  required: ['openapi', 'info', 'paths'],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.0\\.\\d+$' },
    info: {
      type: 'object',
      required: ['title', 'version'],
      properties: { title: { type: 'string' }, version: { type: 'string' } },
    },
    paths: {
      type: 'object',
      propertyNames: { pattern: '^/' },
      additionalProperties: {
        type: 'object',
        propertyNames: {
          enum: [
            'get',
            'put',
            'post',
            'delete',
            'options',
            'head',
            'patch',
            'trace',
            'parameters',
            'summary',
            'description',
            'servers',
            '$ref',
          ],
        },
        additionalProperties: {
          type: 'object',
          required: ['responses'],
          properties: {
            responses: {
              type: 'object',
              minProperties: 1,
              propertyNames: { pattern: '^([1-5](\\d\\d|XX)|default)$' },
              additionalProperties: {
                type: 'object',
                anyOf: [{ required: ['description'] }, { required: ['$ref'] }],
              },
            },
            parameters: {
              type: 'array',
              items: {
                type: 'object',
                anyOf: [
                  {
                    required: ['name', 'in'],
                    properties: { in: { enum: ['query', 'header', 'path', 'cookie'] } },
                  },
                  { required: ['$ref'] },
                ],
              },
            },
          },
        },
      },
    },
    components: { type: 'object' },
  },
} as const;

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.push(inner);
      else refsIn(inner, found);
    }
  }
  return found;
}

function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const part of ref.slice(2).split('/')) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.0 with every $ref resolving, and lists every documented API route', async () => {
    expect((await app.inject({ url: '/api/docs/json' })).statusCode).toBe(401);
    const response = await app.inject({ url: '/api/docs/json', headers: { cookie: admin.cookie } });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ paths: Record<string, Record<string, unknown>> }>();

    const validate = new Ajv({ allErrors: true, strict: false }).compile(openApi30);
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);

    const refs = refsIn(document);
    expect(refs.filter((ref) => resolvePointer(document, ref) === undefined)).toEqual([]);

    const documented = routes.filter(
      (route) => route.url.startsWith('/api/') && !route.hidden && route.method !== 'HEAD',
    );
    expect(documented.length).toBeGreaterThan(15);
    const missing = documented.filter((route) => {
      const openApiPath = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      return document.paths[openApiPath]?.[route.method.toLowerCase()] === undefined;
    });
    expect(missing.map((route) => `${route.method} ${route.url}`)).toEqual([]);
  });
});

describe('the built SPA assets', () => {
  const get = (acceptEncoding: string) =>
    app.inject({ url: '/assets/queue-Ab12Cd34.js', headers: { 'accept-encoding': acceptEncoding } });

  it('are sent compressed at build time to browsers that accept it, and kept for a year', async () => {
    const brotli = await get('gzip, deflate, br');
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toMatch(/javascript/);
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(assetSource);
    expect(brotli.rawPayload.length).toBeLessThan(assetSource.length / 10);

    const gzip = await get('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(assetSource);

    const plain = await get('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(assetSource);
  });
});

describe('security headers', () => {
  const expectSecurityHeaders = (headers: Record<string, unknown>) => {
    const csp = String(headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
  };

  it('are set on the SPA page', async () => {
    const response = await app.inject({ url: '/cases/123' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expectSecurityHeaders(response.headers);
  });

  it('are set on API answers, errors included', async () => {
    const me = await app.inject({ url: '/api/auth/me', headers: { cookie: admin.cookie } });
    expect(me.statusCode).toBe(200);
    expectSecurityHeaders(me.headers);
    const refused = await app.inject({ url: '/api/auth/me' });
    expect(refused.statusCode).toBe(401);
    expectSecurityHeaders(refused.headers);
  });

  it('session cookies are SameSite=Strict, and the session itself is out of scripts’ reach', async () => {
    const response = await login(app, 'analyst', 'analyst-demo');
    expect(response.statusCode).toBe(200);
    const session = response.cookies.find((cookie) => cookie.name === 'rd_session');
    const csrf = response.cookies.find((cookie) => cookie.name === 'rd_csrf');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    // The CSRF cookie is read by the SPA to echo it in a header (double submit), so it cannot be HttpOnly.
    expect(csrf).toMatchObject({ sameSite: 'Strict', path: '/' });
    expect(csrf?.httpOnly).toBeFalsy();
  });
});
