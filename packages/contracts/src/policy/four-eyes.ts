import type { Role } from '../auth';
import type { AmlDisposition, DecisionOutcome } from '../cases/decisions';
import type { AmlListType } from './aml-lists';

/**
 * Four eyes: which decisions need a second reviewer before they take effect, and who that may be. Only
 * approvals and rejections ever do; escalations and requests for information hand the case on instead.
 */
export const twoReviewerOutcomes: readonly DecisionOutcome[] = ['approve', 'reject'];

/** When an approval or rejection needs a second reviewer (the parts an operator may configure). */
export interface FourEyesPolicy {
  onReject: boolean;
  onAmlTrueMatch: boolean;
  /** A triage score above this needs a second reviewer; null: never for the score alone. */
  scoreAbove: number | null;
}

export const defaultFourEyesPolicy: FourEyesPolicy = { onReject: true, onAmlTrueMatch: true, scoreAbove: 70 };

export interface FourEyesFacts {
  outcome: DecisionOutcome;
  triageScore: number;
  dispositions: ReadonlyArray<{ disposition: AmlDisposition; listTypes?: readonly AmlListType[] }>;
}

/** Why the decision needs a second reviewer; empty when it does not. */
export function fourEyesReasons(policy: FourEyesPolicy, facts: FourEyesFacts): string[] {
  if (!twoReviewerOutcomes.includes(facts.outcome)) return [];
  const reasons: string[] = [];
  if (policy.onReject && facts.outcome === 'reject') reasons.push('rejection');
  const trueMatches = facts.dispositions.filter((item) => item.disposition === 'true_match');
  if (policy.onAmlTrueMatch && trueMatches.length > 0) reasons.push('aml_true_match');
  // Not configurable: a PEP relationship needs senior management approval (FATF R.12).
  if (facts.outcome === 'approve' && trueMatches.some((item) => item.listTypes?.includes('pep'))) {
    reasons.push('pep_true_match');
  }
  if (policy.scoreAbove !== null && facts.triageScore > policy.scoreAbove) reasons.push('triage_score');
  return reasons;
}

export const fourEyesReasonLabels: Record<string, string> = {
  rejection: 'a rejection',
  aml_true_match: 'an AML hit is a true match',
  pep_true_match: 'a PEP listing is a true match',
  triage_score: 'the triage score is high',
};

export interface SecondReviewRefusal {
  status: 403;
  code: 'four_eyes_same_reviewer' | 'senior_required';
  message: string;
}

/** Who may make the second decision of a case awaiting it: a senior, never the first reviewer. */
export function secondReviewerRefusal(
  actor: { id: string; role: Role },
  firstReviewerId: string | null,
): SecondReviewRefusal | null {
  if (firstReviewerId !== null && actor.id === firstReviewerId) {
    return {
      status: 403,
      code: 'four_eyes_same_reviewer',
      message: 'The second review must be made by someone other than the first reviewer',
    };
  }
  if (actor.role !== 'senior') {
    return { status: 403, code: 'senior_required', message: 'The second review is made by a senior' };
  }
  return null;
}
