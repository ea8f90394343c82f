import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DeliveryListResponse,
  DeliverySummary,
  deliveryStatuses,
  ErrorEnvelope,
  OutboundDelivery,
  OutboundDeliveryListResponse,
  OutboundDeliveryQuery,
  StringEnum,
} from '@review-desk/contracts';
import { Type } from '@sinclair/typebox';
import { ApiError } from '../../../errors';
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

  app.post(
    '/inbound/:id/retry',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Process a failed or unmatched provider delivery once more, now (audited)',
        description:
          'The delivery is pending again with a fresh count of attempts; the answer is its new state.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 200: DeliverySummary, 404: ErrorEnvelope, 409: ErrorEnvelope, ...errors },
      },
    },
    async (request) => {
      const { intake, worker } = app.deliveries;
      const before = await intake.retry(request.params.id);
      if (before === 'not_found') {
        throw new ApiError(404, 'delivery_not_found', 'No inbound delivery has this id');
      }
      if (before === 'not_retryable') {
        throw new ApiError(
          409,
          'delivery_not_retryable',
          'Only a failed or unmatched delivery can be retried',
        );
      }
      await app.audit(request, {
        action: 'delivery.requeued',
        details: {
          deliveryId: before.id,
          provider: before.provider,
          previousStatus: before.status,
          attempts: before.attempts,
        },
      });
      worker.enqueue(before.id);
      return toDeliverySummary({ ...before, status: 'pending', attempts: 0, last_error: null });
    },
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

  app.post(
    '/outbound/:id/retry',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Send a failed decision webhook once more, now (audited)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 200: OutboundDelivery, 404: ErrorEnvelope, 409: ErrorEnvelope, ...errors },
      },
    },
    async (request) => {
      const outbound = app.deliveries.decisionWebhook;
      const result = outbound ? await outbound.retry(request.params.id) : 'not_found';
      if (result === 'not_found') {
        throw new ApiError(404, 'delivery_not_found', 'No outbound delivery has this id');
      }
      if (result === 'not_failed') {
        throw new ApiError(409, 'delivery_not_failed', 'Only a failed delivery can be retried');
      }
      await app.audit(request, {
        action: 'delivery.retried',
        caseId: result.case_id,
        details: { deliveryId: result.id, attempts: result.attempts },
      });
      return toOutboundDelivery(result);
    },
  );
};

export default deliveryRoutes;
