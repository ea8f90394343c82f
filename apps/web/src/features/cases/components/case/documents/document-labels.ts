import type { ConnectfiDocumentType, DocumentView, DocumentWorkflow } from '@review-desk/contracts';

export const documentTypeLabels: Record<ConnectfiDocumentType, string> = {
  license: 'Driving licence',
  passport: 'Passport',
  identification_card: 'Identity card',
  residence_permit: 'Residence permit',
  utility: 'Utility bill',
  bank_statement: 'Bank statement',
  contract: 'Contract',
  other: 'Other',
  internal: 'Internal',
  canada_provincial_id: 'Canadian provincial ID',
  indigenous_card: 'Indigenous card',
  paystub: 'Pay stub',
  w2: 'W-2',
  '1099': '1099',
  '1120': '1120',
  '1065': '1065',
  t1: 'T1',
  t4: 'T4',
};

export const documentViewLabels: Record<DocumentView, string> = {
  front: 'Front',
  back: 'Back',
  selfie: 'Selfie',
};

export const workflowLabels: Record<DocumentWorkflow, string> = {
  PERSONAL: 'Personal (a person)',
  BUSINESS: 'Business (the company)',
};

/** Someone documents can be sent for: the customer or one of its business representatives. */
export interface DocumentEntity {
  entityId: string;
  label: string;
  /** The workflow its documents usually belong to. */
  workflow: DocumentWorkflow;
}
