// Capa partner users: individuals with their latest KYC session, and businesses with their KYB state.

import { buildKycDetails, type KycSpec } from './kyc';
import { makeBusiness, makeFullName, type Person } from './people';
import type { Rng } from './prng';
import type { CapaUserSeed, KybDetails, KybVerificationStatus } from './types';

const HOUR_MS = 3_600_000;

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** A session id shaped like Capa's example (vs_ and 16 hex digits). */
export function verificationSessionId(rng: Rng): string {
  return `vs_${rng.hex(16)}`;
}

export interface CapaIndividualOptions {
  /** null: the user has not completed a KYC session yet. */
  kyc: KycSpec | null;
  crossProvider: boolean;
}

export function capaIndividual(
  rng: Rng,
  person: Person,
  epochMs: number,
  options: CapaIndividualOptions,
): CapaUserSeed {
  const userId = rng.uuid();
  const externalUserId = `org-${rng.uuid()}`;
  const alias = rng.chance(0.6) ? person.fullName : undefined;
  const tags = ['capa', 'individual', `script:${person.script}`, `country:${person.residenceCode}`];
  if (options.crossProvider) tags.push('cross-provider');
  let kycDetails: CapaUserSeed['kycDetails'] = null;
  let media: CapaUserSeed['media'] = [];
  if (options.kyc) {
    const build = buildKycDetails(rng, person, options.kyc, {
      userId,
      verificationSessionId: verificationSessionId(rng),
      createdAt: isoTime(epochMs - rng.int(1, 90 * 24) * HOUR_MS - rng.int(0, 3_599_999)),
      epochMs,
    });
    kycDetails = build.details;
    media = build.media;
    tags.push(...build.tags);
  } else {
    tags.push('not_completed');
  }
  return {
    userId,
    externalUserId,
    type: 'INDIVIDUAL',
    email: person.email,
    ...(alias ? { alias } : {}),
    kycDetails,
    media,
    profile: {
      fullName: person.fullName,
      birthDate: person.birthDate,
      idNumber: person.document.idNumber,
      country: person.residenceCode,
    },
    scenarioTags: tags,
  };
}

/** Ownership shares that add up to at most 100. */
export function ownershipShares(rng: Rng, owners: number): number[] {
  const weights = Array.from({ length: owners }, () => rng.int(1, 10));
  const total = weights.reduce((a, b) => a + b, 0);
  const cap = rng.chance(0.3) ? rng.int(60, 95) : 100;
  return weights.map((w) => Math.floor((w / total) * cap));
}

export function capaBusiness(
  rng: Rng,
  epochMs: number,
  status: KybVerificationStatus,
  owners: number,
): CapaUserSeed {
  const userId = rng.uuid();
  const externalUserId = `org-${rng.uuid()}`;
  const business = makeBusiness(rng, epochMs);
  const shares = ownershipShares(rng, owners);
  const beneficialOwners = shares.map((ownershipPercent) => ({
    fullName: makeFullName(rng),
    ownershipPercent,
  }));
  const started = status !== 'NOT_STARTED';
  const kybDetails: KybDetails = {
    verificationStatus: status,
    businessInfo: {
      businessName: business.name,
      countryOfConstitution: business.country,
      taxId: business.taxId,
    },
    beneficialOwners,
    verificationSessionId: started ? verificationSessionId(rng) : null,
    createdAt: started ? isoTime(epochMs - rng.int(1, 60 * 24) * HOUR_MS) : null,
  };
  return {
    userId,
    externalUserId,
    type: 'BUSINESS',
    email: business.email,
    alias: business.name,
    kycDetails: null,
    media: [],
    kybDetails,
    profile: {
      fullName: business.name,
      birthDate: null,
      idNumber: business.taxId,
      country: business.country,
    },
    scenarioTags: [
      'capa',
      'business',
      `kyb:${status.toLowerCase()}`,
      `script:${business.script}`,
      `country:${business.country}`,
      `owners:${owners}`,
    ],
  };
}
