import { Alert, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { type FormEvent, useId, useState } from 'react';
import { ErrorState } from '@/components/errors/error-state';
import { noteFieldProps } from '@/components/note-field';

type FlagForReviewFormProps = {
  /** Sends the flag; resolves once it is recorded. */
  onFlag: (reason: string) => Promise<unknown>;
  pending: boolean;
  error: unknown;
  /** What happens to the flag, for the person raising it. */
  hint: string;
};

const MIN_REASON = 3;
const MAX_REASON = 2000;

/**
 * Support's way to get an analyst to look at a customer: a reason, sent as a flag. Support never opens cases
 * or sees why a review was needed; analysts decide what to do with the flag.
 */
export function FlagForReviewForm({ onFlag, pending, error, hint }: FlagForReviewFormProps) {
  const [reason, setReason] = useState('');
  const [sent, setSent] = useState(false);
  const headingId = useId();
  const trimmed = reason.trim();
  const valid = trimmed.length >= MIN_REASON && trimmed.length <= MAX_REASON;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    setSent(false);
    await onFlag(trimmed);
    setReason('');
    setSent(true);
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby={headingId}>
      <Typography id={headingId} variant="h6" component="h2" gutterBottom>
        Flag for review
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {hint}
      </Typography>
      <Stack component="form" spacing={1} onSubmit={(event) => void submit(event).catch(() => undefined)}>
        <TextField
          {...noteFieldProps({ maxLength: MAX_REASON })}
          label="Reason for the analysts"
          value={reason}
          onChange={(event) => {
            setReason(event.target.value);
            setSent(false);
          }}
          required
          helperText={`At least ${MIN_REASON} characters`}
        />
        <Stack direction="row">
          <Button type="submit" variant="outlined" disabled={!valid || pending}>
            {pending ? 'Flagging…' : 'Flag for review'}
          </Button>
        </Stack>
      </Stack>
      {sent && (
        <Alert severity="success" sx={{ mt: 1.5 }}>
          Flagged. An analyst will review it.
        </Alert>
      )}
      {error ? <ErrorState error={error} title="The flag was not recorded" /> : null}
    </Paper>
  );
}
