import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorEnvelope, ReconcileResponse } from '@review-desk/contracts';

/** Reconciliation on demand (registered under /api/reconcile); it also runs on a timer. */
const reconcileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['webhooks'],
        summary: 'Re-read every subject with an open case from its provider now',
        response: { 200: ReconcileResponse, 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async () => app.deliveries.reconciler.run(),
  );
};

export default reconcileRoutes;
