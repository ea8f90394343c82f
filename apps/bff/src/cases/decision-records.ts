import type { CaseState, CaseView, Decision } from '@review-desk/contracts';
import { reasonCodes } from '@review-desk/contracts';
import { pendingFirstDecision } from './approval';
import { evidenceChanges } from './evidence-diff';
import type { StoreExecutor } from './rows';
import type { DecisionRow, ReviewedRepresentative } from './schema';
import { snapshotView } from './snapshots';

/** Reading decisions back: the record of a case, and the decision the next one reviews. */

const reasonLabel = (row: DecisionRow): string =>
  (reasonCodes[row.outcome] as Record<string, string>)[row.reason_code] ?? row.reason_code;

/** The entity applications whose review view the decider opened on this case: what their decision records. */
export async function reviewedRepresentativesOf(
  db: StoreExecutor,
  caseId: string,
  deciderId: string,
): Promise<ReviewedRepresentative[]> {
  const rows = await db
    .selectFrom('case_evidence_views')
    .select(['ref', 'viewed_at'])
    .where('case_id', '=', caseId)
    .where('kind', '=', 'entity_application')
    .where('viewed_by', '=', deciderId)
    .orderBy('ref')
    .execute();
  return rows.map((row) => ({ entityId: row.ref, viewedAt: row.viewed_at.toISOString() }));
}

/** Decisions of a case, oldest first (or just one of them). */
export async function readDecisions(
  db: StoreExecutor,
  caseId: string,
  decisionId?: string,
): Promise<Decision[]> {
  let query = db
    .selectFrom('case_decisions as d')
    .leftJoin('users as decider', 'decider.id', 'd.decided_by')
    .selectAll('d')
    .select('decider.display_name as decider_name')
    .where('d.case_id', '=', caseId);
  if (decisionId) query = query.where('d.id', '=', decisionId);
  const rows = await query.orderBy('d.decided_at').orderBy('d.id').execute();
  return rows.map((row) => ({
    id: row.id,
    outcome: row.outcome,
    reasonCode: row.reason_code,
    reasonLabel: reasonLabel(row),
    comment: row.comment,
    decidedBy: { id: row.decided_by, displayName: row.decider_name ?? 'Unknown user' },
    decidedAt: row.decided_at.toISOString(),
    stage: row.stage,
    fourEyesReasons: row.four_eyes_reasons,
    viewHash: row.view_hash,
    acknowledgedWarnings: row.acknowledged_warnings,
    acknowledgedGaps: row.acknowledged_gaps,
    acknowledgementsConfirmedFrom: row.acknowledgements_confirmed_from,
    dispositions: row.dispositions,
    reviewedRepresentatives: row.reviewed_representatives,
    reviewOf: row.review_of,
    agreesWithFirst: row.agrees_with_first,
    supersededAt: row.superseded_at?.toISOString() ?? null,
    evidenceChanges: row.evidence_changes,
  }));
}

/** The decision a case's next decision reviews: the pending first of two, or the escalation. */
async function decisionUnderReview(db: StoreExecutor, caseId: string, state: CaseState) {
  if (state === 'awaiting_second_review') return pendingFirstDecision(db, caseId);
  if (state !== 'escalated') return undefined;
  return db
    .selectFrom('case_decisions')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('outcome', '=', 'escalate')
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The decision under review and what changed in the live verification since it was made. */
export async function reviewOf(
  db: StoreExecutor,
  row: { id: string; state: CaseState },
  live: CaseView | null,
): Promise<{ decisionId: string; evidenceChanges: string[] } | null> {
  const decision = await decisionUnderReview(db, row.id, row.state);
  if (!decision) return null;
  const before = decision.view_hash ? await snapshotView(db, row.id, decision.view_hash) : null;
  return {
    decisionId: decision.id,
    evidenceChanges: before && live ? evidenceChanges(before, live) : [],
  };
}
