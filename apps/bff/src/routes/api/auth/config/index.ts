import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuthConfigResponse } from '@review-desk/contracts';

/** How the login page offers sign-in: a password form, a "Sign in with <provider>" button, or both. */
const authConfigRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    {
      config: { access: { public: true } },
      schema: { tags: ['auth'], summary: 'Sign-in methods', response: { 200: AuthConfigResponse } },
    },
    async () => ({
      localLogin: app.config.localLogin,
      singleSignOn: app.sso
        ? { providerName: app.sso.settings.providerName, loginUrl: '/api/auth/oidc/login' }
        : null,
    }),
  );
};

export default authConfigRoutes;
