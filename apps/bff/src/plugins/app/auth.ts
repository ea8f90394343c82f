import cookie from '@fastify/cookie';
import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type AccessClaims, sessionCookie } from '../../auth/access-token';
import { type AuthenticatedUser, Authenticator } from '../../auth/authenticator';
import { csrfCookie, csrfHeader, csrfTokenMatches } from '../../auth/csrf';
import { seedDemoUsers } from '../../auth/demo-users';
import { ApiError } from '../../errors';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
    user: AuthenticatedUser;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Sign-in, sign-out and per-request authentication against server-side sessions. */
    authenticator: Authenticator;
  }
  interface FastifyReply {
    /** Sets the session cookie (httpOnly) and the CSRF cookie (readable by the SPA). */
    setSessionCookies(token: string, csrfToken: string): FastifyReply;
    clearSessionCookies(): FastifyReply;
  }
}

export interface AuthOptions {
  /** The clock sessions and tokens are judged by, in epoch milliseconds; tests move it. */
  now?: () => number;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authentication by prefix, authorisation per route: every route that declares `config.access.roles` needs a
 * live session whose user has one of those roles, and a CSRF token on state-changing methods. Public and
 * machine-authenticated routes (webhooks) pass through.
 */
export default fp(
  async function auth(app: FastifyInstance, opts: AuthOptions) {
    const { config } = app;
    await app.register(cookie);
    await app.register(jwt, {
      secret: config.jwtSecret,
      sign: { algorithm: 'HS256' },
      // Only HS256 verifies (no 'none', no algorithm confusion). Expiry is judged by the authenticator with
      // the app's clock, because an expired token renews while its session is still alive.
      verify: { algorithms: ['HS256'], ignoreExpiration: true },
    });
    if (config.mode === 'embedded') await seedDemoUsers(app.db);

    const authenticator = new Authenticator(
      app.db,
      { sign: (claims) => app.jwt.sign(claims), verify: (token) => app.jwt.verify<object>(token) },
      {
        policy: { idleMs: config.sessionIdleMinutes * 60_000, maxMs: config.sessionMaxHours * 3_600_000 },
        tokenTtlSeconds: config.accessTokenTtlSeconds,
        secret: config.jwtSecret,
        demoUsersAllowed: config.mode === 'embedded',
        now: opts.now ?? Date.now,
      },
    );
    app.decorate('authenticator', authenticator);

    const cookieOptions = {
      path: '/',
      sameSite: 'strict',
      secure: config.cookieSecure,
      // The cookie outlives each short token: an expired token still renews within the session's life.
      maxAge: config.sessionMaxHours * 3600,
    } as const;
    app.decorateReply('setSessionCookies', function (this: FastifyReply, token: string, csrfToken: string) {
      return this.setCookie(sessionCookie, token, { ...cookieOptions, httpOnly: true }).setCookie(
        csrfCookie,
        csrfToken,
        { ...cookieOptions, httpOnly: false },
      );
    });
    app.decorateReply('clearSessionCookies', function (this: FastifyReply) {
      const { maxAge: _, ...clearOptions } = cookieOptions;
      return this.clearCookie(sessionCookie, { ...clearOptions, httpOnly: true }).clearCookie(
        csrfCookie,
        clearOptions,
      );
    });

    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const access = request.routeOptions.config.access;
      if (!access || !('roles' in access)) return;
      // No session cookie at all: a route that takes an optional session answers the signed-out caller itself.
      // A cookie that no longer holds a live session is still refused, so the SPA learns that it expired.
      if (access.session === 'optional' && !request.cookies[sessionCookie]) return;

      let user: AuthenticatedUser;
      try {
        const authentication = await authenticator.authenticate(request.cookies[sessionCookie]);
        user = authentication.user;
        if (authentication.renewedToken) {
          reply.setSessionCookies(authentication.renewedToken, authenticator.csrfToken(user.sessionId));
        }
      } catch (error) {
        if (request.cookies[sessionCookie]) reply.clearSessionCookies();
        throw error;
      }
      request.user = user;

      if (!safeMethods.has(request.method)) {
        const expected = authenticator.csrfToken(user.sessionId);
        if (!csrfTokenMatches(expected, request.headers[csrfHeader])) {
          throw new ApiError(403, 'csrf_failed', `Missing or wrong ${csrfHeader} header; reload the page`);
        }
      }
      if (!access.roles.includes(user.role)) {
        throw new ApiError(403, 'forbidden', 'Your role may not do this');
      }
    });
  },
  { name: 'auth', dependencies: ['db', 'access'] },
);
