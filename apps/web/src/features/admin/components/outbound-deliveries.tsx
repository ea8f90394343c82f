import { Alert, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { ErrorState } from '@/components/errors/error-state';
import { TableSkeleton } from '@/components/feedback/skeletons';
import { type OutboundStatus, useOutboundDeliveries } from '../api/get-outbound-deliveries';
import { useRetryOutboundDelivery } from '../api/retry-outbound-delivery';
import { OutboundTable } from './outbound-table';

/** Decisions sent to the organisation's systems (the decision webhook); a failed one can be sent again. */
export function OutboundDeliveries() {
  const [status, setStatus] = useState<OutboundStatus | 'all'>('all');
  const deliveries = useOutboundDeliveries(status === 'all' ? undefined : status);
  const retry = useRetryOutboundDelivery();
  return (
    <Stack spacing={1} component="section" aria-labelledby="outbound-title">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography id="outbound-title" variant="h5" component="h2" sx={{ flexGrow: 1 }}>
          Decisions sent out
        </Typography>
        <TextField
          select
          size="small"
          label="Status"
          value={status}
          onChange={(event) => setStatus(event.target.value as OutboundStatus | 'all')}
          sx={{ minWidth: 160 }}
        >
          <MenuItem value="all">Every status</MenuItem>
          <MenuItem value="failed">Failed</MenuItem>
          <MenuItem value="pending">Pending</MenuItem>
          <MenuItem value="delivered">Delivered</MenuItem>
        </TextField>
      </Stack>
      {retry.isError && <ErrorState error={retry.error} title="The decision was not sent again" />}
      {retry.isSuccess && (
        <Alert severity={retry.data.status === 'delivered' ? 'success' : 'warning'} role="status">
          {retry.data.status === 'delivered'
            ? 'The decision was delivered.'
            : `The decision could not be delivered: ${retry.data.lastError ?? 'no answer'}.`}
        </Alert>
      )}
      {deliveries.isPending ? (
        <TableSkeleton label="Loading the decision deliveries" />
      ) : deliveries.isError ? (
        <ErrorState
          error={deliveries.error}
          title="The decision deliveries could not be loaded"
          onRetry={() => deliveries.refetch()}
        />
      ) : (
        <OutboundTable
          deliveries={deliveries.data.items}
          onRetry={(delivery) => retry.mutate(delivery.id)}
          busy={retry.isPending}
        />
      )}
    </Stack>
  );
}
