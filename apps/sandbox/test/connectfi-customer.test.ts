import { afterEach, describe, expect, it } from 'vitest';
import {
  base62Id,
  businessBody,
  type Harness,
  hex32,
  individualBody,
  primaryAddress,
  representative,
  startConnectfi,
} from './connectfi-harness';

let h: Harness;

afterEach(async () => {
  await h.close();
});

describe('POST /customer/init', () => {
  it('creates an individual with a cstap_ id and stores it', async () => {
    h = await startConnectfi();
    const response = await h.post(
      '/customer/init',
      individualBody('Rivera', { phone: '+15125550100', idNumber: '123-45-6789', unknownField: 'dropped' }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json.code).toBe('0');
    expect(response.json.requestId).toMatch(hex32);
    const data = response.json.data as Record<string, unknown>;
    expect(data.customerId).toMatch(base62Id('cstap'));
    expect(data).toEqual({
      customerId: data.customerId,
      type: 'individual',
      firstName: 'Ana',
      lastName: 'Rivera',
      dateOfBirth: '1990-04-12',
      email: 'ana@example.com',
      phone: '+15125550100',
      idNumber: '123-45-6789',
      addresses: [primaryAddress],
    });
    expect(h.server.store.customers.get(data.customerId as string)).toMatchObject({
      kind: 'individual',
      lastName: 'Rivera',
    });
  });

  it('creates a business, keeping supplied representative ids and generating the missing ones', async () => {
    h = await startConnectfi();
    const response = await h.post(
      '/customer/init',
      businessBody([
        representative('Okafor', { id: 'ExtBusRepId123', ownershipPercent: 60 }),
        representative('Lee'),
      ]),
    );
    expect(response.statusCode).toBe(200);
    const data = response.json.data as { customerId: string; businessRepresentatives: { id: string }[] };
    expect(data.customerId).toMatch(base62Id('cstab'));
    expect(data.businessRepresentatives[0]).toMatchObject({ id: 'ExtBusRepId123', ownershipPercent: 60 });
    expect(data.businessRepresentatives[1]?.id).toMatch(base62Id('cstar'));
  });

  it('accepts two representatives with the same id (connectFi objects only at identification)', async () => {
    h = await startConnectfi();
    const response = await h.post(
      '/customer/init',
      businessBody([representative('A', { id: 'Same1' }), representative('B', { id: 'Same1' })]),
    );
    expect(response.statusCode).toBe(200);
    const ids = (
      response.json.data as { businessRepresentatives: { id: string }[] }
    ).businessRepresentatives.map((r) => r.id);
    expect(ids).toEqual(['Same1', 'Same1']);
  });

  it.each([
    [
      'no type',
      {},
      {
        instancePath: '',
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'type' },
      },
      "must have required property 'type'",
    ],
    [
      'an unknown type',
      { type: 'trust' },
      {
        instancePath: '/type',
        schemaPath: '#/properties/type/enum',
        keyword: 'enum',
        params: { allowedValues: ['individual', 'business'] },
      },
      'must be equal to one of the allowed values',
    ],
    [
      'an individual without lastName',
      { ...individualBody(), lastName: undefined },
      {
        instancePath: '',
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'lastName' },
      },
      "must have required property 'lastName'",
    ],
    [
      'an impossible dateOfBirth',
      individualBody('Rivera', { dateOfBirth: '1990-02-30' }),
      {
        instancePath: '/dateOfBirth',
        schemaPath: '#/properties/dateOfBirth/format',
        keyword: 'format',
        params: { format: 'date' },
      },
      'must match format "date"',
    ],
    [
      'no PRIMARY address',
      individualBody('Rivera', { addresses: [{ ...primaryAddress, type: 'MAILING' }] }),
      {
        instancePath: '/addresses',
        schemaPath: '#/properties/addresses/contains',
        keyword: 'contains',
        params: { minContains: 1 },
      },
      'must contain at least 1 valid item(s)',
    ],
    [
      'a representative without email',
      businessBody([{ ...representative(), email: undefined }]),
      {
        instancePath: '/businessRepresentatives/0',
        schemaPath: '#/properties/businessRepresentatives/items/required',
        keyword: 'required',
        params: { missingProperty: 'email' },
      },
      "must have required property 'email'",
    ],
    [
      'a business without representatives',
      businessBody([]),
      {
        instancePath: '/businessRepresentatives',
        schemaPath: '#/properties/businessRepresentatives/minItems',
        keyword: 'minItems',
        params: { limit: 1 },
      },
      'must NOT have fewer than 1 items',
    ],
  ])('rejects %s with requestValidateError', async (_label, body, error, message) => {
    h = await startConnectfi();
    const response = await h.post('/customer/init', JSON.parse(JSON.stringify(body)));
    expect(response.statusCode).toBe(400);
    expect(response.json).toEqual({
      requestId: expect.stringMatching(hex32),
      code: 'requestValidateError',
      context: [{ ...error, message }],
    });
    expect(h.server.store.customers.size).toBe(0);
  });
});
