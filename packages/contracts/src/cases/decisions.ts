import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '../case-view/primitives';

export const decisionOutcomes = ['approve', 'reject', 'escalate', 'request_information'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];
export const DecisionOutcome = StringEnum(decisionOutcomes, { description: 'What the reviewer decided' });

/** The fixed reason codes of each outcome, with the label the desk shows. */
export const reasonCodes = {
  approve: {
    documents_verified: 'Documents verified',
    identity_confirmed: 'Identity confirmed against the document',
    aml_false_positive_cleared: 'AML hits cleared as false positives',
    warnings_explained: 'Warnings reviewed and explained',
    information_received: 'Requested information received',
    pep_edd_completed: 'Enhanced due diligence completed (PEP)',
  },
  reject: {
    identity_mismatch: 'Identity does not match the document',
    document_fraud: 'Forged or tampered document',
    aml_true_match: 'AML hit is a true match',
    liveness_failed: 'Liveness check failed',
    face_mismatch: 'Selfie does not match the document photo',
    expired_document: 'Document expired',
    unreadable_document: 'Document unreadable',
    related_session_fraud: 'Linked to fraudulent sessions',
    incomplete_business_documents: 'Business documents incomplete',
  },
  escalate: {
    aml_potential_match: 'Potential AML match needs a senior',
    suspected_fraud: 'Suspected fraud',
    complex_ownership: 'Complex ownership structure',
    policy_exception: 'Needs a policy exception',
    second_opinion: 'Second opinion wanted',
  },
  request_information: {
    missing_document: 'A document is missing',
    unreadable_document: 'A document must be sent again',
    proof_of_address: 'Proof of address needed',
    business_documents: 'Business documents needed',
    representative_details: 'Representative details needed',
    source_of_funds: 'Source of funds needed',
  },
} as const satisfies Record<DecisionOutcome, Record<string, string>>;

export type ReasonCodeOf<O extends DecisionOutcome> = keyof (typeof reasonCodes)[O] & string;
export type ReasonCode = { [O in DecisionOutcome]: ReasonCodeOf<O> }[DecisionOutcome];

/** Every reason code of any outcome, without repeats. */
export const allReasonCodes = [
  ...new Set(decisionOutcomes.flatMap((outcome) => Object.keys(reasonCodes[outcome]))),
] as ReasonCode[];

export const isReasonCodeFor = (outcome: DecisionOutcome, code: string): boolean =>
  Object.hasOwn(reasonCodes[outcome], code);

export const amlDispositions = ['true_match', 'false_positive', 'needs_information'] as const;
export type AmlDisposition = (typeof amlDispositions)[number];
export const AmlDisposition = StringEnum(amlDispositions, {
  description: 'What the reviewer concluded about one AML entity hit',
});

const Version = Type.Integer({ minimum: 1, description: 'The case version the request was made against' });
const Comment = Type.String({ maxLength: 4000, description: 'Free text for the record' });
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'sha256, hex' });

export const DecisionRequest = Type.Object(
  {
    version: Version,
    outcome: DecisionOutcome,
    reasonCode: StringEnum(allReasonCodes, { description: 'One of the reason codes of the outcome' }),
    comment: Type.Optional(Comment),
    viewHash: Type.Optional(
      Type.Unsafe<string>({
        ...Sha256,
        description:
          'viewHash of the case detail the reviewer decided on; required to approve or reject, so the evidence snapshot is exactly what was shown',
      }),
    ),
    acknowledgedWarnings: Type.Array(Type.String({ maxLength: 200 }), {
      maxItems: 500,
      default: [],
      description:
        'Refs (approval.warnings[].ref) of the check warnings the reviewer acknowledged; approval needs all of them',
    }),
    acknowledgedGaps: Type.Optional(
      Type.Array(Type.String({ maxLength: 200 }), {
        maxItems: 50,
        description:
          'Refs (approval.gaps[].ref) of the missing evidence the reviewer acknowledged; approval needs all of them',
      }),
    ),
    confirmFirstAcknowledgements: Type.Optional(
      Type.Boolean({
        description:
          "Second review: take over the first reviewer's acknowledged warnings and gaps as your own, recorded as such",
      }),
    ),
  },
  {
    $id: 'DecisionRequest',
    additionalProperties: false,
    description: 'A reviewer decision on a claimed case',
  },
);
export type DecisionRequest = Static<typeof DecisionRequest>;

export const DispositionRequest = Type.Object(
  {
    version: Version,
    hitRef: Type.String({ minLength: 1, maxLength: 200, description: 'approval.amlHits[].ref of the hit' }),
    disposition: AmlDisposition,
    comment: Type.Optional(
      Type.String({
        maxLength: 4000,
        description:
          'The rationale; at least 10 characters for a true match or "needs information" on a sanctions or PEP listing',
      }),
    ),
  },
  {
    $id: 'DispositionRequest',
    additionalProperties: false,
    description: 'Records (or confirms a remembered) disposition of one AML entity hit',
  },
);
export type DispositionRequest = Static<typeof DispositionRequest>;

export const evidenceKinds = ['media', 'aml_hit', 'entity_application', 'beneficial_owner'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];
/** What a reviewer may have opened: the evidence above, or the directory record (opened through its own route). */
export const evidenceViewKinds = [...evidenceKinds, 'directory_record'] as const;
export type EvidenceViewKind = (typeof evidenceViewKinds)[number];

export const EvidenceViewedRequest = Type.Object(
  {
    kind: StringEnum(evidenceKinds),
    ref: Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        'media: the media kind (front, back, selfie, selfie-video); aml_hit: the hit ref; entity_application: refused (422 representative_view_required), its review view records it; beneficial_owner: the owner ref',
    }),
  },
  { $id: 'EvidenceViewedRequest', additionalProperties: false, description: 'Evidence the reviewer opened' },
);
export type EvidenceViewedRequest = Static<typeof EvidenceViewedRequest>;

export const NoteRequest = Type.Object(
  { version: Version, text: Type.String({ minLength: 1, maxLength: 4000 }) },
  { $id: 'NoteRequest', additionalProperties: false, description: 'A note on the case' },
);
export type NoteRequest = Static<typeof NoteRequest>;

export const VersionRequest = Type.Object(
  { version: Version },
  {
    $id: 'VersionRequest',
    additionalProperties: false,
    description: 'A workflow step made against a case version',
  },
);
export type VersionRequest = Static<typeof VersionRequest>;

export const revealableFields = ['idNumber', 'taxId'] as const;
export type RevealableField = (typeof revealableFields)[number];

export const RevealRequest = Type.Object(
  { field: StringEnum(revealableFields) },
  {
    $id: 'RevealRequest',
    additionalProperties: false,
    description: 'Shows one masked identifier in full (audited)',
  },
);
export type RevealRequest = Static<typeof RevealRequest>;

export const RevealResponse = Type.Object(
  {
    field: StringEnum(revealableFields),
    value: Type.Unsafe<string | null>({
      type: ['string', 'null'],
      description: 'The unmasked value; null when the case has none',
    }),
  },
  { $id: 'RevealResponse' },
);
export type RevealResponse = Static<typeof RevealResponse>;

export const kycLinkCountries = ['MX', 'DO'] as const;

export const KycLinkRequest = Type.Object(
  { country: StringEnum(kycLinkCountries, { description: 'Countries where Capa offers KYC' }) },
  {
    $id: 'KycLinkRequest',
    additionalProperties: false,
    description: 'Asks Capa for a fresh KYC link for the subject',
  },
);
export type KycLinkRequest = Static<typeof KycLinkRequest>;

export const KycLinkResponse = Type.Object(
  { kycLink: Type.String({ description: 'Give this to the subject; it is not stored' }) },
  { $id: 'KycLinkResponse' },
);
export type KycLinkResponse = Static<typeof KycLinkResponse>;
