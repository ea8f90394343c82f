import { MenuItem, TextField } from '@mui/material';
import { type DecisionOutcome, type ReasonCode, reasonCodes } from '@review-desk/contracts';
import { noteFieldProps } from '@/components/note-field';
import type { DecisionForm } from './use-decision-form';

const labelOf = (outcome: DecisionOutcome, code: string) =>
  (reasonCodes[outcome] as Record<string, string>)[code] ?? code;

/** The reason (only those that agree with the evidence) and the note, required when the policy says so. */
export function ReasonNoteFields({ form, disabled }: { form: DecisionForm; disabled: boolean }) {
  const { outcome, rule } = form;
  const reasons = outcome && rule ? rule.reasons : [];
  const note = rule?.note ?? null;
  return (
    <>
      <TextField
        select
        label="Reason"
        value={form.reasonCode}
        disabled={disabled || outcome === null}
        onChange={(event) => {
          const next = reasons.find((code) => code === event.target.value);
          form.setReasonCode(next ? (next as ReasonCode) : '');
        }}
        helperText={outcome === null ? 'Choose an outcome first' : undefined}
        // The hint says how to enable the field, so it is not greyed out with it.
        slotProps={{ formHelperText: { disabled: false } }}
      >
        {outcome &&
          reasons.map((code) => (
            <MenuItem key={code} value={code}>
              {labelOf(outcome, code)}
            </MenuItem>
          ))}
      </TextField>
      <TextField
        label={note ? 'Note for the record (required)' : 'Note for the record (optional)'}
        {...noteFieldProps({ maxLength: 4000 })}
        value={form.comment}
        disabled={disabled}
        required={note !== null}
        error={note !== null && form.comment !== '' && form.noteShort}
        helperText={note ? `${note.why}: at least ${note.minLength} characters.` : undefined}
        onChange={(event) => form.setComment(event.target.value)}
      />
    </>
  );
}
