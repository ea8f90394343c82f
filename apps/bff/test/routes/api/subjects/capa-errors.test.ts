// Capa's documented errors that no request of the desk's can cause, switched on through the sandbox's control
// API: what the desk answers for each, in its one error envelope, and that it never passes them off as a 5xx of
// its own or as an unknown subject.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../../../src/app';
import { signIn, type TestSession } from '../../../auth/app';
import { engines } from '../../../helpers/db';
import { type SandboxHarness, startSandboxHarness } from '../../../helpers/sandbox';

const engine = engines()[0];
if (!engine) throw new Error('no database engine');

let harness: SandboxHarness;
let app: App;
let analyst: TestSession;
let userId: string;

beforeAll(async () => {
  harness = await startSandboxHarness();
  userId = (await harness.scenario('capa', ['capa', 'individual', 'review_needed'], ['partial'])).id;
  app = await buildApp(await harness.config(engine), { quiet: true });
  analyst = await signIn(app, 'analyst', 'analyst-demo');
});
afterAll(async () => {
  await app?.close();
  await harness?.close();
  await engine.dispose();
});
afterEach(async () => {
  await fetch(`${harness.sandbox.capaUrl}/_sandbox/capa/errors`, { method: 'DELETE' });
});

const inject = async (body: Record<string, unknown>) => {
  const response = await fetch(`${harness.sandbox.capaUrl}/_sandbox/capa/errors`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
};

const read = () => app.inject({ url: `/api/subjects/capa/${userId}`, headers: { cookie: analyst.cookie } });

describe("Capa's documented errors, as the desk answers them", () => {
  it.each([
    ['INVALID_PARTNER_FLOW', 403, 'INVALID_PARTNER_FLOW', 'upstream_rejected', 'Capa refused the request'],
    [
      'PARTNER_INFORMATION_REQUIRED',
      401,
      'UNAUTHORIZED',
      'upstream_unauthorized',
      'Capa refused our credentials; the deployment is misconfigured',
    ],
    // About one user, not the desk's key: Capa refused the request for that user.
    ['USER_NOT_ASSOCIATED', 401, 'UNAUTHORIZED', 'upstream_rejected', 'Capa refused the request'],
  ])('%s: a 502 %s naming what Capa said', async (error, upstreamStatus, upstreamCode, code, message) => {
    await inject({ error, userId });
    const response = await read();
    expect(response.statusCode).toBe(502);
    expect(response.json().error).toMatchObject({
      code,
      message,
      details: { provider: 'capa', upstreamStatus, upstreamCode },
    });
    // Once Capa stops refusing, the same read works: nothing was cached from the refusal.
    await fetch(`${harness.sandbox.capaUrl}/_sandbox/capa/errors`, { method: 'DELETE' });
    expect((await read()).statusCode).toBe(200);
  });

  it('KYC_TEMPLATE_NOT_CONFIGURED: a KYC link for that country is refused with what Capa said', async () => {
    await inject({ error: 'KYC_TEMPLATE_NOT_CONFIGURED', country: 'MX' });
    await expect(app.upstreams.capa.createVerificationLink(userId, { country: 'MX' })).rejects.toMatchObject({
      kind: 'rejected',
      upstreamStatus: 400,
      upstreamCode: 'KYC_TEMPLATE_NOT_CONFIGURED_ERROR',
    });
    // Another country has its template.
    expect(await app.upstreams.capa.createVerificationLink(userId, { country: 'DO' })).toMatch(/^http/);
  });
});
