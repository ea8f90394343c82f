import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorEnvelope, LockoutListResponse } from '@review-desk/contracts';

/** Admins see who is kept from signing in by failed attempts (a stranger guessing, or a forgotten password). */
const lockoutRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['auth'],
        summary: 'Sign-in lock-outs (per user and address) and slow-downs (per user) now',
        response: { 200: LockoutListResponse, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async () => ({
      items: app.authenticator.lockouts().map(({ retryAfterMs, ...lockout }) => ({
        ...lockout,
        retryAfterSeconds: Math.ceil(retryAfterMs / 1000),
      })),
    }),
  );
};

export default lockoutRoutes;
