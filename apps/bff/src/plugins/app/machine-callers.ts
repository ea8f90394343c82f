import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppConfig } from '../../config';
import { capaSignatureValid, secretsMatch } from '../../deliveries/signatures';
import { ApiError } from '../../errors';
import { bearerMatches } from '../../metrics/exposition';
import type { RouteAccess } from './access';
import { notFoundEnvelope } from './errors';

/** The machine callers a route may declare (`config.access.machine`). */
export type MachineCaller = Extract<RouteAccess, { machine: string }>['machine'];

/**
 * Checks that a request comes from the machine caller its route declares. It returns nothing to let the
 * request through; it refuses by throwing an ApiError, or by sending a reply and returning it.
 */
export type MachineVerifier = (
  request: FastifyRequest,
  reply: FastifyReply,
) => undefined | FastifyReply | Promise<undefined | FastifyReply>;

const rawBody = (request: FastifyRequest): Buffer =>
  Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);

/**
 * One verifier per kind of machine caller. The record is typed by the RouteAccess union, so declaring a new
 * kind of machine caller does not compile until it has a verifier here.
 */
export function machineVerifiers(config: AppConfig): Record<MachineCaller, MachineVerifier> {
  return {
    // Capa signs the exact bytes it sends: a hex HMAC-SHA256 of the raw body in `capa-signature`.
    'capa-signature': (request) => {
      const signature = request.headers['capa-signature'];
      const given = typeof signature === 'string' ? signature : undefined;
      if (!capaSignatureValid(config.capa.webhookSecret, rawBody(request), given)) {
        throw new ApiError(
          401,
          'invalid_signature',
          'The capa-signature header is missing or does not match',
        );
      }
      return undefined;
    },
    // connectFi cannot sign its callbacks; the URL we gave it carries a secret. A wrong secret answers exactly
    // like an unknown route, so the receiver's existence is not confirmed.
    'connectfi-url-secret': (request, reply) => {
      const secret = (request.params as { secret?: unknown } | undefined)?.secret;
      if (!secretsMatch(config.connectfi.webhookSecret, typeof secret === 'string' ? secret : undefined)) {
        return reply.code(404).send(notFoundEnvelope(request));
      }
      return undefined;
    },
    // Prometheus scrapes with the bearer token METRICS_TOKEN; without one set, /metrics is not served here.
    'metrics-token': (request, reply) => {
      const token = config.metrics.token;
      if (token === null || !bearerMatches(token, request.headers.authorization)) {
        reply.header('www-authenticate', 'Bearer');
        throw new ApiError(401, 'unauthenticated', 'Metrics need Authorization: Bearer <METRICS_TOKEN>');
      }
      return undefined;
    },
  };
}

/**
 * Machine callers (the providers' webhooks, a metrics scraper) are verified here, from the route's access
 * declaration, the way user roles are enforced by
 * the auth plugin: no handler authenticates on its own. The hook runs at preValidation, the first stage at
 * which the body exists, because a signature covers the body; nothing of the request is validated or
 * handled before it passes. A route declaring a machine caller that has no verifier stops the app from
 * starting. The hook is the route's own, added as each such route is declared, so other routes (every
 * user's request) do not run it.
 */
export default fp(
  async function machineCallers(app: FastifyInstance) {
    const verifiers: Partial<Record<string, MachineVerifier>> = machineVerifiers(app.config);

    app.addHook('onRoute', (route) => {
      const access = route.config?.access;
      if (!access || !('machine' in access)) return;
      const verify = verifiers[access.machine];
      if (!verify) {
        throw new Error(
          `Route ${route.method} ${route.url} declares machine caller "${access.machine}", which no verifier handles`,
        );
      }
      // After the app-wide preValidation hooks (the input checks), before the route's own, as before.
      const own = route.preValidation;
      const verifyCaller = async (request: FastifyRequest, reply: FastifyReply) => verify(request, reply);
      route.preValidation = own === undefined ? [verifyCaller] : [verifyCaller, ...[own].flat()];
    });
  },
  { name: 'machine-callers', dependencies: ['access', 'errors'] },
);
