import { Checkbox, FormControl, FormControlLabel, FormLabel, Typography } from '@mui/material';
import type { CaseDetail } from '@review-desk/contracts';
import type { DecisionForm } from './use-decision-form';
import { warningLabel } from './warning-labels';

/** Approval's explicit acknowledgements: missing evidence first, then the checks' warnings, in plain words. */
export function AcknowledgementsField(props: { detail: CaseDetail; form: DecisionForm; disabled: boolean }) {
  const { approval } = props.detail;
  const { form } = props;
  if (approval.gaps.length + approval.warnings.length === 0) return null;
  const items = [
    ...approval.gaps.map((gap) => ({ ref: gap.ref, label: gap.label, detail: null as string | null })),
    ...approval.warnings.map((warning) => ({
      ref: warning.ref,
      label: warningLabel(warning),
      detail: warning.code,
    })),
  ];
  return (
    <FormControl component="fieldset" disabled={props.disabled}>
      <FormLabel component="legend">Acknowledge before approving</FormLabel>
      {items.map((item) => (
        <FormControlLabel
          key={item.ref}
          control={
            <Checkbox
              checked={form.isAcknowledged(item.ref)}
              onChange={(event) => form.toggle(item.ref, event.target.checked)}
            />
          }
          label={
            <span>
              <bdi dir="auto">{item.label}</bdi>
              {item.detail && (
                <Typography
                  variant="caption"
                  color="text.secondary"
                  component="span"
                  sx={{ display: 'block' }}
                >
                  {item.detail}
                </Typography>
              )}
            </span>
          }
        />
      ))}
    </FormControl>
  );
}
