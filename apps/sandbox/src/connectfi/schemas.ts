// Request body schemas (JSON Schema, validated with ajv so errors carry connectFi's ajv-style `context`).
// Where connectFi documents a field, the schema says exactly what the documentation says and no more: a
// documented "string" is a string, without format or length rules. /customer/init is only partly documented,
// so its layout is the sandbox's own: { "type": "individual" | "business", ...fields }.

import type { ConnectfiAddress, EntityStatus, JourneyOutcome, JourneyStatus } from './model';

export const documentTypes = [
  'contract',
  'license',
  'passport',
  'utility',
  'other',
  'internal',
  'identification_card',
  'residence_permit',
  'canada_provincial_id',
  'indigenous_card',
  'paystub',
  'bank_statement',
  'w2',
  '1099',
  '1120',
  '1065',
  't1',
  't4',
] as const;
export type DocumentType = (typeof documentTypes)[number];
export type DocumentView = 'front' | 'back' | 'selfie';

export interface GetTokenBody {
  user: { login: string; password: string };
  requestId?: string;
}

export const getTokenSchema = {
  type: 'object',
  required: ['user'],
  properties: {
    user: {
      type: 'object',
      required: ['login', 'password'],
      properties: { login: { type: 'string' }, password: { type: 'string' } },
    },
    requestId: { type: 'string' },
  },
};

const text = { type: 'string', minLength: 1 };

const addressSchema = {
  type: 'object',
  required: ['type', 'line1', 'city', 'state', 'postalCode', 'country'],
  properties: {
    type: { enum: ['PRIMARY', 'MAILING', 'BUSINESS'] },
    line1: text,
    line2: { type: 'string' },
    city: text,
    state: text,
    postalCode: text,
    country: text,
  },
};

/** At least one address, one of them PRIMARY: the sandbox triggers read the PRIMARY address. */
const addressesSchema = {
  type: 'array',
  minItems: 1,
  items: addressSchema,
  contains: { type: 'object', required: ['type'], properties: { type: { const: 'PRIMARY' } } },
};

const personProperties = {
  firstName: text,
  lastName: text,
  dateOfBirth: { type: 'string', format: 'date' },
  email: { type: 'string', format: 'email' },
  idNumber: text,
  addresses: addressesSchema,
};

export const customerTypeSchema = {
  type: 'object',
  required: ['type'],
  properties: { type: { enum: ['individual', 'business'] } },
};

export interface IndividualInitBody {
  type: 'individual';
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string;
  phone?: string;
  idNumber?: string;
  addresses: ConnectfiAddress[];
}

export const individualInitSchema = {
  type: 'object',
  required: ['firstName', 'lastName', 'dateOfBirth', 'email', 'addresses'],
  properties: { ...personProperties, phone: text },
};

export interface RepresentativeInitBody {
  id?: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string;
  idNumber?: string;
  ownershipPercent?: number;
  addresses: ConnectfiAddress[];
}

export interface BusinessInitBody {
  type: 'business';
  businessName: string;
  taxId: string;
  email: string;
  addresses: ConnectfiAddress[];
  businessRepresentatives: RepresentativeInitBody[];
}

export const businessInitSchema = {
  type: 'object',
  required: ['businessName', 'taxId', 'email', 'addresses', 'businessRepresentatives'],
  properties: {
    businessName: text,
    taxId: text,
    email: { type: 'string', format: 'email' },
    addresses: addressesSchema,
    businessRepresentatives: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['firstName', 'lastName', 'dateOfBirth', 'email', 'addresses'],
        properties: {
          ...personProperties,
          id: text,
          ownershipPercent: { type: 'number', minimum: 0, maximum: 100 },
        },
      },
    },
  },
};

export interface IdentificationBody {
  customerId: string;
  syncMode?: boolean | null;
  webhookURL?: string;
}

export const identificationSchema = {
  type: 'object',
  required: ['customerId'],
  properties: {
    customerId: { type: 'string' },
    syncMode: { type: ['boolean', 'null'] },
    webhookURL: { type: 'string' },
  },
};

export interface StatusBody {
  customerId: string;
  applicationId?: string;
}

export const statusSchema = {
  type: 'object',
  required: ['customerId'],
  properties: { customerId: { type: 'string' }, applicationId: { type: 'string' } },
};

export interface GenerateDocumentBody {
  workflow: 'BUSINESS' | 'PERSONAL';
  name: string;
  extension: 'jpg' | 'png';
  type: DocumentType;
  note?: string;
  note_author_agent_email?: string;
}

export const generateDocumentSchema = {
  type: 'object',
  required: ['workflow', 'name', 'extension', 'type'],
  properties: {
    workflow: { type: 'string', enum: ['BUSINESS', 'PERSONAL'] },
    name: { type: 'string' },
    extension: { type: 'string', enum: ['jpg', 'png'] },
    type: { type: 'string', enum: documentTypes },
    note: { type: 'string' },
    note_author_agent_email: { type: 'string' },
  },
};

export interface UpdateBody {
  customerId: string;
  documents?: { entityId: string; documentId: string; view: DocumentView }[];
}

export const updateSchema = {
  type: 'object',
  required: ['customerId'],
  properties: {
    customerId: { type: 'string' },
    documents: {
      type: 'array',
      items: {
        type: 'object',
        required: ['entityId', 'documentId', 'view'],
        properties: {
          entityId: { type: 'string' },
          documentId: { type: 'string' },
          view: { type: 'string', enum: ['front', 'back', 'selfie'] },
        },
      },
    },
  },
};

// Control API bodies (the sandbox's own, under /_sandbox).

export const journeyStatuses: JourneyStatus[] = [
  'pending_step_up',
  'pending_documents',
  'waiting_review',
  'pending_journey_application_review',
  'running',
  'data_request',
  'completed',
];
export const entityStatuses: EntityStatus[] = [
  'pending_step_up',
  'pending_documents',
  'waiting_review',
  'running',
  'completed',
];

export interface ResolveBody {
  outcome: 'Approved' | 'Denied';
}

export const resolveSchema = {
  type: 'object',
  required: ['outcome'],
  additionalProperties: false,
  properties: { outcome: { enum: ['Approved', 'Denied'] } },
};

export interface MoveJourneyBody {
  status: JourneyStatus;
  outcome?: JourneyOutcome;
  entityApplications?: { entityId: string; status: EntityStatus; outcome?: 'approved' | 'denied' | null }[];
}

export const moveJourneySchema = {
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: {
    status: { enum: journeyStatuses },
    outcome: { enum: ['Approved', 'Denied', null] },
    entityApplications: {
      type: 'array',
      items: {
        type: 'object',
        required: ['entityId', 'status'],
        additionalProperties: false,
        properties: {
          entityId: { type: 'string' },
          status: { enum: entityStatuses },
          outcome: { enum: ['approved', 'denied', null] },
        },
      },
    },
  },
};

export interface ReplayWebhooksBody {
  status?: JourneyStatus;
  url?: string;
}

export const replayWebhooksSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { status: { enum: journeyStatuses }, url: { type: 'string', format: 'uri' } },
};
