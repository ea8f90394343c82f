import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorEnvelope,
  LoginRequest,
  LogoutResponse,
  MeResponse,
  SessionResponse,
} from '@review-desk/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RequestOrigin } from '../../../auth/authenticator';
import { ApiError } from '../../../errors';
import { allRoles } from '../../../plugins/app/access';
import authConfigRoutes from './config';
import lockoutRoutes from './lockouts';
import oidcRoutes from './oidc';

const origin = (request: FastifyRequest): RequestOrigin => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
  requestId: request.id,
});

/** Sign-in, sign-out and the signed-in user. */
const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Only the routes below that ask for it (sign-in) are limited.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ApiError(
        429,
        'too_many_attempts',
        `Too many sign-in attempts from this address; try again ${context.after}`,
      ),
  });

  app.post(
    '/login',
    {
      config: { access: { public: true }, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in',
        description: 'Starts a session: sets the rd_session (httpOnly) and rd_csrf cookies.',
        body: LoginRequest,
        response: { 200: MeResponse, 401: ErrorEnvelope, 403: ErrorEnvelope, 429: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      if (!app.config.localLogin) {
        throw new ApiError(
          403,
          'local_login_off',
          'Sign-in with a password is turned off here; use single sign-on',
        );
      }
      const result = await app.authenticator.signIn(
        request.body.username,
        request.body.password,
        origin(request),
      );
      switch (result.outcome) {
        case 'signed_in':
          reply.setSessionCookies(result.token, result.csrfToken);
          return { user: result.user, csrfToken: result.csrfToken };
        case 'invalid_credentials':
          throw new ApiError(401, 'invalid_credentials', 'Username or password is incorrect');
        case 'locked':
          reply.header('retry-after', String(result.retryAfterSeconds));
          throw new ApiError(
            429,
            'too_many_attempts',
            `Too many failed sign-ins for this user; try again in ${result.retryAfterSeconds} s`,
            {
              retryAfterSeconds: result.retryAfterSeconds,
            },
          );
        case 'demo_user_refused':
          throw new ApiError(
            403,
            'demo_user_refused',
            'Demo accounts are disabled when Review Desk is connected to real providers',
          );
      }
    },
  );

  app.post(
    '/logout',
    {
      config: { access: { roles: allRoles } },
      schema: {
        tags: ['auth'],
        summary: 'Sign out',
        description:
          "Ends the session at once (its tokens stop working) and clears the cookies. A single sign-on session answers 200 with the provider's end-session URL, where the browser goes next to sign out there too.",
        response: { 200: LogoutResponse, 204: Type.Null(), 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const sso = app.sso;
      const ssoSession = sso ? await sso.sessions.idTokenOf(request.user.sessionId) : null;
      await app.authenticator.signOut(request.user, origin(request));
      reply.clearSessionCookies();
      if (sso && ssoSession?.sso) {
        const endSessionUrl = await sso.provider
          .endSessionUrl(ssoSession.idToken, sso.postLogoutRedirectUri)
          .catch((error: unknown) => {
            request.log.warn({ err: error }, 'no end-session URL from the identity provider');
            return null;
          });
        if (endSessionUrl) return reply.code(200).send({ endSessionUrl });
      }
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: { roles: allRoles, session: 'optional' } },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        description:
          'The session probe: the signed-in user and the CSRF token, or `{ user: null }` without a session cookie. A cookie whose session ended answers 401.',
        response: { 200: SessionResponse, 401: ErrorEnvelope },
      },
    },
    async (request): Promise<SessionResponse> => {
      // Unset when the request carries no session cookie (plugins/app/auth.ts).
      if (!request.user) return { user: null };
      const { id, username, displayName, role, sessionId } = request.user;
      return { user: { id, username, displayName, role }, csrfToken: app.authenticator.csrfToken(sessionId) };
    },
  );

  await app.register(authConfigRoutes, { prefix: '/config' });
  await app.register(lockoutRoutes, { prefix: '/lockouts' });
  await app.register(oidcRoutes, { prefix: '/oidc' });
};

export default authRoutes;
