import { type Static, Type } from '@sinclair/typebox';
import { entityRoles, Provider } from '../case-view';
import { NullableString, StringEnum } from '../case-view/primitives';
import { Approval, EvidenceView } from './detail';
import { CaseDocument } from './documents';
import { NullableStringEnum } from './nullable-object';
import { CaseState, caseResolutions } from './workflow';

/**
 * One entity application of a connectFi journey (a business representative, or the customer itself), as the
 * desk knows it: who the person or business is (the organisation's directory; connectFi's status names nobody),
 * the entity's own status and outcome at connectFi, the documents sent to connectFi for it, and the desk's
 * other cases about the same person. Serving it is what approval counts as the representative reviewed.
 */

export const RepresentativeParams = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    entityId: Type.String({ minLength: 1, maxLength: 200, description: 'The entityId of the journey' }),
  },
  { $id: 'RepresentativeParams', description: 'A case and one entity of its connectFi journey' },
);
export type RepresentativeParams = Static<typeof RepresentativeParams>;

export const representativeIdentitySources = ['directory', 'none'] as const;

export const RepresentativeIdentity = Type.Object(
  {
    source: StringEnum(representativeIdentitySources, {
      description:
        "directory: the organisation's directory names the entity; none: nothing names it (connectFi's status carries ids only)",
    }),
    name: NullableString(),
    birthDate: NullableString(),
    idNumber: NullableString('Masked unless the reader sees unmasked PII'),
    updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'When the directory last changed the entry',
    }),
  },
  { description: 'Who the entity is' },
);
export type RepresentativeIdentity = Static<typeof RepresentativeIdentity>;

export const entityRecordSources = ['connectfi', 'stored'] as const;

export const EntityRecord = Type.Object(
  {
    status: NullableString('connectFi entity status, verbatim'),
    outcome: NullableString('connectFi entity outcome, verbatim'),
    source: StringEnum(entityRecordSources, {
      description:
        'connectfi: read from connectFi for this view; stored: as the case last saw it, because connectFi could not be read',
    }),
    unavailable: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()], {
      description: 'Why connectFi could not be read, when it could not',
    }),
  },
  { description: "The entity's own application at connectFi" },
);
export type EntityRecord = Static<typeof EntityRecord>;

export const representativeMatches = [
  'id_number',
  'name_birth_date',
  'tax_id',
  'company_name',
  'represents',
] as const;

export const RepresentativeRelatedCase = Type.Object(
  {
    caseId: Type.String(),
    provider: Provider,
    displayName: NullableString(),
    state: CaseState,
    resolution: NullableStringEnum(caseResolutions),
    matchedOn: Type.Array(
      StringEnum(representativeMatches, {
        description:
          "id_number, name_birth_date (a person), tax_id, company_name (a business): that case's own subject is this one; represents: this person represents that case's business too",
      }),
    ),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { description: 'Another desk case about the same person' },
);
export type RepresentativeRelatedCase = Static<typeof RepresentativeRelatedCase>;

export const RepresentativeReview = Type.Object(
  {
    entityId: Type.String(),
    role: StringEnum(entityRoles),
    identity: RepresentativeIdentity,
    application: EntityRecord,
    documents: Type.Array(CaseDocument, { description: 'Documents sent to connectFi for this entity' }),
    relatedCases: Type.Array(RepresentativeRelatedCase),
    evidenceViewed: Type.Array(EvidenceView),
    approval: Approval,
  },
  { $id: 'RepresentativeReview', description: 'What the desk knows about one entity of the journey' },
);
export type RepresentativeReview = Static<typeof RepresentativeReview>;
