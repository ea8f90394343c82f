// One document for a connectFi case: generate, then upload. The row is written first and records each step,
// so a retry of the same file (same entity and view) goes on from the last step that worked: a document id
// connectFi already gave is reused, never generated twice. connectFi is called outside any transaction.

import type { DocumentUploadResponse, DocumentView, DocumentWorkflow } from '@review-desk/contracts';
import type { ConnectfiClient } from '../../upstream/connectfi-client';
import { type ActionContext, actorAudit, audit, inTransaction, type StoreCore } from '../core';
import { alreadyUploaded, documentError, failureReason } from './errors';
import { assertEntity, type DocumentRow, documentCase, selectDocuments, toCaseDocument } from './rows';

export type DocumentsClient = Pick<
  ConnectfiClient,
  'generateDocument' | 'uploadDocument' | 'updateDocuments'
>;

export interface DocumentUpload {
  entityId: string;
  workflow: DocumentWorkflow;
  type: string;
  view: DocumentView;
  note: string | null;
  file: { bytes: Buffer; fileName: string; format: 'jpeg' | 'png'; sha256: string };
}

const contentTypes = { jpeg: 'image/jpeg', png: 'image/png' } as const;
const extensions = { jpeg: 'jpg', png: 'png' } as const;

function documentIdOf(data: unknown): string | undefined {
  const id = (data as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export async function uploadDocument(
  core: StoreCore,
  caseId: string,
  input: DocumentUpload,
  context: ActionContext,
  client: DocumentsClient,
): Promise<DocumentUploadResponse> {
  const target = await documentCase(core.db, caseId);
  await assertEntity(core.db, target, input.entityId);
  const find = () =>
    selectDocuments(core.db)
      .where('d.case_id', '=', target.id)
      .where('d.entity_id', '=', input.entityId)
      .where('d.view', '=', input.view)
      .where('d.sha256', '=', input.file.sha256)
      .executeTakeFirst();

  let row = await find();
  if (row && (row.status === 'uploaded' || row.status === 'attached')) throw alreadyUploaded(row.document_id);
  if (!row) {
    await core.db
      .insertInto('case_documents')
      .values({
        case_id: target.id,
        entity_id: input.entityId,
        workflow: input.workflow,
        type: input.type,
        view: input.view,
        note: input.note,
        file_name: input.file.fileName,
        format: input.file.format,
        size_bytes: input.file.bytes.length,
        sha256: input.file.sha256,
        status: 'pending',
        uploaded_by: context.actor.id,
        created_at: core.clock(),
      })
      .onConflict((oc) => oc.columns(['case_id', 'entity_id', 'view', 'sha256']).doNothing())
      .execute();
    row = await find();
    if (!row) throw new Error('the document row vanished after it was written');
  }

  const step = async (action: string, details: Record<string, string | number | null>, changes: object) =>
    inTransaction(core, async (trx) => {
      await trx
        .updateTable('case_documents')
        .set({ ...changes, last_error: null })
        .where('id', '=', (row as DocumentRow).id)
        .execute();
      await audit(
        trx,
        actorAudit(
          context,
          action,
          target.id,
          { documentRowId: (row as DocumentRow).id, ...details },
          core.clock(),
        ),
      );
    });
  const fail = async (error: unknown, stage: string): Promise<never> => {
    const mapped = documentError(error);
    await inTransaction(core, async (trx) => {
      await trx
        .updateTable('case_documents')
        .set({ last_error: `${stage}: ${failureReason(mapped)}` })
        .where('id', '=', (row as DocumentRow).id)
        .execute();
      await audit(
        trx,
        actorAudit(
          context,
          'case.document_upload_failed',
          target.id,
          { documentRowId: (row as DocumentRow).id, stage, reason: failureReason(mapped) },
          core.clock(),
        ),
      );
    });
    throw mapped;
  };

  let documentId = row.status === 'generated' ? row.document_id : null;
  if (documentId === null) {
    let generated: unknown;
    try {
      generated = await client.generateDocument({
        workflow: input.workflow,
        name: input.view,
        extension: extensions[input.file.format],
        type: input.type,
        ...(input.note ? { note: input.note } : {}),
      });
    } catch (error) {
      return fail(error, 'generate');
    }
    documentId = documentIdOf(generated) ?? null;
    if (documentId === null) return fail(new Error('connectFi answered without a document id'), 'generate');
    await step(
      'case.document_generated',
      { documentId, entityId: input.entityId, type: input.type, view: input.view },
      { status: 'generated', document_id: documentId },
    );
  }

  try {
    await client.uploadDocument(documentId, {
      bytes: input.file.bytes,
      fileName: input.file.fileName,
      contentType: contentTypes[input.file.format],
    });
  } catch (error) {
    const mapped = documentError(error);
    // This id was generated for this row and only this row uploads to it: "already uploaded" means an earlier
    // attempt got through although its answer was lost. Anything else is a failure of this step.
    const earlierAttemptLanded =
      mapped instanceof Error && 'code' in mapped && mapped.code === 'document_already_uploaded';
    if (!earlierAttemptLanded) {
      if (mapped instanceof Error && 'code' in mapped && mapped.code === 'connectfi_document_not_found') {
        // connectFi lost the id: the next attempt starts again with generate.
        await core.db
          .updateTable('case_documents')
          .set({ status: 'pending', document_id: null })
          .where('id', '=', row.id)
          .execute();
      }
      return fail(error, 'upload');
    }
  }
  await step(
    'case.document_uploaded',
    {
      documentId,
      entityId: input.entityId,
      type: input.type,
      view: input.view,
      format: input.file.format,
      sizeBytes: input.file.bytes.length,
      sha256: input.file.sha256,
    },
    { status: 'uploaded', uploaded_at: core.clock() },
  );
  const saved = await find();
  if (!saved) throw new Error('the document row vanished after it was written');
  return { document: toCaseDocument(saved), documentId, uploadStatus: true };
}
