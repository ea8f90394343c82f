import { Alert, Button, Checkbox, FormControlLabel, Stack, TextField } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useSaveView } from '../../../api/save-view';
import type { QueueSetUp } from './view-menu-items';

/** A text search may name a customer, so a view with one stays its owner's (the API refuses to share it). */
const hasTextSearch = (search: string) => new URLSearchParams(search).has('q');

/** Names the queue's current set-up and saves it, for the user alone or for the whole team. */
export function SaveViewForm({ current }: { current: QueueSetUp }) {
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const save = useSaveView();
  const keptPrivate = hasTextSearch(current.search);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return;
    save.mutate(
      { name: trimmed, ...current, shared: shared && !keptPrivate },
      { onSuccess: () => setName('') },
    );
  };

  return (
    <Stack component="form" spacing={1} onSubmit={submit} sx={{ pt: 1 }} aria-label="Save the current view">
      <Stack direction="row" spacing={1}>
        <TextField
          label="Name for the current view"
          size="small"
          value={name}
          onChange={(event) => setName(event.target.value)}
          slotProps={{ htmlInput: { maxLength: 60 } }}
          fullWidth
        />
        <Button type="submit" variant="contained" disabled={name.trim() === '' || save.isPending}>
          Save
        </Button>
      </Stack>
      <FormControlLabel
        control={
          <Checkbox checked={shared && !keptPrivate} onChange={(event) => setShared(event.target.checked)} />
        }
        label={
          keptPrivate ? 'Share with the team (not with a name or id searched for)' : 'Share with the team'
        }
        disabled={keptPrivate}
      />
      {save.isError && (
        <Alert severity="error" role="alert">
          The view could not be saved: {save.error.message}
        </Alert>
      )}
    </Stack>
  );
}
