// The Capa sandbox: partner API v2, pre-signed media, the verification page and (optionally) the control API.
// Built here, listened on by the caller.

import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { SandboxOptions } from '../config';
import { registerControlRoutes } from '../control';
import { FaultControl } from '../faults';
import { hashString, Rng } from '../population/prng';
import type { Population } from '../population/types';
import { capaScenario } from '../scenarios';
import { capaControlRoutes } from './control-routes';
import { CapaError, capaErrors } from './errors';
import { InjectedErrors } from './injected-errors';
import { MediaCache, registerMediaRoutes } from './media';
import { partnerRoutes } from './partner-routes';
import { CapaUsers } from './users';
import { registerVerificationPage } from './verification-page';
import { CapaWebhooks } from './webhooks';

export interface CapaServerDeps {
  /** The clock for media link expiry and timestamps; tests move it. */
  now?: () => Date;
  /** Fault dice. */
  random?: () => number;
  logger?: FastifyServerOptions['logger'];
}

export interface CapaServer {
  app: FastifyInstance;
  faults: FaultControl;
  users: CapaUsers;
  webhooks: CapaWebhooks;
  /** Documented errors switched on through the control API. */
  injectedErrors: InjectedErrors;
}

/** Request logs name the route and status, never query strings (user ids, media signatures) or headers. */
const logSerializers = {
  req: (request: { method: string; url: string }) => ({
    method: request.method,
    url: request.url.split('?')[0],
  }),
};

function partnerIds(seed: number) {
  const rng = new Rng(seed, hashString('capa-partner'));
  return { id: rng.uuid(), partnerId: rng.uuid() };
}

export function createCapaServer(
  options: SandboxOptions,
  population: Population,
  deps: CapaServerDeps = {},
): CapaServer {
  const now = deps.now ?? (() => new Date());
  const users = new CapaUsers(population.capa);
  const webhooks = new CapaWebhooks({
    secret: options.capaWebhookSecret,
    retryScale: options.webhookRetryScale,
    now,
  });
  const faults = new FaultControl(
    options.capaFaults,
    () => ({ statusCode: 500, body: capaErrors.internal().body }),
    deps.random,
  );
  // Media links are signed with a key that lives as long as the server: links from an earlier run stop working.
  const mediaSigningKey = randomBytes(32).toString('hex');
  const injectedErrors = new InjectedErrors(now);
  const startedAt = now().toISOString();

  const app = Fastify({
    logger: deps.logger
      ? { ...(typeof deps.logger === 'object' ? deps.logger : {}), serializers: logSerializers }
      : false,
    ajv: { customOptions: { coerceTypes: false } },
  });

  app.setErrorHandler<FastifyError>((error, request, reply) => {
    if (error instanceof CapaError) return reply.code(error.statusCode).send(error.body);
    const statusCode = error.statusCode ?? 500;
    if (error.validation || (statusCode >= 400 && statusCode < 500 && statusCode !== 413)) {
      return reply.code(400).send(capaErrors.invalidInput().body);
    }
    if (statusCode === 413) return reply.code(413).send(capaErrors.payloadTooLarge().body);
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(capaErrors.internal().body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      statusCode: 404,
      code: 'NOT_FOUND_ERROR',
      message: `Cannot ${request.method} ${request.url.split('?')[0]}`,
    }),
  );

  faults.register(app);
  app.addHook('onClose', async () => {
    await webhooks.close();
  });

  app.register(partnerRoutes, {
    prefix: '/api/partner/v2',
    apiKey: options.capaPartnerApiKey,
    users,
    webhooks,
    now,
    mediaSigningKey,
    mediaUrlTtlSeconds: options.mediaUrlTtlSeconds,
    webhookSettings: { ...partnerIds(options.seed), createdAt: startedAt, updatedAt: startedAt },
    injectedErrors,
  });
  registerMediaRoutes(app, { users, signingKey: mediaSigningKey, now, cache: new MediaCache() });
  registerVerificationPage(app);
  if (options.controlApi) {
    registerControlRoutes(app, { faults, scenarios: () => Array.from(users.all(), capaScenario) });
    app.register(capaControlRoutes, {
      users,
      webhooks,
      now,
      injectedErrors,
      connectfiSeeds: population.connectfi,
    });
  }

  return { app, faults, users, webhooks, injectedErrors };
}
