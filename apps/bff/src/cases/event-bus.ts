import { randomUUID } from 'node:crypto';
import type { CaseEvent, CaseEventType, CaseSummary } from '@review-desk/contracts';
import { caseEventTypes } from '@review-desk/contracts';
import pg from 'pg';

export type CaseEventListener = (event: CaseEvent) => void;

interface Subscription {
  listener: CaseEventListener;
  /** Called when the bus shuts down, so long-lived streams end and the server can close. */
  onShutdown: () => void;
}

/** What crosses instances over NOTIFY: just enough to re-read the case. */
interface Notice {
  type: CaseEventType;
  caseId: string;
  version: number;
  origin: string;
}

export interface CrossInstanceOptions {
  /** The PostgreSQL URL (with its search_path); the bus holds one dedicated connection for LISTEN. */
  databaseUrl: string;
  /** The NOTIFY channel; schema-specific, so databases sharing a server do not hear each other. */
  channel: string;
  /** Re-reads a case announced by another instance. */
  readCase: (caseId: string) => Promise<CaseSummary>;
  /** Sends a notification on the channel (through the app's pool). */
  notify: (channel: string, payload: string) => Promise<void>;
  onError: (error: unknown, what: string) => void;
}

const isNotice = (value: unknown): value is Notice => {
  const notice = value as Partial<Notice> | null;
  return (
    typeof notice?.caseId === 'string' &&
    typeof notice.version === 'number' &&
    typeof notice.origin === 'string' &&
    (caseEventTypes as readonly string[]).includes(notice.type ?? '')
  );
};

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * Case changes for the Server-Sent Events stream. In process, listeners hear every event at once. With
 * PostgreSQL, events also go out as NOTIFY (case id, version and type only: PII stays in the database) and
 * events of other instances come in over LISTEN on a dedicated connection, re-read from the database.
 */
export class CaseEventBus {
  readonly #subscriptions = new Set<Subscription>();
  readonly #instance = randomUUID();
  #crossInstance: CrossInstanceOptions | null = null;
  #client: pg.Client | null = null;
  #closed = false;
  #reconnectDelay = RECONNECT_MIN_MS;
  #reconnectTimer: NodeJS.Timeout | null = null;

  subscribe(listener: CaseEventListener, onShutdown: () => void): () => void {
    const subscription = { listener, onShutdown };
    this.#subscriptions.add(subscription);
    return () => {
      this.#subscriptions.delete(subscription);
    };
  }

  get subscriberCount(): number {
    return this.#subscriptions.size;
  }

  /** Delivers a committed change here and, with PostgreSQL, to the other instances. */
  publish(event: CaseEvent): void {
    this.#deliver(event);
    const cross = this.#crossInstance;
    if (!cross) return;
    const notice: Notice = {
      type: event.type,
      caseId: event.caseId,
      version: event.version,
      origin: this.#instance,
    };
    cross
      .notify(cross.channel, JSON.stringify(notice))
      .catch((error: unknown) => cross.onError(error, 'notify'));
  }

  /** Starts listening for other instances' events. */
  async listenAcrossInstances(options: CrossInstanceOptions): Promise<void> {
    this.#crossInstance = options;
    await this.#connect();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    for (const subscription of [...this.#subscriptions]) subscription.onShutdown();
    this.#subscriptions.clear();
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  #deliver(event: CaseEvent): void {
    for (const subscription of [...this.#subscriptions]) subscription.listener(event);
  }

  async #connect(): Promise<void> {
    const cross = this.#crossInstance;
    if (!cross || this.#closed) return;
    const client = new pg.Client({ connectionString: cross.databaseUrl });
    client.on('notification', (message) => {
      if (message.channel !== cross.channel || !message.payload) return;
      void this.#received(message.payload);
    });
    client.on('error', (error) => {
      cross.onError(error, 'listen connection');
      this.#scheduleReconnect(client);
    });
    client.on('end', () => this.#scheduleReconnect(client));
    try {
      await client.connect();
      await client.query(`listen ${pg.escapeIdentifier(cross.channel)}`);
      this.#client = client;
      this.#reconnectDelay = RECONNECT_MIN_MS;
      if (this.#closed) await client.end();
    } catch (error) {
      cross.onError(error, 'listen connection');
      this.#scheduleReconnect(client);
    }
  }

  #scheduleReconnect(client: pg.Client): void {
    if (this.#closed || this.#reconnectTimer) return;
    if (this.#client === client) this.#client = null;
    client.end().catch(() => {});
    const delay = this.#reconnectDelay;
    this.#reconnectDelay = Math.min(RECONNECT_MAX_MS, delay * 2);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      void this.#connect();
    }, delay);
    this.#reconnectTimer.unref();
  }

  async #received(payload: string): Promise<void> {
    const cross = this.#crossInstance;
    if (!cross) return;
    let notice: unknown;
    try {
      notice = JSON.parse(payload);
    } catch {
      return;
    }
    if (!isNotice(notice) || notice.origin === this.#instance) return;
    try {
      const summary = await cross.readCase(notice.caseId);
      this.#deliver({ type: notice.type, caseId: summary.id, version: summary.version, case: summary });
    } catch (error) {
      cross.onError(error, 'read announced case');
    }
  }
}
