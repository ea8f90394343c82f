import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { noFaults } from '../src/config';
import { FaultControl } from '../src/faults';
import { apiKey, type RunningCapa, startCapa } from './capa-harness';

const open: RunningCapa[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function capaWith(faults: Record<string, number>): Promise<{ capa: RunningCapa; userId: string }> {
  const capa = await startCapa();
  open.push(capa);
  const res = await capa.call('PUT', '/_sandbox/faults', { body: faults, key: null });
  expect(res.status).toBe(200);
  const userId = capa.population.capa.find((u) => u.kycDetails)?.userId ?? '';
  return { capa, userId };
}

/** Resolves to 'timeout' if `promise` is still pending after `ms`: a guard against hanging, not a speed check. */
function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([
    promise,
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref()),
  ]);
}

describe('fault controls', () => {
  it('errorRate 1 answers 500 in Capa’s error layout, while the control API stays reachable', async () => {
    const { capa, userId } = await capaWith({ errorRate: 1 });
    const res = await capa.call('GET', `/api/partner/v2/kyc/details?userId=${userId}`);
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({
      statusCode: 500,
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Internal server error',
    });
    const settings = await capa.call('GET', '/_sandbox/faults', { key: null });
    expect(settings.json()).toEqual({ ...noFaults, errorRate: 1 });
    await capa.call('PUT', '/_sandbox/faults', { body: { errorRate: 0 }, key: null });
    expect((await capa.call('GET', `/api/partner/v2/kyc/details?userId=${userId}`)).status).toBe(200);
  });

  it('malformedRate 1 answers 200 with a body that is not JSON', async () => {
    const { capa, userId } = await capaWith({ malformedRate: 1 });
    const res = await capa.call('GET', `/api/partner/v2/kyc/details?userId=${userId}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(() => res.json()).toThrow(SyntaxError);
  });

  it('latencyMs delays every answer by at least that long', async () => {
    const { capa, userId } = await capaWith({ latencyMs: 150 });
    const started = performance.now();
    const res = await capa.call('GET', `/api/partner/v2/kyc/details?userId=${userId}`);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('hangRate 1 never answers: the client times out, and closing the server frees the rest', async () => {
    const { capa, userId } = await capaWith({ hangRate: 1 });
    const path = `${capa.url}/api/partner/v2/kyc/details?userId=${userId}`;
    const headers = { 'partner-api-key': apiKey };
    await expect(request(path, { headers, headersTimeout: 200 })).rejects.toMatchObject({
      code: 'UND_ERR_HEADERS_TIMEOUT',
    });

    const waiting = request(path, { headers, headersTimeout: 30_000 }).then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await settlesWithin(capa.close(), 5000)).not.toBe('timeout');
    expect(await settlesWithin(waiting, 5000)).toBe('dropped');
    open.splice(open.indexOf(capa), 1);
  });

  it.each([
    [{ errorRate: 2 }],
    [{ hangRate: -0.1 }],
    [{ latencyMs: 'slow' }],
    [{ errorRate: '1' }],
    [{ unknownFault: 1 }],
    [{}],
    [[1, 2]],
  ])('PUT /_sandbox/faults refuses %j with 400', async (body) => {
    const capa = await startCapa();
    open.push(capa);
    const res = await capa.call('PUT', '/_sandbox/faults', { body, key: null });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, code: 'INVALID_FAULT_SETTINGS' });
    expect((await capa.call('GET', '/_sandbox/faults', { key: null })).json()).toEqual(noFaults);
  });

  it('PUT /_sandbox/faults refuses malformed JSON with 400', async () => {
    const capa = await startCapa();
    open.push(capa);
    const res = await capa.call('PUT', '/_sandbox/faults', { rawBody: '{"errorRate":', key: null });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ code: 'INVALID_FAULT_SETTINGS' });
  });

  it('does not expose the control API unless it is switched on', async () => {
    const capa = await startCapa({ controlApi: false });
    open.push(capa);
    expect((await capa.call('GET', '/_sandbox/faults', { key: null })).status).toBe(404);
    expect((await capa.call('GET', '/_sandbox/scenarios', { key: null })).status).toBe(404);
    expect((await capa.call('GET', '/_sandbox/directory', { key: null })).status).toBe(404);
  });
});

describe('FaultControl', () => {
  it('refuses settings it does not know or out of range, and keeps the old ones', () => {
    const faults = new FaultControl(noFaults, () => ({ statusCode: 500, body: {} }));
    expect(() => faults.set({ errorRate: 1.5 })).toThrow(RangeError);
    expect(() => faults.set({ ['bogus' as 'errorRate']: 0.5 })).toThrow(RangeError);
    expect(faults.set({ latencyMs: 10, errorRate: 0.25 })).toEqual({
      ...noFaults,
      latencyMs: 10,
      errorRate: 0.25,
    });
    faults.reset();
    expect(faults.settings).toEqual(noFaults);
  });
});
