import type { Kysely } from 'kysely';
import { type AuditEvent, appendAuditEvents, appendAuditEventsInOneSession } from './audit';
import type { DB } from './schema';

/**
 * Audit rows for reads of personal data (a subject or its media opened), written in batches: a read answers
 * at once and its row joins the next batch, appended in one transaction a short interval later, so a burst of
 * views costs one chain append instead of one each. `close` writes what is left, so a graceful shutdown loses
 * no row. A batch that fails is kept and tried again with the next one.
 */
export class ReadAuditWriter {
  #pending: AuditEvent[] = [];
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> | null = null;
  #closed = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly log: { error(details: object, message: string): void },
    /** How long a row may wait for its batch. */
    private readonly intervalMs = 100,
    /** Rows appended per transaction at most. */
    private readonly maxBatch = 500,
    /**
     * The database is embedded PGlite, one session: a batch is the head's read and one insert, holding the
     * session (no BEGIN, advisory lock or COMMIT). Its flush runs on the BFF's own thread, so a view arriving
     * meanwhile waits for it.
     */
    private readonly oneSession = false,
  ) {}

  /** Queues one row; its time is taken now, not when the batch is written. */
  record(event: AuditEvent): void {
    this.#pending.push(event.at === undefined ? { ...event, at: new Date() } : event);
    if (this.#closed) {
      void this.flush();
      return;
    }
    if (this.#timer === null) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        void this.flush();
      }, this.intervalMs);
      this.#timer.unref();
    }
  }

  /** Rows queued and not yet written. */
  get pending(): number {
    return this.#pending.length;
  }

  /** Writes every queued row; resolves once they are committed (or the write failed and was logged). */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing;
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.maxBatch);
      let failed = false;
      const written = this.oneSession
        ? appendAuditEventsInOneSession(this.db, batch)
        : this.db.transaction().execute((trx) => appendAuditEvents(trx, batch));
      this.#writing = written.then(
        () => undefined,
        (error: unknown) => {
          // Keep the rows, in order, for the next attempt; the reads they record have happened.
          failed = true;
          this.#pending.unshift(...batch);
          this.log.error({ err: error, rows: batch.length }, 'read audit rows could not be written yet');
        },
      );
      await this.#writing;
      this.#writing = null;
      if (failed) {
        this.#retryLater();
        return;
      }
    }
  }

  #retryLater(): void {
    if (this.#closed || this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, this.intervalMs * 10);
    this.#timer.unref();
  }

  /** Stops the timer and writes what is queued. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.flush();
  }
}
