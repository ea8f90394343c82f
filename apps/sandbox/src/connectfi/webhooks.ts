import { request } from 'undici';
import type { ConnectfiIds } from './ids';
import type { AkepaJourney } from './model';
import type { ConnectfiStore, WebhookDelivery } from './store';

/** connectFi's webhook body: the journey with the partner's reference, in the success envelope. */
export function webhookBody(journey: AkepaJourney, requestId: string) {
  return {
    code: '0',
    data: {
      applicationId: journey.applicationId,
      aggregatorId: journey.aggregatorId,
      customerId: journey.customerId,
      reference: journey.reference ?? null,
      status: journey.status,
      outcome: journey.outcome,
      entityApplications: journey.entityApplications.map((e) => ({ ...e })),
    },
    requestId,
  };
}

/**
 * Delivers journey webhooks as connectFi does: one POST, no signature, no retry. Every attempt, answered or
 * not, is recorded in the store.
 */
export class WebhookNotifier {
  private readonly inFlight = new Set<Promise<WebhookDelivery>>();
  private readonly closing = new AbortController();

  constructor(
    private readonly store: ConnectfiStore,
    private readonly ids: ConnectfiIds,
    private readonly now: () => Date,
    private readonly timeoutMs = 5_000,
  ) {}

  /** Sends the journey's state as it is now to its webhookURL, if it has one, without waiting for the answer. */
  notify(journey: AkepaJourney): void {
    if (journey.webhookURL !== undefined) void this.deliver(journey, journey.webhookURL);
  }

  /** Sends the journey's state as it is now to url; resolves with the recorded attempt, never rejects. */
  deliver(journey: AkepaJourney, url: string): Promise<WebhookDelivery> {
    const delivery = this.post(journey, url);
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
    return delivery;
  }

  /** Waits for the deliveries under way (used when the server closes; pending ones are cut short). */
  async close(): Promise<void> {
    this.closing.abort();
    await Promise.all(this.inFlight);
  }

  private async post(journey: AkepaJourney, url: string): Promise<WebhookDelivery> {
    const requestId = this.ids.requestId();
    const body = JSON.stringify(webhookBody(journey, requestId));
    const delivery: WebhookDelivery = {
      url,
      requestId,
      customerId: journey.customerId,
      applicationId: journey.applicationId,
      status: journey.status,
      outcome: journey.outcome,
      sentAt: this.now().toISOString(),
      responseStatus: null,
      error: null,
    };
    try {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        signal: this.closing.signal,
      });
      await response.body.dump();
      delivery.responseStatus = response.statusCode;
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
    this.store.webhookDeliveries.push(delivery);
    return delivery;
  }
}
