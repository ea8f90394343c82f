import type { FastifyBaseLogger } from 'fastify';
import pLimit from 'p-limit';
import type { DeliveryStore } from './intake';
import { type DeliveryProcessorDeps, processDelivery } from './processor';
import type { DeliveryRow } from './schema';

export interface DeliveryWorkerOptions {
  /**
   * Deliveries in flight at once. Their bookkeeping (lease, directory lookup, outcome) shares statements, so a
   * burst costs a few round trips and commits, not several per delivery.
   */
  concurrency?: number;
  /**
   * Of those, deliveries reading their provider at once, and (separately) updating their cases at once: what
   * a burst may take of the provider's rate limit and of the database pool that the reviewers share.
   */
  providerReads?: number;
  /** Attempts before a delivery the provider could not be read for is marked failed. */
  maxAttempts?: number;
  /** Delay before the n-th retry: base × 2^(n-1). */
  retryBaseMs?: number;
  /**
   * How long a delivery is held at a time while it is processed; the lease is renewed every third of it, so
   * only a dead instance's lease runs out, after at most this long.
   */
  leaseMs?: number;
  /** How often pending deliveries nobody holds are looked for (those of an instance that died); 0: never. */
  sweepIntervalMs?: number;
  /** Told of every delivery that reached a final status (the metrics count them and their lag). */
  onFinished?: (finished: FinishedDelivery) => void;
}

export interface FinishedDelivery {
  provider: DeliveryRow['provider'];
  status: 'processed' | 'unmatched' | 'failed';
  receivedAt: Date;
}

/**
 * Processes stored deliveries in the background with bounded concurrency. Each id is queued at most once at a
 * time in this process, and leased in the database while it is processed, so two instances never process one
 * delivery at once. `start()` queues every pending row, and a periodic sweep queues the pending rows nobody
 * holds: deliveries stored before a crash, or acknowledged by an instance that died, are processed by the
 * instances still running.
 */
export class DeliveryWorker {
  readonly #queue: string[] = [];
  readonly #queued = new Set<string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #idleWaiters: (() => void)[] = [];
  readonly #concurrency: number;
  readonly #maxAttempts: number;
  readonly #retryBaseMs: number;
  readonly #leaseMs: number;
  readonly #sweepIntervalMs: number;
  readonly #deps: DeliveryProcessorDeps;
  readonly #onFinished: (finished: FinishedDelivery) => void;
  #sweepTimer: NodeJS.Timeout | null = null;
  #sweeping = false;
  #running = 0;
  #stopped = false;

  constructor(
    private readonly deliveries: DeliveryStore,
    deps: DeliveryProcessorDeps,
    private readonly log: FastifyBaseLogger,
    options: DeliveryWorkerOptions = {},
  ) {
    const reads = pLimit(options.providerReads ?? 4);
    const syncs = pLimit(options.providerReads ?? 4);
    this.#deps = {
      directory: deps.directory,
      loadView: (provider, subjectId) => reads(() => deps.loadView(provider, subjectId)),
      sync: { sync: (view, source, delivery) => syncs(() => deps.sync.sync(view, source, delivery)) },
    };
    this.#concurrency = options.concurrency ?? 32;
    this.#maxAttempts = options.maxAttempts ?? 5;
    this.#retryBaseMs = options.retryBaseMs ?? 1_000;
    this.#leaseMs = options.leaseMs ?? 10_000;
    this.#sweepIntervalMs = options.sweepIntervalMs ?? 15_000;
    this.#onFinished = options.onFinished ?? (() => {});
  }

  async start(): Promise<number> {
    const pending = await this.deliveries.pendingIds();
    for (const id of pending) this.enqueue(id);
    if (this.#sweepIntervalMs > 0 && !this.#stopped) {
      this.#sweepTimer = setInterval(() => void this.#sweep(), this.#sweepIntervalMs);
      this.#sweepTimer.unref();
    }
    return pending.length;
  }

  async #sweep(): Promise<void> {
    if (this.#sweeping) return;
    this.#sweeping = true;
    try {
      for (const id of await this.deliveries.pendingIds()) this.enqueue(id);
    } catch (error) {
      this.log.error({ err: error }, 'looking for pending webhook deliveries failed');
    } finally {
      this.#sweeping = false;
    }
  }

  enqueue(id: string): void {
    if (this.#stopped || this.#queued.has(id)) return;
    this.#queued.add(id);
    this.#queue.push(id);
    this.#pump();
  }

  /** Resolves when nothing is queued, running or waiting to be retried (tests and the embedded start-up). */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Stops taking work and waits for what is running; pending rows stay pending for the next start. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#sweepTimer) clearInterval(this.#sweepTimer);
    this.#queue.length = 0;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    if (this.#running > 0) await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
  }

  #isIdle(): boolean {
    return this.#running === 0 && this.#queue.length === 0 && this.#timers.size === 0;
  }

  #pump(): void {
    while (!this.#stopped && this.#running < this.#concurrency) {
      const id = this.#queue.shift();
      if (id === undefined) break;
      this.#running += 1;
      void this.#run(id).finally(() => {
        this.#running -= 1;
        this.#pump();
        if (this.#isIdle() || (this.#stopped && this.#running === 0)) {
          for (const resolve of this.#idleWaiters.splice(0)) resolve();
        }
      });
    }
  }

  async #mappedNow(externalUserId: string | null): Promise<boolean> {
    if (externalUserId === null) return false;
    return (await this.#deps.directory.byExternalUserId('capa', externalUserId)) !== undefined;
  }

  /** Runs `work` while renewing the lease on `id`. */
  async #holding<T>(id: string, work: () => Promise<T>): Promise<T> {
    const renewal = setInterval(() => {
      this.deliveries.renew(id, this.#leaseMs).catch((error: unknown) => {
        this.log.warn({ err: error, deliveryId: id }, 'renewing a webhook delivery lease failed');
      });
    }, this.#leaseMs / 3);
    renewal.unref();
    try {
      return await work();
    } finally {
      clearInterval(renewal);
    }
  }

  async #run(id: string): Promise<void> {
    let retryIn: number | null = null;
    let leased = false;
    try {
      const row = await this.deliveries.lease(id, this.#leaseMs);
      if (!row) return;
      leased = true;
      const outcome = await this.#holding(id, () => processDelivery(row, this.#deps));
      if (outcome.status === 'retry') {
        const delay = this.#retryBaseMs * 2 ** row.attempts;
        const attempts = await this.deliveries.retryLater(id, outcome.error, delay);
        if (attempts >= this.#maxAttempts) {
          await this.deliveries.finish(id, 'failed', outcome.error);
          this.#onFinished({ provider: row.provider, status: 'failed', receivedAt: row.received_at });
          this.log.warn({ deliveryId: id, provider: row.provider, attempts }, 'webhook delivery failed');
        } else {
          retryIn = delay;
        }
      } else {
        await this.deliveries.finish(id, outcome.status, outcome.status === 'failed' ? outcome.error : null);
        this.#onFinished({ provider: row.provider, status: outcome.status, receivedAt: row.received_at });
        // A directory import that landed while this delivery was being looked up found it still pending.
        if (outcome.status === 'unmatched' && (await this.#mappedNow(row.external_user_id))) {
          await this.deliveries.requeue(id);
          retryIn = 0;
        }
        if (outcome.status === 'failed') {
          this.log.warn(
            { deliveryId: id, provider: row.provider, error: outcome.error },
            'webhook delivery failed',
          );
        }
      }
    } catch (error) {
      // A database hiccup: the row stays pending and is tried again later (or by the sweep, or at the next start).
      this.log.error({ err: error, deliveryId: id }, 'webhook delivery processing failed');
      retryIn = this.#retryBaseMs;
      if (leased) await this.deliveries.release(id).catch(() => {});
    } finally {
      this.#queued.delete(id);
    }
    if (retryIn !== null && !this.#stopped) {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.enqueue(id);
      }, retryIn);
      timer.unref();
      this.#timers.add(timer);
    }
  }
}
