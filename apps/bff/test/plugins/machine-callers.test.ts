import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { hmacHex } from '../../src/deliveries/signatures';
import { machineVerifiers } from '../../src/plugins/app/machine-callers';
import { buildAppWatchingRoutes, type RouteEntry } from '../app/route-table';
import { testConfig } from '../auth/app';
import { engines } from '../helpers/db';

const engine = engines()[0];
if (!engine) throw new Error('no database engine');

/** Routes that count how often their handler runs, for each kind of machine caller. */
const countingRoutes = (calls: { capa: number; connectfi: number }): FastifyPluginAsync =>
  async function counting(instance) {
    // Raw bytes, as the provider receivers take them: a signature covers the exact body.
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    instance.post('/webhooks/test-capa', { config: { access: { machine: 'capa-signature' } } }, async () => {
      calls.capa += 1;
      return { ok: true };
    });
    instance.post(
      '/webhooks/test-connectfi/:secret',
      { config: { access: { machine: 'connectfi-url-secret' } } },
      async () => {
        calls.connectfi += 1;
        return { ok: true };
      },
    );
  };

describe('machine callers', () => {
  let app: App;
  let routes: RouteEntry[];
  const calls = { capa: 0, connectfi: 0 };
  let config: Awaited<ReturnType<typeof testConfig>>;

  beforeAll(async () => {
    config = await testConfig(engine, { reconcileIntervalMinutes: 0 });
    ({ app, routes } = await buildAppWatchingRoutes(
      config,
      { quiet: true },
      { after: { prefix: '/webhooks', plugin: countingRoutes(calls) } },
    ));
  });
  afterAll(() => app?.close());

  it('has a verifier for every machine caller a route of the app declares', () => {
    const verifiers = machineVerifiers(config);
    const declared = routes.flatMap((route) =>
      route.access && 'machine' in route.access
        ? [`${route.method} ${route.url}: ${route.access.machine}`]
        : [],
    );
    expect(declared.length).toBeGreaterThanOrEqual(2);
    const unverified = routes.filter(
      (route) => route.access && 'machine' in route.access && !(route.access.machine in verifiers),
    );
    expect(unverified.map((route) => `${route.method} ${route.url}`)).toEqual([]);
  });

  it('stops the app from starting when a route declares a machine caller no verifier handles', async () => {
    const unknown: FastifyPluginAsync = async (instance) => {
      instance.post(
        '/webhooks/unknown',
        // A kind the RouteAccess type does not know, as a route written against a newer declaration would be.
        { config: { access: { machine: 'carrier-pigeon' as 'capa-signature' } } },
        async () => ({ ok: true }),
      );
    };
    await expect(
      buildAppWatchingRoutes(config, { quiet: true }, { after: { prefix: '/webhooks', plugin: unknown } }),
    ).rejects.toThrow('declares machine caller "carrier-pigeon", which no verifier handles');
  });

  it('refuses a Capa caller without a valid signature before its handler runs', async () => {
    const body = '{"type":"test"}';
    const post = (signature?: string) =>
      app.inject({
        method: 'POST',
        url: '/webhooks/test-capa',
        headers: {
          'content-type': 'application/json',
          ...(signature ? { 'capa-signature': signature } : {}),
        },
        payload: body,
      });
    for (const signature of [undefined, 'abc', hmacHex('not-the-secret', body)]) {
      const refused = await post(signature);
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe('invalid_signature');
    }
    expect(calls.capa).toBe(0);
    const accepted = await post(hmacHex(config.capa.webhookSecret, body));
    expect(accepted.statusCode).toBe(200);
    expect(calls.capa).toBe(1);
  });

  it('answers a wrong connectFi URL secret like an unknown route, before its handler runs', async () => {
    const wrong = await app.inject({ method: 'POST', url: '/webhooks/test-connectfi/guess', payload: {} });
    const unknown = await app.inject({ method: 'POST', url: '/webhooks/no-such-route', payload: {} });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe(unknown.json().error.code);
    expect(calls.connectfi).toBe(0);
    const right = await app.inject({
      method: 'POST',
      url: `/webhooks/test-connectfi/${config.connectfi.webhookSecret}`,
      payload: {},
    });
    expect(right.statusCode).toBe(200);
    expect(calls.connectfi).toBe(1);
  });

  it('leaves authentication to the hooks: no route or plugin checks a signature, a secret or a token itself', () => {
    const srcDir = fileURLToPath(new URL('../../src/', import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (
          name !== 'machine-callers.ts' &&
          /\b(capaSignatureValid|secretsMatch|bearerMatches|timingSafeEqual)\(/.test(
            readFileSync(file, 'utf8'),
          )
        ) {
          offenders.push(path.relative(srcDir, file));
        }
      }
    };
    walk(path.join(srcDir, 'routes'));
    walk(path.join(srcDir, 'plugins'));
    expect(offenders).toEqual([]);
  });
});
