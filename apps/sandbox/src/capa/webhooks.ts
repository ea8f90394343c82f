// Capa's webhook deliveries: {"type":"KYC","event":…,"externalUserId":…} POSTed to the partner's one URL, signed
// with `capa-signature` (hex HMAC-SHA256 of the exact body text under the shared secret). A delivery that gets
// no 2xx is retried at once, then after 1, 5, 10 and 15 minutes (scaled for tests); after the fifth failure it
// is listed as failed until the partner retries it by hand. Every delivery is kept in a bounded log.

import { createHmac, randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';
import type { KycVerificationResult } from '../population/types';

export type CapaWebhookEvent = 'CREATED_KYC' | 'VERIFIED_USER' | 'REJECTED_KYC' | 'REVIEW_NEEDED_KYC';

export const resultEvents: Record<KycVerificationResult, CapaWebhookEvent> = {
  VERIFIED: 'VERIFIED_USER',
  REJECTED: 'REJECTED_KYC',
  REVIEW_NEEDED: 'REVIEW_NEEDED_KYC',
};

export type NotificationStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

export interface WebhookAttempt {
  attemptedAt: string;
  /** The receiver's HTTP status, or null when no response came (refused, reset, timed out). */
  statusCode: number | null;
  error: string | null;
}

export interface WebhookNotification {
  id: string;
  event: CapaWebhookEvent;
  externalUserId: string;
  url: string;
  /** The exact body text that was signed and sent. */
  body: string;
  status: NotificationStatus;
  attempts: WebhookAttempt[];
  createdAt: string;
  nextAttemptAt: string | null;
}

export interface WebhookEventToSend {
  event: CapaWebhookEvent;
  externalUserId: string;
}

/** Delays before attempts 2 to 5, in seconds. */
const retryDelaysSeconds = [60, 300, 600, 900];
const maxAttempts = retryDelaysSeconds.length + 1;
/** The log keeps this many notifications; the oldest delivered ones go first. */
const logLimit = 10_000;
/** Users whose events are delivered at once during a replay. */
const replayConcurrency = 8;

export function signWebhookBody(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export interface CapaWebhooksOptions {
  secret: string;
  retryScale: number;
  now: () => Date;
  /** Connect, header and body timeout for one attempt. */
  timeoutMs?: number;
}

export class CapaWebhooks {
  url: string | null = null;
  private readonly log = new Map<string, WebhookNotification>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private readonly agent: Agent;
  private closed = false;

  constructor(private readonly options: CapaWebhooksOptions) {
    const timeout = options.timeoutMs ?? 10_000;
    this.agent = new Agent({ connect: { timeout }, headersTimeout: timeout, bodyTimeout: timeout });
  }

  get(id: string): WebhookNotification | undefined {
    return this.log.get(id);
  }

  /** Notifications that failed every attempt, newest first. */
  failed(): WebhookNotification[] {
    return [...this.log.values()].filter((n) => n.status === 'FAILED').reverse();
  }

  /**
   * Sends one user's events in order (each first attempt completes before the next event goes out) and resolves
   * once every first attempt is done; failed ones carry on with their retry schedule. Nothing is sent, and []
   * returned, while no webhook URL is registered.
   */
  async sendInOrder(events: readonly WebhookEventToSend[]): Promise<WebhookNotification[]> {
    const url = this.url;
    if (url === null || this.closed) return [];
    const sent: WebhookNotification[] = [];
    for (const event of events) {
      const notification = this.record(event, url);
      sent.push(notification);
      await this.attempt(notification);
    }
    return sent;
  }

  /** Sends many users' events, a few users at a time. */
  async sendAll(batches: readonly (readonly WebhookEventToSend[])[]): Promise<WebhookNotification[]> {
    const sent: WebhookNotification[] = [];
    let next = 0;
    const worker = async () => {
      while (next < batches.length && !this.closed) {
        const batch = batches[next++];
        if (batch) sent.push(...(await this.sendInOrder(batch)));
      }
    };
    await Promise.all(Array.from({ length: Math.min(replayConcurrency, batches.length) }, worker));
    return sent;
  }

  /** A manual retry of a failed notification: one attempt now, to the URL registered now. */
  async retry(notification: WebhookNotification): Promise<WebhookNotification> {
    if (this.url !== null) notification.url = this.url;
    notification.status = 'PENDING';
    await this.attempt(notification, { manual: true });
    return notification;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
    await this.agent.close();
  }

  private record(event: WebhookEventToSend, url: string): WebhookNotification {
    const notification: WebhookNotification = {
      id: randomUUID(),
      event: event.event,
      externalUserId: event.externalUserId,
      url,
      body: JSON.stringify({ type: 'KYC', event: event.event, externalUserId: event.externalUserId }),
      status: 'PENDING',
      attempts: [],
      createdAt: this.options.now().toISOString(),
      nextAttemptAt: null,
    };
    this.log.set(notification.id, notification);
    this.trimLog();
    return notification;
  }

  private trimLog(): void {
    if (this.log.size <= logLimit) return;
    for (const [id, notification] of this.log) {
      if (this.log.size <= logLimit * 0.9) break;
      if (notification.status === 'DELIVERED') this.log.delete(id);
    }
  }

  private attempt(notification: WebhookNotification, { manual = false } = {}): Promise<void> {
    const run = this.post(notification).then((outcome) => {
      notification.attempts.push(outcome);
      const delivered = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
      const scheduledAttempts = manual ? maxAttempts : notification.attempts.length;
      if (delivered) {
        notification.status = 'DELIVERED';
        notification.nextAttemptAt = null;
      } else if (scheduledAttempts >= maxAttempts || this.closed) {
        notification.status = 'FAILED';
        notification.nextAttemptAt = null;
      } else {
        this.schedule(notification, retryDelaysSeconds[scheduledAttempts - 1] ?? 0);
      }
    });
    this.inFlight.add(run);
    return run.finally(() => this.inFlight.delete(run));
  }

  private schedule(notification: WebhookNotification, delaySeconds: number): void {
    const delayMs = delaySeconds * 1000 * this.options.retryScale;
    notification.nextAttemptAt = new Date(this.options.now().getTime() + delayMs).toISOString();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(notification);
    }, delayMs);
    this.timers.add(timer);
  }

  private async post(notification: WebhookNotification): Promise<WebhookAttempt> {
    const attemptedAt = this.options.now().toISOString();
    try {
      const response = await request(notification.url, {
        method: 'POST',
        dispatcher: this.agent,
        signal: this.abort.signal,
        headers: {
          'content-type': 'application/json',
          'capa-signature': signWebhookBody(this.options.secret, notification.body),
          'user-agent': 'capa-webhooks-sandbox/2',
        },
        body: notification.body,
      });
      await response.body.dump();
      return { attemptedAt, statusCode: response.statusCode, error: null };
    } catch (error) {
      return { attemptedAt, statusCode: null, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
