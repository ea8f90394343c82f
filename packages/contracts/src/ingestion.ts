import { type Static, Type } from '@sinclair/typebox';
import { Provider } from './case-view';
import { NullableString, StringEnum } from './case-view/primitives';

/**
 * Provider webhooks and the subject directory: the admin views of deliveries, the directory import from the
 * organisation's core system, the webhook URLs to give the providers, and reconciliation.
 */

export const deliveryStatuses = ['pending', 'processed', 'unmatched', 'failed'] as const;
export const outboundStatuses = ['pending', 'delivered', 'failed'] as const;

/** What a provider's webhook delivery is answered with once it is stored. */
export const WebhookAck = Type.Object(
  {
    received: Type.Literal(true),
    duplicate: Type.Boolean({ description: 'The same delivery (same content) was received before' }),
  },
  { $id: 'WebhookAck' },
);
export type WebhookAck = Static<typeof WebhookAck>;

/* @__NO_SIDE_EFFECTS__ */ const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });

/** A business representative as the organisation knows them, by the entityId of the business's KYB journey. */
export const DirectoryRepresentativeInput = Type.Object(
  {
    entityId: Text(200, "The representative's entityId in the business's connectFi journey"),
    displayName: Type.Optional(Type.Union([Text(500), Type.Null()])),
    birthDate: Type.Optional(Type.Union([Text(40), Type.Null()])),
    idNumber: Type.Optional(Type.Union([Text(100), Type.Null()])),
  },
  { additionalProperties: false },
);
export type DirectoryRepresentativeInput = Static<typeof DirectoryRepresentativeInput>;

export const DirectoryEntryInput = Type.Object(
  {
    provider: Provider,
    externalUserId: Type.Union([Text(200), Type.Null()], {
      description:
        "The organisation's own id for the customer, as the provider echoes it; null when it has none",
    }),
    subjectId: Text(200, 'Capa userId or connectFi customerId'),
    displayName: Type.Optional(Type.Union([Text(500), Type.Null()])),
    birthDate: Type.Optional(Type.Union([Text(40), Type.Null()])),
    idNumber: Type.Optional(Type.Union([Text(100), Type.Null()])),
    email: Type.Optional(Type.Union([Text(320), Type.Null()])),
    representatives: Type.Optional(
      Type.Array(DirectoryRepresentativeInput, {
        maxItems: 20,
        description:
          "A business's representatives; when sent, they replace the ones the directory held for it",
      }),
    ),
  },
  { additionalProperties: false },
);
export type DirectoryEntryInput = Static<typeof DirectoryEntryInput>;

export const maxDirectoryImport = 5_000;

export const DirectoryImportBody = Type.Object(
  { entries: Type.Array(DirectoryEntryInput, { minItems: 1, maxItems: maxDirectoryImport }) },
  { additionalProperties: false, $id: 'DirectoryImportBody' },
);
export type DirectoryImportBody = Static<typeof DirectoryImportBody>;

export const DirectoryImportResponse = Type.Object(
  {
    imported: Type.Integer({ description: 'Entries inserted or updated' }),
    requeued: Type.Integer({
      description: 'Unmatched deliveries that now map to a subject and were queued again',
    }),
  },
  { $id: 'DirectoryImportResponse' },
);
export type DirectoryImportResponse = Static<typeof DirectoryImportResponse>;

export const DeliverySummary = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    provider: Provider,
    receivedAt: Type.String({ format: 'date-time' }),
    contentHash: Type.String(),
    externalUserId: NullableString('The id the delivery names (Capa externalUserId, connectFi customerId)'),
    status: StringEnum(deliveryStatuses),
    attempts: Type.Integer(),
    lastError: NullableString(),
    processedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'DeliverySummary' },
);
export type DeliverySummary = Static<typeof DeliverySummary>;

export const DeliveryListResponse = Type.Object(
  { items: Type.Array(DeliverySummary) },
  { $id: 'DeliveryListResponse' },
);
export type DeliveryListResponse = Static<typeof DeliveryListResponse>;

export const WebhookUrlsResponse = Type.Object(
  {
    capa: Type.String({ description: 'Give this to Capa (webhook settings); deliveries are signed' }),
    connectfi: Type.String({
      description: 'Give this to connectFi as webhookURL; the path carries the secret',
    }),
  },
  { $id: 'WebhookUrlsResponse' },
);
export type WebhookUrlsResponse = Static<typeof WebhookUrlsResponse>;

export const ReconcileResponse = Type.Object(
  {
    checked: Type.Integer({ description: 'Subjects with an open case re-read from their provider' }),
    changed: Type.Integer({ description: 'Cases the provider had moved on' }),
    closed: Type.Integer({ description: 'Cases closed as resolved upstream' }),
    failed: Type.Integer({ description: 'Cases whose provider could not be read this time' }),
  },
  { $id: 'ReconcileResponse' },
);
export type ReconcileResponse = Static<typeof ReconcileResponse>;

export const OutboundDeliveryQuery = Type.Object(
  { status: Type.Optional(StringEnum(outboundStatuses)) },
  { additionalProperties: false },
);

export const OutboundDelivery = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    caseId: Type.String({ format: 'uuid' }),
    url: Type.String(),
    status: StringEnum(outboundStatuses),
    attempts: Type.Integer(),
    lastError: NullableString(),
    createdAt: Type.String({ format: 'date-time' }),
    deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'OutboundDelivery' },
);
export type OutboundDelivery = Static<typeof OutboundDelivery>;

export const OutboundDeliveryListResponse = Type.Object(
  { items: Type.Array(OutboundDelivery) },
  { $id: 'OutboundDeliveryListResponse' },
);
export type OutboundDeliveryListResponse = Static<typeof OutboundDeliveryListResponse>;
