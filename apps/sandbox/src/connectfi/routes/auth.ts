import type { FastifyPluginAsync } from 'fastify';
import { ok, unauthorized } from '../envelope';
import { type GetTokenBody, getTokenSchema } from '../schemas';
import type { TokenIssuer } from '../tokens';

export interface AuthRoutesOptions {
  login: string;
  password: string;
  tokens: TokenIssuer;
}

/** POST /auth/get-token: the only connectFi call made without x-connectfi-token. */
export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, { login, password, tokens }) => {
  app.post<{ Body: GetTokenBody }>(
    '/auth/get-token',
    { schema: { body: getTokenSchema } },
    async (request) => {
      const { user, requestId } = request.body;
      // The caller may name the request; the answer (success or error) then carries that requestId.
      if (requestId !== undefined) request.id = requestId;
      if (user.login !== login || user.password !== password) throw unauthorized();
      return ok(request.id, tokens.issue());
    },
  );
};
