import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../../../src/app';
import { signIn, type TestSession } from '../../../auth/app';
import { engines } from '../../../helpers/db';
import { type SandboxHarness, startSandboxHarness } from '../../../helpers/sandbox';

const engine = engines()[0];
if (!engine) throw new Error('no database engine');

interface Envelope {
  error: { code: string; message: string; requestId: string; details?: Record<string, unknown> };
}

let harness: SandboxHarness;
let capaUserId: string;

beforeAll(async () => {
  harness = await startSandboxHarness();
  capaUserId = (await harness.scenario('capa', ['review_needed'], ['partial', 'odd-values'])).id;
});

afterEach(() => {
  harness.sandbox.capa.faults.reset();
});

afterAll(async () => {
  await app?.close();
  await harness?.close();
  await engine.dispose();
});

async function read(app: App, session: TestSession, url: string) {
  return { response: await app.inject({ url, headers: { cookie: session.cookie } }) };
}

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const failureThreshold = 3;
const coolDownMs = 300;
let app: App;
let analyst: TestSession;

beforeAll(async () => {
  // A success resets the failure streak and only transient failures (5xx, timeouts) extend it, so the
  // single failures below never add up to the threshold; the breaker test opens it on purpose.
  const upstreams = harness.upstreams({ breaker: { failureThreshold, coolDownMs, windowMs: 30_000 } });
  app = await buildApp(await harness.config(engine), { quiet: true, upstreams });
  analyst = await signIn(app, 'analyst', 'analyst-demo');
});

describe('upstream failures', () => {
  it('answers a provider 500 with 502 upstream_bad_response and the upstream status', async () => {
    harness.sandbox.capa.faults.set({ errorRate: 1 });
    const { response } = await read(app, analyst, `/api/subjects/capa/${capaUserId}`);
    expect(response.statusCode).toBe(502);
    const { error } = response.json<Envelope>();
    expect(error.code).toBe('upstream_bad_response');
    expect(error.details).toMatchObject({ provider: 'capa', kind: 'bad_response', upstreamStatus: 500 });
    expect(error.requestId).toBe(response.headers['x-request-id']);
  });

  it('answers a truncated JSON body with 502', async () => {
    harness.sandbox.capa.faults.set({ malformedRate: 1 });
    const { response } = await read(app, analyst, `/api/subjects/capa/${capaUserId}`);
    expect(response.statusCode).toBe(502);
    expect(response.json<Envelope>().error).toMatchObject({
      code: 'upstream_bad_response',
      details: { provider: 'capa', kind: 'bad_response' },
    });
  });

  // The deadline is what ends the request: without it the provider's hang would outlast this test's timeout.
  it('answers a provider that never responds with 504 once the deadline passes', {
    timeout: 10_000,
  }, async () => {
    harness.sandbox.capa.faults.set({ hangRate: 1 });
    const { response } = await read(app, analyst, `/api/subjects/capa/${capaUserId}`);
    expect(response.statusCode).toBe(504);
    expect(response.json<Envelope>().error).toMatchObject({
      code: 'upstream_timeout',
      details: { provider: 'capa', kind: 'timeout' },
    });
  });

  it('answers an unknown Capa user with 404 subject_not_found', async () => {
    const { response } = await read(app, analyst, `/api/subjects/capa/${randomUUID()}`);
    expect(response.statusCode).toBe(404);
    expect(response.json<Envelope>().error).toMatchObject({
      code: 'subject_not_found',
      details: { provider: 'capa', kind: 'not_found', upstreamStatus: 404 },
    });
  });

  it('answers an unknown connectFi customer with 404 subject_not_found', async () => {
    const { response } = await read(app, analyst, '/api/subjects/connectfi/cstap_unknown0000000000000000');
    expect(response.statusCode).toBe(404);
    expect(response.json<Envelope>().error).toMatchObject({
      code: 'subject_not_found',
      details: { provider: 'connectfi', kind: 'not_found' },
    });
  });
});

describe('the circuit breaker', () => {
  const capaBreaker = async () =>
    (await app.inject({ url: '/readyz' })).json<{ checks: Record<string, string> }>().checks.capa;

  it('opens after repeated failures, fails fast without calling Capa, and closes again once Capa recovers', async () => {
    const url = `/api/subjects/capa/${capaUserId}`;
    expect((await read(app, analyst, url)).response.statusCode).toBe(200);
    expect(await capaBreaker()).toBe('closed');
    harness.sandbox.capa.faults.set({ errorRate: 1 });
    for (let i = 0; i < failureThreshold; i++) {
      expect((await read(app, analyst, url)).response.statusCode).toBe(502);
    }
    expect(await capaBreaker()).toBe('open');

    const before = harness.capaRequests.count();
    const { response } = await read(app, analyst, url);
    expect(response.statusCode).toBe(503);
    expect(response.json<Envelope>().error).toMatchObject({
      code: 'upstream_circuit_open',
      details: { provider: 'capa', kind: 'circuit_open' },
    });
    expect(harness.capaRequests.count()).toBe(before);
    const readiness = await app.inject({ url: '/readyz' });
    expect(readiness.statusCode).toBe(200);
    expect(readiness.json()).toMatchObject({ checks: { capa: 'open', connectfi: 'closed' } });

    harness.sandbox.capa.faults.reset();
    await until(async () => (await capaBreaker()) === 'half_open');
    expect((await read(app, analyst, url)).response.statusCode).toBe(200);
    expect(harness.capaRequests.count()).toBe(before + 1);
    expect(await capaBreaker()).toBe('closed');
  });
});
