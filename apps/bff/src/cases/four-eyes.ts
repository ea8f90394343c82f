import type { AmlDisposition, DecisionOutcome } from '@review-desk/contracts';

/** When an approval or rejection needs a second reviewer, who is not the first, before it takes effect. */
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
  dispositions: ReadonlyArray<{ disposition: AmlDisposition }>;
}

/** Why the decision needs a second reviewer; empty when it does not (escalations and requests never do). */
export function fourEyesReasons(policy: FourEyesPolicy, facts: FourEyesFacts): string[] {
  if (facts.outcome !== 'approve' && facts.outcome !== 'reject') return [];
  const reasons: string[] = [];
  if (policy.onReject && facts.outcome === 'reject') reasons.push('rejection');
  if (policy.onAmlTrueMatch && facts.dispositions.some((item) => item.disposition === 'true_match')) {
    reasons.push('aml_true_match');
  }
  if (policy.scoreAbove !== null && facts.triageScore > policy.scoreAbove) reasons.push('triage_score');
  return reasons;
}
