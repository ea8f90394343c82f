import type { Role } from '../auth';
import {
  type AmlDisposition,
  type DecisionOutcome,
  decisionOutcomes,
  isReasonCodeFor,
  type ReasonCode,
  reasonCodes,
} from '../cases/decisions';
import { type AmlListType, barsApproval } from './aml-lists';

/**
 * What a decision may say, given the evidence: the outcomes on offer, the reasons that agree with the AML
 * dispositions, and when a note is required. The BFF refuses what this refuses; the SPA offers only what it
 * allows.
 */

export interface PolicyHit {
  ref: string;
  name: string | null;
  listTypes: readonly AmlListType[];
}

export interface PolicyDisposition {
  hitRef: string;
  disposition: AmlDisposition;
  confirmed: boolean;
}

export interface DecisionFacts {
  role: Role;
  hits: readonly PolicyHit[];
  dispositions: readonly PolicyDisposition[];
  /** The first decision this one would review (a case awaiting its second review); null otherwise. */
  firstDecision: { outcome: DecisionOutcome } | null;
}

export interface DecisionDraft {
  outcome: DecisionOutcome;
  reasonCode: string;
  comment: string | null | undefined;
}

export interface PolicyRefusal {
  status: 400 | 403 | 422;
  code:
    | 'invalid_reason_code'
    | 'sanctions_true_match'
    | 'senior_required'
    | 'reason_contradicts_evidence'
    | 'note_required';
  message: string;
}

export interface NoteRule {
  minLength: number;
  why: string;
}

export interface OutcomeRule {
  outcome: DecisionOutcome;
  allowed: boolean;
  /** Why the outcome is not on offer; null when it is. */
  refusal: PolicyRefusal | null;
  /** The reason codes that agree with the evidence, in the desk's order. */
  reasons: ReasonCode[];
  /** The note this outcome needs; null when a note is optional. */
  note: NoteRule | null;
}

export const pepNoteMinLength = 20;
export const noteMinLength = 10;

/** The list types the reviewer confirmed as true matches, over the hits of the current verification. */
export function trueMatchListTypes(facts: Pick<DecisionFacts, 'hits' | 'dispositions'>): Set<AmlListType> {
  const byRef = new Map(facts.hits.map((hit) => [hit.ref, hit]));
  const types = new Set<AmlListType>();
  for (const item of facts.dispositions) {
    const hit = byRef.get(item.hitRef);
    if (hit && item.disposition === 'true_match') for (const type of hit.listTypes) types.add(type);
  }
  return types;
}

const countedDispositions = (facts: Pick<DecisionFacts, 'hits' | 'dispositions'>) => {
  const refs = new Set(facts.hits.map((hit) => hit.ref));
  return facts.dispositions.filter((item) => refs.has(item.hitRef));
};

const refusal = (status: PolicyRefusal['status'], code: PolicyRefusal['code'], message: string) => ({
  status,
  code,
  message,
});

const sanctioned = refusal(
  422,
  'sanctions_true_match',
  'A sanctions listing is a true match: the case can only be rejected or escalated',
);

function reasonsFor(outcome: DecisionOutcome, facts: DecisionFacts, types: Set<AmlListType>): ReasonCode[] {
  const all = Object.keys(reasonCodes[outcome]) as ReasonCode[];
  const falsePositives = new Set(
    countedDispositions(facts)
      .filter((item) => item.disposition === 'false_positive')
      .map((item) => item.hitRef),
  );
  // Cleared: there were hits, and every one of them is a false positive.
  const cleared = facts.hits.length > 0 && facts.hits.every((hit) => falsePositives.has(hit.ref));
  return all.filter((code) => {
    if (code === 'aml_false_positive_cleared') return cleared;
    if (code === 'pep_edd_completed') return types.has('pep');
    if (outcome === 'approve' && types.has('pep')) return false;
    if (code === 'aml_true_match') return types.size > 0;
    return true;
  });
}

function noteFor(outcome: DecisionOutcome, facts: DecisionFacts, types: Set<AmlListType>): NoteRule | null {
  const first = facts.firstDecision;
  if (first && first.outcome !== outcome) {
    return { minLength: noteMinLength, why: 'Say why you disagree with the first decision' };
  }
  if (outcome !== 'approve') return null;
  if (types.has('pep')) {
    return {
      minLength: pepNoteMinLength,
      why: 'Record the enhanced due diligence (source of wealth and of funds)',
    };
  }
  if (types.has('adverse_media')) {
    return { minLength: noteMinLength, why: 'Say why the adverse media does not stand in the way' };
  }
  return null;
}

/** Every outcome with whether it is on offer, its reasons and its note rule. */
export function outcomeRules(facts: DecisionFacts): OutcomeRule[] {
  const types = trueMatchListTypes(facts);
  const barred = [...types].some(barsApproval);
  return decisionOutcomes.map((outcome) => {
    let denied: PolicyRefusal | null = null;
    if (barred && (outcome === 'approve' || outcome === 'request_information')) denied = sanctioned;
    else if (outcome === 'approve' && types.has('pep') && facts.role !== 'senior') {
      denied = refusal(403, 'senior_required', 'A PEP true match is approved only by a senior: escalate it');
    }
    return {
      outcome,
      allowed: denied === null,
      refusal: denied,
      reasons: reasonsFor(outcome, facts, types),
      note: noteFor(outcome, facts, types),
    };
  });
}

/** Why the policy refuses this decision; null when it allows it. */
export function checkDecision(facts: DecisionFacts, draft: DecisionDraft): PolicyRefusal | null {
  if (!isReasonCodeFor(draft.outcome, draft.reasonCode)) {
    return refusal(
      400,
      'invalid_reason_code',
      `"${draft.reasonCode}" is not a reason code for ${draft.outcome}`,
    );
  }
  const rule = outcomeRules(facts).find((item) => item.outcome === draft.outcome);
  if (!rule) return refusal(400, 'invalid_reason_code', `Unknown outcome ${draft.outcome}`);
  if (rule.refusal) return rule.refusal;
  if (!(rule.reasons as string[]).includes(draft.reasonCode)) {
    return refusal(
      422,
      'reason_contradicts_evidence',
      `"${(reasonCodes[draft.outcome] as Record<string, string>)[draft.reasonCode]}" does not agree with the AML dispositions`,
    );
  }
  const note = (draft.comment ?? '').trim();
  if (rule.note && note.length < rule.note.minLength) {
    return refusal(
      422,
      'note_required',
      `${rule.note.why}: a note of at least ${rule.note.minLength} characters`,
    );
  }
  return null;
}

/** Dispositions that need a rationale: a true match or "needs information" on a sanctions or PEP listing. */
export const dispositionRationaleMinLength = 10;

export function dispositionNeedsRationale(
  listTypes: readonly AmlListType[],
  disposition: AmlDisposition,
): boolean {
  if (disposition === 'false_positive') return false;
  return listTypes.some((type) => type === 'sanction' || type === 'pep' || type === 'unclassified');
}

/** Why the policy refuses this disposition; null when it allows it. */
export function checkDisposition(
  listTypes: readonly AmlListType[],
  disposition: AmlDisposition,
  comment: string | null | undefined,
): { status: 422; code: 'rationale_required'; message: string } | null {
  if (!dispositionNeedsRationale(listTypes, disposition)) return null;
  if ((comment ?? '').trim().length >= dispositionRationaleMinLength) return null;
  return {
    status: 422,
    code: 'rationale_required',
    message: `A ${disposition === 'true_match' ? 'true match' : '"needs information"'} on a sanctions or PEP listing needs a rationale of at least ${dispositionRationaleMinLength} characters`,
  };
}
