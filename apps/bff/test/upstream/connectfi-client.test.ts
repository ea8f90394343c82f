import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConnectfiClientOptions, createConnectfiClient } from '../../src/upstream/connectfi-client';
import { httpStatusFor } from '../../src/upstream/errors';
import {
  expectNoSecrets,
  type SeenRequest,
  sendJson,
  sendText,
  startScriptedServer,
  upstreamFailure,
} from './scripted-server';

const LOGIN = 'desk-service';
const PASSWORD = 'Pa55-w0rd-connectfi';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

type StatusAnswer = (req: SeenRequest, res: ServerResponse, customerId: string) => void;

const journey = (customerId: string) => ({ applicationId: 'iapp_1', customerId, status: 'waiting_review' });

const answerJourney: StatusAnswer = (_req, res, customerId) =>
  sendJson(res, 200, { code: '0', data: journey(customerId), requestId: 'r1' });

/**
 * A scripted connectFi: issues `tok-<n>` tokens that live `lifetimeMs` on the test clock, accepts only
 * tokens it still considers valid, and lets each test decide how the status endpoint answers.
 */
async function setup(
  options: {
    clock?: { t: number };
    lifetimeMs?: number;
    tokenDelayMs?: number;
    status?: StatusAnswer;
    client?: Partial<ConnectfiClientOptions>;
  } = {},
) {
  const clock = options.clock ?? { t: Date.parse('2025-01-01T00:00:00Z') };
  const lifetimeMs = options.lifetimeMs ?? 3_600_000;
  const valid = new Set<string>();
  let issued = 0;
  let status = options.status ?? answerJourney;

  const server = await startScriptedServer((req, res) => {
    if (req.url === '/auth/get-token') {
      const { user } = JSON.parse(req.body) as { user: { login: string; password: string } };
      if (user.login !== LOGIN || user.password !== PASSWORD) {
        sendJson(res, 401, { code: 'unauthorized', message: 'Authentication error' });
        return;
      }
      issued += 1;
      const token = `tok-${issued}-a1b2c3d4e5`;
      valid.add(token);
      const answer = () =>
        sendJson(res, 200, {
          code: '0',
          data: { token, dtsExpireAt: new Date(clock.t + lifetimeMs).toISOString() },
          requestId: `r-token-${issued}`,
        });
      if (options.tokenDelayMs === undefined) answer();
      else setTimeout(answer, options.tokenDelayMs);
      return;
    }
    const match = /^\/akepa\/status\/([^/?]+)$/.exec(req.url);
    const token = req.headers['x-connectfi-token'];
    if (match?.[1] === undefined) {
      sendJson(res, 404, { code: 'routeNotFound' });
    } else if (typeof token !== 'string' || !valid.has(token)) {
      sendJson(res, 401, { code: 'unauthorized', message: 'Authentication error' });
    } else {
      status(req, res, decodeURIComponent(match[1]));
    }
  });
  const client = createConnectfiClient({
    baseUrl: server.origin,
    login: LOGIN,
    password: PASSWORD,
    retry: { baseMs: 5, capMs: 20 },
    now: () => clock.t,
    ...options.client,
  });
  cleanups.push(async () => {
    await client.close();
    await server.close();
  });
  return {
    clock,
    server,
    client,
    tokenCalls: () => server.count('/auth/get-token'),
    statusCalls: () => server.count('/akepa/status/'),
    revokeAll: () => valid.clear(),
    setStatus: (next: StatusAnswer) => {
      status = next;
    },
  };
}

describe('connectfi client: status', () => {
  it('logs in, then returns the journey with the token header', async () => {
    const { server, client } = await setup();
    expect(await client.getAkepaStatus('cstap_1')).toEqual(journey('cstap_1'));
    const [login, read] = server.requests;
    expect(login?.method).toBe('POST');
    expect(JSON.parse(login?.body ?? '')).toEqual({ user: { login: LOGIN, password: PASSWORD } });
    expect(login?.headers['x-connectfi-token']).toBeUndefined();
    expect(read?.method).toBe('GET');
    expect(read?.url).toBe('/akepa/status/cstap_1');
    expect(read?.headers['x-connectfi-token']).toBe('tok-1-a1b2c3d4e5');
  });

  it('encodes the customer id into the path and keeps the base URL path', async () => {
    const server = await startScriptedServer((req, res) => {
      if (req.url.endsWith('/auth/get-token')) {
        sendJson(res, 200, { code: '0', data: { token: 'tok-x', dtsExpireAt: '2999-01-01T00:00:00Z' } });
      } else {
        sendJson(res, 200, { code: '0', data: { seen: req.url } });
      }
    });
    const client = createConnectfiClient({
      baseUrl: `${server.origin}/v1`,
      login: LOGIN,
      password: PASSWORD,
    });
    cleanups.push(async () => {
      await client.close();
      await server.close();
    });
    expect(await client.getAkepaStatus('a/b c')).toEqual({ seen: '/v1/akepa/status/a%2Fb%20c' });
    expect(server.requests[0]?.url).toBe('/v1/auth/get-token');
  });

  it('maps identificationNotFound to not_found with the upstream code, without retrying', async () => {
    const { client, statusCalls } = await setup({
      status: (_req, res, customerId) =>
        sendJson(res, 400, {
          requestId: 'r2',
          code: 'identificationNotFound',
          context: { customerId },
          message: 'Identification not found',
        }),
    });
    const error = await upstreamFailure(client.getAkepaStatus('cstab_none'));
    expect(error).toMatchObject({
      provider: 'connectfi',
      kind: 'not_found',
      upstreamStatus: 400,
      upstreamCode: 'identificationNotFound',
      upstreamMessage: 'Identification not found',
    });
    expect(httpStatusFor(error)).toBe(404);
    expect(statusCalls()).toBe(1);
  });

  it('does not retry other 4xx', async () => {
    const { client, statusCalls } = await setup({
      status: (_req, res) => sendJson(res, 400, { code: 'requestValidateError', context: [] }),
    });
    const error = await upstreamFailure(client.getAkepaStatus('c'));
    expect(error).toMatchObject({ kind: 'rejected', upstreamCode: 'requestValidateError' });
    expect(statusCalls()).toBe(1);
  });

  it('retries a 5xx with the same token and returns the answer that follows', async () => {
    let failures = 0;
    const { client, statusCalls, tokenCalls } = await setup({
      status: (req, res, customerId) => {
        if (failures++ === 0) sendText(res, 502, 'Bad Gateway');
        else answerJourney(req, res, customerId);
      },
    });
    expect(await client.getAkepaStatus('c')).toEqual(journey('c'));
    expect(statusCalls()).toBe(2);
    expect(tokenCalls()).toBe(1);
  });

  it('reports bad_response when 5xx outlast the retries', async () => {
    const { client, statusCalls } = await setup({
      status: (_req, res) => sendJson(res, 500, { code: 'internalError' }),
    });
    const error = await upstreamFailure(client.getAkepaStatus('c'));
    expect(error).toMatchObject({ kind: 'bad_response', upstreamStatus: 500, upstreamCode: 'internalError' });
    expect(statusCalls()).toBe(3);
  });

  it('reports malformed JSON and a missing success envelope as bad_response', async () => {
    const { client, setStatus } = await setup({ status: (_req, res) => sendText(res, 200, 'not json') });
    const malformed = await upstreamFailure(client.getAkepaStatus('c'));
    expect(malformed.kind).toBe('bad_response');
    expect(malformed.upstreamCode).toBeUndefined();

    setStatus((_req, res) => sendJson(res, 200, { data: journey('c') }));
    expect((await upstreamFailure(client.getAkepaStatus('c'))).kind).toBe('bad_response');
  });

  // The deadline is what settles the call: without it the silent server would outlast this test's timeout.
  it('settles with timeout once the deadline passes when the status call never answers', {
    timeout: 10_000,
  }, async () => {
    const budget = 300;
    const { client, server } = await setup({
      status: () => undefined,
      client: { timeouts: { deadlineMs: budget } },
    });
    const error = await upstreamFailure(client.getAkepaStatus('c'));
    expect(error.kind).toBe('timeout');
    await client.close();
    await server.waitForNoOpenSockets(1_000);
  });

  it('opens its circuit after repeated failures and stops calling connectFi', async () => {
    const { client, server } = await setup({
      status: (_req, res) => res.socket?.destroy(),
      client: { retry: { retries: 0 }, breaker: { failureThreshold: 2 } },
    });
    for (let i = 0; i < 2; i++)
      expect((await upstreamFailure(client.getAkepaStatus('c'))).kind).toBe('unavailable');
    expect(client.breakerState()).toBe('open');
    const seen = server.count();
    expect((await upstreamFailure(client.getAkepaStatus('c'))).kind).toBe('circuit_open');
    expect(server.count()).toBe(seen);
  });
});

describe('connectfi client: token', () => {
  it('reuses the token across calls', async () => {
    const { client, tokenCalls, statusCalls } = await setup();
    for (let i = 0; i < 3; i++) await client.getAkepaStatus(`c${i}`);
    expect(tokenCalls()).toBe(1);
    expect(statusCalls()).toBe(3);
  });

  it('gets a new token shortly before dtsExpireAt', async () => {
    const { client, clock, tokenCalls } = await setup({ lifetimeMs: 60_000 });
    await client.getAkepaStatus('c');
    clock.t += 53_000;
    await client.getAkepaStatus('c');
    expect(tokenCalls()).toBe(1);
    clock.t += 2_000;
    await client.getAkepaStatus('c');
    expect(tokenCalls()).toBe(2);
  });

  it('on a 401 logs in again exactly once and retries the call once', async () => {
    const { client, revokeAll, tokenCalls, statusCalls } = await setup();
    await client.getAkepaStatus('c');
    revokeAll();
    expect(await client.getAkepaStatus('c')).toEqual(journey('c'));
    expect(tokenCalls()).toBe(2);
    expect(statusCalls()).toBe(3);
  });

  it('gives up with unauthorized when even a fresh token is refused', async () => {
    const { client, tokenCalls, statusCalls } = await setup({
      status: (_req, res) => sendJson(res, 401, { code: 'unauthorized', message: 'Authentication error' }),
    });
    const error = await upstreamFailure(client.getAkepaStatus('c'));
    expect(error).toMatchObject({ kind: 'unauthorized', upstreamStatus: 401, operation: 'getAkepaStatus' });
    expect(httpStatusFor(error)).toBe(502);
    expect(tokenCalls()).toBe(2);
    expect(statusCalls()).toBe(2);
  });

  it('makes 50 concurrent first calls share one login', async () => {
    const { client, tokenCalls, statusCalls } = await setup({ tokenDelayMs: 30 });
    const ids = Array.from({ length: 50 }, (_, i) => `c${i}`);
    const journeys = await Promise.all(ids.map((id) => client.getAkepaStatus(id)));
    expect(journeys).toEqual(ids.map(journey));
    expect(tokenCalls()).toBe(1);
    expect(statusCalls()).toBe(50);
  });

  it('makes 50 concurrent calls with an expired token share one renewal', async () => {
    const { client, clock, tokenCalls, statusCalls } = await setup({ lifetimeMs: 60_000, tokenDelayMs: 30 });
    await client.getAkepaStatus('warm-up');
    clock.t += 61_000;
    await Promise.all(Array.from({ length: 50 }, (_, i) => client.getAkepaStatus(`c${i}`)));
    expect(tokenCalls()).toBe(2);
    expect(statusCalls()).toBe(51);
  });

  it('makes 50 concurrent calls refused with 401 share one re-login', async () => {
    const { client, revokeAll, tokenCalls, statusCalls } = await setup({ tokenDelayMs: 30 });
    await client.getAkepaStatus('warm-up');
    revokeAll();
    await Promise.all(Array.from({ length: 50 }, (_, i) => client.getAkepaStatus(`c${i}`)));
    expect(tokenCalls()).toBe(2);
    expect(statusCalls()).toBe(1 + 50 + 50);
  });

  it('reports refused credentials as unauthorized without naming the password', async () => {
    const { client, statusCalls } = await setup({ client: { password: 'wrong-Pa55-word' } });
    const error = await upstreamFailure(client.getAkepaStatus('c'));
    expect(error).toMatchObject({
      kind: 'unauthorized',
      upstreamCode: 'unauthorized',
      operation: 'getToken',
    });
    expect(error.message).toContain('misconfigured');
    expect(httpStatusFor(error)).toBe(502);
    expectNoSecrets(error, ['wrong-Pa55-word', PASSWORD]);
    expect(statusCalls()).toBe(0);
  });

  it('reports a token answer without a usable expiry as bad_response', async () => {
    const server = await startScriptedServer((_req, res) =>
      sendJson(res, 200, { code: '0', data: { token: 'tok-1', dtsExpireAt: 'soon' } }),
    );
    const client = createConnectfiClient({ baseUrl: server.origin, login: LOGIN, password: PASSWORD });
    cleanups.push(async () => {
      await client.close();
      await server.close();
    });
    const error = await upstreamFailure(client.getAkepaStatus('c'));
    expect(error).toMatchObject({ kind: 'bad_response', operation: 'getToken' });
  });

  it('keeps the token and password out of errors even when connectFi echoes them', async () => {
    const { client } = await setup({
      status: (req, res) =>
        sendJson(res, 400, {
          code: 'requestValidateError',
          message: `bad request with token ${req.headers['x-connectfi-token']} for ${PASSWORD}`,
        }),
    });
    const error = await upstreamFailure(client.getAkepaStatus('c'));
    expect(error.upstreamMessage).toBe('bad request with token [redacted] for [redacted]');
    expectNoSecrets(error, ['tok-1-a1b2c3d4e5', PASSWORD]);
  });
});
