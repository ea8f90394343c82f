import { Button, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import type { DeliverySummary } from '@review-desk/contracts';
import { EmptyState } from '@/components/feedback/empty-state';
import { formatDateTime } from '@/lib/format';
import { providerLabels } from '@/lib/providers';

type DeliveryTableProps = {
  label: string;
  deliveries: DeliverySummary[];
  /** Offered on failed and unmatched deliveries only: those are the ones the desk reads again. */
  onRetry?: (delivery: DeliverySummary) => void;
  busy?: boolean;
};

const retryable = (delivery: DeliverySummary) =>
  delivery.status === 'failed' || delivery.status === 'unmatched';

/** Provider webhook deliveries: when, from whom, whom they name, and what became of them. */
export function DeliveryTable({ label, deliveries, onRetry, busy = false }: DeliveryTableProps) {
  if (deliveries.length === 0) return <EmptyState title="No deliveries here" />;
  return (
    <TableContainer>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            <TableCell>Received</TableCell>
            <TableCell>Provider</TableCell>
            <TableCell>Customer id</TableCell>
            <TableCell>Attempts</TableCell>
            <TableCell>Last error</TableCell>
            <TableCell>Processed</TableCell>
            {onRetry && <TableCell>Actions</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {deliveries.map((delivery) => (
            <TableRow key={delivery.id}>
              <TableCell>{formatDateTime(delivery.receivedAt)}</TableCell>
              <TableCell>{providerLabels[delivery.provider]}</TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>
                <bdi dir="auto">{delivery.externalUserId ?? '—'}</bdi>
              </TableCell>
              <TableCell>{delivery.attempts}</TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>
                <bdi dir="auto">{delivery.lastError ?? ''}</bdi>
              </TableCell>
              <TableCell>{delivery.processedAt ? formatDateTime(delivery.processedAt) : ''}</TableCell>
              {onRetry && (
                <TableCell>
                  {retryable(delivery) && (
                    <Button size="small" disabled={busy} onClick={() => onRetry(delivery)}>
                      Retry
                    </Button>
                  )}
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
