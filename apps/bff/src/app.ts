import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { OidcFetch } from './auth/oidc/provider-client';
import type { AppConfig } from './config';
import { loggerOptions, RequestsAtDebug } from './logging';
import access from './plugins/app/access';
import audit from './plugins/app/audit';
import auth from './plugins/app/auth';
import cases, { type CasesOptions } from './plugins/app/cases';
import db from './plugins/app/db';
import deliveries, { type DeliveryOptions } from './plugins/app/deliveries';
import errors, { clientError, frameworkError } from './plugins/app/errors';
import caseEvents from './plugins/app/events';
import input, { validatorFactory } from './plugins/app/input';
import machineCallers from './plugins/app/machine-callers';
import metrics from './plugins/app/metrics';
import sso from './plugins/app/sso';
import upstreams, { type Upstreams } from './plugins/app/upstream';
import securityHeaders from './plugins/external/helmet';
import spa from './plugins/external/spa';
import openapi from './plugins/external/swagger';
import auditRoutes from './routes/api/audit';
import authRoutes from './routes/api/auth';
import caseRoutes from './routes/api/cases';
import deliveryRoutes from './routes/api/deliveries';
import directoryRoutes from './routes/api/directory';
import docsRoutes from './routes/api/docs';
import eventRoutes, { type EventStreamOptions } from './routes/api/events';
import flagRoutes from './routes/api/flags';
import reconcileRoutes from './routes/api/reconcile';
import subjectRoutes from './routes/api/subjects';
import userRoutes from './routes/api/users';
import viewRoutes from './routes/api/views';
import webhookSettingsRoutes from './routes/api/webhooks';
import healthRoutes from './routes/health';
import webhookRoutes from './routes/webhooks';

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
  }
}

export interface BuildOptions {
  /** Where logs go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
  /** Silence logs entirely (benchmarks). */
  quiet?: boolean;
  /** Human-readable logs (pino-pretty) instead of JSON lines: a person is watching the terminal. */
  prettyLogs?: boolean;
  /** The level of the per-request lines, refusals (4xx) included: `debug` keeps them out of a terminal. */
  requestLogLevel?: 'info' | 'debug';
  /** The clock sessions and access tokens are judged by (epoch ms); tests move it. */
  now?: () => number;
  /** Upstream clients to use instead of ones built from config (tests point them at scripted servers). */
  upstreams?: Upstreams;
  /** The case store's collaborators and settings (tests inject a fake loadView). */
  cases?: CasesOptions;
  /** Webhook worker, reconciliation and decision webhook settings (tests shorten the retry delays). */
  deliveries?: DeliveryOptions;
  /** How single sign-on reaches the identity provider (tests tamper with its answers). */
  oidcFetch?: OidcFetch;
  /** Event stream heartbeat and lifetime (tests shorten the heartbeat). */
  events?: Omit<EventStreamOptions, 'now'>;
}

export type App = FastifyInstance;

/** Assembles the BFF without listening: server.ts listens, tests inject. */
export async function buildApp(config: AppConfig, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.quiet
      ? false
      : loggerOptions(config.logLevel, { stream: options.logStream, pretty: options.prettyLogs }),
    ...(options.requestLogLevel === 'debug' ? { logController: new RequestsAtDebug() } : {}),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    schemaController: { compilersFactory: { buildValidator: validatorFactory() } },
    frameworkErrors: frameworkError,
    clientErrorHandler: clientError,
    // Opening the database migrates it: an embedded start on a busy machine, or a migration over a large
    // PostgreSQL table, outlasts Fastify's 10 s default, and a start-up that fails for being slow helps nobody.
    pluginTimeout: 180_000,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  app.decorate('readinessProbes', []);
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  // External plugins first, then the app's own plugins, then routes (fastify/demo order).
  await app.register(errors, { refusalLogLevel: options.requestLogLevel ?? 'info' });
  await app.register(access);
  await app.register(input);
  await app.register(machineCallers);
  await app.register(securityHeaders);
  await app.register(openapi);
  await app.register(db);
  await app.register(audit);
  await app.register(upstreams, { upstreams: options.upstreams });
  await app.register(metrics, { now: options.now });
  await app.register(auth, { now: options.now });
  await app.register(sso, { now: options.now, fetch: options.oidcFetch });
  await app.register(cases, options.cases ?? {});
  await app.register(caseEvents);
  await app.register(deliveries, options.deliveries ?? {});

  await app.register(healthRoutes);
  await app.register(docsRoutes, { prefix: '/api/docs' });
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(subjectRoutes, { prefix: '/api/subjects' });
  await app.register(caseRoutes, { prefix: '/api/cases' });
  await app.register(auditRoutes, { prefix: '/api/audit' });
  await app.register(eventRoutes, { prefix: '/api/events', ...options.events, now: options.now });
  await app.register(directoryRoutes, { prefix: '/api/directory' });
  await app.register(flagRoutes, { prefix: '/api/flags' });
  await app.register(viewRoutes, { prefix: '/api/views' });
  await app.register(deliveryRoutes, { prefix: '/api/deliveries' });
  await app.register(webhookSettingsRoutes, { prefix: '/api/webhooks' });
  await app.register(userRoutes, { prefix: '/api/users' });
  await app.register(reconcileRoutes, { prefix: '/api/reconcile' });
  await app.register(webhookRoutes, { prefix: '/webhooks' });
  await app.register(spa, { distDir: config.webDistDir });

  await app.ready();
  return app;
}
