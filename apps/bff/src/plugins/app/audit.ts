import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type AuditEvent, appendAudit } from '../../db/audit';

export type RequestAuditEvent = Pick<AuditEvent, 'action' | 'caseId' | 'subjectRef' | 'details'>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Appends one audit row for what the signed-in user of `request` did, in its own transaction. */
    audit(request: FastifyRequest, event: RequestAuditEvent): Promise<void>;
  }
}

export default fp(
  async function audit(app: FastifyInstance) {
    app.decorate('audit', async (request: FastifyRequest, event: RequestAuditEvent) => {
      const user = request.user as { id: string; username: string } | undefined;
      await app.db.transaction().execute((trx) =>
        appendAudit(trx, {
          ...event,
          actorUserId: user?.id ?? null,
          actorUsername: user?.username ?? 'anonymous',
          requestId: request.id,
        }),
      );
    });
  },
  { name: 'audit', dependencies: ['db'] },
);
