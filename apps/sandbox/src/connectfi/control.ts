// The connectFi server's own control routes (registered only when options.controlApi is on; the routes every
// provider shares, /_sandbox/faults and /_sandbox/scenarios, come from src/control.ts). They play the parts of
// connectFi a partner cannot reach: its reviewers, its sessions, its webhook sender.

import type { Ajv } from 'ajv';
import type { FastifyPluginAsync } from 'fastify';
import { type AkepaJourneys, journeyView } from './akepa';
import { ok } from './envelope';
import type { AkepaJourney } from './model';
import {
  type MoveJourneyBody,
  moveJourneySchema,
  type ReplayWebhooksBody,
  type ResolveBody,
  replayWebhooksSchema,
  resolveSchema,
} from './schemas';
import type { ConnectfiStore } from './store';
import type { TokenIssuer } from './tokens';
import { assertValid } from './validation';
import type { WebhookNotifier } from './webhooks';

export interface ConnectfiControlOptions {
  ajv: Ajv;
  store: ConnectfiStore;
  journeys: AkepaJourneys;
  notifier: WebhookNotifier;
  tokens: TokenIssuer;
}

/** Webhook deliveries in flight at once during a replay, so a large population does not open hundreds of sockets. */
const replayConcurrency = 8;

export const connectfiControlRoutes: FastifyPluginAsync<ConnectfiControlOptions> = async (
  app,
  { ajv, store, journeys, notifier, tokens },
) => {
  const validateReplay = ajv.compile(replayWebhooksSchema);

  /** connectFi's reviewers decide a journey in waiting_review; the partner hears of it by webhook. */
  app.post<{ Params: { customerId: string }; Body: ResolveBody }>(
    '/_sandbox/connectfi/customers/:customerId/resolve',
    { schema: { body: resolveSchema } },
    async (request) =>
      ok(request.id, journeyView(journeys.resolve(request.params.customerId, request.body.outcome))),
  );

  app.post<{ Params: { customerId: string }; Body: MoveJourneyBody }>(
    '/_sandbox/connectfi/customers/:customerId/status',
    { schema: { body: moveJourneySchema } },
    async (request) => ok(request.id, journeyView(journeys.move(request.params.customerId, request.body))),
  );

  /**
   * Sends every journey's current state (optionally only those in one status) to its own webhookURL, or to the
   * given url. The body is optional, so it is checked here rather than by the route schema.
   */
  app.post('/_sandbox/connectfi/replay-webhooks', async (request) => {
    const body: unknown = request.body ?? {};
    assertValid<ReplayWebhooksBody>(validateReplay, body);
    const targets: { journey: AkepaJourney; url: string }[] = [];
    for (const journey of store.journeys.values()) {
      const url = body.url ?? journey.webhookURL;
      if (url !== undefined && (body.status === undefined || journey.status === body.status)) {
        targets.push({ journey, url });
      }
    }
    let delivered = 0;
    for (let i = 0; i < targets.length; i += replayConcurrency) {
      const batch = targets.slice(i, i + replayConcurrency);
      const results = await Promise.all(batch.map(({ journey, url }) => notifier.deliver(journey, url)));
      delivered += results.filter((r) => r.responseStatus !== null && r.responseStatus < 300).length;
    }
    return ok(request.id, { attempted: targets.length, delivered, failed: targets.length - delivered });
  });

  app.post('/_sandbox/connectfi/expire-tokens', async (request) =>
    ok(request.id, { expired: tokens.expireAll() }),
  );
};
