import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DeliveryListResponse,
  deliveryStatuses,
  ErrorEnvelope,
  OutboundDeliveryListResponse,
  OutboundDeliveryQuery,
  StringEnum,
} from '@review-desk/contracts';
import { Type } from '@sinclair/typebox';
import { toDeliverySummary, toOutboundDelivery } from './views';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };
const admin = { access: { roles: ['admin'] as const } };

/** Admin views of the webhook traffic (registered under /api/deliveries): deliveries in and out. */
const deliveryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/inbound',
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
    '/outbound',
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
};

export default deliveryRoutes;
