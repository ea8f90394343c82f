// Attaching uploaded documents to the journey: /akepa/update for one entity. The journey's new status reaches
// the case the way every provider change does: connectFi's callback, then a fresh read, then /api/events.

import type { DocumentAttachRequest, DocumentAttachResponse } from '@review-desk/contracts';
import { type ActionContext, actorAudit, audit, inTransaction, type StoreCore, summaryOf } from '../core';
import { versionConflict } from '../errors';
import { alreadyAttached, documentError, failureReason, unknownDocument } from './errors';
import { assertEntity, documentCase, readDocuments } from './rows';
import type { DocumentsClient } from './upload';

function journeyOf(data: unknown): DocumentAttachResponse['journey'] {
  const journey = (data ?? {}) as { status?: unknown; outcome?: unknown };
  return {
    status: typeof journey.status === 'string' ? journey.status : 'unknown',
    outcome: typeof journey.outcome === 'string' ? journey.outcome : null,
  };
}

export async function attachDocuments(
  core: StoreCore,
  caseId: string,
  request: DocumentAttachRequest,
  context: ActionContext,
  client: DocumentsClient,
): Promise<DocumentAttachResponse> {
  const target = await documentCase(core.db, caseId);
  if (target.version !== request.version)
    throw versionConflict(await summaryOf(core.db, target.id, core.clock()));
  await assertEntity(core.db, target, request.entityId);
  const ids = request.documents.map((d) => d.documentId);
  const rows = await core.db
    .selectFrom('case_documents')
    .select(['id', 'document_id', 'status'])
    .where('case_id', '=', target.id)
    .where('entity_id', '=', request.entityId)
    .where('document_id', 'in', ids)
    .execute();
  for (const id of ids) {
    const row = rows.find((r) => r.document_id === id);
    if (!row || row.status === 'pending' || row.status === 'generated') throw unknownDocument(id);
    if (row.status === 'attached') throw alreadyAttached(id);
  }

  let journey: DocumentAttachResponse['journey'];
  try {
    journey = journeyOf(
      await client.updateDocuments(
        target.subjectId,
        request.documents.map((d) => ({
          entityId: request.entityId,
          documentId: d.documentId,
          view: d.view,
        })),
      ),
    );
  } catch (error) {
    const mapped = documentError(error);
    await inTransaction(core, (trx) =>
      audit(
        trx,
        actorAudit(
          context,
          'case.documents_attach_failed',
          target.id,
          { entityId: request.entityId, documentIds: ids, reason: failureReason(mapped) },
          core.clock(),
        ),
      ),
    );
    throw mapped;
  }

  await inTransaction(core, async (trx) => {
    const now = core.clock();
    await trx
      .updateTable('case_documents')
      .set({ status: 'attached', attached_at: now, last_error: null })
      .where('case_id', '=', target.id)
      .where('document_id', 'in', ids)
      .execute();
    await audit(
      trx,
      actorAudit(
        context,
        'case.documents_attached',
        target.id,
        {
          entityId: request.entityId,
          documents: request.documents.map((d) => ({ documentId: d.documentId, view: d.view })),
          journeyStatus: journey.status,
          journeyOutcome: journey.outcome,
        },
        now,
      ),
    );
  });
  return { documents: await readDocuments(core.db, target.id), journey };
}
