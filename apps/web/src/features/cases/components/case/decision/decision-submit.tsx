import { Button, FormControlLabel, Switch } from '@mui/material';
import type { DecisionForm } from './use-decision-form';

/** Records the decision; the switch says whether the next case opens after it. */
export function DecisionSubmit(props: {
  form: DecisionForm;
  openNext: boolean;
  onOpenNextChange: (value: boolean) => void;
}) {
  const { form } = props;
  return (
    <>
      <FormControlLabel
        control={
          <Switch
            checked={props.openNext}
            onChange={(event) => props.onOpenNextChange(event.target.checked)}
          />
        }
        label="Open the next case after deciding"
      />
      <Button type="submit" variant="contained" disabled={!form.canSubmit}>
        {form.decide.isPending ? 'Recording…' : 'Record decision'}
      </Button>
    </>
  );
}
