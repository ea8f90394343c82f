import type { CaseState, Decision, DecisionRequest, DecisionResponse } from '@review-desk/contracts';
import { isReasonCodeFor, reasonCodes } from '@review-desk/contracts';
import { ApiError } from '../errors';
import {
  type ActionContext,
  actorAudit,
  assertHolder,
  assertVersion,
  audit,
  inTransaction,
  lockCase,
  type StoreCore,
  summaryOf,
  writeCase,
} from './core';
import { applicationsOf, approvalFor, readEntityApplications, snapshotView } from './diligence';
import { sameReviewer } from './errors';
import { fourEyesReasons } from './four-eyes';
import type { StoreExecutor } from './rows';
import type { DecisionRow, DecisionStage } from './schema';
import { assertTransition, invalidTransition } from './states';

/**
 * A reviewer's decision on a case they hold. Approvals and rejections refer to the evidence snapshot they were
 * made on (by its hash), and may need a second reviewer; an approval also needs every diligence condition met.
 */
export function decide(
  core: StoreCore,
  caseId: string,
  request: DecisionRequest,
  context: ActionContext,
): Promise<DecisionResponse> {
  return inTransaction(core, async (trx, events) => {
    const now = core.clock();
    const { actor } = context;
    const row = await lockCase(trx, caseId);
    await assertVersion(trx, row, request.version, now);

    const { outcome } = request;
    if (!isReasonCodeFor(outcome, request.reasonCode)) {
      throw new ApiError(
        400,
        'invalid_reason_code',
        `"${request.reasonCode}" is not a reason code for ${outcome}`,
        {
          allowed: Object.keys(reasonCodes[outcome]),
        },
      );
    }
    const deciding =
      row.state === 'in_review' || row.state === 'escalated' || row.state === 'awaiting_second_review';
    if (!deciding) throw invalidTransition(outcome, row.state);
    const secondReview = row.state === 'awaiting_second_review';
    if (secondReview && row.first_reviewer_id === actor.id) throw sameReviewer();
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

    const approval = await approvalFor(trx, core, {
      row,
      view,
      entityApplications: applicationsOf(view, await readEntityApplications(trx, row.id)),
      actor,
      acknowledgedWarnings: new Set(request.acknowledgedWarnings),
    });
    if (outcome === 'approve' && approval.unmet.length > 0) {
      throw new ApiError(422, 'approval_conditions_unmet', 'The case cannot be approved yet', {
        unmet: approval.unmet,
      });
    }

    const dispositions = await trx
      .selectFrom('case_dispositions')
      .select(['hit_ref', 'disposition'])
      .where('case_id', '=', row.id)
      .orderBy('hit_ref')
      .execute();
    const reasons = fourEyesReasons(core.settings.fourEyes, {
      outcome,
      triageScore: row.triage_score,
      dispositions,
    });

    let to: CaseState;
    let stage: DecisionStage = 'single';
    let firstReviewer: string | null = null;
    if (!final) {
      to = outcome === 'escalate' ? 'escalated' : 'info_requested';
      if (secondReview) stage = 'second_of_two';
    } else if (secondReview) {
      stage = 'second_of_two';
      const first = await trx
        .selectFrom('case_decisions')
        .select('outcome')
        .where('case_id', '=', row.id)
        .where('stage', '=', 'first_of_two')
        .orderBy('decided_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      // Two reviewers who disagree hand the case to a senior.
      to = first?.outcome === outcome ? 'resolved' : 'escalated';
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
    const inserted = await trx
      .insertInto('case_decisions')
      .values({
        case_id: row.id,
        outcome,
        reason_code: request.reasonCode,
        comment: request.comment ?? null,
        decided_by: actor.id,
        decided_at: now,
        stage,
        four_eyes_reasons: JSON.stringify(stage === 'first_of_two' ? reasons : []),
        view_hash: request.viewHash ?? null,
        acknowledged_warnings: JSON.stringify(request.acknowledgedWarnings),
        dispositions: JSON.stringify(
          dispositions.map((item) => ({ hitRef: item.hit_ref, disposition: item.disposition })),
        ),
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
        },
        now,
      ),
    );
    events.add('decided', row.id);

    const [decision] = await readDecisions(trx, row.id, inserted.id);
    if (!decision) throw new Error('decision vanished inside its own transaction');
    return { case: await summaryOf(trx, row.id, now), decision };
  });
}

const reasonLabel = (row: DecisionRow): string =>
  (reasonCodes[row.outcome] as Record<string, string>)[row.reason_code] ?? row.reason_code;

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
    dispositions: row.dispositions,
  }));
}
