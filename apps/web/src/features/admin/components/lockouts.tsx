import { Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formatDuration } from '@/lib/format';
import { useLockouts } from '../api/get-lockouts';

/** Sign-in lock-outs and slow-downs now, so an admin can tell a forgotten password from someone guessing. */
export function Lockouts() {
  const lockouts = useLockouts();
  const items = lockouts.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack spacing={1} component="section" aria-labelledby="lockouts-title">
      <Typography id="lockouts-title" variant="h6" component="h2">
        Failed sign-ins now
      </Typography>
      <Table size="small" aria-label="Sign-in lock-outs">
        <TableHead>
          <TableRow>
            <TableCell>User</TableCell>
            <TableCell>Address</TableCell>
            <TableCell>Kind</TableCell>
            <TableCell>Failures (15 min)</TableCell>
            <TableCell>Ends in</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((item) => (
            <TableRow key={`${item.username}:${item.address ?? '*'}:${item.kind}`}>
              <TableCell>
                <bdi dir="auto">{item.username}</bdi>
              </TableCell>
              <TableCell>{item.address ?? 'every address'}</TableCell>
              <TableCell>{item.kind === 'locked' ? 'Locked' : 'Slowed down'}</TableCell>
              <TableCell>{item.failures}</TableCell>
              <TableCell>{formatDuration(item.retryAfterSeconds * 1000)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
}
