import { Button, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import type { OutboundDelivery } from '@review-desk/contracts';
import { EmptyState } from '@/components/feedback/empty-state';
import { formatDateTime } from '@/lib/format';

const statusLabels: Record<OutboundDelivery['status'], string> = {
  pending: 'Pending',
  delivered: 'Delivered',
  failed: 'Failed',
};

type OutboundTableProps = {
  deliveries: OutboundDelivery[];
  onRetry: (delivery: OutboundDelivery) => void;
  busy: boolean;
};

/** Decision webhooks sent out. The case id is text, not a link: the case page is not an administrator's. */
export function OutboundTable({ deliveries, onRetry, busy }: OutboundTableProps) {
  if (deliveries.length === 0) return <EmptyState title="No decision deliveries here" />;
  return (
    <TableContainer>
      <Table size="small" aria-label="Decision deliveries">
        <TableHead>
          <TableRow>
            <TableCell>Decided</TableCell>
            <TableCell>Case</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Attempts</TableCell>
            <TableCell>Last error</TableCell>
            <TableCell>Delivered</TableCell>
            <TableCell>Actions</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {deliveries.map((delivery) => (
            <TableRow key={delivery.id}>
              <TableCell>{formatDateTime(delivery.createdAt)}</TableCell>
              <TableCell>
                <code>{delivery.caseId}</code>
              </TableCell>
              <TableCell>{statusLabels[delivery.status]}</TableCell>
              <TableCell>{delivery.attempts}</TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>
                <bdi dir="auto">{delivery.lastError ?? ''}</bdi>
              </TableCell>
              <TableCell>{delivery.deliveredAt ? formatDateTime(delivery.deliveredAt) : ''}</TableCell>
              <TableCell>
                {delivery.status === 'failed' && (
                  <Button size="small" disabled={busy} onClick={() => onRetry(delivery)}>
                    Retry
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
