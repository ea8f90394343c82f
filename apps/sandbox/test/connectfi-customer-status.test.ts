// GET /customer/status/:customerId: the kycStatus values of the Akepa page's cross-reference table, agreeing with
// /akepa/status for the same customer at every step of a journey.

import { afterEach, describe, expect, it } from 'vitest';
import {
  businessBody,
  type Harness,
  hex32,
  individualBody,
  representative,
  startConnectfi,
  uploadedDocument,
} from './connectfi-harness';

let h: Harness;

afterEach(async () => {
  await h.close();
});

async function init(body: unknown): Promise<string> {
  return ((await h.post('/customer/init', body)).json.data as { customerId: string }).customerId;
}

async function kycStatus(customerId: string) {
  const response = await h.get(`/customer/status/${customerId}`);
  expect(response.statusCode).toBe(200);
  expect(response.json).toEqual({
    code: '0',
    data: { customerId, kycStatus: expect.any(String) },
    requestId: expect.stringMatching(hex32),
  });
  return (response.json.data as { kycStatus: string }).kycStatus;
}

async function journeyStatus(customerId: string) {
  return ((await h.get(`/akepa/status/${customerId}`)).json.data as { status: string }).status;
}

describe('GET /customer/status/:customerId', () => {
  it('follows a WaitReview journey: WAITING_DATA, WAITING_REVIEW, then APPROVED', async () => {
    h = await startConnectfi();
    const customerId = await init(individualBody('WaitReview'));
    // Initialised, not identified: connectFi still waits for its KYC data.
    expect(await kycStatus(customerId)).toBe('WAITING_DATA');
    await h.post('/akepa/identification', { customerId });
    expect(await journeyStatus(customerId)).toBe('pending_step_up');
    expect(await kycStatus(customerId)).toBe('WAITING_DATA');

    const front = await uploadedDocument(h, 'front');
    const back = await uploadedDocument(h, 'back');
    await h.post('/akepa/update', {
      customerId,
      documents: [
        { entityId: customerId, documentId: front, view: 'front' },
        { entityId: customerId, documentId: back, view: 'back' },
      ],
    });
    expect(await journeyStatus(customerId)).toBe('waiting_review');
    expect(await kycStatus(customerId)).toBe('WAITING_REVIEW');

    await h.post(`/_sandbox/connectfi/customers/${customerId}/resolve`, { outcome: 'Approved' }, '');
    expect(await kycStatus(customerId)).toBe('APPROVED');
  });

  it('answers DECLINED for a Denied journey and APPROVED for an approved business', async () => {
    h = await startConnectfi();
    const denied = await init(individualBody('Denied'));
    await h.post('/akepa/identification', { customerId: denied });
    expect(await kycStatus(denied)).toBe('DECLINED');

    const business = await init(businessBody([representative('Lee')]));
    await h.post('/akepa/identification', { customerId: business });
    expect(await kycStatus(business)).toBe('APPROVED');
  });

  it.each([
    ['data_request', 'WAITING_DATA'],
    ['pending_documents', 'WAITING_DATA'],
    ['pending_step_up', 'WAITING_DATA'],
    ['waiting_review', 'WAITING_REVIEW'],
    ['pending_journey_application_review', 'WAITING_REVIEW'],
    ['running', 'PENDING'],
  ])('maps the journey status %s to %s', async (status, expected) => {
    h = await startConnectfi();
    const customerId = await init(individualBody());
    await h.post('/akepa/identification', { customerId });
    await h.post(`/_sandbox/connectfi/customers/${customerId}/status`, { status }, '');
    expect(await journeyStatus(customerId)).toBe(status);
    expect(await kycStatus(customerId)).toBe(expected);
  });

  it('refuses an unknown customer and a request without a token', async () => {
    h = await startConnectfi();
    const unknown = await h.get('/customer/status/cstap_0000000000000000000000');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json).toMatchObject({
      code: 'customerNotFound',
      context: { customerId: 'cstap_0000000000000000000000' },
    });
    const customerId = await init(individualBody());
    const anonymous = await h.get(`/customer/status/${customerId}`, '');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json).toMatchObject({ code: 'unauthorized', message: 'Authentication error' });
  });
});
