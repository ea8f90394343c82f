import type { AuditEntry, Provider } from '@review-desk/contracts';
import type { AuditEventRow } from '../db/schema';

/** How an audit row names the person it concerns: `provider:id`. */
export const subjectRefOf = (provider: Provider, id: string) => `${provider}:${id}`;

function subjectOf(ref: string | null): AuditEntry['subject'] {
  if (ref === null) return null;
  const colon = ref.indexOf(':');
  const provider = ref.slice(0, colon);
  if (colon < 0 || (provider !== 'capa' && provider !== 'connectfi')) return null;
  return { provider, id: ref.slice(colon + 1) };
}

export function toAuditEntry(row: AuditEventRow): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { id: row.actor_user_id, username: row.actor_username },
    action: row.action,
    caseId: row.case_id,
    subject: subjectOf(row.subject_ref),
    details: row.details,
    requestId: row.request_id,
  };
}
