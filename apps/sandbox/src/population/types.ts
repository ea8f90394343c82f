// What Capa holds for each partner user, as the sandbox stores it. `KycDetails` is the `data` of Get KYC Details
// (`GetUserVerificationResultHttpResponse` in Capa's OpenAPI document) minus `media`, whose pre-signed URLs are
// made when the details are served. Real payloads leave sections out, send null, numbers as strings and values
// outside the documented sets, so the types allow what the generator deliberately produces.

import type { ConnectfiCustomerSeed } from '../connectfi/model';
import type { MediaKind } from '../media/links';

export type CapaUserType = 'INDIVIDUAL' | 'BUSINESS';
export type KycVerificationResult = 'VERIFIED' | 'REJECTED' | 'REVIEW_NEEDED';
export type KybVerificationStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'VERIFIED' | 'REJECTED' | 'REVIEW_NEEDED';

export interface KycStatusReason {
  code: string;
  message: string;
}

export interface KycWarning {
  code: string;
  message: string;
  warningId: string;
  resolutionStatus: string;
}

/** The fields every check section shares. */
export interface KycSection {
  checkSummary?: Readonly<Record<string, string>>;
  result?: string;
  section_id?: string;
  status?: string;
  statusReasons?: readonly KycStatusReason[];
  warnings?: readonly KycWarning[];
}

export interface KycFaceMatchInfo extends KycSection {
  /** 0..1; some payloads send it as a string ("0.83"). */
  faceMatchScore?: number | string;
}

export interface KycFraudInsights extends KycSection {
  relatedSessionInsights?: KycSection;
}

export interface KycIdInfo extends KycSection {
  address?: { fullAddress?: string };
  birthDate?: string;
  documentDetails?: Record<string, string | number | boolean>;
  firstName?: string;
  idExpiryDate?: string;
  idIssueDate?: string;
  idType?: string;
  idNumber?: string;
  middleName?: string;
  lastName?: string;
  secondLastName?: string;
  fullName?: string;
  gender?: string;
  nationality?: string;
  nationalityCode?: string;
  issueCountry?: string;
  issueCountryCode?: string;
}

export type AmlListType = 'sanction' | 'pep' | 'adverse_media';

/** One listing behind an AML entity hit (the items of `amlHits`, which the OpenAPI document leaves untyped). */
export interface AmlListing {
  listName: string;
  listType: AmlListType;
  sourceName: string;
  url: string;
  matchedFields: string[];
  listingDate: string;
}

export interface AmlEntityHit {
  id: string;
  name: string;
  entityType: 'person' | 'organisation';
  nameMatchScore: number | string;
  dateOfBirth?: string;
  dateOfBirthMatchScore?: number;
  alsoKnownAs: string[];
  amlHits: AmlListing[];
  resolutionStatus: string;
}

export interface KycAmlInfo {
  entityHits?: AmlEntityHit[];
  /** Some payloads send it as a string. */
  numHits?: number | string;
  amlHitSummary?: Record<string, number>;
  searchCriteria?: { searchTerm: string; fuzzinessScore: number; exactMatch: boolean };
}

export interface KycPersonalInfo {
  profession: string;
  phoneNumber: string;
  birthCountry: string;
  taxId: string;
}

export interface KycMedia {
  frontIdImageUrl?: string;
  backIdImageUrl?: string;
  selfieImageUrl?: string;
  selfieVideoUrl?: string;
}

/** Get KYC Details `data` as stored (media URLs are added when served). null sections: the check did not run. */
export interface KycDetails {
  aipriseSummary?: { verificationResult: string };
  amlInfo?: KycAmlInfo | null;
  clientReferenceData?: { personalInfo?: KycPersonalInfo };
  faceLivenessInfo?: KycSection | null;
  faceMatchInfo?: KycFaceMatchInfo | null;
  fraudInsights?: KycFraudInsights | null;
  idInfo?: KycIdInfo | null;
  clientReferenceId?: string;
  createdAt?: string;
  verificationSessionId?: string;
}

/** Get KYC Details `data` as served. */
export type KycDetailsPayload = KycDetails & { media?: KycMedia };

export interface KybDetails {
  verificationStatus: KybVerificationStatus;
  businessInfo: { businessName: string; countryOfConstitution: string; taxId: string };
  beneficialOwners: { fullName: string; ownershipPercent: number }[];
  /** null until a KYB session starts. */
  verificationSessionId: string | null;
  createdAt: string | null;
}

/** What the organisation's own records say about a subject (the review desk's directory import). */
export interface SubjectProfile {
  /** Display name: the person's full name or the business name. */
  fullName: string;
  /** YYYY-MM-DD; null for businesses. */
  birthDate: string | null;
  /** Government ID number for people, tax ID for businesses. */
  idNumber: string | null;
  country: string;
}

export interface CapaUserSeed {
  userId: string;
  /** The organisation's own id for the customer. */
  externalUserId: string;
  type: CapaUserType;
  email: string;
  alias?: string;
  /** The latest completed KYC session; null when no session was completed (and always for businesses). */
  kycDetails: KycDetails | null;
  /** Which media the latest session captured; their URLs are signed when the details are served. */
  media: MediaKind[];
  kybDetails?: KybDetails;
  profile: SubjectProfile;
  scenarioTags: string[];
}

export interface Population {
  capa: CapaUserSeed[];
  connectfi: ConnectfiCustomerSeed[];
}

export interface PopulationParams {
  seed: number;
  size: number;
  /** ISO time every generated timestamp is relative to. */
  epoch: string;
}
