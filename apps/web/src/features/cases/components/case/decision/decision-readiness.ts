import {
  acknowledgedInDecision,
  type CaseDetail,
  type DecisionOutcome,
  type DecisionRequest,
  type ReasonCode,
} from '@review-desk/contracts';

/** What the reviewer has chosen so far in the decision form. */
export interface DecisionChoice {
  outcome: DecisionOutcome | null;
  reasonCode: ReasonCode | '';
  comment: string;
  /** Warnings and gaps the reviewer acknowledged in this decision. */
  acknowledged: ReadonlySet<string>;
  /** The second reviewer confirms the first reviewer's acknowledgements as their own. */
  confirmFirst: boolean;
}

/**
 * What the decision policy, as the case detail reports it, makes of the choice: the rule for the chosen outcome,
 * the first decision under review, what still blocks an approval, and whether the decision can be recorded.
 */
export function decisionReadiness(detail: CaseDetail, choice: DecisionChoice) {
  const { approval } = detail;
  const { outcome, reasonCode, comment } = choice;
  const rule = approval.outcomes.find((item) => item.outcome === outcome) ?? null;
  const first = detail.decisions.find((decision) => decision.id === detail.review?.decisionId) ?? null;
  const firstAcknowledged = new Set(
    choice.confirmFirst && first ? [...first.acknowledgedWarnings, ...first.acknowledgedGaps] : [],
  );
  const isAcknowledged = (ref: string) => choice.acknowledged.has(ref) || firstAcknowledged.has(ref);
  const blocking = approval.unmet.filter((condition) => !acknowledgedInDecision(condition));
  const needsSnapshot = outcome === 'approve' || outcome === 'reject';
  const noteShort = rule?.note ? comment.trim().length < rule.note.minLength : false;
  const allAcknowledged = [...approval.warnings, ...approval.gaps].every((item) => isAcknowledged(item.ref));
  const ready =
    rule?.allowed === true &&
    reasonCode !== '' &&
    (rule.reasons as string[]).includes(reasonCode) &&
    !noteShort &&
    (outcome !== 'approve' || (blocking.length === 0 && allAcknowledged)) &&
    (!needsSnapshot || detail.viewHash !== null);
  return { rule, first, isAcknowledged, blocking, needsSnapshot, noteShort, ready };
}

/** The decision as the API takes it; null until an outcome and a reason are chosen. */
export function decisionRequest(detail: CaseDetail, choice: DecisionChoice): DecisionRequest | null {
  const { outcome, reasonCode, comment, acknowledged } = choice;
  if (outcome === null || !reasonCode) return null;
  const { approval } = detail;
  const approving = outcome === 'approve';
  const needsSnapshot = approving || outcome === 'reject';
  const first = detail.decisions.find((decision) => decision.id === detail.review?.decisionId) ?? null;
  const refs = (items: { ref: string }[]) =>
    items.map((item) => item.ref).filter((ref) => acknowledged.has(ref));
  return {
    version: detail.case.version,
    outcome,
    reasonCode,
    acknowledgedWarnings: approving ? refs(approval.warnings) : [],
    acknowledgedGaps: approving ? refs(approval.gaps) : [],
    ...(choice.confirmFirst && first ? { confirmFirstAcknowledgements: true } : {}),
    ...(comment.trim() === '' ? {} : { comment: comment.trim() }),
    ...(needsSnapshot && detail.viewHash ? { viewHash: detail.viewHash } : {}),
  };
}
