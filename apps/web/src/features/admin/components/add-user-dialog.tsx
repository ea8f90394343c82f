import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { type Role, roles } from '@review-desk/contracts';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '@/components/errors/error-state';
import { roleLabels } from '@/lib/authorization';
import { useCreateUser } from '../api/create-user';

/** Adds an account with a first password, which the administrator hands over to the person. */
export function AddUserDialog({ open, onClose }: { open: boolean; onClose: (added?: string) => void }) {
  const create = useCreateUser();
  const [form, setForm] = useState({ username: '', displayName: '', role: 'analyst' as Role, password: '' });
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { displayName, ...rest } = form;
    create.mutate(
      { ...rest, ...(displayName.trim() ? { displayName: displayName.trim() } : {}) },
      { onSuccess: (user) => onClose(user.username) },
    );
  };
  return (
    <Dialog open={open} onClose={() => onClose()} aria-labelledby="add-user-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="add-user-title">Add a user</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1, minWidth: { sm: 360 } }}>
            {create.isError && <ErrorState error={create.error} title="The user was not added" />}
            <TextField
              label="Username"
              required
              value={form.username}
              onChange={set('username')}
              helperText="Letters, digits, dot, dash or underscore"
            />
            <TextField label="Display name" value={form.displayName} onChange={set('displayName')} />
            <TextField select label="Role" value={form.role} onChange={set('role')}>
              {roles.map((role) => (
                <MenuItem key={role} value={role}>
                  {roleLabels[role]}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label="First password"
              type="password"
              required
              autoComplete="new-password"
              value={form.password}
              onChange={set('password')}
              helperText="At least 12 characters"
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose()}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={create.isPending}>
            Add user
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
