import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type OidcFetch, OidcProviderClient } from '../../auth/oidc/provider-client';
import { Sealer } from '../../auth/oidc/sealed';
import { SsoSessions } from '../../auth/oidc/session-check';
import type { OidcSettings } from '../../auth/oidc/settings';
import { ApiError } from '../../errors';

export interface SingleSignOn {
  settings: OidcSettings;
  provider: OidcProviderClient;
  sessions: SsoSessions;
  /** Seals the flow's state (PKCE verifier, state, nonce) into the browser's short-lived cookie. */
  flowSealer: Sealer;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Single sign-on through the organisation's OpenID provider; null when OIDC_ISSUER is not set. */
    sso: SingleSignOn | null;
  }
}

export interface SsoOptions {
  /** The clock sessions are judged by (tests move it). */
  now?: (() => number) | undefined;
  /** How openid-client reaches the provider (tests tamper with its answers). */
  fetch?: OidcFetch | undefined;
}

/**
 * Single sign-on (OpenID Connect). Sessions it opens are the desk's own sessions; on top of the usual checks,
 * each is re-checked with the provider when the provider's access token runs out (see SsoSessions).
 */
export default fp(
  async function sso(app: FastifyInstance, opts: SsoOptions) {
    const settings = app.config.oidc;
    if (!settings) {
      app.decorate('sso', null);
      return;
    }
    const redirectUri = `${app.config.publicUrl}/api/auth/oidc/callback`;
    const provider = new OidcProviderClient(settings, redirectUri, opts.fetch);
    const sessions = new SsoSessions(
      app.db,
      provider,
      settings,
      new Sealer(app.config.jwtSecret, 'oidc-tokens'),
      app.log,
    );
    app.decorate('sso', {
      settings,
      provider,
      sessions,
      flowSealer: new Sealer(app.config.jwtSecret, 'oidc-flow'),
      redirectUri,
      postLogoutRedirectUri: `${app.config.publicUrl}/login`,
    });
    const now = opts.now ?? Date.now;

    // After auth's own hook (registered earlier), for requests it authenticated.
    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const access = request.routeOptions.config.access;
      if (!access || !('roles' in access) || !request.user?.sessionId) return;
      const { user } = request;
      if (await sessions.stillValid(user.sessionId, user, now())) return;
      app.authenticator.forget(user.sessionId);
      reply.clearSessionCookies();
      throw new ApiError(401, 'unauthenticated', 'Sign in to continue', { reason: 'session_ended' });
    });
  },
  { name: 'sso', dependencies: ['db', 'auth'] },
);
