import type { CaseSummary, ProviderDisagreement, UserRef } from '@review-desk/contracts';
import type { Kysely, Transaction } from 'kysely';
import type { CaseRow, StoreDB } from './schema';

export type StoreExecutor = Kysely<StoreDB> | Transaction<StoreDB>;

export interface SummaryRow extends CaseRow {
  assignee_name: string | null;
  first_reviewer_name: string | null;
}

/** Cases with the display names of their assignee and first reviewer. */
export function selectSummaries(db: StoreExecutor) {
  return db
    .selectFrom('cases')
    .leftJoin('users as assignee', 'assignee.id', 'cases.assignee_id')
    .leftJoin('users as first_reviewer', 'first_reviewer.id', 'cases.first_reviewer_id')
    .selectAll('cases')
    .select(['assignee.display_name as assignee_name', 'first_reviewer.display_name as first_reviewer_name']);
}

const userRef = (id: string | null, name: string | null): UserRef | null =>
  id === null ? null : { id, displayName: name ?? 'Unknown user' };

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** Unresolved past its SLA due time. */
export const slaBreached = (row: Pick<CaseRow, 'state' | 'sla_due_at'>, now: Date): boolean =>
  row.state !== 'resolved' && row.state !== 'superseded' && row.sla_due_at.getTime() <= now.getTime();

export function toSummary(row: SummaryRow, now: Date): CaseSummary {
  return {
    id: row.id,
    provider: row.provider,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    displayName: row.display_name,
    ids: {
      capaUserId: row.capa_user_id,
      externalUserId: row.external_user_id,
      connectfiCustomerId: row.connectfi_customer_id,
      connectfiApplicationId: row.connectfi_application_id,
      verificationId: row.verification_id === '' ? null : row.verification_id,
    },
    upstreamStatus: row.upstream_status,
    state: row.state,
    resolution: row.resolution,
    assignee: userRef(row.assignee_id, row.assignee_name),
    claimExpiresAt: iso(row.claim_expires_at),
    firstReviewer: userRef(row.first_reviewer_id, row.first_reviewer_name),
    triage: { score: row.triage_score, factors: row.triage_factors },
    country: row.country,
    nationality: row.nationality,
    hitTypes: row.hit_types,
    slaDueAt: row.sla_due_at.toISOString(),
    slaBreached: slaBreached(row, now),
    origin: row.origin,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    resolvedAt: iso(row.resolved_at),
    supersededBy: row.superseded_by,
    providerDisagreement: disagreementOf(row),
    providerSince: iso(row.provider_since),
  };
}

/** The open contradiction between the provider's verdict and the desk's decision; null once closed. */
function disagreementOf(row: CaseRow): ProviderDisagreement | null {
  const desk = row.disagreement_desk_resolution;
  if (!row.disagreement_open || row.disagreement_verdict === null || row.disagreement_detected_at === null)
    return null;
  if (desk !== 'approved' && desk !== 'rejected') return null;
  return {
    deskResolution: desk,
    providerVerdict: row.disagreement_verdict,
    providerStatus: row.disagreement_status ?? '',
    detectedAt: row.disagreement_detected_at.toISOString(),
  };
}
