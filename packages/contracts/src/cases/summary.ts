import { type Static, Type } from '@sinclair/typebox';
import { Provider, subjectTypes } from '../case-view';
import { Nullable, NullableString, StringEnum } from '../case-view/primitives';
import { ProviderDisagreement } from './disagreement';
import { NullableObject, NullableStringEnum } from './nullable-object';
import { CaseState, caseResolutions } from './workflow';

/* @__NO_SIDE_EFFECTS__ */ const DateTime = (description: string) =>
  Type.String({ format: 'date-time', description });

export const UserRef = Type.Object(
  { id: Type.String(), displayName: Type.String() },
  { description: 'A staff member' },
);
export type UserRef = Static<typeof UserRef>;

export const TriageFactor = Type.Object(
  {
    code: Type.String({ description: 'Stable id of the signal, e.g. "face_match_low"' }),
    label: Type.String({ description: 'What the signal was, for a person' }),
    points: Type.Integer({ description: 'What it added to the score' }),
  },
  { description: 'One reason for a triage score' },
);
export type TriageFactor = Static<typeof TriageFactor>;

export const Triage = Type.Object(
  {
    score: Type.Integer({
      minimum: 0,
      maximum: 100,
      description: 'Higher is riskier; the sum of the factors, capped at 100',
    }),
    factors: Type.Array(TriageFactor),
  },
  { description: 'Deterministic, explainable risk score computed from the verification result' },
);
export type Triage = Static<typeof Triage>;

export const caseOrigins = ['upstream', 'by_hand'] as const;

export const SubjectIds = Type.Object(
  {
    capaUserId: NullableString('Capa userId'),
    externalUserId: NullableString("The partner's id of a Capa user"),
    connectfiCustomerId: NullableString('connectFi customerId'),
    connectfiApplicationId: NullableString('connectFi Akepa applicationId'),
    verificationId: NullableString('Capa verificationSessionId or connectFi applicationId this case reviews'),
  },
  { description: 'Upstream identifiers of the subject and verification' },
);
export type SubjectIds = Static<typeof SubjectIds>;

/** A case as it appears in the queue, in events and in every mutation response. */
export const CaseSummary = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    provider: Provider,
    subjectType: StringEnum(subjectTypes),
    subjectId: Type.String({ description: 'Capa userId or connectFi customerId' }),
    displayName: NullableString('Name of the person or business; null when the provider sent none'),
    ids: SubjectIds,
    upstreamStatus: Type.String({
      description: 'The provider status last seen, verbatim (e.g. REVIEW_NEEDED, waiting_review)',
    }),
    state: CaseState,
    resolution: NullableStringEnum(caseResolutions),
    assignee: NullableObject(UserRef),
    claimExpiresAt: Nullable(DateTime('When the claim lapses unless renewed by activity')),
    firstReviewer: NullableObject(UserRef, {
      description: 'Who made the first of two decisions; cannot make the second',
    }),
    triage: Triage,
    country: NullableString('Issuing country of the identity document, else the birth country'),
    nationality: NullableString(),
    hitTypes: Type.Array(Type.String(), {
      description: 'AML list types of the entity hits (sanction, pep, adverse_media…); empty for support',
    }),
    slaDueAt: DateTime('When the case should be resolved: the SLA from providerSince (else createdAt)'),
    slaBreached: Type.Boolean({ description: 'Unresolved past slaDueAt' }),
    origin: StringEnum(caseOrigins, { description: 'Opened from the provider feed or by hand' }),
    version: Type.Integer({
      minimum: 1,
      description: 'Send it back with every write; a stale one gets 409 version_conflict',
    }),
    createdAt: DateTime('When the case was opened'),
    updatedAt: DateTime('Last change'),
    resolvedAt: Nullable(DateTime('When it was resolved')),
    supersededBy: Nullable(
      Type.String({
        format: 'uuid',
        description: 'The case of the newer upstream session that replaced this one (state superseded)',
      }),
    ),
    providerDisagreement: NullableObject(ProviderDisagreement),
    providerSince: Nullable(
      DateTime(
        "Waiting since, on the provider's clock (Capa session created, first review delivery, connectFi journey first seen in review); slaDueAt runs from it. createdAt is when it reached the desk",
      ),
    ),
  },
  { $id: 'CaseSummary', description: 'A case in the review queue' },
);
export type CaseSummary = Static<typeof CaseSummary>;

export const caseSorts = ['priority', 'score', 'age', 'updated'] as const;
export type CaseSort = (typeof caseSorts)[number];

/** `work`: the cases waiting to be worked (open, reopened) and those in review by the caller. */
export const caseScopes = ['work', 'all'] as const;
export type CaseScope = (typeof caseScopes)[number];

export const CaseListQuery = Type.Object(
  {
    scope: Type.Optional(
      StringEnum(caseScopes, {
        default: 'all',
        description:
          'work: open and reopened cases and the ones in review by you (the other filters narrow it further); all: every case',
      }),
    ),
    provider: Type.Optional(Provider),
    state: Type.Optional(
      Type.Array(CaseState, { maxItems: 8, description: 'Any of these states (repeat the parameter)' }),
    ),
    upstreamStatus: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
        maxItems: 20,
        description: 'Any of these provider statuses',
      }),
    ),
    assignee: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: '"me", "unassigned", or a user id' }),
    ),
    scoreMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    scoreMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    createdAfter: Type.Optional(DateTime('Opened at or after')),
    createdBefore: Type.Optional(DateTime('Opened before')),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          'Words that start the subject name (any order, accents and case ignored) or the start of any id',
      }),
    ),
    sort: Type.Optional(
      StringEnum(caseSorts, {
        default: 'priority',
        description:
          'priority: SLA breached first, then score (high first), then oldest first; score; age (created); updated',
      }),
    ),
    direction: Type.Optional(
      StringEnum(['asc', 'desc'] as const, {
        description: 'For score, age and updated; defaults: score desc, age asc (oldest first), updated desc',
      }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 512, description: 'nextCursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    facets: Type.Optional(
      Type.Boolean({ description: 'Include facet counts; by default only on the first page (no cursor)' }),
    ),
    disagreement: Type.Optional(
      Type.Boolean({
        description:
          "true: only cases whose provider's verdict contradicts the desk's decision, not yet closed",
      }),
    ),
  },
  {
    $id: 'CaseListQuery',
    additionalProperties: false,
    description: 'Filters, order and page of the case list',
  },
);
export type CaseListQuery = Static<typeof CaseListQuery>;

export const FacetCount = Type.Object(
  { value: Type.String(), count: Type.Integer({ minimum: 0 }) },
  { description: 'How many matching cases have this value' },
);
export type FacetCount = Static<typeof FacetCount>;

export const assigneeBuckets = ['me', 'unassigned', 'others'] as const;

export const CaseFacets = Type.Object(
  {
    total: Type.Integer({ minimum: 0, description: 'Cases matching the filters' }),
    provider: Type.Array(FacetCount),
    state: Type.Array(FacetCount),
    upstreamStatus: Type.Array(FacetCount),
    assignee: Type.Array(FacetCount, { description: 'Buckets: me, unassigned, others' }),
    disagreement: Type.Integer({
      minimum: 0,
      description:
        "Matching cases whose provider's verdict contradicts the desk's decision (disagreement=true)",
    }),
  },
  { description: 'Counts of the cases matching the filters, by value' },
);
export type CaseFacets = Static<typeof CaseFacets>;

export const CaseListResponse = Type.Object(
  {
    items: Type.Array(CaseSummary),
    nextCursor: NullableString('Pass as cursor for the next page; null on the last page'),
    facets: NullableObject(CaseFacets),
  },
  { $id: 'CaseListResponse', description: 'One page of cases' },
);
export type CaseListResponse = Static<typeof CaseListResponse>;

export const CaseResponse = Type.Object(
  { case: CaseSummary },
  { $id: 'CaseResponse', description: 'The case after the change' },
);
export type CaseResponse = Static<typeof CaseResponse>;

export const NextCaseResponse = Type.Object(
  {
    case: NullableObject(CaseSummary, {
      description: 'The case now claimed by you; null when the queue is empty',
    }),
    held: Type.Boolean({
      description:
        'True when the case is one you already held (finish or release it before the next is handed out)',
    }),
  },
  { $id: 'NextCaseResponse' },
);
export type NextCaseResponse = Static<typeof NextCaseResponse>;

export const CreateCaseRequest = Type.Object(
  {
    provider: Provider,
    subjectId: Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'Capa userId or connectFi customerId',
    }),
  },
  { $id: 'CreateCaseRequest', additionalProperties: false, description: 'Opens a case by hand' },
);
export type CreateCaseRequest = Static<typeof CreateCaseRequest>;

export const CreateCaseResponse = Type.Object(
  {
    case: CaseSummary,
    created: Type.Boolean({
      description: 'false: a case for this verification already existed (reopened if it was resolved)',
    }),
  },
  { $id: 'CreateCaseResponse' },
);
export type CreateCaseResponse = Static<typeof CreateCaseResponse>;

export const bulkActions = ['assign', 'release', 'escalate'] as const;
export type BulkAction = (typeof bulkActions)[number];

export const BulkRequest = Type.Object(
  {
    action: StringEnum(bulkActions),
    cases: Type.Array(
      Type.Object(
        { id: Type.String({ format: 'uuid' }), version: Type.Integer({ minimum: 1 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200, uniqueItems: true },
    ),
    assigneeId: Type.Optional(Type.String({ format: 'uuid', description: 'Required for assign' })),
    comment: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  {
    $id: 'BulkRequest',
    additionalProperties: false,
    description: 'One action on several cases; each case succeeds or fails on its own',
  },
);
export type BulkRequest = Static<typeof BulkRequest>;

export const BulkResponse = Type.Object(
  {
    results: Type.Array(
      Type.Object({
        id: Type.String(),
        ok: Type.Boolean(),
        case: Type.Optional(CaseSummary),
        error: Type.Optional(
          Type.Object({
            code: Type.String(),
            message: Type.String(),
            details: Type.Optional(Type.Unknown()),
          }),
        ),
      }),
    ),
  },
  { $id: 'BulkResponse', description: 'One result per requested case, in request order' },
);
export type BulkResponse = Static<typeof BulkResponse>;
