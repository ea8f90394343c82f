import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DeliveryListResponse,
  deliveryStatuses,
  ErrorEnvelope,
  OutboundDeliveryListResponse,
  OutboundDeliveryQuery,
  ReconcileResponse,
  StringEnum,
  WebhookUrlsResponse,
} from '@review-desk/contracts';
import { Type } from '@sinclair/typebox';
import { toDeliverySummary, toOutboundDelivery } from './views';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };
const admin = { access: { roles: ['admin'] as const } };

/**
 * Admin views of the webhook traffic (registered under /api): deliveries in and out, the URLs to give the
 * providers, and reconciliation on demand.
 */
const deliveryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/deliveries/inbound',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Provider webhook deliveries in one status, newest first',
        querystring: Type.Object({ status: StringEnum(deliveryStatuses) }, { additionalProperties: false }),
        response: { 200: DeliveryListResponse, ...errors },
      },
    },
    async (request) => ({
      items: (await app.deliveries.intake.list(request.query.status)).map(toDeliverySummary),
    }),
  );

  app.get(
    '/deliveries/outbound',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Decision webhooks sent to the organisation, newest first',
        querystring: OutboundDeliveryQuery,
        response: { 200: OutboundDeliveryListResponse, ...errors },
      },
    },
    async (request) => {
      const outbound = app.deliveries.decisionWebhook;
      if (!outbound) return { items: [] };
      return { items: (await outbound.list(request.query.status)).map(toOutboundDelivery) };
    },
  );

  app.get(
    '/webhooks/urls',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'The webhook URLs to give the providers',
        response: { 200: WebhookUrlsResponse, ...errors },
      },
    },
    async () => ({
      capa: `${app.config.publicUrl}/webhooks/capa`,
      connectfi: `${app.config.publicUrl}/webhooks/connectfi/${app.config.connectfi.webhookSecret}`,
    }),
  );

  app.post(
    '/reconcile',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Re-read every subject with an open case from its provider now',
        response: { 200: ReconcileResponse, ...errors },
      },
    },
    async () => app.deliveries.reconciler.run(),
  );
};

export default deliveryRoutes;
