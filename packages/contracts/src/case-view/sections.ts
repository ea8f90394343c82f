import { type Static, Type } from '@sinclair/typebox';
import { Nullable, NullableEnum, NullableNumber, NullableString, Provided, StringEnum } from './primitives';

export const StatusReason = Type.Object(
  { code: NullableString(), message: NullableString() },
  { description: 'Why a check ended in its status' },
);
export type StatusReason = Static<typeof StatusReason>;

export const CheckWarning = Type.Object(
  {
    code: NullableString(),
    message: NullableString(),
    warningId: NullableString(),
    resolutionStatus: NullableEnum(),
  },
  { description: 'A warning raised by a check' },
);
export type CheckWarning = Static<typeof CheckWarning>;

/** The fields every Capa check section carries. */
const checkFields = {
  result: NullableEnum('Outcome of the check, e.g. PASSED'),
  status: NullableEnum('State of the check, e.g. APPROVED'),
  sectionId: NullableString("The provider's id of this check"),
  statusReasons: Type.Array(StatusReason),
  warnings: Type.Array(CheckWarning),
  checkSummary: Type.Unknown({ description: "The provider's check summary as sent; null when absent" }),
};

export const VerificationSection = Provided(
  {
    result: NullableEnum('Overall result: Capa aipriseSummary.verificationResult, connectFi journey outcome'),
    status: NullableEnum('Overall state: connectFi journey status; null for Capa, which sends none'),
    verificationSessionId: NullableString('Capa verificationSessionId, connectFi applicationId'),
    createdAt: NullableString('When the verification session was created (ISO 8601 when the provider says)'),
    subjectReference: NullableString(
      'The subject id inside the payload: Capa clientReferenceId, connectFi customerId',
    ),
  },
  { description: 'The overall verification' },
);
export type VerificationSection = Static<typeof VerificationSection>;

export const FaceMatchSection = Provided(
  {
    ...checkFields,
    score: NullableNumber('Similarity between selfie and document photo, 0..1; null when absent or unusable'),
  },
  { description: 'Selfie against document photo' },
);
export type FaceMatchSection = Static<typeof FaceMatchSection>;

export const LivenessSection = Provided(checkFields, {
  description: 'Whether the selfie is of a live person',
});
export type LivenessSection = Static<typeof LivenessSection>;

export const documentExpiries = ['expired', 'near_expiry', 'valid', 'unknown'] as const;
export type DocumentExpiry = (typeof documentExpiries)[number];

export const IdInfoSection = Provided(
  {
    ...checkFields,
    firstName: NullableString(),
    middleName: NullableString(),
    lastName: NullableString(),
    secondLastName: NullableString(),
    fullName: NullableString(),
    birthDate: NullableString(),
    gender: NullableEnum(),
    nationality: NullableString(),
    nationalityCode: NullableString(),
    idType: NullableEnum(),
    idNumber: NullableString(),
    idIssueDate: NullableString(),
    idExpiryDate: NullableString(),
    expiry: StringEnum(documentExpiries, {
      description: 'idExpiryDate relative to asOf: expired, near_expiry (within 90 days), valid, or unknown',
    }),
    issueCountry: NullableString(),
    issueCountryCode: NullableString(),
    fullAddress: NullableString('idInfo.address.fullAddress'),
    documentDetails: Type.Unknown({
      description: "The provider's document details as sent; null when absent",
    }),
  },
  { description: 'Data read from the identity document' },
);
export type IdInfoSection = Static<typeof IdInfoSection>;

export const ClientReferenceSection = Provided(
  {
    profession: NullableString(),
    phoneNumber: NullableString(),
    birthCountry: NullableString(),
    taxId: NullableString(),
  },
  { description: 'Personal information the partner supplied (Capa clientReferenceData.personalInfo)' },
);
export type ClientReferenceSection = Static<typeof ClientReferenceSection>;

export const RelatedSessionInsightsSection = Provided(checkFields, {
  description: 'Links to other verification sessions',
});
export type RelatedSessionInsightsSection = Static<typeof RelatedSessionInsightsSection>;

export const FraudSection = Provided(
  { ...checkFields, relatedSessionInsights: RelatedSessionInsightsSection },
  { description: 'Fraud signals' },
);
export type FraudSection = Static<typeof FraudSection>;

export const AmlSearchCriteria = Type.Object(
  {
    searchTerm: NullableString(),
    fuzzinessScore: NullableNumber(),
    exactMatch: Nullable(Type.Boolean()),
  },
  { description: 'What the AML screening searched for' },
);
export type AmlSearchCriteria = Static<typeof AmlSearchCriteria>;

export const AmlEntityHit = Type.Object(
  {
    id: NullableString(),
    name: NullableString(),
    entityType: NullableEnum(),
    nameMatchScore: NullableNumber(),
    dateOfBirth: NullableString(),
    dateOfBirthMatchScore: NullableNumber(),
    alsoKnownAs: Type.Array(Type.String()),
    amlHits: Type.Array(Type.Unknown(), { description: 'Listing details exactly as the provider sent them' }),
    resolutionStatus: NullableEnum(),
  },
  { description: 'A watch-list entity that matched the subject' },
);
export type AmlEntityHit = Static<typeof AmlEntityHit>;

export const AmlSection = Provided(
  {
    ...checkFields,
    numHits: NullableNumber('Number of hits the provider reports; may differ from entityHits.length'),
    searchCriteria: Nullable(AmlSearchCriteria),
    hitSummary: Type.Unknown({ description: 'amlHitSummary as sent; null when absent' }),
    entityHits: Type.Array(AmlEntityHit),
  },
  { description: 'Anti-money-laundering screening' },
);
export type AmlSection = Static<typeof AmlSection>;

export const mediaKinds = ['front', 'back', 'selfie', 'selfie-video'] as const;
export type MediaKind = (typeof mediaKinds)[number];

export const MediaFile = Type.Object(
  {
    kind: StringEnum(mediaKinds),
    available: Type.Boolean({ description: 'Whether the media proxy can fetch it' }),
  },
  { description: 'One verification image or video; fetched through the media proxy, never by upstream URL' },
);
export type MediaFile = Static<typeof MediaFile>;

export const MediaSection = Provided(
  { files: Type.Array(MediaFile, { description: 'One entry per media kind, in mediaKinds order' }) },
  { description: 'Document images, selfie and selfie video' },
);
export type MediaSection = Static<typeof MediaSection>;

export const customerKycStatuses = [
  'WAITING_DATA',
  'WAITING_REVIEW',
  'APPROVED',
  'DECLINED',
  'PENDING',
] as const;
export type CustomerKycStatus = (typeof customerKycStatuses)[number];

export const entityRoles = ['business_customer', 'individual_customer', 'business_representative'] as const;
export type EntityRole = (typeof entityRoles)[number];

export const EntityApplication = Type.Object(
  {
    entityId: NullableString(),
    isCustomer: Nullable(Type.Boolean()),
    role: StringEnum(entityRoles),
    status: NullableEnum(),
    outcome: NullableEnum(),
  },
  { description: 'One entity (customer or business representative) of a connectFi Akepa journey' },
);
export type EntityApplication = Static<typeof EntityApplication>;

export const JourneySection = Provided(
  {
    applicationId: NullableString(),
    aggregatorId: NullableString(),
    reference: NullableString('Partner reference, when connectFi echoes one'),
    status: NullableEnum(),
    outcome: NullableEnum(),
    customerKycStatus: StringEnum(customerKycStatuses, {
      description: "The customer kycStatus that connectFi's cross-reference table gives for this journey",
    }),
    entityApplications: Type.Array(EntityApplication),
  },
  { description: 'connectFi Akepa KYC/KYB journey' },
);
export type JourneySection = Static<typeof JourneySection>;

export const BeneficialOwner = Type.Object(
  {
    ref: Type.String({
      description: '"#<index>" in the provider\'s list; record the owner opened by this ref',
    }),
    fullName: NullableString(),
    ownershipPercent: NullableNumber('Share of the business, 0..100; null when absent or unusable'),
  },
  { description: 'A beneficial owner of a business, as Capa KYB names them' },
);
export type BeneficialOwner = Static<typeof BeneficialOwner>;

export const BusinessSection = Provided(
  {
    verificationStatus: NullableEnum('KYB verificationStatus, e.g. REVIEW_NEEDED'),
    businessName: NullableString(),
    countryOfConstitution: NullableString(),
    taxId: NullableString('The business tax id; masked like other identifiers until revealed (field taxId)'),
    beneficialOwners: Type.Array(BeneficialOwner),
  },
  { description: 'A business verified through Capa KYB (Get KYB Details)' },
);
export type BusinessSection = Static<typeof BusinessSection>;
