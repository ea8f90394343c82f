import { Stack, Typography } from '@mui/material';
import { ErrorState } from '@/components/errors/error-state';
import { TableSkeleton } from '@/components/feedback/skeletons';
import { useUnmatchedDeliveries } from '../api/get-unmatched-deliveries';
import { useRetryInboundDelivery } from '../api/retry-inbound-delivery';
import { DeliveryTable } from './delivery-table';

/**
 * Deliveries naming a customer id the organisation's directory does not hold, so no case could be opened.
 * A directory import that adds the id reads them again by itself; Retry reads one again now.
 */
export function UnmatchedDeliveries() {
  const deliveries = useUnmatchedDeliveries();
  const retry = useRetryInboundDelivery();
  return (
    <Stack spacing={1} component="section" aria-labelledby="unmatched-title">
      <Typography id="unmatched-title" variant="h5" component="h2">
        Customers the directory does not know
      </Typography>
      <Typography variant="body2" color="text.secondary">
        These deliveries name a customer id with no directory entry, so they match no case. Import the
        directory entries; the deliveries are then read again by themselves.
      </Typography>
      {retry.isError && <ErrorState error={retry.error} title="The delivery was not retried" />}
      {deliveries.isPending ? (
        <TableSkeleton label="Loading the unmatched deliveries" />
      ) : deliveries.isError ? (
        <ErrorState
          error={deliveries.error}
          title="The unmatched deliveries could not be loaded"
          onRetry={() => deliveries.refetch()}
        />
      ) : (
        <DeliveryTable
          label="Unmatched deliveries"
          deliveries={deliveries.data.items}
          onRetry={(delivery) => retry.mutate(delivery.id)}
          busy={retry.isPending}
        />
      )}
    </Stack>
  );
}
