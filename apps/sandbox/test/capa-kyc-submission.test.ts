// Capa's legacy direct link (POST /kyc/verification-link with personalInfo) and Option B, KYC data sent
// directly (POST /kyc/send-verification): documented bodies, the errors they answer, the files Capa downloads
// from pre-signed URLs, and the pending session the customer then finishes.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCapa, startCapa, startReceiver } from './capa-harness';
import { pngBytes } from './connectfi-harness';

let capa: RunningCapa;
let files: { url: string; close: () => Promise<void> };

const jpegBytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** A stand-in for the partner's storage: pre-signed URLs to files of each kind, and some broken ones. */
async function startFileServer() {
  const bodies: Record<string, Buffer> = {
    '/selfie.png': pngBytes,
    '/front.jpg': jpegBytes,
    '/back.pdf': pdfBytes,
    '/proof.pdf': pdfBytes,
    '/named.png': jpegBytes,
    '/notes.txt': Buffer.from('not an image'),
    '/empty.png': Buffer.alloc(0),
    '/big-selfie.png': Buffer.concat([pngBytes, Buffer.alloc(3 * 1024 * 1024)]),
  };
  const server = createServer((req, res) => {
    const body = bodies[req.url?.split('?')[0] ?? ''];
    if (body === undefined) return res.writeHead(403).end('<Error><Code>AccessDenied</Code></Error>');
    // Every file claims to be a PNG: the format is told by the bytes.
    res.writeHead(200, { 'content-type': 'image/png' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

beforeAll(async () => {
  capa = await startCapa();
  files = await startFileServer();
});

afterAll(async () => {
  await capa.close();
  await files.close();
});

async function newUser(type: 'INDIVIDUAL' | 'BUSINESS' = 'INDIVIDUAL'): Promise<string> {
  const externalUserId = `org-${Math.random().toString(36).slice(2)}`;
  const res = await capa.call('POST', '/api/partner/v2/users', {
    body: { type, email: `${externalUserId}@example.com`, externalUserId },
  });
  return (res.json() as { data: { userId: string } }).data.userId;
}

const personalInfo = { profession: 'Employee', phoneNumber: '+525512345678', birthCountry: 'MX' };

describe('POST /api/partner/v2/kyc/verification-link (legacy, with personalInfo)', () => {
  it('answers 201 {status: "ok", data: {kycLink}} and starts a pending session', async () => {
    const userId = await newUser();
    const res = await capa.call('POST', '/api/partner/v2/kyc/verification-link', {
      body: {
        userId,
        country: 'MX',
        partnerRedirectUri: 'myapp://done',
        personalInfo: { ...personalInfo, taxId: 'LOZG7802117B9' },
      },
    });
    expect(res.status).toBe(201);
    const body = res.json() as { status: string; data: { kycLink: string } };
    expect(body).toEqual({
      status: 'ok',
      data: { kycLink: expect.stringMatching(/\/verify\/vs_[0-9a-f]{16}$/) },
    });
    const session = capa.server.users.get(userId)?.pendingSession;
    expect(session).toMatchObject({ flow: 'legacy-link', country: 'MX', partnerRedirectUri: 'myapp://done' });
    expect(body.data.kycLink.endsWith(session?.verificationSessionId ?? '?')).toBe(true);
    expect(session?.personalInfo).toEqual({ ...personalInfo, taxId: 'LOZG7802117B9' });
  });

  it('needs personalInfo only in Mexico', async () => {
    const userId = await newUser();
    const mx = await capa.call('POST', '/api/partner/v2/kyc/verification-link', {
      body: { userId, country: 'MX' },
    });
    expect(mx.status).toBe(400);
    expect(mx.json()).toMatchObject({
      code: 'INVALID_USER_INPUT_ERROR',
      message: expect.stringContaining('personalInfo'),
    });
    const dominican = await capa.call('POST', '/api/partner/v2/kyc/verification-link', {
      body: { userId, country: 'DO' },
    });
    expect(dominican.status).toBe(201);
  });

  it.each([
    ['an unknown profession', { personalInfo: { ...personalInfo, profession: 'Astronaut' } }],
    [
      'a phone number not in international format',
      { personalInfo: { ...personalInfo, phoneNumber: '5512345678' } },
    ],
    ['a birth country that is not a code', { personalInfo: { ...personalInfo, birthCountry: 'Mexico' } }],
    [
      'a tax id that is a CURP, not an RFC',
      { personalInfo: { ...personalInfo, taxId: 'LOZG780211HDFPRL09' } },
    ],
    ['a country Capa does not serve', { country: 'BR' }],
    ['no userId', { userId: undefined }],
  ])('refuses %s with 400 INVALID_USER_INPUT_ERROR', async (_label, change) => {
    const userId = await newUser();
    const res = await capa.call('POST', '/api/partner/v2/kyc/verification-link', {
      body: { userId, country: 'MX', personalInfo, ...change },
    });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({
      statusCode: 400,
      code: 'INVALID_USER_INPUT_ERROR',
      message: 'Invalid User Input',
    });
  });

  it('answers 404 for an unknown user and 400 INVALID_VERIFICATION_TYPE_FOR_USER for a business', async () => {
    const unknown = await capa.call('POST', '/api/partner/v2/kyc/verification-link', {
      body: { userId: 'nobody', country: 'DO' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({
      code: 'NOT_FOUND_ERROR',
      message: 'Requested User was not found',
    });
    const business = await capa.call('POST', '/api/partner/v2/kyc/verification-link', {
      body: { userId: await newUser('BUSINESS'), country: 'DO' },
    });
    expect(business.status).toBe(400);
    expect(business.json()).toMatchObject({ code: 'INVALID_VERIFICATION_TYPE_FOR_USER' });
  });

  it('needs the partner-api-key', async () => {
    const res = await capa.call('POST', '/api/partner/v2/kyc/verification-link', {
      body: { userId: 'x', country: 'DO' },
      key: null,
    });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHORIZED', message: 'API Key is missing' });
  });
});

describe('POST /api/partner/v2/kyc/send-verification (Option B)', () => {
  const direct = (userId: string, change: Record<string, unknown> = {}) => ({
    userId,
    country: 'DO',
    profession: 'ENGINEER',
    countryOfBirth: 'DO',
    selfieUrl: `${files.url}/selfie.png?X-Amz-Signature=abc`,
    identity: {
      type: 'GOVERNMENT_ID',
      frontIdUrl: `${files.url}/front.jpg`,
      backIdUrl: `${files.url}/back.pdf`,
    },
    ...change,
  });
  const mexican = (userId: string, change: Record<string, unknown> = {}) =>
    direct(userId, {
      country: 'MX',
      countryOfBirth: 'MX',
      taxId: 'LOZG7802117B9',
      economicActivity: 'Software development',
      address: { street: 'Av. Reforma 1', city: 'CDMX', state: 'CDMX', zipCode: '06600', country: 'MX' },
      ...change,
    });
  const send = (body: unknown) => capa.call('POST', '/api/partner/v2/kyc/send-verification', { body });

  it('downloads the files, answers 201, and the result comes by webhook once the customer is done', async () => {
    const receiver = await startReceiver();
    try {
      await capa.call('PUT', '/api/partner/v2/webhook-settings', { body: { url: receiver.url } });
      const userId = await newUser();
      const res = await send(direct(userId));
      expect(res.status).toBe(201);
      const data = (res.json() as { success: boolean; data: Record<string, unknown> }).data;
      expect(data).toEqual({
        userId,
        verificationSessionId: expect.stringMatching(/^vs_[0-9a-f]{16}$/),
        status: 'SUBMITTED',
        files: [
          { field: 'selfieUrl', format: 'png', size: pngBytes.length },
          { field: 'identity.frontIdUrl', format: 'jpeg', size: jpegBytes.length },
          { field: 'identity.backIdUrl', format: 'pdf', size: pdfBytes.length },
        ],
      });
      // Asynchronous: no details until the verification is over.
      expect((await capa.call('GET', `/api/partner/v2/kyc/details?userId=${userId}`)).status).toBe(404);
      expect(capa.server.users.get(userId)?.pendingSession).toMatchObject({ flow: 'direct', country: 'DO' });

      const done = await capa.call('POST', `/_sandbox/capa/users/${userId}/complete`, {
        body: { result: 'REVIEW_NEEDED' },
      });
      expect((done.json() as { data: { verificationSessionId: string } }).data.verificationSessionId).toBe(
        data.verificationSessionId,
      );
      const deliveries = await receiver.waitFor(2);
      expect(deliveries.map((d) => JSON.parse(d.body).event)).toEqual(['CREATED_KYC', 'REVIEW_NEEDED_KYC']);
      const details = await capa.call('GET', `/api/partner/v2/kyc/details?userId=${userId}`);
      expect(details.json()).toMatchObject({
        status: 'ok',
        data: { verificationSessionId: data.verificationSessionId },
      });
    } finally {
      await capa.call('PUT', '/api/partner/v2/webhook-settings', { body: { url: null } });
      await receiver.close();
    }
  });

  it("accepts Capa's own pre-signed media links as files", async () => {
    const seeded = capa.population.capa.find((u) => u.media.includes('front') && u.media.includes('selfie'));
    if (!seeded) throw new Error('the default population lacks a user with media');
    const details = (
      await capa.call('GET', `/api/partner/v2/kyc/details?userId=${seeded.userId}`)
    ).json() as {
      data: { media: Record<string, string> };
    };
    const media = Object.values(details.data.media);
    const link = (kind: string) => media.find((url) => url.includes(`/${kind}?`)) ?? '';
    const res = await send(
      direct(await newUser(), {
        selfieUrl: link('selfie'),
        identity: { type: 'RESIDENT_CARD', frontIdUrl: link('front'), backIdUrl: link('front') },
      }),
    );
    expect(res.status).toBe(201);
  });

  it('needs taxId, economicActivity and address in Mexico, and a proof of address unless the ID is an INE', async () => {
    const userId = await newUser();
    const missing = await send(direct(userId, { country: 'MX' }));
    expect(missing.status).toBe(400);
    expect(missing.json()).toMatchObject({
      code: 'INVALID_USER_INPUT_ERROR',
      message: 'Required for Mexico (MX): taxId, economicActivity, address',
    });
    const curp = await send(mexican(userId, { taxId: 'LOZG780211HDFPRL09' }));
    expect(curp.json()).toMatchObject({
      code: 'INVALID_USER_INPUT_ERROR',
      message: expect.stringContaining('RFC'),
    });
    const residentCard = {
      type: 'RESIDENT_CARD',
      frontIdUrl: `${files.url}/front.jpg`,
      backIdUrl: `${files.url}/back.pdf`,
    };
    const noProof = await send(mexican(userId, { identity: residentCard }));
    expect(noProof.json()).toMatchObject({ message: expect.stringContaining('ADDRESS_PROOF') });
    const withProof = await send(
      mexican(userId, {
        identity: residentCard,
        documents: [{ type: 'ADDRESS_PROOF', fileUrl: `${files.url}/proof.pdf` }],
      }),
    );
    expect(withProof.status).toBe(201);
    expect(await send(mexican(userId))).toMatchObject({ status: 201 });
  });

  it('refuses the Mexico-only fields elsewhere', async () => {
    const res = await send(direct(await newUser(), { pep: { relation: 'self' } }));
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ message: 'pep: only for users in Mexico (MX)' });
  });

  it.each([
    [
      'a URL that cannot be downloaded',
      { selfieUrl: 'FILES/expired.png' },
      'FAILED_TO_DOWNLOAD_FILE_FROM_PRESIGNED_URL',
      'selfieUrl',
    ],
    [
      'a selfie over 3 MB',
      { selfieUrl: 'FILES/big-selfie.png' },
      'INVALID_USER_INPUT_ERROR',
      'selfieUrl: the file is larger than 3 MB',
    ],
    [
      'a selfie in PDF',
      { selfieUrl: 'FILES/back.pdf' },
      'INVALID_USER_INPUT_ERROR',
      'selfieUrl: the file must be JPEG, PNG',
    ],
    [
      'a text file named .png',
      { selfieUrl: 'FILES/notes.txt' },
      'INVALID_USER_INPUT_ERROR',
      'selfieUrl: the file must be JPEG, PNG',
    ],
    [
      'an empty file',
      { selfieUrl: 'FILES/empty.png' },
      'INVALID_USER_INPUT_ERROR',
      'selfieUrl: the file is empty',
    ],
    [
      'an ID image that cannot be downloaded',
      { identity: { type: 'TAX_ID', frontIdUrl: 'FILES/front.jpg', backIdUrl: 'FILES/missing.jpg' } },
      'FAILED_TO_DOWNLOAD_FILE_FROM_PRESIGNED_URL',
      'identity.backIdUrl',
    ],
  ])('answers 400 for %s', async (_label, change, code, message) => {
    const withFiles = JSON.parse(JSON.stringify(change).replaceAll('FILES', files.url));
    const userId = await newUser();
    const res = await send(direct(userId, withFiles));
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ code, message: expect.stringContaining(message) });
    expect(capa.server.users.get(userId)?.pendingSession).toBeNull();
  });

  it('accepts the OpenAPI layout (documentType, personalInfo) without files', async () => {
    const userId = await newUser();
    const res = await send({ userId, country: 'MX', documentType: 'VOTER_ID', personalInfo });
    expect(res.status).toBe(201);
    expect(res.json()).toMatchObject({ success: true, data: { userId, status: 'SUBMITTED', files: [] } });
    const noInfo = await send({ userId, country: 'MX', documentType: 'PASSPORT' });
    expect(noInfo.json()).toMatchObject({
      code: 'INVALID_USER_INPUT_ERROR',
      message: expect.stringContaining('personalInfo'),
    });
    const badType = await send({ userId, country: 'DO', documentType: 'LIBRARY_CARD' });
    expect(badType.json()).toEqual({
      statusCode: 400,
      code: 'INVALID_USER_INPUT_ERROR',
      message: 'Invalid User Input',
    });
  });

  it('answers 404 for an unknown user and 400 for a business, before downloading anything', async () => {
    const unknown = await send(direct('nobody', { selfieUrl: `${files.url}/missing.png` }));
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'NOT_FOUND_ERROR' });
    const business = await send(direct(await newUser('BUSINESS'), { selfieUrl: `${files.url}/missing.png` }));
    expect(business.json()).toMatchObject({ code: 'INVALID_VERIFICATION_TYPE_FOR_USER' });
  });
});
