import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorEnvelope,
  FlagIdParams,
  FlagListResponse,
  FlagResponse,
  type Role,
} from '@review-desk/contracts';

/** Analysts and seniors deal with what support flags for review. */
const reviewers: readonly Role[] = ['analyst', 'senior'];

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
};

const flagRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { store } = app.cases;

  app.get(
    '/',
    {
      config: { access: { roles: reviewers } },
      schema: {
        tags: ['flags'],
        summary: 'Open review flags raised by support, oldest first',
        response: { 200: FlagListResponse, ...errors },
      },
    },
    async () => ({ items: await store.openFlags() }),
  );

  app.post(
    '/:id/handled',
    {
      config: { access: { roles: reviewers } },
      schema: {
        tags: ['flags'],
        summary: 'Mark a review flag as dealt with (audited)',
        params: FlagIdParams,
        response: { 200: FlagResponse, ...errors },
      },
    },
    async (request) => {
      const user = request.user;
      const result = await store.handleFlag(request.params.id, {
        actor: { id: user.id, username: user.username, role: user.role },
        requestId: request.id,
      });
      return { ...result, case: null };
    },
  );
};

export default flagRoutes;
