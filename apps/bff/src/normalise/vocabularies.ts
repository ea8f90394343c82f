import type { EnumValue } from '@review-desk/contracts';

/** Spellings that differ only in case, surrounding space, or space/hyphen for underscore are the same value. */
export const canonicalSpelling = (raw: string): string =>
  raw.trim().toLowerCase().replaceAll(' ', '_').replaceAll('-', '_');

/** Known-value objects are shared between views, so they are frozen; the cache is capped against odd casings. */
const MAX_CACHED_SPELLINGS = 256;

/**
 * The documented values of one upstream enumerated field. Values outside it are kept verbatim by the caller
 * and flagged; a provider adding a value must never break a case.
 */
export class Vocabulary {
  private readonly normalisedBySpelling: ReadonlyMap<string, string>;
  private readonly cache = new Map<string, EnumValue>();

  /** @param values documented values, or a map from accepted spelling to its normalised form (aliases). */
  constructor(
    readonly description: string,
    values: readonly string[] | Readonly<Record<string, string>>,
  ) {
    const entries: [string, string][] = Array.isArray(values)
      ? values.map((value) => [canonicalSpelling(value), canonicalSpelling(value)])
      : Object.entries(values).map(([spelling, normalised]) => [canonicalSpelling(spelling), normalised]);
    this.normalisedBySpelling = new Map(entries);
  }

  /** The known value for `raw`, or null when the vocabulary does not list it. */
  lookup(raw: string): EnumValue | null {
    const cached = this.cache.get(raw);
    if (cached !== undefined) return cached;
    const normalised = this.normalisedBySpelling.get(canonicalSpelling(raw));
    if (normalised === undefined) return null;
    const value: EnumValue = Object.freeze({ value: raw, known: true, normalised });
    if (this.cache.size < MAX_CACHED_SPELLINGS) this.cache.set(raw, value);
    return value;
  }
}

// Capa documents few values; the ones below come from its pages (VERIFIED, REVIEW_NEEDED, PASSED, CLEAN,
// APPROVED, INE, M), its KYB statuses, its document types, and the AiPrise vocabulary it relays
// (APPROVED/DECLINED/REVIEW/UNKNOWN results, COMPLETED/FAILED/PENDING run states).
export const capaVerificationResult = new Vocabulary('Capa verification result', [
  'VERIFIED',
  'REVIEW_NEEDED',
  'REJECTED',
  'NOT_STARTED',
  'IN_PROGRESS',
  'APPROVED',
  'DECLINED',
  'REVIEW',
  'UNKNOWN',
]);

/** Get KYB Details' verificationStatus (documented values only). */
export const capaKybStatus = new Vocabulary('Capa KYB verification status', [
  'NOT_STARTED',
  'IN_PROGRESS',
  'VERIFIED',
  'REJECTED',
  'REVIEW_NEEDED',
]);

export const capaCheckResult = new Vocabulary('Capa check result', [
  'PASSED',
  'FAILED',
  'CLEAN',
  'APPROVED',
  'DECLINED',
  'REVIEW',
  'REVIEW_NEEDED',
  'UNKNOWN',
]);

export const capaCheckStatus = new Vocabulary('Capa check status', [
  'APPROVED',
  'DECLINED',
  'REJECTED',
  'REVIEW_NEEDED',
  'COMPLETED',
  'FAILED',
  'PENDING',
]);

export const capaResolutionStatus = new Vocabulary('Capa resolution status', [
  'UNRESOLVED',
  'RESOLVED',
  'FALSE_POSITIVE',
  'TRUE_POSITIVE',
]);

export const capaEntityType = new Vocabulary('AML entity type', [
  'PERSON',
  'INDIVIDUAL',
  'COMPANY',
  'ORGANISATION',
  'ORGANIZATION',
  'VESSEL',
  'AIRCRAFT',
]);

export const capaIdType = new Vocabulary('identity document type', [
  'INE',
  'IFE',
  'NATIONAL_ID',
  'VOTER_ID',
  'PASSPORT',
  'TAX_ID',
  'GOVERNMENT_ID',
  'RESIDENT_CARD',
]);

export const gender = new Vocabulary('gender', {
  M: 'male',
  MALE: 'male',
  F: 'female',
  FEMALE: 'female',
  X: 'unspecified',
  UNSPECIFIED: 'unspecified',
});

// connectFi lists distinct journey and entity statuses; an entity reported with a journey-only status
// (pending_journey_application_review, data_request) is still a documented Akepa status, so both use the union.
export const akepaStatus = new Vocabulary('Akepa status', [
  'pending_step_up',
  'pending_documents',
  'waiting_review',
  'pending_journey_application_review',
  'running',
  'data_request',
  'completed',
]);

/** Journey outcomes come capitalised ("Approved"), entity outcomes lower case ("approved"): both normalise alike. */
export const akepaOutcome = new Vocabulary('Akepa outcome', ['approved', 'denied']);
