import type { CaseState, CaseSummary, DecisionRequest, DecisionResponse } from '@review-desk/contracts';
import { checkDecision, outcomeRules, secondReviewerRefusal } from '@review-desk/contracts';
import { ApiError } from '../errors';
import { approvalFor, decisionFacts, fourEyesOf, pendingFirstDecision } from './approval';
import {
  type ActionContext,
  actorAudit,
  assertHolder,
  assertVersion,
  audit,
  inTransaction,
  lockCase,
  type PendingEvents,
  type StoreCore,
  type StoreTransaction,
  summaryOf,
  writeCase,
} from './core';
import { readDecisions, reviewedRepresentativesOf } from './decision-records';
import { readDispositions } from './dispositions';
import { applicationsOf, readEntityApplications } from './entity-applications';
import { evidenceChanges } from './evidence-diff';
import type { CaseRow, DecisionDisposition, DecisionRow, DecisionStage } from './schema';
import { latestView, latestViewHash, snapshotView } from './snapshots';
import { assertTransition, invalidTransition } from './states';

export { readDecisions } from './decision-records';

type Outcome =
  | { kind: 'decided'; response: DecisionResponse }
  | { kind: 'voided'; changes: string[]; case: CaseSummary };

/**
 * A reviewer's decision on a case they hold. The decision policy (contracts/policy) says what the evidence
 * allows; approvals and rejections refer to the evidence snapshot they were made on (by its hash) and may need
 * a second reviewer, a senior who reviews the first decision on the same evidence. When the evidence changed
 * in between, the first decision is void: the case goes back to the queue and the second decision is refused
 * with 409 evidence_changed (after that change is committed).
 */
export async function decide(
  core: StoreCore,
  caseId: string,
  request: DecisionRequest,
  context: ActionContext,
): Promise<DecisionResponse> {
  const outcome = await inTransaction(core, (trx, events) =>
    decideIn(core, trx, events, caseId, request, context),
  );
  if (outcome.kind === 'decided') return outcome.response;
  throw new ApiError(
    409,
    'evidence_changed',
    'The verification changed since the first decision: that decision is void and the case is back in the queue',
    { changes: outcome.changes, case: outcome.case },
  );
}

async function decideIn(
  core: StoreCore,
  trx: StoreTransaction,
  events: PendingEvents,
  caseId: string,
  request: DecisionRequest,
  context: ActionContext,
): Promise<Outcome> {
  const now = core.clock();
  const { actor } = context;
  const row = await lockCase(trx, caseId);
  await assertVersion(trx, row, request.version, now);
  const { outcome } = request;
  const deciding =
    row.state === 'in_review' || row.state === 'escalated' || row.state === 'awaiting_second_review';
  if (!deciding) throw invalidTransition(outcome, row.state);
  const secondReview = row.state === 'awaiting_second_review';
  if (secondReview) {
    const refused = secondReviewerRefusal(actor, row.first_reviewer_id);
    if (refused) throw new ApiError(refused.status, refused.code, refused.message);
  }
  await assertHolder(trx, row, actor, now);

  const final = outcome === 'approve' || outcome === 'reject';
  if (final && !request.viewHash) {
    throw new ApiError(
      400,
      'view_hash_required',
      'Approving or rejecting needs the viewHash of the case you reviewed',
    );
  }
  const view = request.viewHash ? await snapshotView(trx, row.id, request.viewHash) : null;
  if (request.viewHash && !view) {
    throw new ApiError(
      422,
      'unknown_view',
      'That verification was never shown for this case; reload the case',
    );
  }

  const first = secondReview ? await pendingFirstDecision(trx, row.id) : undefined;
  if (first?.view_hash) {
    const changed = await changedSince(trx, row.id, first.view_hash, request.viewHash ?? null);
    if (changed) return voidFirstDecision(core, trx, events, row, first, changed, context);
  }

  const policyView = view ?? (await latestView(trx, row.id));
  const facts = await decisionFacts(trx, { row, view: policyView, actor });
  const refused = checkDecision(facts, { outcome, reasonCode: request.reasonCode, comment: request.comment });
  if (refused) {
    const allowed = outcomeRules(facts).find((rule) => rule.outcome === outcome)?.reasons ?? [];
    throw new ApiError(refused.status, refused.code, refused.message, { allowed });
  }

  const confirmFrom = request.confirmFirstAcknowledgements && first ? first : null;
  const acknowledgedWarnings = [
    ...new Set([...request.acknowledgedWarnings, ...(confirmFrom?.acknowledged_warnings ?? [])]),
  ];
  const acknowledgedGaps = [
    ...new Set([...(request.acknowledgedGaps ?? []), ...(confirmFrom?.acknowledged_gaps ?? [])]),
  ];
  if (outcome === 'approve') {
    const approval = await approvalFor(trx, core, {
      row,
      view,
      entityApplications: applicationsOf(view, await readEntityApplications(trx, row.id)),
      actor,
      acknowledgedWarnings: new Set(acknowledgedWarnings),
      acknowledgedGaps: new Set(acknowledgedGaps),
    });
    if (approval.unmet.length > 0) {
      throw new ApiError(422, 'approval_conditions_unmet', 'The case cannot be approved yet', {
        unmet: approval.unmet,
      });
    }
  }

  const reasons = fourEyesOf(core, facts, outcome, row.triage_score);
  let to: CaseState;
  let stage: DecisionStage = 'single';
  let firstReviewer: string | null = null;
  const agrees = first && final ? first.outcome === outcome : null;
  if (!final) {
    to = outcome === 'escalate' ? 'escalated' : 'info_requested';
    if (secondReview) stage = 'second_of_two';
  } else if (secondReview) {
    stage = 'second_of_two';
    // Two reviewers who disagree hand the case to a senior.
    to = agrees ? 'resolved' : 'escalated';
  } else if (reasons.length > 0) {
    to = 'awaiting_second_review';
    stage = 'first_of_two';
    firstReviewer = actor.id;
  } else {
    to = 'resolved';
  }
  assertTransition(outcome, row.state, to);

  const resolved = to === 'resolved';
  await writeCase(
    trx,
    row,
    {
      state: to,
      resolution: resolved ? (outcome === 'approve' ? 'approved' : 'rejected') : null,
      resolved_at: resolved ? now : null,
      assignee_id: null,
      claim_expires_at: null,
      first_reviewer_id: firstReviewer,
    },
    now,
  );
  const listTypes = new Map(facts.hits.map((hit) => [hit.ref, [...hit.listTypes]]));
  const dispositions: DecisionDisposition[] = (await readDispositions(trx, row.id)).map((item) => ({
    hitRef: item.hitRef,
    disposition: item.disposition,
    hitName: item.hitName,
    listTypes: listTypes.get(item.hitRef) ?? [],
    comment: item.comment,
    decidedBy: item.decidedBy,
    decidedAt: item.decidedAt,
  }));
  const reviewedRepresentatives = await reviewedRepresentativesOf(trx, row.id, actor.id);
  const inserted = await trx
    .insertInto('case_decisions')
    .values({
      case_id: row.id,
      outcome,
      reason_code: request.reasonCode,
      comment: request.comment?.trim() || null,
      decided_by: actor.id,
      decided_at: now,
      stage,
      four_eyes_reasons: JSON.stringify(stage === 'first_of_two' ? reasons : []),
      view_hash: request.viewHash ?? null,
      acknowledged_warnings: JSON.stringify(
        outcome === 'approve' ? acknowledgedWarnings : request.acknowledgedWarnings,
      ),
      acknowledged_gaps: JSON.stringify(
        outcome === 'approve' ? acknowledgedGaps : (request.acknowledgedGaps ?? []),
      ),
      acknowledgements_confirmed_from: confirmFrom?.id ?? null,
      dispositions: JSON.stringify(dispositions),
      reviewed_representatives: JSON.stringify(reviewedRepresentatives),
      review_of: first?.id ?? null,
      agrees_with_first: agrees,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(
    trx,
    actorAudit(
      context,
      'case.decided',
      row.id,
      {
        decisionId: inserted.id,
        outcome,
        reasonCode: request.reasonCode,
        stage,
        from: row.state,
        to,
        version: row.version + 1,
        viewHash: request.viewHash ?? null,
        fourEyesReasons: stage === 'first_of_two' ? reasons : [],
        acknowledgedGaps: outcome === 'approve' ? acknowledgedGaps : [],
        reviewedRepresentatives: reviewedRepresentatives.map((item) => item.entityId),
        reviewOf: first?.id ?? null,
        agreesWithFirst: agrees,
        acknowledgementsConfirmedFrom: confirmFrom?.id ?? null,
      },
      now,
    ),
  );
  if (first && agrees === false) {
    await audit(
      trx,
      actorAudit(
        context,
        'case.second_review_disagreed',
        row.id,
        {
          decisionId: inserted.id,
          firstDecisionId: first.id,
          firstOutcome: first.outcome,
          firstDecidedBy: first.decided_by,
          outcome,
          note: request.comment?.trim() ?? null,
        },
        now,
      ),
    );
  }
  events.add('decided', row.id);

  const [decision] = await readDecisions(trx, row.id, inserted.id);
  if (!decision) throw new Error('decision vanished inside its own transaction');
  return { kind: 'decided', response: { case: await summaryOf(trx, row.id, now), decision } };
}

/** The changes between the first decision's evidence and the live one (or the reviewer's), or null if none. */
async function changedSince(
  trx: StoreTransaction,
  caseId: string,
  firstHash: string,
  reviewerHash: string | null,
): Promise<string[] | null> {
  const live = await latestViewHash(trx, caseId);
  const changedHash = [live, reviewerHash].find((hash) => hash !== null && hash !== firstHash);
  if (!changedHash) return null;
  const [before, after] = await Promise.all([
    snapshotView(trx, caseId, firstHash),
    snapshotView(trx, caseId, changedHash),
  ]);
  return before && after ? evidenceChanges(before, after) : ['verification'];
}

/** The first decision no longer stands: recorded as superseded, and the case goes back to the queue. */
async function voidFirstDecision(
  core: StoreCore,
  trx: StoreTransaction,
  events: PendingEvents,
  row: CaseRow,
  first: DecisionRow,
  changes: string[],
  context: ActionContext,
): Promise<Outcome> {
  const now = core.clock();
  assertTransition('evidence_changed', row.state, 'reopened');
  await trx
    .updateTable('case_decisions')
    .set({ superseded_at: now, evidence_changes: JSON.stringify(changes) })
    .where('id', '=', first.id)
    .execute();
  await writeCase(
    trx,
    row,
    { state: 'reopened', assignee_id: null, claim_expires_at: null, first_reviewer_id: null },
    now,
  );
  await audit(
    trx,
    actorAudit(
      context,
      'case.first_decision_superseded',
      row.id,
      { decisionId: first.id, from: row.state, to: 'reopened', version: row.version + 1, changes },
      now,
    ),
  );
  events.add('updated', row.id);
  return { kind: 'voided', changes, case: await summaryOf(trx, row.id, now) };
}
