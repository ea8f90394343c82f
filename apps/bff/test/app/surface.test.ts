import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Ajv from 'ajv';
import type { FastifyPluginAsync } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { login, signIn, type TestSession } from '../auth/app';
import { engines } from '../helpers/db';
import { type SandboxHarness, startSandboxHarness } from '../helpers/sandbox';
import { buildAppWatchingRoutes, type RouteEntry } from './route-table';

const engine = engines()[0];
if (!engine) throw new Error('no database engine');

let harness: SandboxHarness;
let app: App;
let routes: RouteEntry[];
let webDist: string;
let admin: TestSession;
const assetSource = `export const queue = ${JSON.stringify('case '.repeat(2_000))};\n`;

beforeAll(async () => {
  harness = await startSandboxHarness();
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
});

afterAll(async () => {
  await app?.close();
  await harness?.close();
  await engine.dispose();
  await rm(webDist, { recursive: true, force: true });
});

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
  // What each caller gets from each route is the role × route matrix: test/access/matrix.ts.
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

  it('leave index.html to be asked again on every visit, so a new build is picked up at once', async () => {
    // The page names the hashed assets: kept for a year, they cost a returning visitor nothing, while the page
    // itself is revalidated (no-cache) and so always names the current build.
    for (const url of ['/', '/cases/123', '/index.html']) {
      const page = await app.inject({ url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type'], url).toMatch(/^text\/html/);
      expect(page.headers['cache-control'], url).toBe('no-cache');
    }
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
    const refused = await app.inject({ url: '/api/cases' });
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
