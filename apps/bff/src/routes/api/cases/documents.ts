import { createHash } from 'node:crypto';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CaseDocumentList,
  CaseIdParams,
  connectfiDocumentTypes,
  DocumentAttachRequest,
  DocumentAttachResponse,
  DocumentUploadResponse,
  documentViews,
  documentWorkflows,
  ErrorEnvelope,
  type Role,
} from '@review-desk/contracts';
import type { FastifyRequest } from 'fastify';
import type { ActionContext } from '../../../cases/core';
import type { DocumentUpload } from '../../../cases/documents/upload';
import { ApiError } from '../../../errors';

const reviewers: readonly Role[] = ['analyst', 'senior'];
const caseReaders: readonly Role[] = ['analyst', 'senior', 'support'];
/** connectFi's upload limit; the stream is cut off here, never buffered beyond it. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
  413: ErrorEnvelope,
  415: ErrorEnvelope,
  422: ErrorEnvelope,
  502: ErrorEnvelope,
  503: ErrorEnvelope,
  504: ErrorEnvelope,
};

const contextOf = (request: FastifyRequest): ActionContext => ({
  actor: { id: request.user.id, username: request.user.username, role: request.user.role },
  requestId: request.id,
});

const invalid = (message: string, details?: unknown) =>
  new ApiError(400, 'invalid_request', message, details);

/** The format told by the first bytes; the name and the declared type are not trusted. */
export function sniffFormat(head: Buffer): 'jpeg' | 'png' | 'pdf' | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  return null;
}

function oneOf<T extends string>(fields: Map<string, string>, name: string, allowed: readonly T[]): T {
  const value = fields.get(name);
  if (value === undefined || value === '') throw invalid(`${name} is required`);
  if (!(allowed as readonly string[]).includes(value))
    throw invalid(`${name} must be one of: ${allowed.join(', ')}`);
  return value as T;
}

function text(fields: Map<string, string>, name: string, maxLength: number): string | undefined {
  const value = fields.get(name);
  if (value === undefined || value === '') return undefined;
  if (value.length > maxLength) throw invalid(`${name} is longer than ${maxLength} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL and other control bytes are refused.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value))
    throw invalid(`${name} contains control characters`);
  return value;
}

/** @fastify/multipart's limit errors, said in terms of this form (they would otherwise read as a bare 413). */
const multipartLimits: Record<string, string> = {
  FST_FILES_LIMIT: 'Send exactly one file, in the field "file"',
  FST_PARTS_LIMIT: 'The form has too many parts',
  FST_FIELDS_LIMIT: 'The form has too many fields',
};

/** Reads the multipart body: the fields, and the one file cut off at the limit. */
async function readUpload(request: FastifyRequest): Promise<DocumentUpload> {
  try {
    return await readUploadParts(request);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = typeof code === 'string' ? multipartLimits[code] : undefined;
    throw message ? invalid(message) : error;
  }
}

async function readUploadParts(request: FastifyRequest): Promise<DocumentUpload> {
  if (!request.isMultipart())
    throw new ApiError(415, 'unsupported_media_type', 'Send the document as multipart/form-data');
  const fields = new Map<string, string>();
  let file: { bytes: Buffer; fileName: string } | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (typeof part.value !== 'string') throw invalid(`${part.fieldname} must be text`);
      fields.set(part.fieldname, part.value);
      continue;
    }
    if (part.fieldname !== 'file' || file !== null) {
      part.file.resume();
      throw invalid('Send exactly one file, in the field "file"');
    }
    const chunks: Buffer[] = [];
    for await (const chunk of part.file) chunks.push(chunk as Buffer);
    if (part.file.truncated) {
      throw new ApiError(413, 'file_too_large', `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    }
    file = { bytes: Buffer.concat(chunks), fileName: part.filename || 'document' };
  }
  if (file === null) throw invalid('The file is missing (field "file")');
  if (file.bytes.length === 0) throw new ApiError(400, 'empty_file', 'The file is empty');
  const format = sniffFormat(file.bytes);
  if (format === 'pdf') {
    throw new ApiError(
      415,
      'unsupported_file_type',
      'connectFi takes documents as JPEG or PNG images only (its extensions are jpg and png); send an image of each page',
    );
  }
  if (format === null) {
    throw new ApiError(
      415,
      'unsupported_file_type',
      'The file is not a JPEG or PNG image (checked by its content)',
    );
  }
  const entityId = text(fields, 'entityId', 200);
  if (entityId === undefined) throw invalid('entityId is required');
  return {
    entityId,
    workflow: oneOf(fields, 'workflow', documentWorkflows),
    type: oneOf(fields, 'type', connectfiDocumentTypes),
    view: oneOf(fields, 'view', documentViews),
    note: text(fields, 'note', 1000) ?? null,
    file: {
      bytes: file.bytes,
      fileName: text(new Map([['fileName', file.fileName]]), 'fileName', 200) ?? 'document',
      format,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
    },
  };
}

/** Documents for connectFi cases: upload (generate + upload), attach (/akepa/update), and the list. */
const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10, fieldSize: 4_000, parts: 12, headerPairs: 50 },
  });
  const { store } = app.cases;
  const client = () => app.upstreams.connectfi;

  app.get(
    '/:id/documents',
    {
      config: { access: { roles: caseReaders } },
      schema: {
        tags: ['cases'],
        summary: 'The documents sent to connectFi for the case',
        params: CaseIdParams,
        response: { 200: CaseDocumentList, ...errors },
      },
    },
    async (request) => store.listDocuments(request.params.id),
  );

  app.post(
    '/:id/documents',
    {
      config: { access: { roles: reviewers } },
      schema: {
        tags: ['cases'],
        summary: 'Upload one document for the customer or a representative (connectFi generate, then upload)',
        description:
          'multipart/form-data: file (JPEG or PNG, at most 10 MB, checked by its bytes), entityId, workflow, type, view, note. A retry of the same file goes on from the step that failed.',
        consumes: ['multipart/form-data'],
        params: CaseIdParams,
        response: { 200: DocumentUploadResponse, ...errors },
      },
    },
    async (request) => {
      const upload = await readUpload(request);
      return store.uploadDocument(request.params.id, upload, contextOf(request), client());
    },
  );

  app.post(
    '/:id/documents/attach',
    {
      config: { access: { roles: reviewers } },
      schema: {
        tags: ['cases'],
        summary: "Attach uploaded documents to the entity's journey (connectFi /akepa/update)",
        params: CaseIdParams,
        body: DocumentAttachRequest,
        response: { 200: DocumentAttachResponse, ...errors },
      },
    },
    async (request) => store.attachDocuments(request.params.id, request.body, contextOf(request), client()),
  );
};

export default documentRoutes;
