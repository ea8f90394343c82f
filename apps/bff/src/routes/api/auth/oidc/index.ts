import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorEnvelope, SsoSettingsResponse } from '@review-desk/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { provisionUser } from '../../../../auth/oidc/accounts';
import { appendAudit } from '../../../../db/audit';
import { ApiError } from '../../../../errors';
import type { SingleSignOn } from '../../../../plugins/app/sso';
import { ssoProblemPage } from './page';

const flowCookie = 'rd_oidc';
const flowLifetimeSeconds = 600;

interface Flow {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
  expiresAt: number;
}

/** A path inside the desk to return to after sign-in; anything else (another origin, `//host`) is `/`. */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500) return '/';
  return /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

const isNetworkFailure = (error: unknown) =>
  error instanceof TypeError ||
  (error instanceof Error && error.name === 'AbortError') ||
  (error instanceof Error && error.name === 'TimeoutError');

/** Single sign-on: start (a redirect to the provider), complete (the provider's redirect back), settings. */
const oidcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const configured = (): SingleSignOn => {
    if (!app.sso) throw new ApiError(404, 'not_found', 'Single sign-on is not configured');
    return app.sso;
  };
  const cookieOptions = {
    path: '/api/auth/oidc',
    httpOnly: true,
    // The provider sends the browser back with a top-level GET from its own site: Strict would drop it.
    sameSite: 'lax',
    secure: app.config.cookieSecure,
  } as const;

  app.get(
    '/login',
    {
      config: { access: { public: true }, rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Start single sign-on',
        description: "Redirects to the organisation's identity provider (authorization code flow with PKCE).",
        querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 500 })) }),
        response: { 404: ErrorEnvelope, 429: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const sso = configured();
      let started: Awaited<ReturnType<typeof sso.provider.start>>;
      try {
        started = await sso.provider.start();
      } catch (error) {
        request.log.error({ err: error }, 'the identity provider could not be reached to start a sign-in');
        return ssoProblemPage(
          reply,
          502,
          'Sign-in is unavailable',
          `${sso.settings.providerName} could not be reached. Try again in a moment.`,
        );
      }
      const flow: Flow = {
        state: started.state,
        nonce: started.nonce,
        codeVerifier: started.codeVerifier,
        next: safeNext(request.query.next),
        expiresAt: Date.now() + flowLifetimeSeconds * 1000,
      };
      reply.setCookie(flowCookie, sso.flowSealer.seal(JSON.stringify(flow)), {
        ...cookieOptions,
        maxAge: flowLifetimeSeconds,
      });
      return reply.header('cache-control', 'no-store').redirect(started.url.toString(), 302);
    },
  );

  app.get(
    '/callback',
    {
      config: { access: { public: true }, rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Complete single sign-on',
        description:
          'Where the identity provider sends the browser back. Validates the answer and the ID token, provisions the user, starts a session and redirects into the desk; otherwise a page saying what went wrong.',
        querystring: Type.Record(Type.String(), Type.String({ maxLength: 4096 })),
        response: { 404: ErrorEnvelope, 429: ErrorEnvelope },
      },
    },
    async (request, reply) => completeSignIn(configured(), request, reply),
  );

  async function completeSignIn(sso: SingleSignOn, request: FastifyRequest, reply: FastifyReply) {
    const name = sso.settings.providerName;
    const sealed = request.cookies[flowCookie];
    reply.clearCookie(flowCookie, cookieOptions);
    const opened = sealed ? sso.flowSealer.open(sealed) : null;
    const flow = opened ? (JSON.parse(opened) as Flow) : null;
    const query = request.query as Record<string, string>;
    if (query.error) {
      request.log.warn({ error: query.error }, 'the identity provider refused a sign-in');
      return ssoProblemPage(
        reply,
        403,
        'Sign-in refused',
        `${name} did not sign you in: ${query.error_description ?? query.error}.`,
      );
    }
    if (!flow || flow.expiresAt < Date.now()) {
      return ssoProblemPage(
        reply,
        400,
        'Sign-in expired',
        'This sign-in was started too long ago, in another browser, or was already used. Start again.',
      );
    }

    const callbackUrl = new URL(sso.redirectUri);
    callbackUrl.search = new URL(request.url, 'http://callback').search;
    let tokens: Awaited<ReturnType<typeof sso.provider.complete>>;
    try {
      tokens = await sso.provider.complete(callbackUrl, flow);
    } catch (error) {
      if (isNetworkFailure(error)) {
        request.log.error({ err: error }, 'the identity provider could not be reached to complete a sign-in');
        return ssoProblemPage(
          reply,
          502,
          'Sign-in is unavailable',
          `${name} could not be reached. Try again.`,
        );
      }
      const code =
        error instanceof client.ResponseBodyError ? error.error : (error as { code?: string }).code;
      request.log.warn(
        { code, reason: (error as Error).message },
        'a single sign-on answer failed validation',
      );
      await app.db.transaction().execute((trx) =>
        appendAudit(trx, {
          actorUserId: null,
          actorUsername: '(unknown)',
          action: 'auth.login_failed',
          requestId: request.id,
          details: { reason: 'sso_answer_invalid', ip: request.ip },
        }),
      );
      return ssoProblemPage(
        reply,
        401,
        'Sign-in could not be verified',
        `The answer from ${name} could not be verified, so you were not signed in. Start again; if it keeps happening, give IT the reference below.`,
      );
    }

    const provisioned = await provisionUser(app.db, sso.settings, tokens.claims, new Date());
    if (provisioned.outcome === 'no_mapped_group') {
      return ssoProblemPage(
        reply,
        403,
        'No access to Review Desk',
        `You signed in to ${name}, but your account is not in any group that gives access to Review Desk. Ask IT to add you to the right group.`,
      );
    }
    if (provisioned.outcome === 'disabled') {
      return ssoProblemPage(
        reply,
        403,
        'Account disabled',
        'Your Review Desk account is disabled. Ask an administrator to enable it.',
      );
    }
    const signedIn = await app.authenticator.openSession(
      provisioned.user,
      originOf(request),
      { method: 'single_sign_on' },
      (trx, sessionId) => sso.sessions.remember(trx, sessionId, tokens, Date.now()),
    );
    reply.setSessionCookies(signedIn.token, signedIn.csrfToken);
    return reply.header('cache-control', 'no-store').redirect(flow.next, 302);
  }

  app.get(
    '/settings',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['auth'],
        summary: 'Single sign-on settings',
        description:
          'The identity provider, the claim holding the groups and the group-to-role map (admins).',
        response: { 200: SsoSettingsResponse, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async () => {
      const sso = app.sso;
      return {
        localLogin: app.config.localLogin,
        singleSignOn: sso
          ? {
              providerName: sso.settings.providerName,
              issuer: sso.settings.issuer,
              clientId: sso.settings.clientId,
              redirectUri: sso.redirectUri,
              postLogoutRedirectUri: sso.postLogoutRedirectUri,
              rolesClaim: sso.settings.rolesClaim,
              roleMap: sso.settings.roleMap,
            }
          : null,
      };
    },
  );
};

const originOf = (request: FastifyRequest) => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
  requestId: request.id,
});

export default oidcRoutes;
