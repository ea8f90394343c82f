import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CapaUserSeed } from '../src/population/types';
import {
  type RunningCapa,
  startCapa,
  startReceiver,
  type WebhookReceiver,
  webhookSecret,
} from './capa-harness';

// The real schedule (at once, then 1, 5, 10 and 15 minutes) scaled to 6, 30, 60 and 90 ms.
const retryScale = 0.0001;

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function setup(
  respond?: (index: number) => number,
): Promise<{ capa: RunningCapa; receiver: WebhookReceiver }> {
  const capa = await startCapa({ webhookRetryScale: retryScale });
  const receiver = await startReceiver(respond);
  open.push(capa, receiver);
  const res = await capa.call('PUT', '/api/partner/v2/webhook-settings', { body: { url: receiver.url } });
  expect(res.status).toBe(200);
  return { capa, receiver };
}

function userWith(capa: RunningCapa, predicate: (u: CapaUserSeed) => boolean): CapaUserSeed {
  const user = capa.population.capa.find(predicate);
  if (!user) throw new Error('the default population lacks a required user');
  return user;
}

const hmac = (body: string) => createHmac('sha256', webhookSecret).update(body).digest('hex');

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('completing a KYC session', () => {
  it('sends CREATED_KYC then the result, signed with capa-signature over the exact body', async () => {
    const { capa, receiver } = await setup();
    const user = userWith(capa, (u) => u.type === 'INDIVIDUAL' && u.kycDetails === null);
    const link = await capa.call('POST', `/api/partner/v2/users/${user.userId}/kyc/verification-link`, {
      body: { country: 'MX' },
    });
    const sessionId = new URL((link.json() as { data: { kycLink: string } }).data.kycLink).pathname
      .split('/')
      .pop();

    const res = await capa.call('POST', `/_sandbox/capa/users/${user.userId}/complete`, {
      body: { result: 'REVIEW_NEEDED', faceMatchScore: 0.64, amlHits: 3 },
    });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      success: true,
      data: {
        verificationSessionId: sessionId,
        notifications: [{ status: 'DELIVERED' }, { status: 'DELIVERED' }],
      },
    });

    const deliveries = await receiver.waitFor(2);
    expect(deliveries.map((d) => JSON.parse(d.body))).toEqual([
      { type: 'KYC', event: 'CREATED_KYC', externalUserId: user.externalUserId },
      { type: 'KYC', event: 'REVIEW_NEEDED_KYC', externalUserId: user.externalUserId },
    ]);
    for (const delivery of deliveries) {
      expect(delivery.headers['content-type']).toBe('application/json');
      expect(delivery.headers['capa-signature']).toBe(hmac(delivery.body));
    }

    const details = await capa.call('GET', `/api/partner/v2/kyc/details?userId=${user.userId}`);
    const { data } = details.json() as {
      data: {
        aipriseSummary: { verificationResult: string };
        faceMatchInfo: { faceMatchScore: number };
        amlInfo: { numHits: number };
        verificationSessionId: string;
        idInfo: { fullName: string; birthDate: string; idNumber: string };
      };
    };
    expect(data.aipriseSummary.verificationResult).toBe('REVIEW_NEEDED');
    expect(data.faceMatchInfo.faceMatchScore).toBe(0.64);
    expect(data.amlInfo.numHits).toBe(3);
    expect(data.verificationSessionId).toBe(sessionId);
    // The new session describes the person the organisation knows.
    expect(data.idInfo.birthDate).toBe(user.profile.birthDate);
    expect(data.idInfo.idNumber).toBe(user.profile.idNumber);
  });

  it('gives a rejected customer a retry: a new link, a new session, the same person', async () => {
    const { capa, receiver } = await setup();
    const user = userWith(
      capa,
      (u) => u.scenarioTags.includes('rejected') && !u.scenarioTags.includes('odd-values'),
    );
    await capa.call('POST', `/api/partner/v2/users/${user.userId}/kyc/verification-link`, {
      body: { country: 'MX' },
    });
    const res = await capa.call('POST', `/_sandbox/capa/users/${user.userId}/complete`, {
      body: { result: 'VERIFIED' },
    });
    expect(res.status).toBe(200);
    await receiver.waitFor(2);
    expect(JSON.parse(receiver.deliveries[1]?.body ?? '{}')).toMatchObject({ event: 'VERIFIED_USER' });
    const record = capa.server.users.get(user.userId);
    expect(record?.kycDetails?.verificationSessionId).not.toBe(user.kycDetails?.verificationSessionId);
    expect(record?.kycDetails?.idInfo?.fullName).toBe(user.kycDetails?.idInfo?.fullName);
    expect(record?.scenarioTags).toContain('verified');
    expect(record?.scenarioTags).not.toContain('rejected');
  });

  it('refuses businesses, unknown users and bad requests', async () => {
    const { capa, receiver } = await setup();
    const business = userWith(capa, (u) => u.type === 'BUSINESS');
    const complete = (id: string, body: unknown) =>
      capa.call('POST', `/_sandbox/capa/users/${id}/complete`, { body });
    expect((await complete(business.userId, { result: 'VERIFIED' })).json()).toMatchObject({
      code: 'INVALID_VERIFICATION_TYPE_FOR_USER',
    });
    expect((await complete('nobody', { result: 'VERIFIED' })).status).toBe(404);
    const user = userWith(capa, (u) => u.type === 'INDIVIDUAL');
    expect((await complete(user.userId, { result: 'MAYBE' })).status).toBe(400);
    expect((await complete(user.userId, { result: 'VERIFIED', faceMatchScore: 2 })).status).toBe(400);
    expect(receiver.deliveries).toHaveLength(0);
  });
});

describe('delivery retries', () => {
  it('retries a non-2xx answer on the schedule until a 2xx acknowledges it', async () => {
    const { capa, receiver } = await setup((index) => (index < 2 ? 503 : 204));
    const user = userWith(capa, (u) => u.scenarioTags.includes('review_needed'));
    const [notification] = await capa.server.webhooks.sendInOrder([
      { event: 'REVIEW_NEEDED_KYC', externalUserId: user.externalUserId },
    ]);
    await receiver.waitFor(3);
    await until(() => notification?.status === 'DELIVERED');
    expect(new Set(receiver.deliveries.map((d) => d.body)).size).toBe(1);
    expect(notification?.attempts.map((a) => a.statusCode)).toEqual([503, 503, 204]);
    expect(receiver.deliveries.every((d) => d.headers['capa-signature'] === hmac(d.body))).toBe(true);
  });

  it('lists a notification that failed all five attempts, and retries it by hand', async () => {
    let up = false;
    const { capa, receiver } = await setup(() => (up ? 200 : 500));
    const user = userWith(capa, (u) => u.scenarioTags.includes('rejected'));
    const [notification] = await capa.server.webhooks.sendInOrder([
      { event: 'REJECTED_KYC', externalUserId: user.externalUserId },
    ]);
    await until(() => notification?.status === 'FAILED');
    expect(receiver.deliveries).toHaveLength(5);

    const list = await capa.call('GET', '/api/partner/v2/webhook-notifications');
    expect(list.status).toBe(200);
    const failed = (list.json() as { success: boolean; data: { id: string }[] }).data;
    expect(failed).toEqual([
      expect.objectContaining({
        id: notification?.id,
        event: 'REJECTED_KYC',
        externalUserId: user.externalUserId,
        payload: { type: 'KYC', event: 'REJECTED_KYC', externalUserId: user.externalUserId },
        status: 'FAILED',
        attempts: 5,
        lastResponseStatus: 500,
      }),
    ]);

    up = true;
    const retried = await capa.call(
      'POST',
      `/api/partner/v2/webhook-notifications/${notification?.id}/retry`,
    );
    expect(retried.status).toBe(200);
    expect(retried.json()).toMatchObject({ success: true, data: { status: 'DELIVERED', attempts: 6 } });
    expect(receiver.deliveries).toHaveLength(6);
    const after = await capa.call('GET', '/api/partner/v2/webhook-notifications');
    expect((after.json() as { data: unknown[] }).data).toEqual([]);

    const again = await capa.call('POST', `/api/partner/v2/webhook-notifications/${notification?.id}/retry`);
    expect(again.status).toBe(400);
    const unknown = await capa.call('POST', '/api/partner/v2/webhook-notifications/nothing/retry');
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'NOT_FOUND_ERROR' });
  });

  it('treats a receiver that cannot be reached like a failure', async () => {
    const capa = await startCapa({ webhookRetryScale: retryScale });
    open.push(capa);
    const gone = await startReceiver();
    await gone.close();
    await capa.call('PUT', '/api/partner/v2/webhook-settings', { body: { url: gone.url } });
    const [notification] = await capa.server.webhooks.sendInOrder([
      { event: 'CREATED_KYC', externalUserId: 'org-x' },
    ]);
    await until(() => notification?.status === 'FAILED');
    expect(notification?.attempts).toHaveLength(5);
    expect(notification?.attempts.every((a) => a.statusCode === null && a.error)).toBe(true);
  });
});

describe('POST /_sandbox/capa/replay-webhooks', () => {
  it("sends each matching seeded user's current result, signed", async () => {
    const { capa, receiver } = await setup();
    const res = await capa.call('POST', '/_sandbox/capa/replay-webhooks', {
      body: { filter: 'review_needed' },
    });
    expect(res.status).toBe(200);
    const expected = capa.population.capa.filter((u) => u.scenarioTags.includes('review_needed'));
    expect(res.json()).toMatchObject({
      success: true,
      data: {
        sent: expected.length,
        delivered: expected.length,
        failed: 0,
        byEvent: { REVIEW_NEEDED_KYC: expected.length },
      },
    });
    const deliveries = await receiver.waitFor(expected.length);
    const ids = deliveries.map((d) => (JSON.parse(d.body) as { externalUserId: string }).externalUserId);
    expect(new Set(ids)).toEqual(new Set(expected.map((u) => u.externalUserId)));
    expect(deliveries.every((d) => d.headers['capa-signature'] === hmac(d.body))).toBe(true);
  });

  it('sends every completed user without a filter, and 409 without a webhook URL', async () => {
    const { capa, receiver } = await setup();
    const res = await capa.call('POST', '/_sandbox/capa/replay-webhooks');
    const completed = capa.population.capa.filter((u) => u.kycDetails);
    const data = (res.json() as { data: { sent: number; byEvent: Record<string, number> } }).data;
    expect(data.sent).toBe(completed.length);
    expect(Object.keys(data.byEvent).sort()).toEqual(['REJECTED_KYC', 'REVIEW_NEEDED_KYC', 'VERIFIED_USER']);
    await receiver.waitFor(completed.length);

    await capa.call('PUT', '/api/partner/v2/webhook-settings', { body: { url: null } });
    const refused = await capa.call('POST', '/_sandbox/capa/replay-webhooks', { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'WEBHOOK_URL_NOT_SET' });
  });
});
