import type { CaseView, EnumValue, Provider, ProviderVerdict, SubjectType } from '@review-desk/contracts';
import { isProvided } from '@review-desk/contracts';
import { type EntityApplicationEvidence, entityApplications } from './evidence';

/** What the store needs to open or update a case; the delivery worker builds it from a CaseView. */
export interface CaseInput {
  provider: Provider;
  /** Capa userId or connectFi customerId. */
  subjectId: string;
  /** Capa verificationSessionId or connectFi applicationId; null when not known. */
  verificationId: string | null;
  subjectType: SubjectType;
  displayName: string | null;
  birthDate: string | null;
  idNumber: string | null;
  taxId: string | null;
  externalUserId: string | null;
  /** Issuing country of the document, else the birth country; null when unknown. */
  country: string | null;
  nationality: string | null;
  /** The AML list types of the entity hits, sorted, without repeats. */
  hitTypes: string[];
  /** The provider status, verbatim. */
  upstreamStatus: string;
  /** Whether the provider says the verification needs human review. */
  reviewNeeded: boolean;
  /** What the provider concluded on its own (Capa VERIFIED/REJECTED, connectFi Approved/Denied); else null. */
  providerVerdict: { verdict: ProviderVerdict; said: string } | null;
  /**
   * When the subject started waiting at the provider, on the provider's clock: the Capa session's createdAt,
   * or the delivery that told the desk when that is earlier; for connectFi, when the desk first saw the
   * journey in a review status. Null when not known (the desk's intake time stands in).
   */
  providerSince: Date | null;
  entityApplications: EntityApplicationEvidence[];
  /** The normalised verification, for the triage score and remembered false positives; null when not loaded. */
  view: CaseView | null;
}

const spelling = (value: EnumValue | null | undefined): string | null =>
  value ? value.value.trim().toLowerCase().replaceAll(' ', '_').replaceAll('-', '_') : null;

const akepaReview = new Set(['waiting_review', 'pending_journey_application_review']);

/**
 * Review is needed for a Capa KYC result (or KYB status) of REVIEW_NEEDED, and for a connectFi journey (or any of its entity
 * applications) waiting for review.
 */
export function reviewNeeded(view: CaseView): boolean {
  if (view.provider === 'capa') {
    return isProvided(view.verification) && spelling(view.verification.result) === 'review_needed';
  }
  if (!isProvided(view.journey)) {
    return isProvided(view.verification) && akepaReview.has(spelling(view.verification.status) ?? '');
  }
  const journey = view.journey;
  return (
    akepaReview.has(spelling(journey.status) ?? '') ||
    journey.entityApplications.some((application) => akepaReview.has(spelling(application.status) ?? ''))
  );
}

function upstreamStatus(view: CaseView): string {
  if (view.provider === 'capa') {
    return (isProvided(view.verification) ? view.verification.result?.value : null) ?? 'unknown';
  }
  if (isProvided(view.journey) && view.journey.status) return view.journey.status.value;
  return (isProvided(view.verification) ? view.verification.status?.value : null) ?? 'unknown';
}

const verdicts: Record<string, ProviderVerdict> = {
  verified: 'approved',
  approved: 'approved',
  rejected: 'rejected',
  declined: 'rejected',
  denied: 'rejected',
};

/**
 * The provider's own verdict: Capa's overall result, connectFi's journey outcome. None while the provider
 * asks for review, or when it says something else (pending, unknown values).
 */
export function providerVerdict(view: CaseView): CaseInput['providerVerdict'] {
  if (reviewNeeded(view)) return null;
  const value =
    view.provider === 'capa'
      ? isProvided(view.verification)
        ? view.verification.result
        : null
      : isProvided(view.journey)
        ? view.journey.outcome
        : null;
  const verdict = verdicts[spelling(value) ?? ''];
  return verdict && value ? { verdict, said: value.value } : null;
}

/** Capa's session creation time, when it is a readable date not in the future. */
function sessionCreatedAt(view: CaseView): Date | null {
  if (view.provider !== 'capa' || !isProvided(view.verification) || !view.verification.createdAt) return null;
  const time = Date.parse(view.verification.createdAt);
  return Number.isNaN(time) || time > Date.now() ? null : new Date(time);
}

/**
 * The earliest of the times known for when the subject started waiting: the delivery that told the desk
 * counts for Capa only when it was a review delivery, and for connectFi whenever the journey is in review.
 */
export function withDelivery(
  input: CaseInput,
  delivery: { receivedAt: Date; event: string | null } | null,
): CaseInput {
  if (delivery === null || !input.reviewNeeded) return input;
  if (input.provider === 'capa' && delivery.event !== 'REVIEW_NEEDED_KYC') return input;
  const since = input.providerSince;
  return since !== null && since <= delivery.receivedAt
    ? input
    : { ...input, providerSince: delivery.receivedAt };
}

function placeOf(view: CaseView): { country: string | null; nationality: string | null } {
  // A business: where it was constituted.
  if (view.business && isProvided(view.business)) {
    return { country: view.business.countryOfConstitution, nationality: null };
  }
  const id = isProvided(view.idInfo) ? view.idInfo : null;
  const birthCountry = isProvided(view.clientReference) ? view.clientReference.birthCountry : null;
  return {
    country: id?.issueCountryCode ?? id?.issueCountry ?? birthCountry ?? null,
    nationality: id?.nationalityCode ?? id?.nationality ?? null,
  };
}

/** The list types named by the listings of every entity hit ("sanction", "pep"…), as the provider spells them. */
export function hitTypesOf(view: CaseView): string[] {
  if (!isProvided(view.aml)) return [];
  const types = new Set<string>();
  for (const hit of view.aml.entityHits) {
    for (const listing of hit.amlHits) {
      if (typeof listing !== 'object' || listing === null) continue;
      const type = (listing as Record<string, unknown>).listType ?? (listing as Record<string, unknown>).type;
      if (typeof type === 'string' && type.trim() !== '') types.add(type.trim().toLowerCase().slice(0, 40));
    }
  }
  return [...types].sort();
}

export function caseInputFromView(view: CaseView): CaseInput {
  const verificationId =
    (isProvided(view.verification) ? view.verification.verificationSessionId : null) ??
    (isProvided(view.journey) ? view.journey.applicationId : null);
  return {
    provider: view.provider,
    subjectId: view.subject.id,
    verificationId,
    subjectType: view.subject.type,
    displayName: view.subject.displayName,
    birthDate: view.subject.birthDate ?? (isProvided(view.idInfo) ? view.idInfo.birthDate : null),
    idNumber: isProvided(view.idInfo) ? view.idInfo.idNumber : null,
    taxId:
      (isProvided(view.clientReference) ? view.clientReference.taxId : null) ??
      (view.business && isProvided(view.business) ? view.business.taxId : null),
    externalUserId: view.subject.externalUserId,
    ...placeOf(view),
    hitTypes: hitTypesOf(view),
    upstreamStatus: upstreamStatus(view),
    reviewNeeded: reviewNeeded(view),
    providerVerdict: providerVerdict(view),
    providerSince: sessionCreatedAt(view),
    entityApplications: entityApplications(view),
    view,
  };
}

/** What a case opened by hand knows when the live verification could not be read. */
export function minimalCaseInput(provider: Provider, subjectId: string): CaseInput {
  return {
    provider,
    subjectId,
    verificationId: null,
    subjectType: 'individual',
    displayName: null,
    birthDate: null,
    idNumber: null,
    taxId: null,
    externalUserId: null,
    country: null,
    nationality: null,
    hitTypes: [],
    upstreamStatus: 'unknown',
    reviewNeeded: true,
    providerVerdict: null,
    providerSince: null,
    entityApplications: [],
    view: null,
  };
}
