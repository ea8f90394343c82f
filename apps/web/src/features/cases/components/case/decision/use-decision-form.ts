import {
  acknowledgedInDecision,
  type CaseDetail,
  type DecisionOutcome,
  type DecisionRequest,
  type DecisionResponse,
  type ReasonCode,
} from '@review-desk/contracts';
import { type FormEvent, useState } from 'react';
import { useDecideCase } from '../../../api/decide-case';
import type { Acknowledgements } from '../warnings/use-acknowledgements';

/**
 * The decision form's state and what the decision policy (as the case detail reports it) allows: only the
 * outcomes and reasons it offers, the note it asks for, and every acknowledgement approval needs.
 */
export function useDecisionForm(
  detail: CaseDetail,
  enabled: boolean,
  acknowledgements: Acknowledgements,
  onDecided: (response: DecisionResponse) => void,
) {
  const [outcome, setOutcomeState] = useState<DecisionOutcome | null>(null);
  const [reasonCode, setReasonCode] = useState<ReasonCode | ''>('');
  const [comment, setComment] = useState('');
  const { acknowledged } = acknowledgements;
  const [confirmFirst, setConfirmFirst] = useState(false);
  // The second reviewer contests the first decision: another outcome, with a note saying why.
  const [disagreeing, setDisagreeing] = useState(false);
  const reset = () => {
    setDisagreeing(false);
    setOutcomeState(null);
    setReasonCode('');
    setComment('');
    acknowledgements.clear();
    setConfirmFirst(false);
  };
  const decide = useDecideCase({
    onSuccess: (response) => {
      reset();
      onDecided(response);
    },
  });
  const { approval } = detail;
  const rule = approval.outcomes.find((item) => item.outcome === outcome) ?? null;
  const first = detail.decisions.find((decision) => decision.id === detail.review?.decisionId) ?? null;
  const firstAcknowledged = new Set(
    confirmFirst && first ? [...first.acknowledgedWarnings, ...first.acknowledgedGaps] : [],
  );
  const isAcknowledged = (ref: string) => acknowledged.has(ref) || firstAcknowledged.has(ref);
  const blocking = approval.unmet.filter((condition) => !acknowledgedInDecision(condition));
  const needsSnapshot = outcome === 'approve' || outcome === 'reject';
  const noteShort = rule?.note ? comment.trim().length < rule.note.minLength : false;
  const allAcknowledged = [...approval.warnings, ...approval.gaps].every((item) => isAcknowledged(item.ref));
  const canSubmit =
    enabled &&
    !decide.isPending &&
    rule?.allowed === true &&
    reasonCode !== '' &&
    (rule.reasons as string[]).includes(reasonCode) &&
    !noteShort &&
    (outcome !== 'approve' || (blocking.length === 0 && allAcknowledged)) &&
    (!needsSnapshot || detail.viewHash !== null);

  const { toggle } = acknowledgements;
  const setOutcome = (next: DecisionOutcome | null) => {
    setOutcomeState(next);
    if (next !== null && next === first?.outcome) setDisagreeing(false);
    const reasons = approval.outcomes.find((item) => item.outcome === next)?.reasons ?? [];
    // One reason on offer (a PEP approval): it is the only one that agrees with the evidence.
    setReasonCode(reasons.length === 1 ? (reasons[0] as ReasonCode) : '');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit || outcome === null || !reasonCode) return;
    const approving = outcome === 'approve';
    const refs = (items: { ref: string }[]) =>
      items.map((item) => item.ref).filter((ref) => acknowledged.has(ref));
    const decision: DecisionRequest = {
      version: detail.case.version,
      outcome,
      reasonCode,
      acknowledgedWarnings: approving ? refs(approval.warnings) : [],
      acknowledgedGaps: approving ? refs(approval.gaps) : [],
      ...(confirmFirst && first ? { confirmFirstAcknowledgements: true } : {}),
      ...(comment.trim() === '' ? {} : { comment: comment.trim() }),
      ...(needsSnapshot && detail.viewHash ? { viewHash: detail.viewHash } : {}),
    };
    decide.mutate({ caseId: detail.case.id, decision });
  };

  return {
    outcome,
    setOutcome,
    reasonCode,
    setReasonCode,
    comment,
    setComment,
    rule,
    first,
    confirmFirst,
    setConfirmFirst,
    disagreeing,
    disagree: () => {
      setDisagreeing(true);
      setOutcomeState(null);
      setReasonCode('');
    },
    isAcknowledged,
    toggle,
    blocking,
    needsSnapshot,
    noteShort,
    canSubmit,
    submit,
    decide,
  };
}

export type DecisionForm = ReturnType<typeof useDecisionForm>;
