import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorEnvelope, WebhookUrlsResponse } from '@review-desk/contracts';

/** What admins give the providers (registered under /api/webhooks); the receivers are in routes/webhooks. */
const webhookSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/urls',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['webhooks'],
        summary: 'The webhook URLs to give the providers',
        response: { 200: WebhookUrlsResponse, 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async () => ({
      capa: `${app.config.publicUrl}/webhooks/capa`,
      connectfi: `${app.config.publicUrl}/webhooks/connectfi/${app.config.connectfi.webhookSecret}`,
    }),
  );
};

export default webhookSettingsRoutes;
