// A business finishing a KYB session in the sandbox (the control API's counterpart of the KYB link): new KYB
// details for the user, so businesses created through the API can reach every KYB state, REVIEW_NEEDED included.

import { ownershipShares } from '../population/capa';
import { makeBusiness, makeFullName } from '../population/people';
import { hashString, Rng } from '../population/prng';
import { internTags } from '../population/tags';
import type { KybDetails, KybVerificationStatus } from '../population/types';
import type { CapaUserRecord } from './users';

export interface KybCompletionRequest {
  verificationStatus: Exclude<KybVerificationStatus, 'NOT_STARTED'>;
  businessName?: string;
  countryOfConstitution?: string;
  taxId?: string;
  /** The owners as given, or how many to generate (default 2). */
  beneficialOwners?: { fullName: string; ownershipPercent: number }[] | number;
}

/**
 * The KYB details the finished session produces. Fields the request leaves out keep the user's earlier KYB
 * details, else come from a generated business (named after the user's alias when it has one).
 */
export function completeKyb(
  record: CapaUserRecord,
  request: KybCompletionRequest,
  session: { verificationSessionId: string; now: Date },
): KybDetails {
  const rng = new Rng(hashString(record.userId), 1_000 + record.completedKybSessions);
  const generated = makeBusiness(rng, session.now.getTime());
  const earlier = record.kybDetails?.businessInfo;
  const generateOwners = (count: number) =>
    ownershipShares(rng, count).map((ownershipPercent) => ({
      fullName: makeFullName(rng),
      ownershipPercent,
    }));
  const given = request.beneficialOwners;
  const beneficialOwners = Array.isArray(given)
    ? given.map((o) => ({ ...o }))
    : given !== undefined
      ? generateOwners(given)
      : record.kybDetails
        ? record.kybDetails.beneficialOwners.map((o) => ({ ...o }))
        : generateOwners(2);
  return {
    verificationStatus: request.verificationStatus,
    businessInfo: {
      businessName: request.businessName ?? earlier?.businessName ?? record.alias ?? generated.name,
      countryOfConstitution:
        request.countryOfConstitution ?? earlier?.countryOfConstitution ?? generated.country,
      taxId: request.taxId ?? earlier?.taxId ?? generated.taxId,
    },
    beneficialOwners,
    verificationSessionId: session.verificationSessionId,
    createdAt: session.now.toISOString(),
  };
}

/** The user's KYB details and scenario tags after a finished session. */
export function applyKyb(record: CapaUserRecord, details: KybDetails): void {
  record.kybDetails = details;
  record.pendingKybSessionId = null;
  record.completedKybSessions += 1;
  record.profile = {
    ...record.profile,
    fullName: details.businessInfo.businessName,
    idNumber: details.businessInfo.taxId,
    country: details.businessInfo.countryOfConstitution,
  };
  const kept = record.scenarioTags.filter((tag) => !tag.startsWith('kyb:') && !tag.startsWith('owners:'));
  record.scenarioTags = internTags([
    ...kept,
    `kyb:${details.verificationStatus.toLowerCase()}`,
    `owners:${details.beneficialOwners.length}`,
  ]);
}
