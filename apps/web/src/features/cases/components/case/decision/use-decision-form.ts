import type { CaseDetail, DecisionOutcome, DecisionResponse, ReasonCode } from '@review-desk/contracts';
import { type FormEvent, useState } from 'react';
import { useDecideCase } from '../../../api/decide-case';
import type { Acknowledgements } from '../warnings/use-acknowledgements';
import { decisionReadiness, decisionRequest } from './decision-readiness';

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
  const choice = { outcome, reasonCode, comment, acknowledged, confirmFirst };
  const { ready, ...readiness } = decisionReadiness(detail, choice);
  const canSubmit = enabled && !decide.isPending && ready;

  const { toggle } = acknowledgements;
  const setOutcome = (next: DecisionOutcome | null) => {
    setOutcomeState(next);
    if (next !== null && next === readiness.first?.outcome) setDisagreeing(false);
    const reasons = detail.approval.outcomes.find((item) => item.outcome === next)?.reasons ?? [];
    // One reason on offer (a PEP approval): it is the only one that agrees with the evidence.
    setReasonCode(reasons.length === 1 ? (reasons[0] as ReasonCode) : '');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const decision = canSubmit ? decisionRequest(detail, choice) : null;
    if (decision) decide.mutate({ caseId: detail.case.id, decision });
  };

  return {
    outcome,
    setOutcome,
    reasonCode,
    setReasonCode,
    comment,
    setComment,
    ...readiness,
    confirmFirst,
    setConfirmFirst,
    disagreeing,
    disagree: () => {
      setDisagreeing(true);
      setOutcomeState(null);
      setReasonCode('');
    },
    toggle,
    canSubmit,
    submit,
    decide,
  };
}

export type DecisionForm = ReturnType<typeof useDecisionForm>;
