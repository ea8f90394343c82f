import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DeliveryListResponse,
  DirectoryImportBody,
  DirectoryImportResponse,
  ErrorEnvelope,
} from '@review-desk/contracts';
import { toDeliverySummary } from '../deliveries/views';

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };

/** The organisation's subject directory: imported from its core system, used to match webhooks to subjects. */
const directoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/import',
    {
      config: { access: { roles: ['admin'] } },
      // 5,000 entries with every field at its longest stay well under this; long lists of representatives on
      // every entry may not, and are refused with 413 (send them in smaller calls).
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags: ['directory'],
        summary:
          'Insert or update directory entries (up to 5,000 per call); re-queues deliveries that now match, and reads the Capa users for businesses in KYB review',
        body: DirectoryImportBody,
        response: { 200: DirectoryImportResponse, ...errors },
      },
    },
    async (request) => {
      const imported = await app.deliveries.directory.upsert(request.body.entries);
      const requeued = await app.deliveries.intake.requeueMatched();
      for (const id of requeued) app.deliveries.worker.enqueue(id);
      // Capa sends no KYB webhook: its businesses in KYB review are found by reading the imported users.
      app.deliveries.kybSweep.start(
        request.body.entries.filter((entry) => entry.provider === 'capa').map((entry) => entry.subjectId),
      );
      request.log.info({ imported, requeued: requeued.length }, 'subject directory imported');
      return { imported, requeued: requeued.length };
    },
  );

  app.get(
    '/unmatched',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['directory'],
        summary: 'Webhook deliveries naming a customer the directory does not know, newest first',
        response: { 200: DeliveryListResponse, ...errors },
      },
    },
    async () => ({ items: (await app.deliveries.intake.list('unmatched')).map(toDeliverySummary) }),
  );
};

export default directoryRoutes;
