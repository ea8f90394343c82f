import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '../case-view/primitives';

/** connectFi's document types (`/akepa/document/generate`, `type`). */
export const connectfiDocumentTypes = [
  'license',
  'passport',
  'identification_card',
  'residence_permit',
  'utility',
  'bank_statement',
  'contract',
  'other',
  'internal',
  'canada_provincial_id',
  'indigenous_card',
  'paystub',
  'w2',
  '1099',
  '1120',
  '1065',
  't1',
  't4',
] as const;
export type ConnectfiDocumentType = (typeof connectfiDocumentTypes)[number];
export const ConnectfiDocumentType = StringEnum(connectfiDocumentTypes, {
  description: "connectFi's document type",
});

export const documentWorkflows = ['PERSONAL', 'BUSINESS'] as const;
export type DocumentWorkflow = (typeof documentWorkflows)[number];
export const DocumentWorkflow = StringEnum(documentWorkflows, {
  description: 'PERSONAL for a person (a licence, a passport); BUSINESS for a business document',
});

export const documentViews = ['front', 'back', 'selfie'] as const;
export type DocumentView = (typeof documentViews)[number];
export const DocumentView = StringEnum(documentViews, { description: 'The side or kind of image' });

export const documentStatuses = ['generated', 'uploaded', 'attached'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];
export const DocumentStatus = StringEnum(documentStatuses, {
  description:
    'generated: connectFi gave it an id but has no file yet (retry the upload); uploaded: connectFi holds the file; attached: linked to the journey with /akepa/update',
});

/** One document the desk sent to connectFi for a case. */
export const CaseDocument = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    documentId: Type.Union([Type.String(), Type.Null()], {
      description: "connectFi's document id; null until connectFi generated one",
    }),
    entityId: Type.String({ description: 'The customer, or one of the business representatives' }),
    workflow: DocumentWorkflow,
    type: ConnectfiDocumentType,
    view: DocumentView,
    note: Type.Union([Type.String(), Type.Null()]),
    fileName: Type.String(),
    format: StringEnum(['jpeg', 'png'] as const, { description: 'Told by the bytes of the file' }),
    sizeBytes: Type.Integer({ minimum: 1 }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    status: DocumentStatus,
    lastError: Type.Union([Type.String(), Type.Null()], {
      description: 'Why the last step failed, when it did',
    }),
    uploadedBy: Type.Object({ id: Type.String(), displayName: Type.String() }),
    createdAt: Type.String({ format: 'date-time' }),
    uploadedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    attachedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'CaseDocument', description: 'A document sent to connectFi from the desk' },
);
export type CaseDocument = Static<typeof CaseDocument>;

export const CaseDocumentList = Type.Object(
  { documents: Type.Array(CaseDocument) },
  { $id: 'CaseDocumentList', description: "The case's documents, oldest first" },
);
export type CaseDocumentList = Static<typeof CaseDocumentList>;

export const DocumentUploadResponse = Type.Object(
  {
    document: CaseDocument,
    documentId: Type.String({ description: "connectFi's document id" }),
    uploadStatus: Type.Boolean({ description: "connectFi's uploadStatus: true once it holds the file" }),
  },
  { $id: 'DocumentUploadResponse' },
);
export type DocumentUploadResponse = Static<typeof DocumentUploadResponse>;

export const DocumentAttachRequest = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The case version the request was made against' }),
    entityId: Type.String({ minLength: 1, maxLength: 200 }),
    documents: Type.Array(
      Type.Object(
        { documentId: Type.String({ minLength: 1, maxLength: 200 }), view: DocumentView },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10 },
    ),
  },
  {
    $id: 'DocumentAttachRequest',
    additionalProperties: false,
    description: 'Link uploaded documents to the entity with /akepa/update',
  },
);
export type DocumentAttachRequest = Static<typeof DocumentAttachRequest>;

export const DocumentAttachResponse = Type.Object(
  {
    documents: Type.Array(CaseDocument),
    journey: Type.Object({
      status: Type.String({ description: "The journey's status in connectFi's answer" }),
      outcome: Type.Union([Type.String(), Type.Null()]),
    }),
  },
  { $id: 'DocumentAttachResponse' },
);
export type DocumentAttachResponse = Static<typeof DocumentAttachResponse>;
