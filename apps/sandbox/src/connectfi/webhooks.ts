import { request } from 'undici';
import type { ConnectfiIds } from './ids';
import type { AkepaJourney } from './model';
import type { ConnectfiStore, WebhookDelivery } from './store';

/** The journey's state as a webhook carries it: everything but the webhook URL. */
export type JourneySnapshot = Omit<AkepaJourney, 'webhookURL'>;

export function snapshot(journey: AkepaJourney): JourneySnapshot {
  const { webhookURL: _url, ...rest } = journey;
  return { ...rest, entityApplications: journey.entityApplications.map((e) => ({ ...e })) };
}

/** connectFi's webhook body: the journey with the partner's reference, in the success envelope. */
export function webhookBody(journey: JourneySnapshot, requestId: string) {
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
 * Delivers journey webhooks as connectFi does: one POST per status change, no signature, no retry. Every
 * attempt, answered or not, is recorded in the store. A journey's callbacks leave in the order its changes
 * happened (each waits for the previous one to be answered), so a receiver never hears an older state last.
 */
export class WebhookNotifier {
  private readonly inFlight = new Set<Promise<WebhookDelivery>>();
  /** The last callback queued for each application, so the next one leaves after it. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly closing = new AbortController();
  private waiting = 0;

  constructor(
    private readonly store: ConnectfiStore,
    private readonly ids: ConnectfiIds,
    private readonly now: () => Date,
    private readonly timeoutMs = 5_000,
  ) {}

  /**
   * Sends the journey's state as it is now to its webhookURL, if it has one, without waiting for the answer.
   * The state is taken now: a later change does not alter a callback still queued.
   */
  notify(journey: AkepaJourney): void {
    const url = journey.webhookURL;
    if (url === undefined) return;
    const state = snapshot(journey);
    const key = journey.applicationId;
    const previous = this.queues.get(key) ?? Promise.resolve();
    this.waiting += 1;
    const next = previous.then(() => {
      this.waiting -= 1;
      return this.track(this.post(state, url));
    });
    this.queues.set(key, next);
    void next.finally(() => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    });
  }

  /** Sends the journey's state as it is now to url; resolves with the recorded attempt, never rejects. */
  deliver(journey: AkepaJourney, url: string): Promise<WebhookDelivery> {
    return this.track(this.post(snapshot(journey), url));
  }

  /** Callbacks queued behind an earlier one of the same journey that has not been answered yet. */
  get queued(): number {
    return this.waiting;
  }

  /** Resolves once every callback queued so far has been answered or has failed. */
  async idle(): Promise<void> {
    while (this.queues.size > 0 || this.inFlight.size > 0) {
      await Promise.all([...this.queues.values(), ...this.inFlight]);
    }
  }

  /** Waits for the deliveries under way (used when the server closes; pending ones are cut short). */
  async close(): Promise<void> {
    this.closing.abort();
    await this.idle();
  }

  private track(delivery: Promise<WebhookDelivery>): Promise<WebhookDelivery> {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
    return delivery;
  }

  private async post(journey: JourneySnapshot, url: string): Promise<WebhookDelivery> {
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
    if (this.closing.signal.aborted) {
      delivery.error = 'The sandbox closed before this callback was sent';
      this.store.webhookDeliveries.push(delivery);
      return delivery;
    }
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
