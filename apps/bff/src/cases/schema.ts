import type {
  AmlDisposition,
  AmlListType,
  CaseResolution,
  CaseState,
  DecisionOutcome,
  EntityRole,
  EvidenceViewKind,
  Provider,
  ProviderVerdict,
  SubjectType,
  TriageFactor,
} from '@review-desk/contracts';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DB, JsonObject } from '../db/schema';

/**
 * The case tables (migrations 0002-cases and 0005-queue-indexes). PII columns (display_name, birth_date,
 * id_number, tax_id and the linking keys derived from them) are never logged.
 */
// A type alias, not an interface: Kysely's withTables wants a type with an implicit index signature.
export type CaseTables = {
  cases: CasesTable;
  case_search_terms: CaseSearchTermsTable;
  case_entity_applications: CaseEntityApplicationsTable;
  case_dispositions: CaseDispositionsTable;
  remembered_false_positives: RememberedFalsePositivesTable;
  case_notes: CaseNotesTable;
  case_decisions: CaseDecisionsTable;
  case_evidence_views: CaseEvidenceViewsTable;
  case_view_snapshots: CaseViewSnapshotsTable;
  case_counts: CaseCountsTable;
  case_term_counts: CaseTermCountsTable;
  case_documents: CaseDocumentsTable;
  review_flags: ReviewFlagsTable;
  reconcile_runs: ReconcileRunsTable;
};

/** When each kind of reconciliation run last started (migration 0018). */
export interface ReconcileRunsTable {
  name: string;
  started_at: Date;
}

/** Flags raised by support for analysts (migration 0013). */
export interface ReviewFlagsTable {
  id: Generated<string>;
  provider: Provider;
  subject_id: string;
  case_id: string | null;
  reason: string;
  raised_by: string;
  raised_at: Date;
  handled_by: string | null;
  handled_at: Date | null;
}

/** The BFF's whole schema as the case store sees it. */
export type StoreDB = DB & CaseTables;

export type CaseOrigin = 'upstream' | 'by_hand';

export interface CasesTable {
  id: Generated<string>;
  provider: Provider;
  subject_type: SubjectType;
  /** Capa userId or connectFi customerId. */
  subject_id: string;
  /** Capa verificationSessionId or connectFi applicationId; '' when not known (a case opened by hand). */
  verification_id: string;
  capa_user_id: string | null;
  external_user_id: string | null;
  connectfi_customer_id: string | null;
  connectfi_application_id: string | null;
  display_name: string | null;
  birth_date: string | null;
  id_number: string | null;
  tax_id: string | null;
  /** Linking keys: see linking.ts. */
  person_id_key: string | null;
  person_name_key: string | null;
  company_tax_key: string | null;
  company_name_key: string | null;
  upstream_status: string;
  state: CaseState;
  resolution: CaseResolution | null;
  origin: CaseOrigin;
  assignee_id: string | null;
  claim_expires_at: Date | null;
  first_reviewer_id: string | null;
  triage_score: number;
  /** Written as a JSON string, read back parsed. */
  triage_factors: ColumnType<TriageFactor[], string, string>;
  sla_due_at: Date;
  /** Issuing country of the identity document (or the birth country the partner sent); migration 0013. */
  country: string | null;
  nationality: string | null;
  /** The AML list types of the entity hits (sanction, pep, adverse_media…): written as a JSON string. */
  hit_types: ColumnType<string[], string | undefined, string>;
  version: number;
  created_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
  /** The successor case, for a superseded one (migration 0007). */
  superseded_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** The provider's verdict that contradicts the desk's decision (migration 0018); kept once closed. */
  disagreement_verdict: Optional<ProviderVerdict>;
  disagreement_desk_resolution: Optional<CaseResolution>;
  /** The provider's status as it spelled it when the contradiction was found. */
  disagreement_status: Optional<string>;
  disagreement_detected_at: Optional<Date>;
  /** A contradiction nobody has closed yet: what the queue filters and counts on. */
  disagreement_open: ColumnType<boolean, boolean | undefined, boolean>;
  /** How a senior closed it. */
  disagreement_closure: Optional<DisagreementClosure>;
  /** When the subject started waiting at the provider (the provider's clock); null when not known. */
  provider_since: Optional<Date>;
}

type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;
export type DisagreementClosure = 'acknowledged' | 'reopened';
export type CaseRow = Selectable<CasesTable>;

/**
 * Lower-cased, accent-free words of the name and every id, for prefix search on either engine; with copies
 * of the case's columns the queue filters and orders by, which triggers keep (never written by the app).
 */
export interface CaseSearchTermsTable {
  case_id: string;
  term: string;
  provider: ColumnType<Provider, never, never>;
  state: ColumnType<CaseState, never, never>;
  upstream_status: ColumnType<string, never, never>;
  assignee_id: ColumnType<string | null, never, never>;
  triage_score: ColumnType<number, never, never>;
  created_at: ColumnType<Date, never, never>;
  sla_due_at: ColumnType<Date, never, never>;
}

export interface CaseEntityApplicationsTable {
  case_id: string;
  entity_id: string;
  role: EntityRole;
  status: string | null;
  outcome: string | null;
}

export interface CaseDispositionsTable {
  case_id: string;
  hit_ref: string;
  hit_name: string | null;
  hit_date_of_birth: string | null;
  disposition: AmlDisposition;
  comment: string | null;
  decided_by: string;
  decided_at: Date;
  /** false while a remembered false positive waits for confirmation. */
  confirmed: boolean;
  remembered_case_id: string | null;
  remembered_by: string | null;
  remembered_at: Date | null;
}

/** A false positive decided on one case, matched on later cases of the same subject. */
export interface RememberedFalsePositivesTable {
  /** provider:subjectId */
  subject_key: string;
  case_id: string;
  hit_ref: string;
  hit_id: string | null;
  /** Normalised hit name + '|' + date of birth, when both are known. */
  hit_name_key: string | null;
  decided_by: string;
  decided_at: Date;
}

export interface CaseNotesTable {
  id: Generated<string>;
  case_id: string;
  author_id: string;
  text: string;
  created_at: Date;
}

export type DecisionStage = 'single' | 'first_of_two' | 'second_of_two';

export interface CaseDecisionsTable {
  id: Generated<string>;
  case_id: string;
  outcome: DecisionOutcome;
  reason_code: string;
  comment: string | null;
  decided_by: string;
  decided_at: Date;
  stage: DecisionStage;
  four_eyes_reasons: ColumnType<string[], string, string>;
  view_hash: string | null;
  acknowledged_warnings: ColumnType<string[], string, string>;
  dispositions: ColumnType<DecisionDisposition[], string, string>;
  acknowledged_gaps: ColumnType<string[], string | undefined, string>;
  acknowledgements_confirmed_from: string | null;
  review_of: string | null;
  agrees_with_first: boolean | null;
  superseded_at: Date | null;
  evidence_changes: ColumnType<string[], string | undefined, string>;
  /** The representatives whose review view the decider had opened (migration 0021). */
  reviewed_representatives: ColumnType<ReviewedRepresentative[], string | undefined, string>;
}

export interface ReviewedRepresentative {
  entityId: string;
  viewedAt: string;
}

/** A disposition as a decision recorded it: enough to show who concluded what about which hit, and why. */
export interface DecisionDisposition {
  hitRef: string;
  disposition: AmlDisposition;
  hitName?: string | null;
  listTypes?: AmlListType[];
  comment?: string | null;
  decidedBy?: { id: string; displayName: string };
  decidedAt?: string;
}
export type DecisionRow = Selectable<CaseDecisionsTable>;

export interface CaseEvidenceViewsTable {
  case_id: string;
  kind: EvidenceViewKind;
  ref: string;
  viewed_by: string;
  viewed_at: Date;
}

/** Every CaseView shown to a reviewer, by its sha256: the evidence a decision refers to. */
export interface CaseViewSnapshotsTable {
  case_id: string;
  hash: string;
  view: ColumnType<JsonObject, string, never>;
  /** When it was last shown: the latest one is what dispositions refer to. */
  captured_at: Date;
}

/**
 * How many cases have each combination of the counted columns: the sum of the rows of every `backend`
 * (0: folded; otherwise the process id of the database connection whose writes the row counts).
 */
export interface CaseCountsTable {
  backend: number;
  provider: Provider;
  state: CaseState;
  upstream_status: string;
  assignee_id: string | null;
  triage_score: number;
  cases: number;
}

/** Search term entries per term and facet key, kept like `case_counts` (migration 0022). */
export interface CaseTermCountsTable {
  backend: number;
  term: string;
  provider: Provider;
  state: CaseState;
  upstream_status: string;
  assignee_id: string | null;
  cases: number;
}

/** Documents sent to connectFi from the desk (migration 0011-case-documents). */
export interface CaseDocumentsTable {
  id: Generated<string>;
  case_id: string;
  entity_id: string;
  workflow: 'PERSONAL' | 'BUSINESS';
  type: string;
  view: 'front' | 'back' | 'selfie';
  note: string | null;
  file_name: string;
  format: 'jpeg' | 'png';
  size_bytes: number;
  sha256: string;
  document_id: string | null;
  /** pending: nothing from connectFi yet; generated: it has an id; uploaded: it has the file; attached. */
  status: 'pending' | 'generated' | 'uploaded' | 'attached';
  last_error: string | null;
  uploaded_by: string;
  created_at: Date;
  uploaded_at: Date | null;
  attached_at: Date | null;
}
