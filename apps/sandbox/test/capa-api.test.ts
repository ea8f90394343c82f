import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapaUserSeed } from '../src/population/types';
import { type RunningCapa, startCapa } from './capa-harness';

let capa: RunningCapa;
let individual: CapaUserSeed;
let business: CapaUserSeed;
let pending: CapaUserSeed;

beforeAll(async () => {
  capa = await startCapa();
  const find = (predicate: (u: CapaUserSeed) => boolean) => {
    const user = capa.population.capa.find(predicate);
    if (!user) throw new Error('the default population lacks a required user');
    return user;
  };
  individual = find((u) => u.scenarioTags.includes('review_needed') && u.scenarioTags.includes('aml:many'));
  business = find((u) => u.type === 'BUSINESS' && u.kybDetails?.verificationStatus === 'REVIEW_NEEDED');
  pending = find((u) => u.type === 'INDIVIDUAL' && u.kycDetails === null);
});

afterAll(() => capa.close());

const error = (status: number, code: string, message?: string) => ({
  statusCode: status,
  code,
  ...(message ? { message } : {}),
});

describe('partner-api-key', () => {
  const routes: [method: 'GET' | 'POST' | 'PUT', path: string][] = [
    ['POST', '/api/partner/v2/users'],
    ['POST', '/api/partner/v2/users/x/kyc/verification-link'],
    ['GET', '/api/partner/v2/kyc/details?userId=x'],
    ['GET', '/api/partner/v2/kyb/details?userId=x'],
    ['PUT', '/api/partner/v2/webhook-settings'],
    ['GET', '/api/partner/v2/webhook-notifications'],
    ['POST', '/api/partner/v2/webhook-notifications/x/retry'],
  ];

  it.each(routes)(
    'is required on %s %s: missing, malformed and unknown keys are 401',
    async (method, path) => {
      const missing = await capa.call(method, path, { key: null });
      expect(missing.status).toBe(401);
      expect(missing.json()).toEqual(error(401, 'UNAUTHORIZED', 'API Key is missing'));
      const malformed = await capa.call(method, path, { key: 'not a key!' });
      expect(malformed.status).toBe(401);
      expect(malformed.json()).toEqual(error(401, 'UNAUTHORIZED', 'Invalid API Key format'));
      const unknown = await capa.call(method, path, {
        key: 'capa_sandbox_pk_00000000000000000000000000000000',
      });
      expect(unknown.status).toBe(401);
      expect(unknown.json()).toEqual(error(401, 'UNAUTHORIZED', 'Invalid API Key'));
    },
  );
});

describe('POST /api/partner/v2/users', () => {
  it('creates a user and answers 201 with its id', async () => {
    const res = await capa.call('POST', '/api/partner/v2/users', {
      body: {
        type: 'INDIVIDUAL',
        email: 'nueva.usuaria@example.com',
        externalUserId: 'org-new-1',
        alias: 'Nueva Usuaria',
      },
    });
    expect(res.status).toBe(201);
    const body = res.json() as { success: boolean; data: { userId: string } };
    expect(body.success).toBe(true);
    expect(body.data.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(capa.server.users.get(body.data.userId)?.externalUserId).toBe('org-new-1');
  });

  it.each([
    ['no body', undefined],
    ['a missing email', { type: 'INDIVIDUAL', externalUserId: 'org-x' }],
    ['an unknown type', { type: 'PERSON', email: 'a@example.com', externalUserId: 'org-x' }],
    ['a malformed email', { type: 'INDIVIDUAL', email: 'not-an-email', externalUserId: 'org-x' }],
    ['a number for a string', { type: 'INDIVIDUAL', email: 'a@example.com', externalUserId: 12 }],
  ])('answers 400 INVALID_USER_INPUT_ERROR for %s', async (_case, body) => {
    const res = await capa.call('POST', '/api/partner/v2/users', { body });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual(error(400, 'INVALID_USER_INPUT_ERROR', 'Invalid User Input'));
  });

  it.each([
    ['malformed JSON', '{"type":'],
    ['an empty JSON body', ''],
  ])('answers 400 INVALID_USER_INPUT_ERROR for %s', async (_case, rawBody) => {
    const res = await capa.call('POST', '/api/partner/v2/users', { rawBody });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual(error(400, 'INVALID_USER_INPUT_ERROR', 'Invalid User Input'));
  });

  it('refuses a duplicate externalUserId with 400', async () => {
    const res = await capa.call('POST', '/api/partner/v2/users', {
      body: { type: 'INDIVIDUAL', email: 'dup@example.com', externalUserId: individual.externalUserId },
    });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject(error(400, 'INVALID_USER_INPUT_ERROR'));
  });
});

describe('POST /api/partner/v2/users/{id}/kyc/verification-link', () => {
  const path = (id: string) => `/api/partner/v2/users/${id}/kyc/verification-link`;

  it('answers 201 with a unique link each time and starts a pending session', async () => {
    const first = await capa.call('POST', path(pending.userId), {
      body: { country: 'MX', partnerRedirectUri: 'myapp://done' },
    });
    const second = await capa.call('POST', path(pending.userId), { body: { country: 'DO' } });
    expect(first.status).toBe(201);
    const link = (r: typeof first) => (r.json() as { success: true; data: { kycLink: string } }).data.kycLink;
    expect(link(first)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/verify\/vs_[0-9a-f]{16}$/);
    expect(link(second)).not.toBe(link(first));
    const session = capa.server.users.get(pending.userId)?.pendingSession;
    expect(session).toMatchObject({ country: 'DO', partnerRedirectUri: null });
    expect(link(second)).toContain(session?.verificationSessionId);
    const page = await capa.call('GET', new URL(link(second)).pathname, { key: null });
    expect(page.status).toBe(200);
    expect(page.text).toContain(session?.verificationSessionId);
  });

  it('accepts every documented country and refuses others with 400', async () => {
    expect((await capa.call('POST', path(individual.userId), { body: { country: 'VA' } })).status).toBe(201);
    for (const body of [{ country: 'AR' }, {}, { country: 'MX', partnerRedirectUri: 'not a uri' }]) {
      const res = await capa.call('POST', path(individual.userId), { body });
      expect(res.status).toBe(400);
      expect(res.json()).toEqual(error(400, 'INVALID_USER_INPUT_ERROR', 'Invalid User Input'));
    }
  });

  it('answers 400 INVALID_VERIFICATION_TYPE_FOR_USER for a business', async () => {
    const res = await capa.call('POST', path(business.userId), { body: { country: 'MX' } });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject(error(400, 'INVALID_VERIFICATION_TYPE_FOR_USER'));
  });

  it('answers 404 for an unknown user', async () => {
    const res = await capa.call('POST', path('5d0c1f7e-0000-4000-8000-000000000000'), {
      body: { country: 'MX' },
    });
    expect(res.status).toBe(404);
    expect(res.json()).toEqual(error(404, 'NOT_FOUND_ERROR', 'Requested User was not found'));
  });
});

describe('POST /api/partner/v2/users/{id}/kyb/verification-link', () => {
  it('gives a business a KYB link and refuses an individual', async () => {
    const ok = await capa.call('POST', `/api/partner/v2/users/${business.userId}/kyb/verification-link`, {
      body: { country: 'MX' },
    });
    expect(ok.status).toBe(201);
    expect((ok.json() as { data: { kybLink: string } }).data.kybLink).toMatch(/\/verify\/kyb_/);
    const wrong = await capa.call(
      'POST',
      `/api/partner/v2/users/${individual.userId}/kyb/verification-link`,
      {
        body: { country: 'MX' },
      },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.json()).toMatchObject(error(400, 'INVALID_VERIFICATION_TYPE_FOR_USER'));
  });
});

describe('GET /api/partner/v2/kyc/details', () => {
  it('answers {status: ok, data} with the stored session and signed media URLs on this server', async () => {
    const res = await capa.call('GET', `/api/partner/v2/kyc/details?userId=${individual.userId}`);
    expect(res.status).toBe(200);
    const body = res.json() as {
      status: string;
      data: Record<string, unknown> & { media: Record<string, string> };
    };
    expect(body.status).toBe('ok');
    const { media, ...rest } = body.data;
    expect(rest).toEqual(JSON.parse(JSON.stringify(individual.kycDetails)));
    expect(Object.keys(body.data).indexOf('media')).toBe(Object.keys(body.data).indexOf('idInfo') + 1);
    expect(media.selfieVideoUrl).toMatch(
      new RegExp(`^${capa.url}/media/${individual.userId}/selfie-video\\?expires=\\d+&sig=[0-9a-f]{64}$`),
    );
    expect(Object.keys(media).sort()).toEqual([
      'backIdImageUrl',
      'frontIdImageUrl',
      'selfieImageUrl',
      'selfieVideoUrl',
    ]);
  });

  it('answers 400 without a userId, 404 for an unknown user and for a session not completed', async () => {
    const missing = await capa.call('GET', '/api/partner/v2/kyc/details');
    expect(missing.status).toBe(400);
    expect(missing.json()).toEqual(error(400, 'INVALID_USER_INPUT_ERROR', 'Invalid User Input'));
    const unknown = await capa.call('GET', '/api/partner/v2/kyc/details?userId=nobody');
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toEqual(error(404, 'NOT_FOUND_ERROR', 'Requested User was not found'));
    const notCompleted = await capa.call('GET', `/api/partner/v2/kyc/details?userId=${pending.userId}`);
    expect(notCompleted.status).toBe(404);
    expect(notCompleted.json()).toMatchObject(error(404, 'NOT_FOUND_ERROR'));
  });
});

describe('GET /api/partner/v2/kyb/details', () => {
  it('answers a business with its KYB state', async () => {
    const res = await capa.call('GET', `/api/partner/v2/kyb/details?userId=${business.userId}`);
    expect(res.status).toBe(200);
    const body = res.json() as { status: string; data: NonNullable<CapaUserSeed['kybDetails']> };
    expect(body.status).toBe('ok');
    expect(body.data).toEqual(business.kybDetails);
    expect(body.data.businessInfo.businessName).toBe(business.profile.fullName);
    expect(body.data.beneficialOwners.reduce((sum, o) => sum + o.ownershipPercent, 0)).toBeLessThanOrEqual(
      100,
    );
  });

  it('answers 404 for individuals and unknown users, 400 without a userId', async () => {
    expect((await capa.call('GET', `/api/partner/v2/kyb/details?userId=${individual.userId}`)).status).toBe(
      404,
    );
    const unknown = await capa.call('GET', '/api/partner/v2/kyb/details?userId=nobody');
    expect(unknown.json()).toEqual(error(404, 'NOT_FOUND_ERROR', 'Requested User was not found'));
    expect((await capa.call('GET', '/api/partner/v2/kyb/details')).status).toBe(400);
  });
});

describe('PUT /api/partner/v2/webhook-settings', () => {
  it('sets and resets the URL, answering PartnerWebhookSettingsHttpResponse', async () => {
    const set = await capa.call('PUT', '/api/partner/v2/webhook-settings', {
      body: { url: 'http://127.0.0.1:9/hook' },
    });
    expect(set.status).toBe(200);
    const body = set.json() as { success: boolean; data: Record<string, unknown> };
    expect(body.success).toBe(true);
    expect(body.data).toMatchObject({
      url: 'http://127.0.0.1:9/hook',
      id: expect.any(String),
      partnerId: expect.any(String),
    });
    expect(Date.parse(String(body.data.updatedAt))).not.toBeNaN();
    const reset = await capa.call('PUT', '/api/partner/v2/webhook-settings', { body: { url: null } });
    expect((reset.json() as { data: { url: null } }).data.url).toBeNull();
    expect(capa.server.webhooks.url).toBeNull();
  });

  it('answers 400 for a body without url or with a URL that is not http(s)', async () => {
    for (const body of [{}, { url: 'ftp://example.com' }, { url: 42 }]) {
      const res = await capa.call('PUT', '/api/partner/v2/webhook-settings', { body });
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject(error(400, 'INVALID_USER_INPUT_ERROR'));
    }
  });
});

describe('unknown routes', () => {
  it('answer 404 in the same error layout', async () => {
    const res = await capa.call('GET', '/api/partner/v2/nothing-here');
    expect(res.status).toBe(404);
    expect(res.json()).toEqual(error(404, 'NOT_FOUND_ERROR', 'Cannot GET /api/partner/v2/nothing-here'));
  });
});
