import type { FastifyPluginAsync } from 'fastify';
import { type AkepaJourneys, journeyView } from '../akepa';
import { ok } from '../envelope';
import {
  type IdentificationBody,
  identificationSchema,
  type StatusBody,
  statusSchema,
  type UpdateBody,
  updateSchema,
} from '../schemas';

/** /akepa/identification, /akepa/status (GET and POST forms) and /akepa/update. */
export const akepaRoutes: FastifyPluginAsync<{ journeys: AkepaJourneys }> = async (app, { journeys }) => {
  app.post<{ Body: IdentificationBody }>(
    '/akepa/identification',
    { schema: { body: identificationSchema } },
    async (request) => ok(request.id, journeyView(journeys.identify(request.body))),
  );

  app.get<{ Params: { customerId: string } }>('/akepa/status/:customerId', async (request) =>
    ok(request.id, journeyView(journeys.find(request.params.customerId))),
  );

  app.post<{ Body: StatusBody }>('/akepa/status', { schema: { body: statusSchema } }, async (request) =>
    ok(request.id, journeyView(journeys.find(request.body.customerId, request.body.applicationId))),
  );

  app.post<{ Body: UpdateBody }>('/akepa/update', { schema: { body: updateSchema } }, async (request) =>
    ok(request.id, journeyView(journeys.update(request.body))),
  );
};
