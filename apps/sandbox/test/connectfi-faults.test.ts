import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { noFaults } from '../src/config';
import { createConnectfiServer } from '../src/connectfi/server';
import { type Harness, hex32, startConnectfi, testOptions } from './connectfi-harness';

let h: Harness;

afterEach(async () => {
  await h.close();
});

describe('connectFi fault injection', () => {
  it('answers 500 in connectFi error shape at errorRate 1, and the control API still works', async () => {
    h = await startConnectfi();
    const put = await h.server.app.inject({
      method: 'PUT',
      url: '/_sandbox/faults',
      payload: { errorRate: 1 },
    });
    expect(put.json()).toEqual({ ...noFaults, errorRate: 1 });

    const failed = await h.get('/akepa/status/cstap_x');
    expect(failed.statusCode).toBe(500);
    expect(failed.json).toEqual({
      requestId: expect.stringMatching(hex32),
      code: 'internalError',
      message: 'Internal server error',
    });

    const got = await h.server.app.inject({ method: 'GET', url: '/_sandbox/faults' });
    expect(got.json()).toMatchObject({ errorRate: 1 });
    await h.server.app.inject({ method: 'PUT', url: '/_sandbox/faults', payload: { errorRate: 0 } });
    expect((await h.get('/akepa/status/cstap_x')).json.code).toBe('identificationNotFound');
  });

  it('starts with options.connectfiFaults', async () => {
    h = await startConnectfi();
    const server = await createConnectfiServer(
      { ...testOptions, connectfiFaults: { ...noFaults, errorRate: 1 } },
      [],
    );
    try {
      expect(server.faults.settings.errorRate).toBe(1);
      const response = await server.app.inject({ method: 'POST', url: '/auth/get-token', payload: {} });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toMatchObject({ code: 'internalError' });
    } finally {
      await server.app.close();
    }
  });

  it('sends a body that is not JSON at malformedRate 1', async () => {
    h = await startConnectfi();
    h.server.faults.set({ malformedRate: 1 });
    const response = await h.server.app.inject({
      method: 'GET',
      url: '/akepa/status/cstap_x',
      headers: { 'x-connectfi-token': h.token },
    });
    expect(response.statusCode).toBe(200);
    expect(() => JSON.parse(response.body)).toThrow();
  });

  it('rejects fault settings out of range through the shared control routes', async () => {
    h = await startConnectfi();
    const response = await h.server.app.inject({
      method: 'PUT',
      url: '/_sandbox/faults',
      payload: { hangRate: 2 },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INVALID_FAULT_SETTINGS' });
    expect(h.server.faults.settings.hangRate).toBe(0);
  });

  it('never answers at hangRate 1, so the client times out', async () => {
    h = await startConnectfi();
    await h.server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = h.server.app.server.address() as AddressInfo;
    h.server.faults.set({ hangRate: 1 });
    await expect(
      request(`http://127.0.0.1:${port}/akepa/status/cstap_x`, {
        headers: { 'x-connectfi-token': h.token },
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow(/aborted|timeout/i);
  });

  it('adds latency', async () => {
    h = await startConnectfi();
    h.server.faults.set({ latencyMs: 50 });
    const started = performance.now();
    await h.get('/akepa/status/cstap_x');
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });
});
