import { Alert, Button, Stack, Typography } from '@mui/material';
import type { StaffUser } from '@review-desk/contracts';
import { useState } from 'react';
import { ErrorState } from '@/components/errors/error-state';
import { TableSkeleton } from '@/components/feedback/skeletons';
import { useUsers } from '@/features/admin/api/get-users';
import { useUpdateUser } from '@/features/admin/api/update-user';
import { AddUserDialog } from '@/features/admin/components/add-user-dialog';
import { Lockouts } from '@/features/admin/components/lockouts';
import { SetPasswordDialog } from '@/features/admin/components/set-password-dialog';
import { SsoMapping } from '@/features/admin/components/sso-mapping';
import { UsersTable } from '@/features/admin/components/users-table';
import { useUser } from '@/features/auth/api/get-me';
import { permissions, roleLabels } from '@/lib/authorization';

export function Component() {
  const user = useUser();
  if (!permissions.manageDesk(user.role)) {
    return <Alert severity="warning">User management is for administrators.</Alert>;
  }
  return <UsersPage selfId={user.id} />;
}

/** Staff accounts: add, change a role, disable or enable, reset a password; the SSO group map when on. */
function UsersPage({ selfId }: { selfId: string }) {
  const users = useUsers();
  const update = useUpdateUser();
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<StaffUser | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const change = (user: StaffUser, body: Parameters<typeof update.mutate>[0]['change'], said: string) =>
    update.mutate({ username: user.username, change: body }, { onSuccess: () => setDone(said) });

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h4" component="h1" sx={{ flexGrow: 1 }}>
          Users
        </Typography>
        <Button variant="contained" onClick={() => setAdding(true)}>
          Add a user
        </Button>
      </Stack>
      <div role="status">{done && <Alert severity="success">{done}</Alert>}</div>
      {update.isError && <ErrorState error={update.error} title="The account was not changed" />}
      {users.isPending ? (
        <TableSkeleton label="Loading the users" />
      ) : users.isError ? (
        <ErrorState
          error={users.error}
          title="The users could not be loaded"
          onRetry={() => users.refetch()}
        />
      ) : (
        <UsersTable
          users={users.data.items}
          selfId={selfId}
          busy={update.isPending}
          onRole={(user, role) => change(user, { role }, `${user.username} is now ${roleLabels[role]}.`)}
          onDisabled={(user, disabled) =>
            change(
              user,
              { disabled },
              `${user.username} is ${disabled ? 'disabled; their sessions ended' : 'enabled'}.`,
            )
          }
          onResetPassword={setResetting}
        />
      )}
      <Lockouts />
      <SsoMapping />
      {adding && (
        <AddUserDialog
          open
          onClose={(added) => {
            setAdding(false);
            if (added) setDone(`${added} was added.`);
          }}
        />
      )}
      {resetting && (
        <SetPasswordDialog
          user={resetting}
          onClose={(changed) => {
            if (changed) setDone(`The password of ${resetting.username} was reset; their sessions ended.`);
            setResetting(null);
          }}
        />
      )}
    </Stack>
  );
}
