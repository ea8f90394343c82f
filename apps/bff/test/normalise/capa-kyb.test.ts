import { CaseView } from '@review-desk/contracts';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { normaliseCapaKyb, UnusableUpstreamPayload } from '../../src/normalise';

const now = new Date('2026-03-01T12:00:00Z');
const userId = 'b7c1a2d4-0000-4000-8000-000000000001';
const read = (raw: unknown) => normaliseCapaKyb(raw, { userId, now });
const validate = new Ajv({ strict: false }).compile(CaseView);

/** The documented layout of Get KYB Details' data. */
const documented = {
  verificationStatus: 'REVIEW_NEEDED',
  businessInfo: { businessName: 'Tacos Norte SA de CV', countryOfConstitution: 'MX', taxId: 'TNO190312AB1' },
  beneficialOwners: [
    { fullName: 'Ana Majority', ownershipPercent: 60 },
    { fullName: 'Carla Minor', ownershipPercent: 15 },
  ],
  verificationSessionId: 'vs_1',
  createdAt: '2026-02-27T09:00:00.000Z',
};

describe('normaliseCapaKyb', () => {
  it('reads the documented payload as a business with its owners and session', () => {
    const view = read(documented);
    expect(validate(view), JSON.stringify(validate.errors)).toBe(true);
    expect(view.subject).toEqual({
      provider: 'capa',
      id: userId,
      externalUserId: null,
      type: 'business',
      displayName: 'Tacos Norte SA de CV',
      birthDate: null,
      idNumberMasked: '•••••2AB1',
    });
    expect(view.verification).toEqual({
      provided: true,
      result: { value: 'REVIEW_NEEDED', known: true, normalised: 'review_needed' },
      status: null,
      verificationSessionId: 'vs_1',
      createdAt: '2026-02-27T09:00:00.000Z',
      subjectReference: null,
    });
    expect(view.business).toMatchObject({
      provided: true,
      taxId: 'TNO190312AB1',
      beneficialOwners: [
        { ref: '#0', fullName: 'Ana Majority', ownershipPercent: 60 },
        { ref: '#1', fullName: 'Carla Minor', ownershipPercent: 15 },
      ],
    });
    expect(view.idInfo).toEqual({ provided: false });
    expect(view.anomalies).toEqual([]);
  });

  it('survives missing and odd fields, reporting each and keeping every owner it can read', () => {
    const view = read({
      verificationStatus: 'ON_HOLD',
      businessInfo: null,
      beneficialOwners: {
        a: { fullName: 'Ana Majority', ownershipPercent: '60' },
        b: 'Bruno',
        c: { fullName: 42, ownershipPercent: 140 },
      },
      verificationSessionId: 7,
      createdAt: 1_772_180_000_000,
    });
    expect(validate(view), JSON.stringify(validate.errors)).toBe(true);
    expect(view.subject).toMatchObject({ type: 'business', displayName: null, idNumberMasked: null });
    expect(view.business).toEqual({
      provided: true,
      verificationStatus: { value: 'ON_HOLD', known: false },
      businessName: null,
      countryOfConstitution: null,
      taxId: null,
      beneficialOwners: [
        { ref: '#0', fullName: 'Ana Majority', ownershipPercent: 60 },
        { ref: '#2', fullName: '42', ownershipPercent: null },
      ],
    });
    expect(view.verification).toMatchObject({
      verificationSessionId: '7',
      createdAt: new Date(1_772_180_000_000).toISOString(),
    });
    expect(view.anomalies.map((a) => [a.path, a.kind])).toEqual([
      ['verificationStatus', 'unknown_enum'],
      ['verificationSessionId', 'unexpected_type'],
      ['createdAt', 'unexpected_type'],
      ['businessInfo', 'null_section'],
      ['beneficialOwners', 'unexpected_type'],
      ['beneficialOwners[0].ownershipPercent', 'coerced_number'],
      ['beneficialOwners[1]', 'unexpected_type'],
      ['beneficialOwners[2].ownershipPercent', 'unexpected_type'],
      ['beneficialOwners[2].fullName', 'unexpected_type'],
    ]);
    expect(view.anomalies.find((a) => a.path === 'beneficialOwners[1]')?.received).toBe('Bruno');
  });

  it('says the business is not provided when the payload is empty, and refuses a payload that is not an object', () => {
    const view = read({});
    expect(view.business).toEqual({ provided: false });
    expect(view.verification).toEqual({ provided: false });
    expect(view.anomalies.map((a) => a.path)).toEqual(['businessInfo', 'beneficialOwners']);
    expect(() => read([documented])).toThrow(UnusableUpstreamPayload);
  });
});
