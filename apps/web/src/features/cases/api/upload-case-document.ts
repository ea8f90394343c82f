import type {
  ConnectfiDocumentType,
  DocumentUploadResponse,
  DocumentView,
  DocumentWorkflow,
} from '@review-desk/contracts';
import { apiUpload, type UploadOptions } from '@/lib/upload';
import { casePath } from './case-mutation';

export interface DocumentFields {
  entityId: string;
  workflow: DocumentWorkflow;
  type: ConnectfiDocumentType;
  view: DocumentView;
  note: string;
}

/**
 * One file to connectFi through the desk (generate, then upload). Sending the same file again for the same
 * entity and view resumes from the step that failed; the desk never generates a second id for it.
 */
export function uploadCaseDocument(
  caseId: string,
  fields: DocumentFields,
  file: File,
  options: UploadOptions = {},
): Promise<DocumentUploadResponse> {
  const form = new FormData();
  form.append('entityId', fields.entityId);
  form.append('workflow', fields.workflow);
  form.append('type', fields.type);
  form.append('view', fields.view);
  if (fields.note.trim() !== '') form.append('note', fields.note.trim());
  // The file goes last: the desk reads the fields before it streams the file.
  form.append('file', file, file.name);
  return apiUpload<DocumentUploadResponse>(casePath(caseId, 'documents'), form, options);
}
