import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, hex32, startConnectfi, testOptions } from './connectfi-harness';

const credentials = { login: testOptions.connectfiLogin, password: testOptions.connectfiPassword };
let h: Harness;

afterEach(async () => {
  await h.close();
});

describe('POST /auth/get-token', () => {
  it('issues a token that expires connectfiTokenLifetimeSeconds later', async () => {
    h = await startConnectfi();
    const response = await h.post('/auth/get-token', { user: credentials }, '');
    expect(response.statusCode).toBe(200);
    expect(response.json.code).toBe('0');
    expect(response.json.requestId).toMatch(hex32);
    const data = response.json.data as { token: string; dtsExpireAt: string };
    expect(data.token).toMatch(/^[0-9A-Za-z]{64}$/);
    expect(data.dtsExpireAt).toBe('2026-03-01T12:10:00.000Z');
  });

  it('answers with the requestId the caller gave', async () => {
    h = await startConnectfi();
    const response = await h.post('/auth/get-token', { user: credentials, requestId: 'partner-req-1' }, '');
    expect(response.json.requestId).toBe('partner-req-1');
  });

  it('rejects bad credentials with 401 unauthorized', async () => {
    h = await startConnectfi();
    const response = await h.post('/auth/get-token', { user: { ...credentials, password: 'wrong' } }, '');
    expect(response.statusCode).toBe(401);
    expect(Object.keys(response.json)).toEqual(['requestId', 'code', 'message']);
    expect(response.json).toMatchObject({ code: 'unauthorized', message: 'Authentication error' });
    expect(response.json.requestId).toMatch(hex32);
  });

  it('rejects a body without user as requestValidateError', async () => {
    h = await startConnectfi();
    const response = await h.post('/auth/get-token', { login: 'x' }, '');
    expect(response.statusCode).toBe(400);
    expect(response.json).toEqual({
      requestId: expect.stringMatching(hex32),
      code: 'requestValidateError',
      context: [
        {
          instancePath: '',
          schemaPath: '#/required',
          keyword: 'required',
          params: { missingProperty: 'user' },
          message: "must have required property 'user'",
        },
      ],
    });
  });

  it('rejects a nested missing property and a wrongly typed one with the ajv path', async () => {
    h = await startConnectfi();
    const missing = await h.post('/auth/get-token', { user: { login: 'x' } }, '');
    expect(missing.json.context).toEqual([
      {
        instancePath: '/user',
        schemaPath: '#/properties/user/required',
        keyword: 'required',
        params: { missingProperty: 'password' },
        message: "must have required property 'password'",
      },
    ]);
    const wrongType = await h.post('/auth/get-token', { user: { login: 7, password: 'p' } }, '');
    expect(wrongType.json.context).toEqual([
      {
        instancePath: '/user/login',
        schemaPath: '#/properties/user/properties/login/type',
        keyword: 'type',
        params: { type: 'string' },
        message: 'must be string',
      },
    ]);
  });

  it('rejects a body that is not JSON as requestValidateError', async () => {
    h = await startConnectfi();
    const response = await h.server.app.inject({
      method: 'POST',
      url: '/auth/get-token',
      headers: { 'content-type': 'application/json' },
      payload: '{"user":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'requestValidateError',
      context: [{ instancePath: '', keyword: 'type', params: { type: 'object' }, message: 'must be object' }],
    });
  });
});

describe('x-connectfi-token', () => {
  it('is required on every other route', async () => {
    h = await startConnectfi();
    for (const token of ['', 'not-a-token']) {
      const response = await h.get('/akepa/status/cstap_000', token);
      expect(response.statusCode).toBe(401);
      expect(response.json).toMatchObject({ code: 'unauthorized', message: 'Authentication error' });
    }
    const posted = await h.post('/customer/init', {}, '');
    expect(posted.statusCode).toBe(401);
  });

  it('stops working exactly at dtsExpireAt on the server clock', async () => {
    h = await startConnectfi();
    expect((await h.get('/akepa/status/cstap_x')).json.code).toBe('identificationNotFound');
    h.clock.advanceSeconds(599);
    expect((await h.get('/akepa/status/cstap_x')).statusCode).toBe(400);
    h.clock.advanceSeconds(1);
    const expired = await h.get('/akepa/status/cstap_x');
    expect(expired.statusCode).toBe(401);
    expect(expired.json.code).toBe('unauthorized');

    const fresh = await h.post('/auth/get-token', { user: credentials }, '');
    const token = (fresh.json.data as { token: string }).token;
    expect((await h.get('/akepa/status/cstap_x', token)).statusCode).toBe(400);
  });

  it('forceTokenExpiry ends every token issued so far, not later ones', async () => {
    h = await startConnectfi();
    h.server.forceTokenExpiry();
    expect((await h.get('/akepa/status/cstap_x')).statusCode).toBe(401);
    const fresh = await h.post('/auth/get-token', { user: credentials }, '');
    expect(
      (await h.get('/akepa/status/cstap_x', (fresh.json.data as { token: string }).token)).statusCode,
    ).toBe(400);
  });

  it('POST /_sandbox/connectfi/expire-tokens does the same through the control API', async () => {
    h = await startConnectfi();
    const response = await h.post('/_sandbox/connectfi/expire-tokens', undefined, '');
    expect(response.statusCode).toBe(200);
    expect(response.json.data).toEqual({ expired: 1 });
    expect((await h.get('/akepa/status/cstap_x')).statusCode).toBe(401);
  });

  it('leaves the control API unregistered when controlApi is off', async () => {
    h = await startConnectfi({ controlApi: false });
    const response = await h.post('/_sandbox/connectfi/expire-tokens', undefined, '');
    expect(response.statusCode).toBe(404);
    expect((await h.get('/akepa/status/cstap_x')).statusCode).toBe(400);
  });
});
