import type { DeliverySummary, OutboundDelivery } from '@review-desk/contracts';
import type { DeliveryRow, OutboundRow } from '../../../deliveries/schema';

export const toDeliverySummary = (row: DeliveryRow): DeliverySummary => ({
  id: row.id,
  provider: row.provider,
  receivedAt: row.received_at.toISOString(),
  contentHash: row.content_hash,
  externalUserId: row.external_user_id,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  processedAt: row.processed_at?.toISOString() ?? null,
});

export const toOutboundDelivery = (row: OutboundRow): OutboundDelivery => ({
  id: row.id,
  caseId: row.case_id,
  url: row.url,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: row.created_at.toISOString(),
  deliveredAt: row.delivered_at?.toISOString() ?? null,
});
