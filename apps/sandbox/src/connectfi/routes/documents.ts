import type { FastifyPluginAsync } from 'fastify';
import { ConnectfiError, documentNotFound, ok } from '../envelope';
import type { ConnectfiIds } from '../ids';
import { type GenerateDocumentBody, generateDocumentSchema } from '../schemas';
import type { ConnectfiStore, StoredDocument } from '../store';

export interface DocumentRoutesOptions {
  ids: ConnectfiIds;
  store: ConnectfiStore;
  now: () => Date;
  aggregatorId: string;
}

const alreadyUploaded = () =>
  new ConnectfiError(400, 'extAkepa', 'The specified document has already been uploaded.', { subCode: 4091 });

const fileRequired = () =>
  new ConnectfiError(400, 'fileRequired', 'Send the document file as multipart/form-data');

function documentView({ file: _file, ...document }: StoredDocument) {
  return document;
}

/** /akepa/document/generate and /akepa/document/upload/:documentId (multipart/form-data, one file). */
export const documentRoutes: FastifyPluginAsync<DocumentRoutesOptions> = async (
  app,
  { ids, store, now, aggregatorId },
) => {
  app.post<{ Body: GenerateDocumentBody }>(
    '/akepa/document/generate',
    { schema: { body: generateDocumentSchema } },
    async (request) => {
      const { workflow, name, extension, type, note, note_author_agent_email } = request.body;
      const document: StoredDocument = {
        id: ids.documentId(),
        aggregatorId,
        uploadStatus: false,
        workflow,
        name,
        extension,
        type,
        dtsCreatedAt: now().toISOString(),
      };
      if (note !== undefined) document.note = note;
      if (note_author_agent_email !== undefined) document.note_author_agent_email = note_author_agent_email;
      store.documents.set(document.id, document);
      return ok(request.id, documentView(document));
    },
  );

  app.post<{ Params: { documentId: string } }>('/akepa/document/upload/:documentId', async (request) => {
    const document = store.documents.get(request.params.documentId);
    if (document === undefined) throw documentNotFound(request.params.documentId);
    if (document.uploadStatus) throw alreadyUploaded();
    if (!request.isMultipart()) throw fileRequired();
    const file = await request.file();
    if (file === undefined) throw fileRequired();
    const size = (await file.toBuffer()).length;
    // Another upload of the same document may have finished while this one was being read.
    if (document.uploadStatus) throw alreadyUploaded();
    document.uploadStatus = true;
    document.file = { filename: file.filename, mimetype: file.mimetype, size };
    return ok(request.id, documentView(document));
  });
};
