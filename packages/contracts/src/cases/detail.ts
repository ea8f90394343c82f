import { type Static, Type } from '@sinclair/typebox';
import { CaseView, entityRoles, Provider } from '../case-view';
import { NullableString, StringEnum } from '../case-view/primitives';
import { amlListTypes } from '../policy/aml-lists';
import { evidenceGapCodes } from '../policy/evidence-gaps';
import { CustomerSummary } from './customer-summary';
import { AmlDisposition, DecisionOutcome, decisionOutcomes, evidenceViewKinds } from './decisions';
import { NullableObject, NullableStringEnum } from './nullable-object';
import { CaseSummary, UserRef } from './summary';
import { CaseState, caseResolutions } from './workflow';

/* @__NO_SIDE_EFFECTS__ */ const DateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description === undefined ? {} : { description }) });

/** Identifying data the case keeps for linking; idNumber and taxId are masked unless the role sees them in full. */
export const CaseSubject = Type.Object(
  {
    birthDate: NullableString(),
    idNumber: NullableString('Masked ("•••••678") unless your role sees it in full or you reveal it'),
    taxId: NullableString('Masked like idNumber'),
    masked: Type.Boolean({ description: 'Whether idNumber and taxId are masked in this response' }),
  },
  { description: 'Identifying data of the subject' },
);
export type CaseSubject = Static<typeof CaseSubject>;

export const RememberedDisposition = Type.Object(
  {
    caseId: Type.String({ description: 'The earlier case where it was decided' }),
    decidedBy: UserRef,
    decidedAt: DateTime(),
  },
  { description: 'Where a remembered false positive comes from' },
);

export const Disposition = Type.Object(
  {
    hitRef: Type.String(),
    hitName: NullableString(),
    hitDateOfBirth: NullableString(),
    disposition: AmlDisposition,
    comment: NullableString(),
    decidedBy: UserRef,
    decidedAt: DateTime(),
    confirmed: Type.Boolean({
      description: 'false for a remembered false positive that arrived pre-marked and still needs confirming',
    }),
    remembered: NullableObject(RememberedDisposition),
  },
  { description: 'A reviewer conclusion on one AML entity hit' },
);
export type Disposition = Static<typeof Disposition>;

export const Note = Type.Object(
  { id: Type.String(), author: UserRef, text: Type.String(), createdAt: DateTime() },
  { description: 'A note on the case' },
);
export type Note = Static<typeof Note>;

export const EarlierSession = Type.Object(
  {
    caseId: Type.String({ format: 'uuid' }),
    verificationId: NullableString('The older session id'),
    openedAt: DateTime(),
    supersededAt: DateTime('When the newer session replaced it'),
    notes: Type.Array(Note),
    dispositions: Type.Array(Disposition),
  },
  { description: 'A case of an older session of the same subject that this case superseded' },
);
export type EarlierSession = Static<typeof EarlierSession>;

export const decisionStages = ['single', 'first_of_two', 'second_of_two'] as const;

export const Decision = Type.Object(
  {
    id: Type.String(),
    outcome: DecisionOutcome,
    reasonCode: Type.String(),
    reasonLabel: Type.String(),
    comment: NullableString(),
    decidedBy: UserRef,
    decidedAt: DateTime(),
    stage: StringEnum(decisionStages, {
      description:
        'single: took effect alone; first_of_two: waits for a second reviewer; second_of_two: the second review',
    }),
    fourEyesReasons: Type.Array(Type.String(), { description: 'Why a second reviewer was required' }),
    viewHash: NullableString('sha256 of the evidence snapshot (the CaseView the reviewer saw)'),
    acknowledgedWarnings: Type.Array(Type.String()),
    acknowledgedGaps: Type.Array(Type.String(), {
      description: 'Refs of the missing evidence (approval.gaps) the reviewer acknowledged',
    }),
    acknowledgementsConfirmedFrom: NullableString(
      'Second review: the id of the first decision whose acknowledgements the reviewer confirmed in one action',
    ),
    dispositions: Type.Array(
      Type.Object({
        hitRef: Type.String(),
        disposition: AmlDisposition,
        hitName: Type.Optional(NullableString()),
        listTypes: Type.Optional(Type.Array(StringEnum(amlListTypes))),
        comment: Type.Optional(NullableString('The rationale')),
        decidedBy: Type.Optional(UserRef),
        decidedAt: Type.Optional(DateTime()),
      }),
      { description: 'The AML dispositions in force when deciding, with their authors and rationales' },
    ),
    reviewedRepresentatives: Type.Array(Type.Object({ entityId: Type.String(), viewedAt: DateTime() }), {
      description:
        'The entity applications (business representatives) whose review view the decider had opened when deciding',
    }),
    reviewOf: NullableString('Second review: the id of the first decision it reviewed'),
    agreesWithFirst: Type.Unsafe<boolean | null>({
      type: ['boolean', 'null'],
      description: 'Second review: whether it has the outcome of the first decision; null otherwise',
    }),
    supersededAt: Type.Unsafe<string | null>({
      type: ['string', 'null'],
      format: 'date-time',
      description: 'When the decision stopped counting (the evidence changed before its second review)',
    }),
    evidenceChanges: Type.Array(Type.String(), {
      description:
        'Superseded by changed evidence: the sections and fields that changed ("idInfo.birthDate")',
    }),
  },
  { description: 'A recorded decision' },
);
export type Decision = Static<typeof Decision>;

export const EvidenceView = Type.Object(
  { kind: StringEnum(evidenceViewKinds), ref: Type.String(), viewedBy: UserRef, viewedAt: DateTime() },
  { description: 'Evidence a reviewer opened' },
);
export type EvidenceView = Static<typeof EvidenceView>;

export const CaseEntityApplication = Type.Object(
  {
    entityId: Type.String(),
    role: StringEnum(entityRoles),
    status: NullableString('Upstream status, verbatim'),
    outcome: NullableString('Upstream outcome, verbatim'),
    viewed: Type.Boolean({ description: 'Whether a reviewer opened it' }),
  },
  { description: 'One entity application of a connectFi journey (business customer or representative)' },
);
export type CaseEntityApplication = Static<typeof CaseEntityApplication>;

export const relatedMatches = [
  'same_subject',
  'id_number',
  'name_birth_date',
  'tax_id',
  'company_name',
] as const;

export const RelatedCase = Type.Object(
  {
    caseId: Type.String(),
    provider: Provider,
    displayName: NullableString(),
    state: CaseState,
    resolution: NullableStringEnum(caseResolutions),
    matchedOn: Type.Array(StringEnum(relatedMatches)),
    createdAt: DateTime(),
    conflicting: Type.Boolean({ description: 'Resolved the opposite way to another of the linked cases' }),
  },
  { description: 'Another case about the same person or company, at either provider' },
);
export type RelatedCase = Static<typeof RelatedCase>;

export const UnmetCondition = Type.Object(
  {
    code: StringEnum(
      [
        'evidence_unavailable',
        'aml_hit_undisposed',
        'aml_hit_unconfirmed',
        'aml_hit_needs_information',
        'representative_unviewed',
        'owner_unviewed',
        'warning_unacknowledged',
        'sanctions_true_match',
        'senior_required',
        'evidence_gap',
      ] as const,
      {
        description:
          'evidence_unavailable: the verification could not be loaded; aml_hit_undisposed: a hit has no disposition; aml_hit_unconfirmed: a remembered false positive is not confirmed; aml_hit_needs_information: a hit is marked needs_information; representative_unviewed: a business representative application was not opened; owner_unviewed: a beneficial owner of 25% or more (or of unknown share) was not opened; warning_unacknowledged: a check warning was not acknowledged in the decision; sanctions_true_match: a sanctions listing is a true match (approval is impossible); senior_required: a PEP true match is approved only by a senior; evidence_gap: missing evidence (approval.gaps) must be acknowledged in the decision',
      },
    ),
    label: Type.String({ description: 'The condition, for a person' }),
    ref: NullableString('The hit ref, entity id, owner ref or warning ref it concerns'),
  },
  { description: 'Something that must be done before the case can be approved' },
);
export type UnmetCondition = Static<typeof UnmetCondition>;
export type UnmetConditionCode = UnmetCondition['code'];

export const AmlHitRef = Type.Object(
  {
    ref: Type.String({
      description: 'Stable reference of the hit within the case: the provider hit id, or "#<index>"',
    }),
    name: NullableString(),
    dateOfBirth: NullableString(),
    listTypes: Type.Array(StringEnum(amlListTypes), {
      description:
        'The kinds of list it is on (unclassified: the provider did not say; treated as sanctions)',
    }),
  },
  { description: 'An AML entity hit that needs a disposition' },
);
export type AmlHitRef = Static<typeof AmlHitRef>;

export const WarningRef = Type.Object(
  {
    ref: Type.String({ description: '"<section>:<warningId or #index>"; acknowledge it by this ref' }),
    section: Type.String(),
    code: NullableString(),
    message: NullableString(),
  },
  { description: 'A check warning the reviewer must acknowledge to approve' },
);
export type WarningRef = Static<typeof WarningRef>;

export const EvidenceGap = Type.Object(
  {
    ref: Type.String({ description: '"gap:<code>"; acknowledge it by this ref' }),
    code: StringEnum(evidenceGapCodes),
    label: Type.String(),
    section: Type.String({ description: 'The view section it concerns' }),
  },
  { description: 'Evidence the verification lacks; approving needs it acknowledged' },
);
export type EvidenceGap = Static<typeof EvidenceGap>;

const PolicyRefusalSchema = Type.Object({
  status: Type.Integer(),
  code: Type.String(),
  message: Type.String(),
});

export const OutcomeRuleSchema = Type.Object(
  {
    outcome: DecisionOutcome,
    allowed: Type.Boolean(),
    refusal: NullableObject(PolicyRefusalSchema, { description: 'Why it is not on offer' }),
    reasons: Type.Array(Type.String(), { description: 'The reason codes that agree with the evidence' }),
    note: NullableObject(Type.Object({ minLength: Type.Integer(), why: Type.String() }), {
      description: 'The note this outcome needs; null when optional',
    }),
  },
  { description: 'What the decision policy allows for one outcome, for this reviewer, now' },
);

export const Approval = Type.Object(
  {
    unmet: Type.Array(UnmetCondition, {
      description: 'Conditions still blocking approval (warnings are acknowledged in the decision itself)',
    }),
    amlHits: Type.Array(AmlHitRef),
    warnings: Type.Array(WarningRef),
    gaps: Type.Array(EvidenceGap),
    outcomes: Type.Array(OutcomeRuleSchema, {
      description: `One per outcome (${decisionOutcomes.join(', ')}), from the decision policy`,
    }),
    fourEyes: Type.Object(
      {
        required: Type.Boolean({
          description: 'Whether an approval now would need a second reviewer (a rejection always may)',
        }),
        reasons: Type.Array(Type.String()),
      },
      { description: 'The four-eyes rule as it applies to this case' },
    ),
  },
  { description: 'What approval of this case needs' },
);
export type Approval = Static<typeof Approval>;

export const AuditEntry = Type.Object(
  {
    id: Type.Integer({ description: 'Position in the hash chain' }),
    at: DateTime(),
    actor: Type.Object({ id: NullableString(), username: Type.String() }),
    action: Type.String({ description: 'Dotted, e.g. case.claimed' }),
    caseId: NullableString(),
    subject: NullableObject(
      Type.Object(
        { provider: Provider, id: Type.String() },
        { description: 'The person or entity concerned' },
      ),
    ),
    details: Type.Unknown(),
    requestId: NullableString(),
  },
  { description: 'One audit trail row' },
);
export type AuditEntry = Static<typeof AuditEntry>;

export const ViewError = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    requestId: Type.String(),
    details: Type.Optional(Type.Unknown()),
  },
  { description: 'Why the live verification could not be loaded (the error envelope body)' },
);
export type ViewError = Static<typeof ViewError>;

export const CaseDetail = Type.Object(
  {
    case: CaseSummary,
    subject: CaseSubject,
    view: NullableObject(CaseView, {
      description: 'The live normalised verification; null when it could not be loaded',
    }),
    viewHash: NullableString('sha256 of the view as stored for evidence; send it with the decision'),
    viewError: NullableObject(ViewError),
    entityApplications: Type.Array(CaseEntityApplication),
    dispositions: Type.Array(Disposition),
    evidenceViewed: Type.Array(EvidenceView),
    notes: Type.Array(Note),
    decisions: Type.Array(Decision, { description: 'Oldest first' }),
    timeline: Type.Array(AuditEntry, { description: 'Audit rows of this case, newest first (at most 200)' }),
    related: Type.Array(RelatedCase),
    relatedConflict: Type.Boolean({
      description: 'Linked cases (this one included) were resolved both approved and rejected',
    }),
    approval: Approval,
    review: NullableObject(
      Type.Object({
        decisionId: Type.String({
          description: 'The decision under review: a first of two, or an escalation',
        }),
        evidenceChanges: Type.Array(Type.String(), {
          description:
            'Sections and fields of the live verification that differ from the one that decision was made on; a pending second approval is refused while any do',
        }),
      }),
      {
        description:
          'The decision the next decision reviews (awaiting second review, or escalated); null otherwise',
      },
    ),
    earlierSessions: Type.Array(EarlierSession, {
      description: 'Notes and dispositions of the cases this one superseded, newest session first',
    }),
    customerSummary: CustomerSummary,
  },
  { $id: 'CaseDetail', description: 'Everything a reviewer needs about one case' },
);
export type CaseDetail = Static<typeof CaseDetail>;

export const DecisionResponse = Type.Object(
  { case: CaseSummary, decision: Decision },
  { $id: 'DecisionResponse', description: 'The case after the decision, and the decision as recorded' },
);
export type DecisionResponse = Static<typeof DecisionResponse>;

export const DispositionResponse = Type.Object(
  { case: CaseSummary, disposition: Disposition, approval: Approval },
  { $id: 'DispositionResponse' },
);
export type DispositionResponse = Static<typeof DispositionResponse>;

export const NoteResponse = Type.Object({ case: CaseSummary, note: Note }, { $id: 'NoteResponse' });
export type NoteResponse = Static<typeof NoteResponse>;

export const EvidenceViewedResponse = Type.Object(
  { evidenceViewed: Type.Array(EvidenceView), approval: Approval },
  { $id: 'EvidenceViewedResponse' },
);
export type EvidenceViewedResponse = Static<typeof EvidenceViewedResponse>;

export const CaseIdParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { $id: 'CaseIdParams', description: 'A case id' },
);
export type CaseIdParams = Static<typeof CaseIdParams>;
