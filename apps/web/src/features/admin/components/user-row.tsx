import { Button, Chip, MenuItem, Stack, TableCell, TableRow, TextField, Typography } from '@mui/material';
import { type Role, roles, type StaffUser } from '@review-desk/contracts';
import { roleLabels } from '@/lib/authorization';

export type UserActions = {
  onRole: (user: StaffUser, role: Role) => void;
  onDisabled: (user: StaffUser, disabled: boolean) => void;
  onResetPassword: (user: StaffUser) => void;
};

type UserRowProps = UserActions & { user: StaffUser; isSelf: boolean; busy: boolean };

/**
 * One account. Only what the desk accepts is offered: no role change or disabling of one's own account, and
 * neither role nor password for an account whose sign-in (and role) belongs to the identity provider.
 */
export function UserRow({ user, isSelf, busy, onRole, onDisabled, onResetPassword }: UserRowProps) {
  const sso = user.signIn === 'single_sign_on';
  const fixedRole = isSelf || sso;
  return (
    <TableRow>
      <TableCell>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          <bdi dir="auto">{user.displayName}</bdi>
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {user.username}
          {isSelf ? ' (you)' : ''}
        </Typography>
      </TableCell>
      <TableCell>
        {fixedRole ? (
          <span>
            {roleLabels[user.role]}
            {sso ? ' (from the identity provider’s groups)' : ''}
          </span>
        ) : (
          <TextField
            select
            size="small"
            label={`Role of ${user.username}`}
            value={user.role}
            disabled={busy}
            onChange={(event) => onRole(user, event.target.value as Role)}
          >
            {roles.map((role) => (
              <MenuItem key={role} value={role}>
                {roleLabels[role]}
              </MenuItem>
            ))}
          </TextField>
        )}
      </TableCell>
      <TableCell>{sso ? 'Single sign-on' : 'Password'}</TableCell>
      <TableCell>
        <Stack direction="row" spacing={1}>
          <Chip
            size="small"
            label={user.disabled ? 'Disabled' : 'Active'}
            color={user.disabled ? 'default' : 'success'}
          />
          {user.demo && <Chip size="small" label="Demo account" variant="outlined" />}
        </Stack>
      </TableCell>
      <TableCell>
        <Stack direction="row" spacing={1}>
          {!isSelf && (
            <Button size="small" disabled={busy} onClick={() => onDisabled(user, !user.disabled)}>
              {user.disabled ? `Enable ${user.username}` : `Disable ${user.username}`}
            </Button>
          )}
          {!sso && (
            <Button size="small" disabled={busy} onClick={() => onResetPassword(user)}>
              Reset password
            </Button>
          )}
        </Stack>
      </TableCell>
    </TableRow>
  );
}
