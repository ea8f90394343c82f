// The Capa control API's newer routes: documented errors switched on by hand (the partner's flow, user
// ownership, KYC templates) and KYB completion for businesses created through the API.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCapa, startCapa } from './capa-harness';

let capa: RunningCapa;

beforeAll(async () => {
  capa = await startCapa();
});

afterAll(() => capa.close());

afterEach(async () => {
  await capa.call('DELETE', '/_sandbox/capa/errors');
});

async function newUser(type: 'INDIVIDUAL' | 'BUSINESS' = 'INDIVIDUAL', alias?: string): Promise<string> {
  const externalUserId = `org-${Math.random().toString(36).slice(2)}`;
  const res = await capa.call('POST', '/api/partner/v2/users', {
    body: { type, email: `${externalUserId}@example.com`, externalUserId, ...(alias ? { alias } : {}) },
  });
  return (res.json() as { data: { userId: string } }).data.userId;
}

const inject = async (body: Record<string, unknown>) => {
  const res = await capa.call('POST', '/_sandbox/capa/errors', { body, key: null });
  expect(res.status).toBe(201);
  return (res.json() as { data: { id: string } }).data;
};

function reviewNeededUser(): string {
  const user = capa.population.capa.find((u) => u.scenarioTags.includes('review_needed'));
  if (!user) throw new Error('the default population lacks a review_needed user');
  return user.userId;
}

describe('documented errors on demand', () => {
  it('INVALID_PARTNER_FLOW answers 403 on every partner route until it is removed', async () => {
    const userId = reviewNeededUser();
    const rule = await inject({ error: 'INVALID_PARTNER_FLOW' });
    for (const [method, path] of [
      ['GET', `/api/partner/v2/kyc/details?userId=${userId}`],
      ['GET', '/api/partner/v2/webhook-notifications'],
      ['POST', `/api/partner/v2/users/${userId}/kyc/verification-link`],
    ] as const) {
      const res = await capa.call(method, path, { body: method === 'POST' ? { country: 'MX' } : undefined });
      expect(res.status).toBe(403);
      expect(res.json()).toEqual({
        statusCode: 403,
        code: 'INVALID_PARTNER_FLOW',
        message: 'The partner has an invalid flow.',
      });
    }
    // The key is still checked first: a request without one is told so.
    const anonymous = await capa.call('GET', `/api/partner/v2/kyc/details?userId=${userId}`, { key: null });
    expect(anonymous.json()).toMatchObject({ code: 'UNAUTHORIZED', message: 'API Key is missing' });

    const listed = await capa.call('GET', '/_sandbox/capa/errors', { key: null });
    expect(listed.json()).toMatchObject({
      data: [{ id: rule.id, error: 'INVALID_PARTNER_FLOW', answered: 3 }],
    });
    const removed = await capa.call('DELETE', `/_sandbox/capa/errors/${rule.id}`, { key: null });
    expect(removed.json()).toEqual({ success: true, data: { removed: 1 } });
    expect((await capa.call('GET', `/api/partner/v2/kyc/details?userId=${userId}`)).status).toBe(200);
  });

  it("the two ownership 401s concern one user's requests, wherever the request names the user", async () => {
    const userId = reviewNeededUser();
    const other = await newUser();
    await inject({ error: 'USER_NOT_ASSOCIATED', userId });
    const details = await capa.call('GET', `/api/partner/v2/kyc/details?userId=${userId}`);
    expect(details.status).toBe(401);
    expect(details.json()).toEqual({
      statusCode: 401,
      code: 'UNAUTHORIZED',
      message: 'User is not associated with the partner',
    });
    const link = await capa.call('POST', `/api/partner/v2/users/${userId}/kyc/verification-link`, {
      body: { country: 'DO' },
    });
    expect(link.json()).toMatchObject({ message: 'User is not associated with the partner' });
    const legacy = await capa.call('POST', '/api/partner/v2/kyc/verification-link', {
      body: { userId, country: 'DO' },
    });
    expect(legacy.json()).toMatchObject({ message: 'User is not associated with the partner' });
    // Other users and routes that name no user are untouched.
    expect(
      (
        await capa.call('POST', `/api/partner/v2/users/${other}/kyc/verification-link`, {
          body: { country: 'DO' },
        })
      ).status,
    ).toBe(201);

    await capa.call('DELETE', '/_sandbox/capa/errors', { key: null });
    await inject({ error: 'PARTNER_INFORMATION_REQUIRED' });
    const kyb = await capa.call('GET', `/api/partner/v2/kyb/details?userId=${other}`);
    expect(kyb.status).toBe(401);
    expect(kyb.json()).toMatchObject({ message: 'Partner information is required for this operation' });
    const created = await capa.call('POST', '/api/partner/v2/users', {
      body: { type: 'INDIVIDUAL', email: 'a@example.com', externalUserId: `org-${Date.now()}` },
    });
    expect(created.status).toBe(201);
  });

  it('KYC_TEMPLATE_NOT_CONFIGURED answers 400 on the routes that start a KYC session, for its country', async () => {
    const userId = await newUser();
    await inject({ error: 'KYC_TEMPLATE_NOT_CONFIGURED', country: 'DO' });
    const link = await capa.call('POST', `/api/partner/v2/users/${userId}/kyc/verification-link`, {
      body: { country: 'DO' },
    });
    expect(link.status).toBe(400);
    expect(link.json()).toEqual({
      statusCode: 400,
      code: 'KYC_TEMPLATE_NOT_CONFIGURED_ERROR',
      message: 'KYC template not configured for country DO',
    });
    const legacy = await capa.call('POST', '/api/partner/v2/kyc/verification-link', {
      body: { userId, country: 'DO' },
    });
    expect(legacy.json()).toMatchObject({ code: 'KYC_TEMPLATE_NOT_CONFIGURED_ERROR' });
    const otherCountry = await capa.call('POST', `/api/partner/v2/users/${userId}/kyc/verification-link`, {
      body: { country: 'US' },
    });
    expect(otherCountry.status).toBe(201);
    // Reads are not sessions.
    expect((await capa.call('GET', `/api/partner/v2/kyc/details?userId=${reviewNeededUser()}`)).status).toBe(
      200,
    );
  });

  it('a rule with times ends by itself after that many answers', async () => {
    const userId = reviewNeededUser();
    await inject({ error: 'INVALID_PARTNER_FLOW', userId, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await capa.call('GET', `/api/partner/v2/kyc/details?userId=${userId}`)).status);
    expect(statuses).toEqual([403, 403, 200]);
    expect((await capa.call('GET', '/_sandbox/capa/errors', { key: null })).json()).toEqual({
      success: true,
      data: [],
    });
  });

  it('refuses unknown errors, bad countries and an unknown rule id', async () => {
    const unknown = await capa.call('POST', '/_sandbox/capa/errors', {
      body: { error: 'TEAPOT' },
      key: null,
    });
    expect(unknown.status).toBe(400);
    const badCountry = await capa.call('POST', '/_sandbox/capa/errors', {
      body: { error: 'KYC_TEMPLATE_NOT_CONFIGURED', country: 'Mexico' },
      key: null,
    });
    expect(badCountry.status).toBe(400);
    const missing = await capa.call('DELETE', '/_sandbox/capa/errors/none', { key: null });
    expect(missing.status).toBe(404);
  });
});

describe('POST /_sandbox/capa/users/:userId/kyb/complete', () => {
  it('gives a business created through the API KYB details, in the KYB link session', async () => {
    const userId = await newUser('BUSINESS', 'Acme Holdings S.A.');
    expect((await capa.call('GET', `/api/partner/v2/kyb/details?userId=${userId}`)).status).toBe(404);
    const link = await capa.call('POST', `/api/partner/v2/users/${userId}/kyb/verification-link`, {
      body: { country: 'MX' },
    });
    const session = (link.json() as { data: { kybLink: string } }).data.kybLink.split('kyb_')[1];

    const done = await capa.call('POST', `/_sandbox/capa/users/${userId}/kyb/complete`, {
      body: {
        verificationStatus: 'REVIEW_NEEDED',
        beneficialOwners: [
          { fullName: 'Ana Pérez', ownershipPercent: 60 },
          { fullName: 'Li Wei', ownershipPercent: 15 },
        ],
      },
      key: null,
    });
    expect(done.status).toBe(200);
    const details = await capa.call('GET', `/api/partner/v2/kyb/details?userId=${userId}`);
    expect(details.json()).toEqual({
      status: 'ok',
      data: {
        verificationStatus: 'REVIEW_NEEDED',
        businessInfo: {
          businessName: 'Acme Holdings S.A.',
          countryOfConstitution: expect.stringMatching(/^[A-Z]{2}$/),
          taxId: expect.any(String),
        },
        beneficialOwners: [
          { fullName: 'Ana Pérez', ownershipPercent: 60 },
          { fullName: 'Li Wei', ownershipPercent: 15 },
        ],
        verificationSessionId: session,
        createdAt: expect.any(String),
      },
    });
    const scenarios = await capa.call('GET', '/_sandbox/scenarios?tag=kyb:review_needed&tag=created', {
      key: null,
    });
    expect((scenarios.json() as { scenarios: { id: string }[] }).scenarios.map((s) => s.id)).toContain(
      userId,
    );
  });

  it('keeps the business on a later session and generates owners when asked for a number', async () => {
    const userId = await newUser('BUSINESS');
    const complete = (body: unknown) =>
      capa.call('POST', `/_sandbox/capa/users/${userId}/kyb/complete`, { body, key: null });
    await complete({
      verificationStatus: 'IN_PROGRESS',
      businessName: 'Zeta SRL',
      taxId: 'ZET123',
      beneficialOwners: 3,
    });
    const first = (await capa.call('GET', `/api/partner/v2/kyb/details?userId=${userId}`)).json() as {
      data: { beneficialOwners: { ownershipPercent: number }[]; verificationSessionId: string };
    };
    expect(first.data.beneficialOwners).toHaveLength(3);
    expect(first.data.beneficialOwners.reduce((sum, o) => sum + o.ownershipPercent, 0)).toBeLessThanOrEqual(
      100,
    );

    await complete({ verificationStatus: 'VERIFIED' });
    const second = (await capa.call('GET', `/api/partner/v2/kyb/details?userId=${userId}`)).json() as {
      data: Record<string, unknown>;
    };
    expect(second.data).toMatchObject({
      verificationStatus: 'VERIFIED',
      businessInfo: { businessName: 'Zeta SRL', taxId: 'ZET123' },
      beneficialOwners: first.data.beneficialOwners,
    });
    expect(second.data.verificationSessionId).not.toBe(first.data.verificationSessionId);
  });

  it('refuses individuals, unknown users, owners over 100% and NOT_STARTED', async () => {
    const individual = await newUser();
    const res = await capa.call('POST', `/_sandbox/capa/users/${individual}/kyb/complete`, {
      body: { verificationStatus: 'VERIFIED' },
      key: null,
    });
    expect(res.json()).toMatchObject({ code: 'INVALID_VERIFICATION_TYPE_FOR_USER' });
    const unknown = await capa.call('POST', '/_sandbox/capa/users/nobody/kyb/complete', {
      body: { verificationStatus: 'VERIFIED' },
      key: null,
    });
    expect(unknown.status).toBe(404);
    const business = await newUser('BUSINESS');
    const tooMuch = await capa.call('POST', `/_sandbox/capa/users/${business}/kyb/complete`, {
      body: {
        verificationStatus: 'VERIFIED',
        beneficialOwners: [
          { fullName: 'A', ownershipPercent: 70 },
          { fullName: 'B', ownershipPercent: 40 },
        ],
      },
      key: null,
    });
    expect(tooMuch.json()).toMatchObject({ code: 'INVALID_USER_INPUT_ERROR' });
    const notStarted = await capa.call('POST', `/_sandbox/capa/users/${business}/kyb/complete`, {
      body: { verificationStatus: 'NOT_STARTED' },
      key: null,
    });
    expect(notStarted.status).toBe(400);
  });
});
