// The desk's typed errors for documents: bad input refused before connectFi is called, and connectFi's
// documented document errors (documentNotFound, "already been uploaded", identificationNotFound,
// statusApplicationEntity) as envelope codes a reviewer can act on.

import { ApiError } from '../../errors';
import { UpstreamError } from '../../upstream';

export const notApplicable = (state: string) =>
  new ApiError(
    409,
    'documents_not_applicable',
    'Documents are sent to connectFi for a connectFi case that is still open',
    { state },
  );

export const unknownEntity = (entityId: string) =>
  new ApiError(
    422,
    'unknown_entity',
    'This entity is neither the customer nor one of its business representatives',
    { entityId },
  );

export const alreadyUploaded = (documentId: string | null) =>
  new ApiError(
    409,
    'document_already_uploaded',
    'This file has already been uploaded for this entity and view',
    {
      documentId,
    },
  );

export const unknownDocument = (documentId: string) =>
  new ApiError(
    422,
    'unknown_document',
    'No document with this id was uploaded for this entity on this case',
    {
      documentId,
    },
  );

export const alreadyAttached = (documentId: string) =>
  new ApiError(409, 'document_already_attached', 'This document is already attached to the journey', {
    documentId,
  });

/** connectFi's answer as one of the desk's errors; anything else stays an upstream error (502/503/504). */
export function documentError(error: unknown): unknown {
  if (!(error instanceof UpstreamError)) return error;
  const code = error.upstreamCode;
  const message = error.upstreamMessage ?? '';
  if (code === 'documentNotFound')
    return new ApiError(409, 'connectfi_document_not_found', 'connectFi does not know this document', {
      upstreamMessage: message,
    });
  if (code === 'extAkepa' && /already been uploaded/i.test(message))
    return new ApiError(409, 'document_already_uploaded', 'connectFi already holds a file for this document');
  if (code === 'identificationNotFound')
    return new ApiError(409, 'no_journey', 'connectFi has no KYC/KYB journey for this customer');
  if (code === 'statusApplicationEntity')
    return new ApiError(409, 'entity_completed', 'connectFi has already completed this entity', {
      upstreamMessage: message,
    });
  if (code === 'entityNotFound')
    return new ApiError(422, 'unknown_entity', 'connectFi does not know this entity');
  return error;
}

/** A short, log-safe reason for the row's last_error. */
export function failureReason(error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}`;
  if (error instanceof UpstreamError)
    return `${error.kind}${error.upstreamCode ? ` ${error.upstreamCode}` : ''}`;
  return 'unexpected error';
}
