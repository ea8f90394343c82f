import type { AddressInfo } from 'node:net';
import { FormData, request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  base62Id,
  businessBody,
  type Harness,
  hex32,
  individualBody,
  multipartFile,
  pngBytes,
  representative,
  startConnectfi,
  upload,
  uploadedDocument,
} from './connectfi-harness';

let h: Harness;

beforeEach(async () => {
  h = await startConnectfi();
});

afterEach(async () => {
  await h.close();
});

async function initCustomer(body: unknown): Promise<string> {
  const response = await h.post('/customer/init', body);
  return (response.json.data as { customerId: string }).customerId;
}

const generate = (body: Record<string, unknown>) => h.post('/akepa/document/generate', body);
const licence = { workflow: 'BUSINESS', name: 'front', extension: 'jpg', type: 'license' };

const missing = (property: string) => ({
  instancePath: '',
  schemaPath: '#/required',
  keyword: 'required',
  params: { missingProperty: property },
  message: `must have required property '${property}'`,
});

describe('POST /akepa/identification', () => {
  it('starts a journey for an individual: the entity is the customer itself', async () => {
    const customerId = await initCustomer(individualBody());
    const response = await h.post('/akepa/identification', { customerId });
    expect(response.statusCode).toBe(200);
    expect(response.json.requestId).toMatch(hex32);
    const data = response.json.data as Record<string, unknown>;
    expect(data.applicationId).toMatch(base62Id('iapp'));
    expect(data).toEqual({
      applicationId: data.applicationId,
      aggregatorId: 'amplifi',
      customerId,
      status: 'completed',
      outcome: 'Approved',
      entityApplications: [
        { entityId: customerId, isCustomer: true, status: 'completed', outcome: 'approved' },
      ],
    });
  });

  it('lists representatives (isCustomer false) and the business (isCustomer true)', async () => {
    const customerId = await initCustomer(businessBody([representative('Okafor', { id: 'ExtBusRepId123' })]));
    const response = await h.post('/akepa/identification', { customerId, syncMode: null });
    expect((response.json.data as { entityApplications: unknown }).entityApplications).toEqual([
      { entityId: 'ExtBusRepId123', isCustomer: false, status: 'completed', outcome: 'approved' },
      { entityId: customerId, isCustomer: true, status: 'completed', outcome: 'approved' },
    ]);
  });

  it('returns the existing application when asked again', async () => {
    const customerId = await initCustomer(individualBody());
    const first = await h.post('/akepa/identification', { customerId });
    const second = await h.post('/akepa/identification', { customerId });
    expect(second.json.data).toEqual(first.json.data);
    expect(h.server.store.journeys.size).toBe(1);
  });

  it('rejects a body without customerId exactly as documented', async () => {
    const response = await h.post('/akepa/identification', { webhookURL: 'http://127.0.0.1:9/x' });
    expect(response.statusCode).toBe(400);
    expect(response.json).toEqual({
      requestId: expect.stringMatching(hex32),
      code: 'requestValidateError',
      context: [missing('customerId')],
    });
  });

  it('rejects a syncMode that is not a boolean', async () => {
    const response = await h.post('/akepa/identification', { customerId: 'cstap_x', syncMode: 'yes' });
    expect(response.json.context).toEqual([
      {
        instancePath: '/syncMode',
        schemaPath: '#/properties/syncMode/type',
        keyword: 'type',
        params: { type: ['boolean', 'null'] },
        message: 'must be boolean,null',
      },
    ]);
  });

  it('answers customerNotFound for an unknown customer', async () => {
    const response = await h.post('/akepa/identification', { customerId: 'cstap_unknown' });
    expect(response.statusCode).toBe(400);
    expect(response.json).toEqual({
      requestId: expect.stringMatching(hex32),
      code: 'customerNotFound',
      context: { customerId: 'cstap_unknown' },
      message: 'Customer not found',
    });
  });

  it('rejects representatives sharing an id with extAkepa 4091 and starts nothing', async () => {
    const customerId = await initCustomer(
      businessBody([representative('A', { id: 'Dup' }), representative('B', { id: 'Dup' })]),
    );
    const response = await h.post('/akepa/identification', { customerId });
    expect(response.statusCode).toBe(400);
    expect(response.json).toEqual({
      requestId: expect.stringMatching(hex32),
      code: 'extAkepa',
      subCode: 4091,
      message: 'Multiple entities cannot have the same external_entity_id.',
    });
    expect((await h.get(`/akepa/status/${customerId}`)).json.code).toBe('identificationNotFound');
  });
});

describe('KYC/KYB status', () => {
  it('GET /akepa/status/:customerId returns the journey', async () => {
    const customerId = await initCustomer(individualBody('WaitReview'));
    const started = await h.post('/akepa/identification', { customerId });
    const status = await h.get(`/akepa/status/${customerId}`);
    expect(status.statusCode).toBe(200);
    expect(status.json.code).toBe('0');
    expect(status.json.data).toEqual(started.json.data);
    expect(status.json.requestId).not.toBe(started.json.requestId);
  });

  it('answers identificationNotFound before identification, exactly as documented', async () => {
    const customerId = await initCustomer(individualBody());
    const response = await h.get(`/akepa/status/${customerId}`);
    expect(response.statusCode).toBe(400);
    expect(response.json).toEqual({
      requestId: expect.stringMatching(hex32),
      code: 'identificationNotFound',
      context: { customerId },
      message: 'Identification not found',
    });
  });

  it('POST /akepa/status takes customerId and an optional applicationId', async () => {
    const customerId = await initCustomer(individualBody());
    const started = await h.post('/akepa/identification', { customerId });
    const { applicationId } = started.json.data as { applicationId: string };

    const byCustomer = await h.post('/akepa/status', { customerId });
    expect(byCustomer.json.data).toEqual(started.json.data);
    const byApplication = await h.post('/akepa/status', { customerId, applicationId });
    expect(byApplication.json.data).toEqual(started.json.data);

    const otherApplication = await h.post('/akepa/status', { customerId, applicationId: 'iapp_other' });
    expect(otherApplication.statusCode).toBe(400);
    expect(otherApplication.json).toMatchObject({
      code: 'identificationNotFound',
      context: { customerId, applicationId: 'iapp_other' },
    });
    const noCustomer = await h.post('/akepa/status', { applicationId });
    expect(noCustomer.json.context).toEqual([missing('customerId')]);
  });
});

describe('documents', () => {
  it('generates a document id with uploadStatus false', async () => {
    const response = await generate(licence);
    expect(response.statusCode).toBe(200);
    const data = response.json.data as Record<string, unknown>;
    expect(data.id).toMatch(base62Id('doc'));
    expect(data).toEqual({
      id: data.id,
      aggregatorId: 'amplifi',
      uploadStatus: false,
      workflow: 'BUSINESS',
      name: 'front',
      extension: 'jpg',
      type: 'license',
      dtsCreatedAt: '2026-03-01T12:00:00.000Z',
    });
  });

  it('keeps the optional note and its author', async () => {
    const response = await generate({ ...licence, note: 'Front of DL', note_author_agent_email: 'aa@aa.bb' });
    expect(response.json.data).toMatchObject({ note: 'Front of DL', note_author_agent_email: 'aa@aa.bb' });
  });

  it('rejects an extension that is not jpg or png exactly as documented', async () => {
    const response = await generate({ ...licence, extension: 'gif' });
    expect(response.statusCode).toBe(400);
    expect(response.json).toEqual({
      requestId: expect.stringMatching(hex32),
      code: 'requestValidateError',
      context: [
        {
          instancePath: '/extension',
          schemaPath: '#/properties/extension/enum',
          keyword: 'enum',
          params: { allowedValues: ['jpg', 'png'] },
          message: 'must be equal to one of the allowed values',
        },
      ],
    });
  });

  it('rejects a missing type exactly as documented', async () => {
    const { type: _type, ...withoutType } = licence;
    const response = await generate(withoutType);
    expect(response.json).toEqual({
      requestId: expect.stringMatching(hex32),
      code: 'requestValidateError',
      context: [missing('type')],
    });
  });

  it('accepts every documented document type and rejects others', async () => {
    for (const type of ['passport', 'identification_card', '1099', 't4', 'bank_statement']) {
      expect((await generate({ ...licence, type })).statusCode).toBe(200);
    }
    const response = await generate({ ...licence, type: 'selfie' });
    expect(response.json.context).toMatchObject([{ instancePath: '/type', keyword: 'enum' }]);
  });

  it('uploads a file as multipart/form-data once', async () => {
    const id = ((await generate(licence)).json.data as { id: string }).id;
    const first = await upload(h, id);
    expect(first.statusCode).toBe(200);
    expect(first.json.data).toMatchObject({ id, uploadStatus: true, name: 'front', type: 'license' });
    expect(h.server.store.documents.get(id)?.file).toEqual({
      filename: 'front.png',
      mimetype: 'image/png',
      size: pngBytes.length,
    });

    const again = await upload(h, id);
    expect(again.statusCode).toBe(400);
    expect(again.json).toEqual({
      requestId: expect.stringMatching(hex32),
      code: 'extAkepa',
      subCode: 4091,
      message: 'The specified document has already been uploaded.',
    });
  });

  it('answers documentNotFound for an unknown document', async () => {
    const response = await upload(h, 'doc_6nUpgZJJXI0WAWhT1etoaK1');
    expect(response.statusCode).toBe(400);
    expect(response.json).toEqual({
      requestId: expect.stringMatching(hex32),
      code: 'documentNotFound',
      message: 'Document doc_6nUpgZJJXI0WAWhT1etoaK1 not found',
    });
  });

  it('needs a file in the upload', async () => {
    const id = ((await generate(licence)).json.data as { id: string }).id;
    const json = await h.post(`/akepa/document/upload/${id}`, { file: 'not multipart' });
    expect(json.statusCode).toBe(400);
    expect(json.json.code).toBe('fileRequired');
    expect(h.server.store.documents.get(id)?.uploadStatus).toBe(false);
  });

  it('refuses files over 10 MB without marking the document uploaded', async () => {
    const id = ((await generate(licence)).json.data as { id: string }).id;
    const { payload, contentType } = multipartFile(Buffer.alloc(10 * 1024 * 1024 + 1));
    const response = await h.server.app.inject({
      method: 'POST',
      url: `/akepa/document/upload/${id}`,
      headers: { 'x-connectfi-token': h.token, 'content-type': contentType },
      payload,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'payloadTooLarge' });
    expect(h.server.store.documents.get(id)?.uploadStatus).toBe(false);
  });

  it('takes a real multipart upload over HTTP', async () => {
    await h.server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = h.server.app.server.address() as AddressInfo;
    const id = ((await generate(licence)).json.data as { id: string }).id;
    const form = new FormData();
    form.append('file', new Blob([pngBytes], { type: 'image/png' }), 'licence-front.png');
    const response = await request(`http://127.0.0.1:${port}/akepa/document/upload/${id}`, {
      method: 'POST',
      headers: { 'x-connectfi-token': h.token },
      body: form,
    });
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toMatchObject({ code: '0', data: { id, uploadStatus: true } });
    expect(h.server.store.documents.get(id)?.file?.filename).toBe('licence-front.png');
  });
});

describe('POST /akepa/update', () => {
  it('answers identificationNotFound before identification, exactly as documented', async () => {
    const customerId = await initCustomer(businessBody([representative()]));
    const response = await h.post('/akepa/update', { customerId, documents: [] });
    expect(response.statusCode).toBe(400);
    expect(response.json).toEqual({
      requestId: expect.stringMatching(hex32),
      code: 'identificationNotFound',
      context: { customerId },
      message: 'Identification not found',
    });
  });

  it('rejects documents for an entity that has status completed', async () => {
    const customerId = await initCustomer(businessBody([representative('Okafor', { id: 'ExtBusRepId123' })]));
    await h.post('/akepa/identification', { customerId });
    const documentId = await uploadedDocument(h, 'front');
    const response = await h.post('/akepa/update', {
      customerId,
      documents: [{ entityId: 'ExtBusRepId123', documentId, view: 'front' }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json).toEqual({
      requestId: expect.stringMatching(hex32),
      code: 'statusApplicationEntity',
      message: 'Entity ExtBusRepId123 has status completed',
    });
  });

  it('answers documentNotFound for a document never generated or not uploaded yet', async () => {
    const customerId = await initCustomer(individualBody('WaitReview'));
    await h.post('/akepa/identification', { customerId });
    const notUploaded = (await generate(licence)).json.data as { id: string };
    for (const documentId of ['doc_unknown', notUploaded.id]) {
      const response = await h.post('/akepa/update', {
        customerId,
        documents: [{ entityId: customerId, documentId, view: 'front' }],
      });
      expect(response.statusCode).toBe(400);
      expect(response.json).toEqual({
        requestId: expect.stringMatching(hex32),
        code: 'documentNotFound',
        message: `Document ${documentId} not found`,
      });
    }
  });

  it('answers entityNotFound for an entity outside the application', async () => {
    const customerId = await initCustomer(individualBody('WaitReview'));
    await h.post('/akepa/identification', { customerId });
    const documentId = await uploadedDocument(h, 'front');
    const response = await h.post('/akepa/update', {
      customerId,
      documents: [{ entityId: 'someone-else', documentId, view: 'front' }],
    });
    expect(response.json).toMatchObject({ code: 'entityNotFound', context: { entityId: 'someone-else' } });
  });

  it('validates views and required fields of each document', async () => {
    const response = await h.post('/akepa/update', {
      customerId: 'cstap_x',
      documents: [{ entityId: 'cstap_x', documentId: 'doc_x', view: 'side' }],
    });
    expect(response.json.context).toEqual([
      {
        instancePath: '/documents/0/view',
        schemaPath: '#/properties/documents/items/properties/view/enum',
        keyword: 'enum',
        params: { allowedValues: ['front', 'back', 'selfie'] },
        message: 'must be equal to one of the allowed values',
      },
    ]);
    const noCustomer = await h.post('/akepa/update', { documents: [] });
    expect(noCustomer.json.context).toEqual([missing('customerId')]);
  });

  it('without documents returns the journey unchanged', async () => {
    const customerId = await initCustomer(individualBody('WaitReview'));
    const started = await h.post('/akepa/identification', { customerId });
    const response = await h.post('/akepa/update', { customerId });
    expect(response.statusCode).toBe(200);
    expect(response.json.data).toEqual(started.json.data);
  });
});

describe('unknown routes', () => {
  it('answer 404 in the error shape', async () => {
    const response = await h.get('/akepa/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json).toMatchObject({ code: 'notFound', requestId: expect.stringMatching(hex32) });
  });
});
