import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AuditListQuery,
  AuditListResponse,
  AuditVerifyResponse,
  ErrorEnvelope,
} from '@review-desk/contracts';
import { type ExpressionBuilder, sql } from 'kysely';
import { toAuditEntry } from '../../../cases/audit-entries';
import { prefixPattern } from '../../../cases/linking';
import { verifyAuditChain } from '../../../db/audit';
import type { DB } from '../../../db/schema';
import { ApiError } from '../../../errors';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };

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

/** The audit trail, newest first, and the check of its hash chain. */
const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      config: { access: { roles: ['admin', 'senior'] } },
      schema: {
        tags: ['audit'],
        summary: 'Audit rows, newest first, filtered by case, subject, actor or action',
        querystring: AuditListQuery,
        response: { 200: AuditListResponse, ...errors },
      },
    },
    async (request) => {
      const { caseId, subject, actor, action, cursor } = request.query;
      const limit = request.query.limit ?? 50;
      let before: number | null = null;
      if (cursor !== undefined) {
        before = /^[1-9]\d{0,15}$/.test(cursor) ? Number(cursor) : null;
        if (before === null) throw new ApiError(400, 'invalid_cursor', 'The cursor is not valid');
      }
      let query = app.db.selectFrom('audit_events').selectAll();
      if (caseId) query = query.where('case_id', '=', caseId);
      if (subject) query = query.where((eb) => aboutSubject(eb, subject));
      if (actor) query = query.where('actor_username', '=', actor.toLowerCase());
      if (action) {
        query = action.endsWith('.')
          ? query.where('action', 'like', prefixPattern(action))
          : query.where('action', '=', action);
      }
      if (before !== null) query = query.where('id', '<', before);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(toAuditEntry),
        nextCursor: rows.length > limit && last ? String(last.id) : null,
      };
    },
  );

  app.get(
    '/verify',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['audit'],
        summary: 'Re-compute the audit hash chain and report the first break',
        response: { 200: AuditVerifyResponse, ...errors },
      },
    },
    async () => verifyAuditChain(app.db),
  );
};

export default auditRoutes;
