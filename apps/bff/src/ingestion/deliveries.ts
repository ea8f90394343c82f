import type { Provider } from '@review-desk/contracts';
import type { Kysely } from 'kysely';
import { appendAudit } from '../db/audit';
import type { DeliveryRow, DeliveryStatus, IngestionDB } from './schema';
import { sha256Hex } from './signatures';

export interface RecordedDelivery {
  id: string;
  /** The same content was received before: nothing new was stored. */
  duplicate: boolean;
  /** The delivery should go to the worker (new, or an old one the provider sent again after a while). */
  queue: boolean;
}

export interface DeliveryStoreOptions {
  clock?: () => Date;
  /**
   * A byte-identical delivery arriving this long after the first was processed is read as news (Capa sends the
   * same body for a user's next REVIEW_NEEDED session) and queued again on the same row; sooner, it is a retry.
   */
  redeliveryAfterMs?: number;
}

const maxErrorLength = 500;

/**
 * Webhook deliveries, kept verbatim. A delivery is stored (with its audit row, in one transaction) before the
 * provider gets its 2xx, so a crash after answering loses nothing: the worker picks pending rows up at start.
 */
export class DeliveryStore {
  readonly #clock: () => Date;
  readonly #redeliveryAfterMs: number;

  constructor(
    private readonly db: Kysely<IngestionDB>,
    options: DeliveryStoreOptions = {},
  ) {
    this.#clock = options.clock ?? (() => new Date());
    this.#redeliveryAfterMs = options.redeliveryAfterMs ?? 10 * 60_000;
  }

  async record(
    provider: Provider,
    body: Buffer,
    externalUserId: string | null,
    requestId: string | null,
  ): Promise<RecordedDelivery> {
    const contentHash = sha256Hex(body);
    const now = this.#clock();
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('deliveries')
        .values({
          provider,
          received_at: now,
          body: body.toString('utf8'),
          content_hash: contentHash,
          dedupe_key: contentHash,
          external_user_id: externalUserId,
          status: 'pending',
          attempts: 0,
          last_error: null,
          processed_at: null,
        })
        .onConflict((oc) => oc.constraint('deliveries_dedupe_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) {
        await appendAudit(trx, {
          actorUserId: null,
          actorUsername: provider,
          action: 'webhook.received',
          details: { provider, deliveryId: inserted.id, contentHash },
          requestId,
          at: now,
        });
        return { id: inserted.id, duplicate: false, queue: true };
      }
      const existing = await trx
        .selectFrom('deliveries')
        .select(['id', 'status', 'processed_at'])
        .where('provider', '=', provider)
        .where('dedupe_key', '=', contentHash)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const stale =
        existing.status === 'processed' &&
        existing.processed_at !== null &&
        now.getTime() - existing.processed_at.getTime() >= this.#redeliveryAfterMs;
      if (!stale) return { id: existing.id, duplicate: true, queue: false };
      await trx
        .updateTable('deliveries')
        .set({ status: 'pending', attempts: 0, last_error: null, received_at: now })
        .where('id', '=', existing.id)
        .execute();
      await appendAudit(trx, {
        actorUserId: null,
        actorUsername: provider,
        action: 'webhook.redelivered',
        details: { provider, deliveryId: existing.id, contentHash },
        requestId,
        at: now,
      });
      return { id: existing.id, duplicate: true, queue: true };
    });
  }

  get(id: string): Promise<DeliveryRow | undefined> {
    return this.db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async pendingIds(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .orderBy('received_at')
      .execute();
    return rows.map((row) => row.id);
  }

  async finish(id: string, status: Exclude<DeliveryStatus, 'pending'>, error: string | null): Promise<void> {
    const now = this.#clock();
    await this.db
      .updateTable('deliveries')
      .set((eb) => ({
        status,
        attempts: eb('attempts', '+', 1),
        last_error: error === null ? null : error.slice(0, maxErrorLength),
        processed_at: status === 'unmatched' ? null : now,
      }))
      .where('id', '=', id)
      .execute();
  }

  /** A failed attempt that will be tried again: stays pending. */
  async retryLater(id: string, error: string): Promise<number> {
    const row = await this.db
      .updateTable('deliveries')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, maxErrorLength) }))
      .where('id', '=', id)
      .returning('attempts')
      .executeTakeFirst();
    return row?.attempts ?? 0;
  }

  list(status: DeliveryStatus, limit = 500): Promise<DeliveryRow[]> {
    return this.db
      .selectFrom('deliveries')
      .selectAll()
      .where('status', '=', status)
      .orderBy('received_at', 'desc')
      .limit(limit)
      .execute();
  }

  async requeue(id: string): Promise<void> {
    await this.db.updateTable('deliveries').set({ status: 'pending' }).where('id', '=', id).execute();
  }

  /** Queues unmatched deliveries again whose id the directory now knows; returns their ids. */
  async requeueMatched(): Promise<string[]> {
    const rows = await this.db
      .updateTable('deliveries')
      .set({ status: 'pending', last_error: null })
      .where('status', '=', 'unmatched')
      .where('provider', '=', 'capa')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('subject_directory')
            .select('subject_directory.subject_id')
            .where('subject_directory.provider', '=', 'capa')
            .whereRef('subject_directory.external_user_id', '=', 'deliveries.external_user_id'),
        ),
      )
      .returning('id')
      .execute();
    return rows.map((row) => row.id);
  }
}
