// The connectFi sandbox: auth, /customer/init and the Akepa KYC/KYB endpoints, as documented in
// connectfi-akepa-kyc-kyb.txt. Built here, listened on by the caller.

import multipart from '@fastify/multipart';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { SandboxOptions } from '../config';
import { registerControlRoutes } from '../control';
import { FaultControl } from '../faults';
import { connectfiScenario } from '../scenarios';
import { AkepaJourneys } from './akepa';
import { connectfiControlRoutes } from './control';
import { ConnectfiError, unauthorized } from './envelope';
import { createIds, cryptoRandom } from './ids';
import type { ConnectfiCustomerSeed } from './model';
import { akepaRoutes } from './routes/akepa';
import { authRoutes } from './routes/auth';
import { customerRoutes } from './routes/customer';
import { documentRoutes } from './routes/documents';
import { ConnectfiStore } from './store';
import { TokenIssuer } from './tokens';
import { connectfiAjv as ajv, bodyMustBeObject, requestValidateError } from './validation';
import { WebhookNotifier } from './webhooks';

export interface ConnectfiServer {
  app: FastifyInstance;
  faults: FaultControl;
  store: ConnectfiStore;
  /** Ends every token issued so far, as if each had reached its dtsExpireAt. */
  forceTokenExpiry(): void;
  /** Resolves once every callback sent or queued so far has been answered or has failed. */
  webhooksIdle(): Promise<void>;
  /** Callbacks waiting for an earlier callback of the same journey to be answered. */
  queuedWebhooks(): number;
}

export interface ConnectfiServerDeps {
  /** The clock for token expiry and timestamps; tests move it. */
  now?: () => Date;
  /** The source for generated ids (customers, applications, documents, request ids) and fault dice. */
  random?: () => number;
}

/** connectFi's aggregator name on journeys and documents the sandbox creates. */
const aggregatorId = 'amplifi';
const maxUploadBytes = 10 * 1024 * 1024;

/** Bodies Fastify could not read as JSON: connectFi's validator reports them as "not an object". */
const unreadableBodyCodes = new Set([
  'FST_ERR_CTP_EMPTY_JSON_BODY',
  'FST_ERR_CTP_INVALID_JSON_BODY',
  'FST_ERR_CTP_INVALID_MEDIA_TYPE',
]);

function isPublic(request: FastifyRequest): boolean {
  return request.routeOptions.url === '/auth/get-token' || request.url.startsWith('/_sandbox/');
}

export async function createConnectfiServer(
  options: SandboxOptions,
  seeds: ConnectfiCustomerSeed[],
  deps: ConnectfiServerDeps = {},
): Promise<ConnectfiServer> {
  const now = deps.now ?? (() => new Date());
  const random = deps.random ?? cryptoRandom;
  const ids = createIds(random);
  const store = ConnectfiStore.fromSeeds(seeds, options.connectfiDefaultWebhookUrl);
  const tokens = new TokenIssuer(options.connectfiTokenLifetimeSeconds, now);
  const notifier = new WebhookNotifier(store, ids, now);
  const journeys = new AkepaJourneys({ store, ids, notifier, aggregatorId });
  const faults = new FaultControl(
    options.connectfiFaults,
    () => ({
      statusCode: 500,
      body: { requestId: ids.requestId(), code: 'internalError', message: 'Internal server error' },
    }),
    random,
  );

  const app = Fastify({ logger: false, genReqId: () => ids.requestId() });
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema));

  app.setErrorHandler<FastifyError>((error, request, reply) => {
    if (error instanceof ConnectfiError) return reply.code(error.statusCode).send(error.body(request.id));
    if (error.validation)
      return reply.code(400).send(requestValidateError(error.validation).body(request.id));
    if (unreadableBodyCodes.has(error.code)) {
      return reply.code(400).send(requestValidateError(bodyMustBeObject).body(request.id));
    }
    const statusCode = error.statusCode ?? 500;
    if (statusCode >= 400 && statusCode < 500) {
      const code = statusCode === 413 ? 'payloadTooLarge' : 'badRequest';
      return reply.code(statusCode).send({ requestId: request.id, code, message: error.message });
    }
    return reply
      .code(500)
      .send({ requestId: request.id, code: 'internalError', message: 'Internal server error' });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      requestId: request.id,
      code: 'notFound',
      message: `Route ${request.method} ${request.url} not found`,
    }),
  );

  faults.register(app);
  app.addHook('onRequest', async (request) => {
    if (isPublic(request)) return;
    const token = request.headers['x-connectfi-token'];
    if (typeof token !== 'string' || !tokens.isValid(token)) throw unauthorized();
  });
  app.addHook('onClose', async () => {
    journeys.close();
    await notifier.close();
  });

  await app.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 20 } });
  await app.register(authRoutes, {
    login: options.connectfiLogin,
    password: options.connectfiPassword,
    tokens,
  });
  await app.register(customerRoutes, { ajv, ids, store });
  await app.register(akepaRoutes, { journeys });
  await app.register(documentRoutes, { ids, store, now, aggregatorId });
  if (options.controlApi) {
    registerControlRoutes(app, {
      faults,
      scenarios: () => Array.from(store.currentSeeds(), connectfiScenario),
    });
    await app.register(connectfiControlRoutes, { ajv, store, journeys, notifier, tokens });
  }

  return {
    app,
    faults,
    store,
    forceTokenExpiry: () => {
      tokens.expireAll();
    },
    webhooksIdle: () => notifier.idle(),
    queuedWebhooks: () => notifier.queued,
  };
}
