import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type AuditEvent, appendAudit } from '../../db/audit';
import { ReadAuditWriter } from '../../db/read-audit';

export type RequestAuditEvent = Pick<AuditEvent, 'action' | 'caseId' | 'subjectRef' | 'details'>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Appends one audit row for what the signed-in user of `request` did, in its own transaction. */
    audit(request: FastifyRequest, event: RequestAuditEvent): Promise<void>;
    /**
     * Records a read of personal data by the signed-in user of `request`: the row joins the next batch of
     * read rows (written within a fraction of a second, and at shutdown), so the read does not wait for it.
     */
    auditRead(request: FastifyRequest, event: RequestAuditEvent): void;
    /** The batches of read rows (`flush()` writes what is queued). */
    readAudit: ReadAuditWriter;
  }
}

function actorOf(request: FastifyRequest) {
  const user = request.user as { id: string; username: string } | undefined;
  return {
    actorUserId: user?.id ?? null,
    actorUsername: user?.username ?? 'anonymous',
    requestId: request.id,
  };
}

/** The row of a read, built in one go with its time (every view makes one). */
function readRow(request: FastifyRequest, event: RequestAuditEvent): AuditEvent {
  const user = request.user as { id: string; username: string } | undefined;
  return {
    action: event.action,
    caseId: event.caseId,
    subjectRef: event.subjectRef,
    details: event.details,
    actorUserId: user?.id ?? null,
    actorUsername: user?.username ?? 'anonymous',
    requestId: request.id,
    at: new Date(),
  };
}

export default fp(
  async function audit(app: FastifyInstance) {
    const reads = new ReadAuditWriter(app.db, app.log, 100, 500, app.database.engine === 'pglite');
    app.decorate('readAudit', reads);
    app.decorate('audit', async (request: FastifyRequest, event: RequestAuditEvent) => {
      await app.db.transaction().execute((trx) => appendAudit(trx, { ...event, ...actorOf(request) }));
    });
    app.decorate('auditRead', (request: FastifyRequest, event: RequestAuditEvent) => {
      reads.record(readRow(request, event));
    });
    // After the server has stopped taking requests and before the database closes (its hook was added first).
    app.addHook('onClose', async () => reads.close());
  },
  { name: 'audit', dependencies: ['db'] },
);
