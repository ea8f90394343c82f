import type { AuditListQuery } from '@review-desk/contracts';
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { prefixPattern } from '../../../cases/linking';
import type { DB } from '../../../db/schema';

export type AuditFilters = Pick<AuditListQuery, 'caseId' | 'subject' | 'actor' | 'action' | 'from' | 'to'>;

/**
 * Rows about one person (`provider:id`): those naming them, and those of their cases (rows written before
 * reads named their subject included).
 */
function aboutSubject(eb: ExpressionBuilder<DB, 'audit_events'>, subject: string) {
  const colon = subject.indexOf(':');
  const [provider, id] = [subject.slice(0, colon), subject.slice(colon + 1)];
  return eb.or([
    eb('subject_ref', '=', subject),
    sql<boolean>`case_id in (select c.id::text from cases c where c.provider = ${provider} and c.subject_id = ${id})`,
  ]);
}

/** The audit rows the filters select: a case, a person, an actor, an action or prefix, a time range. */
export function filteredAudit<O>(
  query: SelectQueryBuilder<DB, 'audit_events', O>,
  { caseId, subject, actor, action, from, to }: AuditFilters,
): SelectQueryBuilder<DB, 'audit_events', O> {
  let filtered = query;
  if (caseId) filtered = filtered.where('case_id', '=', caseId);
  if (subject) filtered = filtered.where((eb) => aboutSubject(eb, subject));
  if (actor) filtered = filtered.where('actor_username', '=', actor.toLowerCase());
  if (action) {
    filtered = action.endsWith('.')
      ? filtered.where('action', 'like', prefixPattern(action))
      : filtered.where('action', '=', action);
  }
  if (from) filtered = filtered.where('at', '>=', new Date(from));
  if (to) filtered = filtered.where('at', '<', new Date(to));
  return filtered;
}
