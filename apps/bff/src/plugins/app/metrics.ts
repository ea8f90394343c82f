import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { ApiError } from '../../errors';
import { createDeskMetrics, createStateGauges, type DeskMetrics } from '../../metrics/desk-metrics';
import { type Exposition, startMetricsListener } from '../../metrics/exposition';
import { readState } from '../../metrics/state-readings';
import {
  type TokenRefreshEvent,
  tokenRefreshChannel,
  type UpstreamCallEvent,
  upstreamCallChannel,
} from '../../upstream/telemetry';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: DeskMetrics & {
      registry: Registry;
      exposition: Exposition;
      /** Where the metrics listener of its own listens (METRICS_PORT); null when there is none. */
      listenerAddress(): AddressInfo | null;
    };
  }
}

const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Prometheus metrics (prom-client). The registry always exists, so every part of the app can count; whether
 * and where it is exposed is configuration: behind a bearer token on the main listener (METRICS_TOKEN), on a
 * listener of its own (METRICS_PORT, METRICS_HOST), or not at all.
 */
export default fp(
  async function metrics(app: FastifyInstance, opts: { now?: () => number }) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const desk = createDeskMetrics(registry);
    const gauges = createStateGauges(registry);
    const exposition: Exposition = {
      contentType: registry.contentType,
      async render() {
        await readState(gauges, {
          db: app.db,
          breakers: {
            capa: () => app.upstreams.capa.breakerState(),
            connectfi: () => app.upstreams.connectfi.breakerState(),
          },
          now: opts.now ?? Date.now,
        });
        return registry.metrics();
      },
    };

    // A callback hook rather than an async one: it runs on every request, and a promise each is not free.
    app.addHook('onResponse', (request, reply, done) => {
      // The route pattern (`/api/cases/:id`), never the URL: one series per route, whatever the ids.
      const route = request.routeOptions.url ?? 'unmatched';
      const method = knownMethods.has(request.method) ? request.method : 'other';
      desk.httpDuration.observe(
        { method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });

    const onCall = (message: unknown) => {
      const event = message as UpstreamCallEvent;
      const outcome = event.errorKind === null ? 'ok' : 'error';
      desk.upstreamDuration.observe(
        { provider: event.provider, operation: event.operation, outcome },
        event.seconds,
      );
      if (event.errorKind !== null) {
        desk.upstreamErrors.inc({
          provider: event.provider,
          operation: event.operation,
          kind: event.errorKind,
        });
      }
    };
    const onTokenRefresh = (message: unknown) => {
      desk.tokenRefreshes.inc({ outcome: (message as TokenRefreshEvent).outcome });
    };
    upstreamCallChannel.subscribe(onCall);
    tokenRefreshChannel.subscribe(onTokenRefresh);
    app.addHook('onClose', async () => {
      upstreamCallChannel.unsubscribe(onCall);
      tokenRefreshChannel.unsubscribe(onTokenRefresh);
    });

    let listenerAddress: AddressInfo | null = null;
    app.decorate('metrics', { ...desk, registry, exposition, listenerAddress: () => listenerAddress });

    const { token, port, host } = app.config.metrics;
    if (port !== null) {
      let server: Server | null = null;
      app.addHook('onReady', async () => {
        const started = await startMetricsListener(exposition, {
          host,
          port,
          token,
          onError: (error) => app.log.error({ err: error }, 'reading metrics failed'),
        });
        server = started.server;
        listenerAddress = started.address;
        app.log.info({ host: listenerAddress.address, port: listenerAddress.port }, 'metrics listening');
      });
      app.addHook('onClose', async () => {
        const running = server;
        if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
      });
    } else if (token !== null) {
      app.get(
        '/metrics',
        { config: { access: { machine: 'metrics-token' } }, schema: { hide: true } },
        // The bearer token is checked by the machine-callers hook, from the access declaration.
        async (request, reply) => {
          let body: string;
          try {
            body = await exposition.render();
          } catch (error) {
            request.log.error({ err: error }, 'reading metrics failed');
            throw new ApiError(503, 'metrics_unavailable', 'Metrics could not be read; try again');
          }
          return reply.type(exposition.contentType).send(body);
        },
      );
    }
  },
  { name: 'metrics', dependencies: ['db', 'upstreams'] },
);
