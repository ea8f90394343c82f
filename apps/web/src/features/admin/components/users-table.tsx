import { Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import type { StaffUser } from '@review-desk/contracts';
import { type UserActions, UserRow } from './user-row';

type UsersTableProps = UserActions & { users: StaffUser[]; selfId: string; busy: boolean };

/** The staff accounts, by username, with what may be changed on each. */
export function UsersTable({ users, selfId, busy, ...actions }: UsersTableProps) {
  return (
    <TableContainer>
      <Table size="small" aria-label="Users">
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Role</TableCell>
            <TableCell>Sign-in</TableCell>
            <TableCell>State</TableCell>
            <TableCell>Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {users.map((user) => (
            <UserRow key={user.id} user={user} isSelf={user.id === selfId} busy={busy} {...actions} />
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
