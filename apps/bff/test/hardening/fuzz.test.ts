import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestSession } from '../auth/app';
import { describeEachEngine } from '../helpers/db';
import { type Desk, envelopeProblem, injectedEnvelopeProblem, seedCases, startDesk } from './desk';

/**
 * Every operation of the OpenAPI document, fed hostile requests: wrong types, missing fields, prototype-pollution
 * keys, invalid UTF-8, traversal in ids, oversized bodies. Whatever arrives, the answer is a success or a 4xx in
 * the error envelope, never a 5xx, and the process keeps serving.
 */

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

const RUNS_PER_OPERATION = 25;
const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Path segments that must never reach a file or escape a route. */
const hostileSegments = [
  '..%2F..%2Fetc%2Fpasswd',
  '..%2f..%2f..%2fetc%2fshadow',
  '%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
  '..%5C..%5Cwindows',
  '%C3%28',
  '%FF',
  '%ED%A0%80',
  '%00',
  'a%00b',
  '%C0%AF',
  '%E0%80%AF',
  '%E2%80%AEevil',
  'a%E2%80%8Db',
  '%',
  'a%2',
  '__proto__',
  'constructor',
  'prototype',
  'x'.repeat(300),
  '0',
  '-1',
  '00000000-0000-0000-0000-000000000000',
];

const hostileQueries = [
  '__proto__[polluted]=1',
  '__proto__.polluted=1',
  'constructor[prototype][polluted]=1',
  'constructor.prototype.polluted=1',
  'a=%C3%28',
  'a=%FF&b=%',
  'limit=-1',
  'limit=1e309',
  'limit=NaN',
  'cursor=%00%00',
  'q=%00',
  'q=a%00b',
  'q=%ED%A0%80',
  'q=%ED%B0%80',
  'q=%C0%AF',
  'q=%E0%80%AF',
  'q=%E2%80%AEevil',
  'q=a%E2%80%8Db',
  'q%00=1',
  'cursor=..%2F..%2Fetc%2Fpasswd',
];

/** Percent-encodes any value; a lone surrogate (not encodable) becomes the bytes of one, which is no UTF-8 either. */
function encode(value: unknown): string {
  try {
    return encodeURIComponent(String(value));
  } catch {
    return '%ED%A0%80';
  }
}

/** A value of any JSON type, including the wrong ones for the field it lands in. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  fc.constant('x'.repeat(5_000)),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.constant(-0),
  fc.constant('\u0000\ud800'),
  /** What the database cannot store, and what is merely unusual: NUL, lone surrogates, RTL override, ZWJ. */
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfff',
    '\udc00\ud800',
    '\u202eevil',
    'a\u200db',
    '👨\u200d👩',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.dictionary(fc.constantFrom('\u0000', 'k\ud800', '\u202e'), fc.string({ maxLength: 4 }), { maxKeys: 1 }),
);

/** A plausible value for a schema (enum, const, type), so that some requests get past validation. */
function plausible(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return anyJson;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf && schema.anyOf.length > 0) return fc.oneof(...schema.anyOf.map(plausible));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return fc.oneof(fc.string({ maxLength: 30 }), fc.constant('2026-03-02T09:00:00.000Z'));
    case 'integer':
    case 'number':
      return fc.integer({ min: -5, max: 1000 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(plausible(schema.items), { maxLength: 3 });
    case 'object':
      return schemaObject(schema);
    default:
      return anyJson;
  }
}

function schemaObject(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(schema.properties ?? {});
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of keys) fields[key] = fc.oneof(plausible(schema.properties?.[key]), anyJson);
  // requiredKeys: [] leaves any field out, so missing fields come up as often as present ones.
  return fc.record(fields, { requiredKeys: [] });
}

/** The raw bytes of a body and the content type it claims. */
interface RawBody {
  payload: string | Buffer;
  contentType: string;
}

const pollutionBodies = [
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"version":1}',
  '{"ids":["__proto__"],"action":"assign","__proto__":{"isAdmin":true}}',
];
const invalidUtf8 = Buffer.concat([
  Buffer.from('{"comment":"'),
  Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]),
  Buffer.from('","username":"\xff"}', 'latin1'),
]);
/** "/" spelt in two and three bytes (overlong UTF-8), which decoders must not take for the character. */
const overlongUtf8 = Buffer.concat([
  Buffer.from('{"text":"'),
  Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0xc0, 0x80]),
  Buffer.from('","version":1}'),
]);
/** JSON escapes the database cannot store: NUL and unpaired surrogates, in values and in keys. */
const unstorableJson = [
  '{"text":"\\u0000","version":1}',
  '{"text":"\\ud800","version":1}',
  '{"text":"\\udc00\\ud800","version":1}',
  '{"\\u0000":"x","version":1}',
  '{"username":"analyst\\u0000","password":"analyst-demo"}',
  '{"entries":[{"provider":"capa","externalUserId":"\\u0000","subjectId":"s"}]}',
];
const oversized = `{"comment":"${'a'.repeat(1024 * 1024 + 10)}"}`;

function bodyFor(operation: Operation): fc.Arbitrary<RawBody | undefined> {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  const json = (value: unknown): RawBody => ({
    payload: JSON.stringify(value),
    contentType: 'application/json',
  });
  return fc.oneof(
    { weight: 5, arbitrary: (schema ? schemaObject(schema) : anyJson).map(json) },
    { weight: 1, arbitrary: anyJson.map(json) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...pollutionBodies)
        .map((payload) => ({ payload, contentType: 'application/json' })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<RawBody>(
        { payload: invalidUtf8, contentType: 'application/json' },
        { payload: invalidUtf8, contentType: 'application/json; charset=utf-8' },
        { payload: overlongUtf8, contentType: 'application/json' },
        ...unstorableJson.map((payload) => ({ payload, contentType: 'application/json' })),
        { payload: '{"unterminated": ', contentType: 'application/json' },
        { payload: 'username=a&password=b', contentType: 'application/x-www-form-urlencoded' },
        { payload: 'plain words', contentType: 'text/plain' },
        { payload: '', contentType: 'application/json' },
        { payload: oversized, contentType: 'application/json' },
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

function pathFor(template: string, operation: Operation, knownIds: string[]): fc.Arbitrary<string> {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
  if (names.length === 0) return fc.constant(template);
  const parameters = new Map((operation.parameters ?? []).map((p) => [p.name, p]));
  const segment = (name: string) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...hostileSegments) },
      {
        weight: 3,
        arbitrary: plausible(parameters.get(name)?.schema).map((value) => encode(value)),
      },
      { weight: 2, arbitrary: fc.constantFrom(...knownIds) },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map(encode) },
    );
  return fc
    .tuple(...names.map(segment))
    .map((values) =>
      names.reduce((path, name, index) => path.replace(`{${name}}`, values[index] ?? ''), template),
    );
}

function queryFor(operation: Operation): fc.Arbitrary<string> {
  const queryParameters = (operation.parameters ?? []).filter((p) => p.in === 'query');
  const pair = fc.oneof(
    ...(queryParameters.length > 0
      ? [
          fc
            .tuple(fc.constantFrom(...queryParameters), anyJson)
            .map(([p, value]) => `${p.name}=${encode(value)}`),
          fc
            .constantFrom(...queryParameters)
            .chain((p) => plausible(p.schema).map((value) => `${p.name}=${encode(value)}`)),
        ]
      : []),
    fc.constantFrom(...hostileQueries),
  );
  return fc.array(pair, { maxLength: 4 }).map((pairs) => (pairs.length > 0 ? `?${pairs.join('&')}` : ''));
}

describeEachEngine('hardening: fuzzing every operation of the OpenAPI document', (engine) => {
  let desk: Desk;
  let document: OpenApiDocument;
  let knownIds: string[];

  beforeAll(async () => {
    desk = await startDesk(engine);
    const cases = await seedCases(desk.app, desk.sandbox, 3);
    const subjectId = desk.sandbox.population.capa[0]?.userId ?? 'capa-user';
    knownIds = [...cases.map((c) => c.id), subjectId, 'capa', 'connectfi', 'selfie'];
    const docs = await desk.app.inject({
      method: 'GET',
      url: '/api/docs/json',
      headers: { cookie: desk.admin.cookie },
    });
    expect(docs.statusCode).toBe(200);
    document = docs.json<OpenApiDocument>();
  }, 120_000);
  afterAll(async () => {
    await desk?.close();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      methods.flatMap((method) => (item[method] ? [{ path, method, operation: item[method] }] : [])),
    );

  it('lists the API surface (auth, subjects, cases, audit, events)', () => {
    const paths = Object.keys(document.paths);
    for (const prefix of ['/api/auth/', '/api/subjects/', '/api/cases', '/api/audit', '/api/events']) {
      expect(
        paths.some((path) => path.startsWith(prefix)),
        prefix,
      ).toBe(true);
    }
  });

  it('answers hostile requests to every operation with a success or an enveloped 4xx', async () => {
    const seen: string[] = [];
    for (const { path, method, operation } of operations()) {
      // The event stream stays open on success; it is fuzzed anonymously only (a refusal ends at once).
      const streams = path === '/api/events';
      const signsOut = path === '/api/auth/logout';
      const caller: fc.Arbitrary<'senior' | 'anonymous'> = streams
        ? fc.constant('anonymous')
        : fc.constantFrom('senior', 'anonymous');
      const property = fc.asyncProperty(
        caller,
        pathFor(path, operation, knownIds),
        queryFor(operation),
        method === 'get' ? fc.constant(undefined) : bodyFor(operation),
        async (who, url, query, body) => {
          let session: TestSession | null = null;
          if (who === 'senior')
            session = signsOut ? await signIn(desk.app, 'senior', 'senior-demo') : desk.senior;
          const options: InjectOptions = {
            method: method.toUpperCase() as InjectOptions['method'],
            url: `${url}${query}`,
            headers: {
              ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
              ...(body ? { 'content-type': body.contentType } : {}),
            },
            ...(body ? { payload: body.payload } : {}),
          };
          const response = await desk.app.inject(options);
          const label = `${options.method} ${options.url} as ${who}: ${response.statusCode}`;
          expect(response.statusCode, `${label} ${response.body.slice(0, 300)}`).toBeLessThan(500);
          if (response.statusCode >= 400) expect(injectedEnvelopeProblem(response), label).toBeNull();
          expect(Object.hasOwn(Object.prototype, 'polluted'), label).toBe(false);
        },
      );
      await fc.assert(property, { numRuns: RUNS_PER_OPERATION, seed: 20260302, endOnFailure: true });
      seen.push(`${method} ${path}`);
    }
    expect(seen.length).toBeGreaterThanOrEqual(20);
    const health = await desk.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
  }, 90_000);

  describe('regressions', () => {
    it("answers a path that is not valid percent-encoding with the envelope (was the router's own body)", async () => {
      const response = await desk.app.inject({
        method: 'GET',
        url: '/api/subjects/capa/%FF?a=%C3%28',
        headers: { cookie: desk.senior.cookie },
      });
      expect(response.statusCode).toBe(400);
      expect(injectedEnvelopeProblem(response)).toBeNull();
      expect(response.json()).toMatchObject({ error: { code: 'bad_url' } });
    });

    it('names an over-long path segment in the envelope (was a bare "The request is not valid")', async () => {
      const response = await desk.app.inject({
        method: 'GET',
        url: `/api/subjects/capa/${'x'.repeat(250)}`,
        headers: { cookie: desk.senior.cookie },
      });
      expect(response.statusCode).toBe(414);
      expect(injectedEnvelopeProblem(response)).toBeNull();
      expect(response.json()).toMatchObject({
        error: {
          code: 'path_segment_too_long',
          message: 'A part of the address is longer than 200 characters',
        },
      });
    });

    it('refuses an integer query value too big for a double (was a 500 from SQL)', async () => {
      for (const url of ['/api/cases?limit=1e309', '/api/cases?limit=-1e309', '/api/audit?limit=1e309']) {
        const response = await desk.app.inject({
          method: 'GET',
          url,
          headers: { cookie: desk.senior.cookie },
        });
        expect(response.statusCode, url).toBe(400);
        expect(response.json(), url).toMatchObject({ error: { code: 'invalid_request' } });
      }
    });
  });

  describe('on a listening server', () => {
    let baseUrl: string;
    beforeAll(async () => {
      await desk.app.listen({ host: '127.0.0.1', port: 0 });
      baseUrl = `http://127.0.0.1:${(desk.app.server.address() as AddressInfo).port}`;
    });

    const send = async (
      path: string,
      headers: Record<string, string> = {},
      method: 'GET' | 'POST' = 'GET',
    ) => {
      const response = await request(`${baseUrl}${path}`, {
        method,
        headers,
        headersTimeout: 5_000,
        bodyTimeout: 5_000,
      });
      return {
        statusCode: response.statusCode,
        contentType: String(response.headers['content-type'] ?? ''),
        body: await response.body.text(),
      };
    };

    it('refuses a ~64 KB header and a ~100 KB query string with an enveloped 4xx, then keeps serving', async () => {
      const cases = [
        await send('/api/cases', { cookie: desk.senior.cookie, 'x-padding': 'p'.repeat(64 * 1024) }),
        await send(`/api/cases?q=${'q'.repeat(100 * 1024)}`, { cookie: desk.senior.cookie }),
        await send(`/api/cases?${'__proto__[a]=1&'.repeat(8_000)}`, { cookie: desk.senior.cookie }),
        await send('/api/auth/login', { cookie: `rd_session=${'s'.repeat(64 * 1024)}` }, 'POST'),
      ];
      for (const answer of cases) {
        expect(answer.statusCode, answer.body.slice(0, 200)).toBeGreaterThanOrEqual(400);
        expect(answer.statusCode, answer.body.slice(0, 200)).toBeLessThan(500);
        expect(envelopeProblem(answer.statusCode, answer.contentType, answer.body)).toBeNull();
      }
      const health = await send('/healthz');
      expect(health.statusCode).toBe(200);
    });
  });
});
