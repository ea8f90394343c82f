import { Alert, Stack, Typography } from '@mui/material';
import { InboundDeliveries } from '@/features/admin/components/inbound-deliveries';
import { OutboundDeliveries } from '@/features/admin/components/outbound-deliveries';
import { UnmatchedDeliveries } from '@/features/admin/components/unmatched-deliveries';
import { useUser } from '@/features/auth/api/get-me';
import { permissions } from '@/lib/authorization';

/** The webhook traffic: provider deliveries in, decisions out, and deliveries that match no customer. */
export function Component() {
  const user = useUser();
  if (!permissions.manageDesk(user.role)) {
    return <Alert severity="warning">Deliveries are for administrators.</Alert>;
  }
  return (
    <Stack spacing={4}>
      <Typography variant="h4" component="h1">
        Deliveries
      </Typography>
      <InboundDeliveries />
      <UnmatchedDeliveries />
      <OutboundDeliveries />
    </Stack>
  );
}
