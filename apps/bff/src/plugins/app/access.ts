import type { Role } from '@review-desk/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Who may call a route. Every /api and /webhooks route declares one; there is no default. */
export type RouteAccess =
  | { public: true }
  /** Authenticated by something other than a user session (a webhook signature, a URL secret). */
  | { machine: 'capa-signature' | 'connectfi-url-secret' | 'metrics-token' }
  | {
      roles: readonly Role[];
      /**
       * 'optional': a request without a session cookie reaches the handler unauthenticated (request.user unset)
       * instead of being refused with 401; the session probe answers such a request itself.
       */
      session?: 'optional';
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export const allRoles: readonly Role[] = ['analyst', 'senior', 'support', 'admin'];

const guardedPrefixes = ['/api/', '/webhooks/'];

/** Refuses to start when a guarded route forgets to say who may call it, so no route is open by omission. */
export default fp(
  async function access(app: FastifyInstance) {
    app.addHook('onRoute', (route) => {
      if (!guardedPrefixes.some((prefix) => route.url.startsWith(prefix))) return;
      const declared = route.config?.access;
      if (!declared) {
        throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
      }
      if ('roles' in declared && declared.roles.length === 0) {
        throw new Error(`Route ${route.method} ${route.url} declares an empty role list`);
      }
    });
  },
  { name: 'access' },
);
