import type { FastifyBaseLogger } from 'fastify';
import type { DeliveryStore } from './deliveries';
import { type DeliveryProcessorDeps, processDelivery } from './processor';

export interface DeliveryWorkerOptions {
  /** Deliveries processed at once (each is one provider read and one transaction). */
  concurrency?: number;
  /** Attempts before a delivery the provider could not be read for is marked failed. */
  maxAttempts?: number;
  /** Delay before the n-th retry: base × 2^(n-1). */
  retryBaseMs?: number;
}

/**
 * Processes stored deliveries in the background with bounded concurrency. Each id is queued at most once at a
 * time; `start()` queues every pending row, so deliveries stored before a crash are processed after restart.
 */
export class DeliveryWorker {
  readonly #queue: string[] = [];
  readonly #queued = new Set<string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #idleWaiters: (() => void)[] = [];
  readonly #concurrency: number;
  readonly #maxAttempts: number;
  readonly #retryBaseMs: number;
  #running = 0;
  #stopped = false;

  constructor(
    private readonly deliveries: DeliveryStore,
    private readonly deps: DeliveryProcessorDeps,
    private readonly log: FastifyBaseLogger,
    options: DeliveryWorkerOptions = {},
  ) {
    this.#concurrency = options.concurrency ?? 4;
    this.#maxAttempts = options.maxAttempts ?? 5;
    this.#retryBaseMs = options.retryBaseMs ?? 1_000;
  }

  async start(): Promise<number> {
    const pending = await this.deliveries.pendingIds();
    for (const id of pending) this.enqueue(id);
    return pending.length;
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
    return (await this.deps.directory.byExternalUserId('capa', externalUserId)) !== undefined;
  }

  async #run(id: string): Promise<void> {
    let retryIn: number | null = null;
    try {
      const row = await this.deliveries.get(id);
      if (row?.status !== 'pending') return;
      const outcome = await processDelivery(row, this.deps);
      if (outcome.status === 'retry') {
        const attempts = await this.deliveries.retryLater(id, outcome.error);
        if (attempts >= this.#maxAttempts) {
          await this.deliveries.finish(id, 'failed', outcome.error);
          this.log.warn({ deliveryId: id, provider: row.provider, attempts }, 'webhook delivery failed');
        } else {
          retryIn = this.#retryBaseMs * 2 ** (attempts - 1);
        }
      } else {
        await this.deliveries.finish(id, outcome.status, outcome.status === 'failed' ? outcome.error : null);
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
      // A database hiccup: the row stays pending and is tried again later (or at the next start).
      this.log.error({ err: error, deliveryId: id }, 'webhook delivery processing failed');
      retryIn = this.#retryBaseMs;
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
