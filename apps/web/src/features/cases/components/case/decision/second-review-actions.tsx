import { Alert, Button, Checkbox, FormControlLabel, Stack } from '@mui/material';
import type { Decision } from '@review-desk/contracts';
import { outcomeLabels } from './outcome-field';
import type { DecisionForm } from './use-decision-form';

/**
 * The second reviewer's answer to a proposed decision: agree (the same outcome) or disagree (another outcome
 * with a note; the case then goes to a senior as escalated), and confirm the first acknowledgements at once.
 */
export function SecondReviewActions(props: { first: Decision; form: DecisionForm; disabled: boolean }) {
  const { first, form, disabled } = props;
  const acknowledgedCount = first.acknowledgedWarnings.length + first.acknowledgedGaps.length;
  const agreeing = form.outcome === first.outcome;
  return (
    <Stack spacing={1} sx={{ mt: 1 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Button
          size="small"
          variant={agreeing ? 'contained' : 'outlined'}
          aria-pressed={agreeing}
          disabled={disabled}
          onClick={() => form.setOutcome(first.outcome)}
        >
          Agree: {outcomeLabels[first.outcome].toLowerCase()}
        </Button>
        <Button
          size="small"
          color="warning"
          variant={form.disagreeing ? 'contained' : 'outlined'}
          aria-pressed={form.disagreeing}
          disabled={disabled}
          onClick={form.disagree}
        >
          Disagree
        </Button>
        {acknowledgedCount > 0 && (
          <FormControlLabel
            control={
              <Checkbox
                checked={form.confirmFirst}
                disabled={disabled}
                onChange={(event) => form.setConfirmFirst(event.target.checked)}
              />
            }
            label={`Confirm the ${acknowledgedCount} acknowledgement${acknowledgedCount === 1 ? '' : 's'} above`}
          />
        )}
      </Stack>
      {form.disagreeing && (
        <Alert severity="warning" variant="outlined" role="note">
          Choose the outcome you would give and say why in the note. The disagreement is recorded and the case
          goes to a senior as escalated.
        </Alert>
      )}
    </Stack>
  );
}
