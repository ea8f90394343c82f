import type { CaseEvent } from '@review-desk/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { request } from 'undici';
import type { DeliveryDB, OutboundRow } from './schema';
import { hmacHex } from './signatures';

export const decisionSignatureHeader = 'x-review-desk-signature';

export interface DecisionWebhookOptions {
  url: string;
  secret: string;
  /** Attempts before a delivery is marked failed. */
  maxAttempts?: number;
  /** Delay before the n-th retry: base × 2^(n-1). */
  retryBaseMs?: number;
  /** How often due deliveries are looked for. */
  pollMs?: number;
  timeoutMs?: number;
  clock?: () => Date;
}

const maxErrorLength = 500;

/**
 * Tells the organisation's systems about decisions: a signed POST per resolved case, stored first (so it
 * survives restarts) and retried with exponential backoff; what never got through stays visible as failed.
 */
export class DecisionWebhook {
  readonly #clock: () => Date;
  readonly #maxAttempts: number;
  readonly #retryBaseMs: number;
  readonly #pollMs: number;
  readonly #timeoutMs: number;
  #timer: NodeJS.Timeout | null = null;
  #sending: Promise<void> | null = null;
  #closing = new AbortController();

  constructor(
    private readonly db: Kysely<DeliveryDB>,
    private readonly options: DecisionWebhookOptions,
    private readonly log: FastifyBaseLogger,
  ) {
    this.#clock = options.clock ?? (() => new Date());
    this.#maxAttempts = options.maxAttempts ?? 8;
    this.#retryBaseMs = options.retryBaseMs ?? 5_000;
    this.#pollMs = options.pollMs ?? 1_000;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** The case-event listener: a decision that resolved a case is queued for delivery. */
  onCaseEvent = (event: CaseEvent): void => {
    if (event.type !== 'decided' || event.case.state !== 'resolved') return;
    this.enqueue(event.caseId).catch((error: unknown) =>
      this.log.error({ err: error, caseId: event.caseId }, 'decision webhook could not be queued'),
    );
  };

  async enqueue(caseId: string): Promise<void> {
    const decision = await this.db
      .selectFrom('case_decisions')
      .innerJoin('cases', 'cases.id', 'case_decisions.case_id')
      .select([
        'cases.id as caseId',
        'cases.provider',
        'cases.subject_id as subjectId',
        'case_decisions.outcome',
        'case_decisions.reason_code as reasonCode',
        'case_decisions.decided_at as decidedAt',
      ])
      .where('case_decisions.case_id', '=', caseId)
      .orderBy('case_decisions.decided_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!decision) return;
    const body = JSON.stringify({ ...decision, decidedAt: decision.decidedAt.toISOString() });
    const now = this.#clock();
    // Several instances hear the same event; the unique (case, body) keeps one delivery.
    await this.db
      .insertInto('outbound_deliveries')
      .values({
        case_id: caseId,
        url: this.options.url,
        body,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        last_error: null,
        created_at: now,
        delivered_at: null,
      })
      .onConflict((oc) => oc.constraint('outbound_deliveries_case_body').doNothing())
      .execute();
    this.sendDue();
  }

  start(): void {
    this.#timer = setInterval(() => this.sendDue(), this.#pollMs);
    this.#timer.unref();
    this.sendDue();
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#closing.abort();
    await this.#sending;
  }

  /** Sends every due delivery; one pass at a time. */
  sendDue(): void {
    if (this.#sending || this.#closing.signal.aborted) return;
    this.#sending = this.#sendDue()
      .catch((error: unknown) => this.log.error({ err: error }, 'decision webhook pass failed'))
      .finally(() => {
        this.#sending = null;
      });
  }

  /** Resolves once nothing is due now (tests). */
  async drain(): Promise<void> {
    while (this.#sending) await this.#sending;
  }

  async #sendDue(): Promise<void> {
    const due = await this.db
      .selectFrom('outbound_deliveries')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', this.#clock())
      .orderBy('next_attempt_at')
      .limit(50)
      .execute();
    await Promise.all(due.map((row) => this.#attempt(row)));
  }

  async #attempt(row: OutboundRow): Promise<void> {
    let error: string | null = null;
    try {
      const response = await request(row.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [decisionSignatureHeader]: hmacHex(this.options.secret, row.body),
        },
        body: row.body,
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
        signal: this.#closing.signal,
      });
      await response.body.dump();
      if (response.statusCode < 200 || response.statusCode >= 300) error = `HTTP ${response.statusCode}`;
    } catch (caught) {
      if (this.#closing.signal.aborted) return;
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const now = this.#clock();
    const attempts = row.attempts + 1;
    if (error === null) {
      await this.db
        .updateTable('outbound_deliveries')
        .set({ status: 'delivered', attempts, delivered_at: now, last_error: null })
        .where('id', '=', row.id)
        .execute();
      return;
    }
    const failed = attempts >= this.#maxAttempts;
    await this.db
      .updateTable('outbound_deliveries')
      .set({
        status: failed ? 'failed' : 'pending',
        attempts,
        last_error: error.slice(0, maxErrorLength),
        next_attempt_at: new Date(now.getTime() + this.#retryBaseMs * 2 ** (attempts - 1)),
      })
      .where('id', '=', row.id)
      .execute();
    if (failed) this.log.warn({ deliveryId: row.id, attempts }, 'decision webhook failed');
  }

  /**
   * Sends a failed delivery once more, at once (an admin's retry once the receiver is fixed). Its attempts
   * are already spent, so if this one fails too it is failed again. Only a failed delivery is retried.
   */
  async retry(id: string): Promise<OutboundRow | 'not_found' | 'not_failed'> {
    const row = await this.db
      .updateTable('outbound_deliveries')
      .set({ status: 'pending', next_attempt_at: this.#clock() })
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .returningAll()
      .executeTakeFirst();
    if (row) {
      this.sendDue();
      return row;
    }
    const exists = await this.db
      .selectFrom('outbound_deliveries')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    return exists ? 'not_failed' : 'not_found';
  }

  list(status: OutboundRow['status'] | undefined): Promise<OutboundRow[]> {
    let query = this.db.selectFrom('outbound_deliveries').selectAll();
    if (status) query = query.where('status', '=', status);
    return query.orderBy('created_at', 'desc').limit(500).execute();
  }
}
