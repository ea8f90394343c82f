// case_documents rows to the API's CaseDocument, and the reads the document steps share.

import type { CaseDocument } from '@review-desk/contracts';
import type { Kysely, Selectable } from 'kysely';
import { isUuid, type StoreTransaction } from '../core';
import { caseNotFound } from '../errors';
import type { CaseDocumentsTable, StoreDB } from '../schema';
import { notApplicable, unknownEntity } from './errors';

export type DocumentRow = Selectable<CaseDocumentsTable> & { uploader_name: string | null };
type Db = Kysely<StoreDB> | StoreTransaction;

export function toCaseDocument(row: DocumentRow): CaseDocument {
  return {
    id: row.id,
    documentId: row.document_id,
    entityId: row.entity_id,
    workflow: row.workflow,
    type: row.type as CaseDocument['type'],
    view: row.view,
    note: row.note,
    fileName: row.file_name,
    format: row.format,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    // A row that never got an id from connectFi is shown as generated-to-be: it is retried from the start.
    status: row.status === 'pending' ? 'generated' : row.status,
    lastError: row.last_error,
    uploadedBy: { id: row.uploaded_by, displayName: row.uploader_name ?? 'Unknown user' },
    createdAt: row.created_at.toISOString(),
    uploadedAt: row.uploaded_at?.toISOString() ?? null,
    attachedAt: row.attached_at?.toISOString() ?? null,
  };
}

export function selectDocuments(db: Db) {
  return db
    .selectFrom('case_documents as d')
    .leftJoin('users as u', 'u.id', 'd.uploaded_by')
    .selectAll('d')
    .select('u.display_name as uploader_name');
}

export async function readDocuments(db: Db, caseId: string): Promise<CaseDocument[]> {
  const rows = await selectDocuments(db)
    .where('d.case_id', '=', caseId)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
  return rows.map(toCaseDocument);
}

export interface DocumentCase {
  id: string;
  subjectId: string;
  version: number;
}

/** States in which connectFi can no longer take documents for the case's journey from the desk. */
const closedStates = new Set(['resolved', 'superseded']);

/** The connectFi case documents are sent for: 404 when there is none, 409 when it is closed or not connectFi. */
export async function documentCase(db: Db, caseId: string): Promise<DocumentCase> {
  if (!isUuid(caseId)) throw caseNotFound();
  const row = await db
    .selectFrom('cases')
    .select(['id', 'provider', 'subject_id', 'state', 'version'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw caseNotFound();
  if (row.provider !== 'connectfi' || closedStates.has(row.state)) throw notApplicable(row.state);
  return { id: row.id, subjectId: row.subject_id, version: row.version };
}

/** The entity must be the customer or one of the journey's entities as the case last saw them. */
export async function assertEntity(db: Db, target: DocumentCase, entityId: string): Promise<void> {
  if (entityId === target.subjectId) return;
  const known = await db
    .selectFrom('case_entity_applications')
    .select('entity_id')
    .where('case_id', '=', target.id)
    .where('entity_id', '=', entityId)
    .executeTakeFirst();
  if (!known) throw unknownEntity(entityId);
}
