import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CapaClientOptions, createCapaClient } from '../../src/upstream/capa-client';
import { httpStatusFor } from '../../src/upstream/errors';
import { sameApartFromReissued } from '../../src/upstream/unchanged-bodies';
import {
  expectNoSecrets,
  type Script,
  sendJson,
  sendText,
  startScriptedServer,
  upstreamFailure,
} from './scripted-server';

const API_KEY = 'pk_live_9f8e7d6c5b4a';
const KYC = { clientReferenceId: 'user-1', aipriseSummary: { verificationResult: 'REVIEW_NEEDED' } };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function setup(script: Script, overrides: Partial<CapaClientOptions> = {}) {
  const server = await startScriptedServer(script);
  const client = createCapaClient({
    baseUrl: server.origin,
    partnerApiKey: API_KEY,
    retry: { baseMs: 5, capMs: 20 },
    ...overrides,
  });
  cleanups.push(async () => {
    await client.close();
    await server.close();
  });
  return { server, client };
}

const okKyc: Script = (_req, res) => sendJson(res, 200, { status: 'ok', data: KYC });

describe('capa client: reads', () => {
  it('returns the data of Get KYC Details with the key header and an encoded user id', async () => {
    const { server, client } = await setup(okKyc);
    expect(await client.getKycDetails('a b/c?&d')).toEqual(KYC);
    const [seen] = server.requests;
    expect(seen?.method).toBe('GET');
    expect(seen?.url).toBe('/api/partner/v2/kyc/details?userId=a%20b%2Fc%3F%26d');
    expect(seen?.headers['partner-api-key']).toBe(API_KEY);
  });

  it('gives the previous answer back for the same bytes, and a copy with the new links for re-signed ones', async () => {
    let signature = 1;
    const { client } = await setup((_req, res) =>
      sendJson(res, 200, {
        status: 'ok',
        data: { ...KYC, media: { selfieImageUrl: `https://cdn.example/selfie.jpg?sig=${signature}` } },
      }),
    );
    const first = await client.getKycDetails('user-1');
    expect(await client.getKycDetails('user-1', { previous: first })).toBe(first);
    signature = 2;
    const resigned = await client.getKycDetails('user-1', { previous: first });
    expect(resigned).toEqual({ ...KYC, media: { selfieImageUrl: 'https://cdn.example/selfie.jpg?sig=2' } });
    expect(sameApartFromReissued(resigned, first)).toBe(true);
    expect(await client.getKycDetails('user-1', { previous: resigned })).toBe(resigned);
  });

  it('returns the data of Get KYB Details', async () => {
    const kyb = { verificationStatus: 'REVIEW_NEEDED', businessInfo: { businessName: 'Acme' } };
    const { server, client } = await setup((_req, res) => sendJson(res, 200, { status: 'ok', data: kyb }));
    expect(await client.getKybDetails('user-2')).toEqual(kyb);
    expect(server.requests[0]?.url).toBe('/api/partner/v2/kyb/details?userId=user-2');
  });

  it('keeps the path of the base URL as a prefix', async () => {
    const server = await startScriptedServer(okKyc);
    const client = createCapaClient({ baseUrl: `${server.origin}/gateway/capa/`, partnerApiKey: API_KEY });
    cleanups.push(async () => {
      await client.close();
      await server.close();
    });
    await client.getKycDetails('u');
    expect(server.requests[0]?.url).toBe('/gateway/capa/api/partner/v2/kyc/details?userId=u');
  });

  it('maps 404 NOT_FOUND_ERROR to not_found without retrying', async () => {
    const { server, client } = await setup((_req, res) =>
      sendJson(res, 404, { code: 'NOT_FOUND_ERROR', message: 'Requested User was not found' }),
    );
    const error = await upstreamFailure(client.getKycDetails('missing'));
    expect(error).toMatchObject({
      provider: 'capa',
      kind: 'not_found',
      upstreamStatus: 404,
      upstreamCode: 'NOT_FOUND_ERROR',
      upstreamMessage: 'Requested User was not found',
    });
    expect(httpStatusFor(error)).toBe(404);
    expect(server.count()).toBe(1);
  });

  it('does not retry other 4xx and reads a nested error body', async () => {
    const { server, client } = await setup((_req, res) =>
      sendJson(res, 400, { error: { code: 'INVALID_USER_INPUT_ERROR', message: 'Invalid User Input' } }),
    );
    const error = await upstreamFailure(client.getKycDetails('u'));
    expect(error).toMatchObject({ kind: 'rejected', upstreamCode: 'INVALID_USER_INPUT_ERROR' });
    expect(httpStatusFor(error)).toBe(502);
    expect(server.count()).toBe(1);
  });

  it('maps a refused key to unauthorized and never repeats the key', async () => {
    const { server, client } = await setup((req, res) =>
      sendJson(res, 401, {
        errors: [{ code: 'UNAUTHORIZED', message: `Invalid API Key ${req.headers['partner-api-key']}` }],
      }),
    );
    const error = await upstreamFailure(client.getKycDetails('u'));
    expect(error).toMatchObject({ kind: 'unauthorized', upstreamCode: 'UNAUTHORIZED' });
    expect(error.upstreamMessage).toBe('Invalid API Key [redacted]');
    expect(httpStatusFor(error)).toBe(502);
    expectNoSecrets(error, [API_KEY]);
    expect(server.count()).toBe(1);
  });

  it('retries a 5xx and returns the answer that follows', async () => {
    const { server, client } = await setup((_req, res) => {
      if (server.count() === 1) sendJson(res, 503, { code: 'INTERNAL_SERVER_ERROR' });
      else okKyc(_req, res);
    });
    expect(await client.getKycDetails('u')).toEqual(KYC);
    expect(server.count()).toBe(2);
  });

  it('reports bad_response once the retries are spent on 5xx', async () => {
    const { server, client } = await setup((_req, res) =>
      sendJson(res, 500, { code: 'INTERNAL_SERVER_ERROR', message: 'Failed' }),
    );
    const error = await upstreamFailure(client.getKycDetails('u'));
    expect(error).toMatchObject({
      kind: 'bad_response',
      upstreamStatus: 500,
      upstreamCode: 'INTERNAL_SERVER_ERROR',
    });
    expect(httpStatusFor(error)).toBe(502);
    expect(server.count()).toBe(3);
  });

  it('retries when the server drops the connection', async () => {
    const { server, client } = await setup((req, res) => {
      if (server.count() === 1) res.socket?.destroy();
      else okKyc(req, res);
    });
    expect(await client.getKycDetails('u')).toEqual(KYC);
    expect(server.count()).toBe(2);
  });

  it('reports unavailable when every attempt loses its connection', async () => {
    const { server, client } = await setup((_req, res) => res.socket?.destroy());
    const error = await upstreamFailure(client.getKycDetails('u'));
    expect(error.kind).toBe('unavailable');
    expect(server.count()).toBe(3);
  });

  it('reports unavailable when nothing listens', async () => {
    const { server } = await setup(okKyc);
    const origin = server.origin;
    await server.close();
    const client = createCapaClient({ baseUrl: origin, partnerApiKey: API_KEY, retry: { retries: 0 } });
    cleanups.push(() => client.close());
    const error = await upstreamFailure(client.getKycDetails('u'));
    expect(error.kind).toBe('unavailable');
    expectNoSecrets(error, [API_KEY, 'userId=']);
  });

  // The deadline is what settles the call: without it the silent server would outlast this test's timeout.
  it('settles with timeout once the deadline passes when the server never answers', {
    timeout: 10_000,
  }, async () => {
    const budget = 300;
    const { server, client } = await setup(() => undefined, { timeouts: { deadlineMs: budget } });
    const error = await upstreamFailure(client.getKycDetails('u'));
    expect(error.kind).toBe('timeout');
    expect(httpStatusFor(error)).toBe(504);
    await client.close();
    await server.waitForNoOpenSockets(1_000);
  });

  it('drops the connection of a call cut off by its deadline, so the call holds no pool slot', async () => {
    let dropped = false;
    const { client } = await setup(
      (_req, res) => {
        res.socket?.once('close', () => {
          dropped = true;
        });
      },
      { timeouts: { deadlineMs: 200 }, retry: { retries: 0 } },
    );
    expect((await upstreamFailure(client.getKycDetails('u'))).kind).toBe('timeout');
    await vi.waitFor(() => expect(dropped).toBe(true), { timeout: 1_000 });
  });

  it('reads an answer that arrives in many chunks, multi-byte characters split between them', async () => {
    const name = 'Núñez Gonzá'.repeat(2_000);
    const { client } = await setup((_req, res) => {
      const bytes = Buffer.from(JSON.stringify({ status: 'ok', data: { name } }));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
      // Odd-sized writes, spaced out so they arrive apart, split two-byte characters across chunks.
      const writeFrom = (at: number) => {
        if (at >= bytes.length) return void res.end();
        res.write(bytes.subarray(at, at + 4_001));
        setTimeout(() => writeFrom(at + 4_001), 2);
      };
      writeFrom(0);
    });
    expect(await client.getKycDetails('u')).toEqual({ name });
  });

  it('refuses an answer over 8 MiB as bad_response instead of buffering it', async () => {
    const { client } = await setup((_req, res) => sendText(res, 200, 'x'.repeat(8 * 1024 * 1024 + 1)), {
      retry: { retries: 0 },
    });
    const error = await upstreamFailure(client.getKycDetails('u'));
    expect(error.kind).toBe('bad_response');
    expect(error.message).toContain('body too large');
  });

  it('gives up on a silent server at the headers timeout, before the deadline', async () => {
    // undici checks its socket timers about once a second, so a headers timeout fires within ~1 s.
    const { server, client } = await setup(() => undefined, {
      timeouts: { headersMs: 100, deadlineMs: 4_000 },
      retry: { retries: 0 },
    });
    const error = await upstreamFailure(client.getKycDetails('u'));
    expect(error.kind).toBe('timeout');
    // The headers timeout, not the 4 s deadline, is what ended the call.
    expect(error.message).toContain('UND_ERR_HEADERS_TIMEOUT');
    expect(server.count()).toBe(1);
  });

  it('reports malformed JSON as bad_response without a code and without retrying', async () => {
    const { server, client } = await setup((_req, res) => sendText(res, 200, '{"status":"ok","data":'));
    const error = await upstreamFailure(client.getKycDetails('u'));
    expect(error.kind).toBe('bad_response');
    expect(error.upstreamCode).toBeUndefined();
    expect(server.count()).toBe(1);
  });

  it('reports an error body that is not JSON as bad_response', async () => {
    const { client } = await setup((_req, res) => sendText(res, 404, '<html>Not Found</html>'));
    const error = await upstreamFailure(client.getKycDetails('u'));
    expect(error).toMatchObject({ kind: 'bad_response', upstreamStatus: 404 });
    expect(error.upstreamCode).toBeUndefined();
  });

  it('reports the wrong envelope as bad_response', async () => {
    const { client } = await setup((_req, res) => sendJson(res, 200, { success: true, data: KYC }));
    const error = await upstreamFailure(client.getKycDetails('u'));
    expect(error).toMatchObject({ kind: 'bad_response', upstreamStatus: 200 });
  });
});

describe('capa client: writes', () => {
  it('creates a user and returns its id', async () => {
    const { server, client } = await setup((_req, res) =>
      sendJson(res, 201, { success: true, data: { userId: 'cap-123' } }),
    );
    const userId = await client.createUser({
      type: 'INDIVIDUAL',
      email: 'a@example.com',
      externalUserId: 'ext-1',
    });
    expect(userId).toBe('cap-123');
    const [seen] = server.requests;
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/api/partner/v2/users');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen?.body ?? '')).toEqual({
      type: 'INDIVIDUAL',
      email: 'a@example.com',
      externalUserId: 'ext-1',
    });
  });

  it('never retries a POST, even on 5xx', async () => {
    const { server, client } = await setup((_req, res) =>
      sendJson(res, 500, { code: 'INTERNAL_SERVER_ERROR' }),
    );
    const error = await upstreamFailure(
      client.createUser({ type: 'BUSINESS', email: 'b@example.com', externalUserId: 'ext-2', alias: 'Acme' }),
    );
    expect(error.kind).toBe('bad_response');
    expect(server.count()).toBe(1);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toMatchObject({ alias: 'Acme' });
  });

  it('never retries a POST that lost its connection', async () => {
    const { server, client } = await setup((_req, res) => res.socket?.destroy());
    const error = await upstreamFailure(
      client.createVerificationLink('u', { country: 'MX', partnerRedirectUri: 'https://partner.example' }),
    );
    expect(error.kind).toBe('unavailable');
    expect(server.count()).toBe(1);
  });

  it('creates a verification link for an encoded user id', async () => {
    const { server, client } = await setup((_req, res) =>
      sendJson(res, 201, { success: true, data: { kycLink: 'https://kyc.example/s/1' } }),
    );
    expect(await client.createVerificationLink('id/1', { country: 'DO' })).toBe('https://kyc.example/s/1');
    expect(server.requests[0]?.url).toBe('/api/partner/v2/users/id%2F1/kyc/verification-link');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ country: 'DO' });
  });

  it('sets and clears the webhook URL', async () => {
    const { server, client } = await setup((req, res) =>
      sendJson(res, 200, { success: true, data: { url: JSON.parse(req.body).url } }),
    );
    await client.setWebhookUrl('https://desk.example/hooks/capa');
    await client.setWebhookUrl(null);
    expect(server.requests.map((r) => [r.method, r.url, JSON.parse(r.body)])).toEqual([
      ['PUT', '/api/partner/v2/webhook-settings', { url: 'https://desk.example/hooks/capa' }],
      ['PUT', '/api/partner/v2/webhook-settings', { url: null }],
    ]);
  });

  it('rejects a create-user answer without a userId', async () => {
    const { client } = await setup((_req, res) => sendJson(res, 201, { success: true, data: {} }));
    const error = await upstreamFailure(
      client.createUser({ type: 'INDIVIDUAL', email: 'e', externalUserId: 'x' }),
    );
    expect(error.kind).toBe('bad_response');
  });
});

describe('capa client: circuit breaker', () => {
  async function openCircuit() {
    const clock = { t: 0 };
    let healthy = false;
    const { server, client } = await setup(
      (req, res) => (healthy ? okKyc(req, res) : sendJson(res, 500, { code: 'INTERNAL_SERVER_ERROR' })),
      { retry: { retries: 0 }, breaker: { failureThreshold: 3, coolDownMs: 1_000 }, now: () => clock.t },
    );
    for (let i = 0; i < 3; i++) await upstreamFailure(client.getKycDetails('u'));
    expect(client.breakerState()).toBe('open');
    return { clock, server, client, heal: () => (healthy = true) };
  }

  it('fails fast without calling the provider while open', async () => {
    const { server, client } = await openCircuit();
    const error = await upstreamFailure(client.getKycDetails('u'));
    expect(error.kind).toBe('circuit_open');
    expect(httpStatusFor(error)).toBe(503);
    await upstreamFailure(client.createUser({ type: 'INDIVIDUAL', email: 'e', externalUserId: 'x' }));
    expect(server.count()).toBe(3);
  });

  it('closes after a successful probe once the cool-down has passed', async () => {
    const { clock, server, client, heal } = await openCircuit();
    clock.t += 1_000;
    expect(client.breakerState()).toBe('half_open');
    heal();
    expect(await client.getKycDetails('u')).toEqual(KYC);
    expect(client.breakerState()).toBe('closed');
    expect(server.count()).toBe(4);
  });

  it('re-opens when the probe fails', async () => {
    const { clock, server, client } = await openCircuit();
    clock.t += 1_000;
    expect((await upstreamFailure(client.getKycDetails('u'))).kind).toBe('bad_response');
    expect(server.count()).toBe(4);
    expect(client.breakerState()).toBe('open');
    expect((await upstreamFailure(client.getKycDetails('u'))).kind).toBe('circuit_open');
    expect(server.count()).toBe(4);
  });
});
