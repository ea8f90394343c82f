import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AuditExportQuery,
  AuditListQuery,
  AuditListResponse,
  AuditVerifyResponse,
  ErrorEnvelope,
  maxAuditExportRows,
} from '@review-desk/contracts';
import { Type } from '@sinclair/typebox';
import { toAuditEntry } from '../../../cases/audit-entries';
import { verifyAuditChain } from '../../../db/audit';
import { ApiError } from '../../../errors';
import { exportStream, measureAudit } from './export';
import { filteredAudit } from './filters';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };
const readers = { access: { roles: ['admin', 'senior'] as const } };

/** The audit trail, newest first, and the check of its hash chain. */
const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      config: readers,
      schema: {
        tags: ['audit'],
        summary: 'Audit rows, newest first, filtered by case, subject, actor, action or time',
        querystring: AuditListQuery,
        response: { 200: AuditListResponse, ...errors },
      },
    },
    async (request) => {
      const { cursor, limit: _limit, ...filters } = request.query;
      const limit = request.query.limit ?? 50;
      let before: number | null = null;
      if (cursor !== undefined) {
        before = /^[1-9]\d{0,15}$/.test(cursor) ? Number(cursor) : null;
        if (before === null) throw new ApiError(400, 'invalid_cursor', 'The cursor is not valid');
      }
      let query = filteredAudit(app.db.selectFrom('audit_events').selectAll(), filters);
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
    '/export',
    {
      config: readers,
      schema: {
        tags: ['audit'],
        summary: 'Export a filtered range of the audit trail as CSV or JSON lines, oldest first (audited)',
        description: `Up to ${maxAuditExportRows.toLocaleString('en')} rows; a larger range is refused with 400 export_too_large. The export itself is audited as audit.exported, with its filters and row count.`,
        querystring: AuditExportQuery,
        produces: ['text/csv', 'application/x-ndjson'],
        response: {
          200: Type.Unsafe<Readable>({ type: 'string', description: 'The rows' }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { format, ...filters } = request.query;
      const { rows, lastId } = await measureAudit(app.db, filters);
      if (rows > maxAuditExportRows) {
        throw new ApiError(
          400,
          'export_too_large',
          `The range holds ${rows} rows; an export holds at most ${maxAuditExportRows}. Narrow the dates or filters.`,
        );
      }
      await app.audit(request, { action: 'audit.exported', details: { format, rows, ...filters } });
      const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
      return reply
        .header(
          'content-type',
          format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="audit-${stamp}.${format}"`)
        .send(exportStream(app.db, filters, format, lastId));
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
