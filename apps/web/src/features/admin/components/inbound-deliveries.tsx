import { Alert, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useState } from 'react';
import { ErrorState } from '@/components/errors/error-state';
import { TableSkeleton } from '@/components/feedback/skeletons';
import { type InboundStatus, useInboundDeliveries } from '../api/get-inbound-deliveries';
import { useRetryInboundDelivery } from '../api/retry-inbound-delivery';
import { DeliveryTable } from './delivery-table';

const statuses: { value: InboundStatus; label: string }[] = [
  { value: 'failed', label: 'Failed' },
  { value: 'pending', label: 'Pending' },
  { value: 'processed', label: 'Processed' },
];

/** The providers' webhook deliveries by status; a failed one can be read again. */
export function InboundDeliveries() {
  const [status, setStatus] = useState<InboundStatus>('failed');
  const deliveries = useInboundDeliveries(status);
  const retry = useRetryInboundDelivery();
  return (
    <Stack spacing={1} component="section" aria-labelledby="inbound-title">
      <Typography id="inbound-title" variant="h5" component="h2">
        From the providers
      </Typography>
      <Tabs
        value={status}
        onChange={(_event, value: InboundStatus) => setStatus(value)}
        aria-label="Delivery status"
      >
        {statuses.map((entry) => (
          <Tab key={entry.value} value={entry.value} label={entry.label} />
        ))}
      </Tabs>
      {retry.isError && <ErrorState error={retry.error} title="The delivery was not retried" />}
      {retry.isSuccess && (
        <Alert severity="success" role="status">
          The delivery is queued to be read again.
        </Alert>
      )}
      {deliveries.isPending ? (
        <TableSkeleton label="Loading the deliveries" />
      ) : deliveries.isError ? (
        <ErrorState
          error={deliveries.error}
          title="The deliveries could not be loaded"
          onRetry={() => deliveries.refetch()}
        />
      ) : (
        <DeliveryTable
          label={`${statuses.find((entry) => entry.value === status)?.label ?? ''} provider deliveries`}
          deliveries={deliveries.data.items}
          onRetry={(delivery) => retry.mutate(delivery.id)}
          busy={retry.isPending}
        />
      )}
    </Stack>
  );
}
