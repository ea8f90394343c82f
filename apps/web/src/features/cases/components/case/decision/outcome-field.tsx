import { FormControl, FormControlLabel, FormHelperText, FormLabel, Radio, RadioGroup } from '@mui/material';
import { type CaseDetail, type DecisionOutcome, decisionOutcomes } from '@review-desk/contracts';
import type { DecisionForm } from './use-decision-form';

export const outcomeLabels: Record<DecisionOutcome, string> = {
  approve: 'Approve',
  reject: 'Reject',
  escalate: 'Escalate',
  request_information: 'Request information',
};

/** The outcomes, each offered only when the decision policy allows it, with the reason when it does not. */
export function OutcomeField(props: {
  id: string;
  detail: CaseDetail;
  form: DecisionForm;
  disabled: boolean;
}) {
  const { detail, form, disabled } = props;
  const refused = detail.approval.outcomes.filter(
    (rule) => rule.refusal && rule.refusal.code !== 'senior_required',
  );
  const senior = detail.approval.outcomes.find((rule) => rule.refusal?.code === 'senior_required');
  return (
    // Each option carries its own disabled state; the group's label stays readable.
    <FormControl>
      <FormLabel id={`${props.id}-outcome`}>Outcome</FormLabel>
      <RadioGroup
        aria-labelledby={`${props.id}-outcome`}
        value={form.outcome ?? ''}
        onChange={(event) =>
          form.setOutcome(decisionOutcomes.find((value) => value === event.target.value) ?? null)
        }
      >
        {detail.approval.outcomes.map((rule) => (
          <FormControlLabel
            key={rule.outcome}
            value={rule.outcome}
            control={<Radio />}
            label={outcomeLabels[rule.outcome]}
            disabled={
              disabled ||
              !rule.allowed ||
              (rule.outcome === 'approve' && form.blocking.length > 0) ||
              (form.disagreeing && rule.outcome === form.first?.outcome)
            }
          />
        ))}
      </RadioGroup>
      {[...new Set([...refused, ...(senior ? [senior] : [])].map((rule) => rule.refusal?.message ?? ''))].map(
        (message) => (
          <FormHelperText key={message} role="note">
            {message}
          </FormHelperText>
        ),
      )}
    </FormControl>
  );
}
