import type { AuditEntry } from '@review-desk/contracts';
import type { AuditEventRow } from '../db/schema';

export function toAuditEntry(row: AuditEventRow): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { id: row.actor_user_id, username: row.actor_username },
    action: row.action,
    caseId: row.case_id,
    details: row.details,
    requestId: row.request_id,
  };
}
