import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import type { StaffUser } from '@review-desk/contracts';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '@/components/errors/error-state';
import { useSetUserPassword } from '../api/set-user-password';

/** A new password for someone who forgot theirs; their sessions end, so they sign in with it afresh. */
export function SetPasswordDialog({ user, onClose }: { user: StaffUser; onClose: (done: boolean) => void }) {
  const setPassword = useSetUserPassword();
  const [password, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPassword.mutate({ username: user.username, password }, { onSuccess: () => onClose(true) });
  };
  return (
    <Dialog open onClose={() => onClose(false)} aria-labelledby="set-password-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="set-password-title">Reset the password of {user.username}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1, minWidth: { sm: 360 } }}>
            <DialogContentText>
              Their open sessions end; give them the new password to sign in again.
            </DialogContentText>
            {setPassword.isError && (
              <ErrorState error={setPassword.error} title="The password was not changed" />
            )}
            <TextField
              label="New password"
              type="password"
              required
              autoComplete="new-password"
              value={password}
              onChange={(event) => setValue(event.target.value)}
              helperText="At least 12 characters"
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose(false)}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={setPassword.isPending}>
            Set password
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
