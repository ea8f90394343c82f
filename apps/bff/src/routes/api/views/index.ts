import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorEnvelope,
  type Role,
  SavedViewListResponse,
  SavedViewResponse,
  SaveViewRequest,
  UpdateViewRequest,
  ViewIdParams,
} from '@review-desk/contracts';
import { Type } from '@sinclair/typebox';
import { savedViews } from '../../../cases/saved-views';

/** Everyone who works from the queue keeps views there; a view holds filters, never case data. */
const queueUsers: readonly Role[] = ['analyst', 'senior', 'support', 'admin'];

const errors = { 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope };

/** Saved queue views, per person, shared with the team when the owner chooses. */
const viewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const views = savedViews(app.db);

  app.get(
    '/',
    {
      config: { access: { roles: queueUsers } },
      schema: {
        tags: ['views'],
        summary: 'Your saved queue views, and the ones others shared with the team',
        response: { 200: SavedViewListResponse, ...errors },
      },
    },
    async (request) => views.list(request.user.id),
  );

  app.post(
    '/',
    {
      config: { access: { roles: queueUsers } },
      schema: {
        tags: ['views'],
        summary: 'Save the queue’s current set-up under a name (replacing a view of yours of that name)',
        body: SaveViewRequest,
        response: { 200: SavedViewResponse, 409: ErrorEnvelope, ...errors },
      },
    },
    async (request) => ({ view: await views.save(request.user.id, request.body) }),
  );

  app.patch(
    '/:id',
    {
      config: { access: { roles: queueUsers } },
      schema: {
        tags: ['views'],
        summary: 'Rename a view of yours, or share it with the team or stop sharing it',
        params: ViewIdParams,
        body: UpdateViewRequest,
        response: { 200: SavedViewResponse, 404: ErrorEnvelope, 409: ErrorEnvelope, ...errors },
      },
    },
    async (request) => ({ view: await views.update(request.user.id, request.params.id, request.body) }),
  );

  app.delete(
    '/:id',
    {
      config: { access: { roles: queueUsers } },
      schema: {
        tags: ['views'],
        summary: 'Delete a view of yours',
        params: ViewIdParams,
        response: { 204: Type.Null(), 404: ErrorEnvelope, ...errors },
      },
    },
    async (request, reply) => {
      await views.remove(request.user.id, request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default viewRoutes;
