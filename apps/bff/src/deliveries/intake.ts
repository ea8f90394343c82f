import type { Provider } from '@review-desk/contracts';
import { type Kysely, sql, type Transaction } from 'kysely';
import {
  type AuditEvent,
  type AuditHead,
  chainAuditEvents,
  insertAuditRows,
  lockAuditTrail,
} from '../db/audit';
import { Batcher } from '../db/batcher';
import type { DeliveryDB, DeliveryRow, DeliveryStatus } from './schema';
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
  /** Deliveries written in one transaction at most, when a burst arrives faster than one commit. */
  maxBatch?: number;
}

interface Arrival {
  provider: Provider;
  body: Buffer;
  contentHash: string;
  externalUserId: string | null;
  requestId: string | null;
}

interface Finish {
  id: string;
  status: Exclude<DeliveryStatus, 'pending'>;
  error: string | null;
}

const maxErrorLength = 500;

type StoredRow = Pick<DeliveryRow, 'id' | 'provider' | 'dedupe_key' | 'status' | 'lease_until'>;

/**
 * For the worker's bookkeeping (leases, outcomes): the statement's transaction commits without waiting for its
 * write-ahead log to reach the disk. A disk flush takes ~5 ms here, and each one the worker waited for was a
 * flush the intake's commits (which acknowledge deliveries, and so must wait) queued behind. Lost in a database
 * crash, a lease or an outcome costs at most one more read of the provider, which changes nothing; a later
 * synchronous commit flushes it anyway. A condition, so the setting travels with the statement, no extra round trip.
 */
const withoutFlushWait = sql<boolean>`set_config('synchronous_commit', 'off', true) = 'off'`;

/**
 * `(a, b, …)` for `in`, one parameter each (distinct), so the planner reads the rows through their index; a
 * list of rows as one JSON parameter would be read by a scan of the whole table. `(null)` when empty: matches
 * nothing, and the planner drops the scan.
 */
const listOf = (values: Iterable<string>) => {
  const distinct = [...new Set(values)];
  return distinct.length === 0 ? sql`(null)` : sql`(${sql.join(distinct)})`;
};

const auditEvent = (arrival: Arrival, action: string, deliveryId: string, at: Date): AuditEvent => ({
  actorUserId: null,
  actorUsername: arrival.provider,
  action,
  details: { provider: arrival.provider, deliveryId, contentHash: arrival.contentHash },
  requestId: arrival.requestId,
  at,
});

/**
 * Webhook deliveries, kept verbatim. A delivery is stored (with its audit row, in one transaction) before the
 * provider gets its 2xx, so a crash after answering loses nothing: a worker picks pending rows up at start, and
 * the other instances pick them up once their lease runs out.
 *
 * Arrivals are committed in groups (a Batcher): while one transaction is being written, the deliveries that
 * arrive queue for the next, which writes them all with one insert, one audit append and one commit. The
 * worker's leases and finishes are grouped the same way, so a burst costs a few commits, not three per
 * delivery.
 */
export class DeliveryStore {
  readonly #clock: () => Date;
  readonly #arrivals: Batcher<Arrival, RecordedDelivery>;
  readonly #leases: Batcher<{ id: string; ms: number }, DeliveryRow | undefined>;
  readonly #finishes: Batcher<Finish, undefined>;

  constructor(
    private readonly db: Kysely<DeliveryDB>,
    options: DeliveryStoreOptions = {},
  ) {
    this.#clock = options.clock ?? (() => new Date());
    this.#arrivals = new Batcher(
      (group) => this.db.transaction().execute((trx) => this.#store(trx, group)),
      options.maxBatch ?? 200,
    );
    this.#leases = new Batcher((group) => this.#lease(group));
    this.#finishes = new Batcher((group) => this.#finish(group));
  }

  /** Resolves once the delivery is durably stored (or found stored before), never sooner. */
  record(
    provider: Provider,
    body: Buffer,
    externalUserId: string | null,
    requestId: string | null,
  ): Promise<RecordedDelivery> {
    return this.#arrivals.submit({
      provider,
      body,
      contentHash: sha256Hex(body),
      externalUserId,
      requestId,
    });
  }

  /**
   * One group in three statements between begin and commit, whatever it holds (five to seven before): the
   * insert, which also waits for the audit trail's lock; one read of the trail's head and, locked, of the rows
   * stored before; one write of the audit rows and of the rows sent again. Each round trip is one the next
   * group waits for, and under load each costs milliseconds of waiting for a core.
   */
  async #store(trx: Transaction<DeliveryDB>, group: Arrival[]): Promise<RecordedDelivery[]> {
    const now = this.#clock();
    const arrivals = JSON.stringify(
      group.map((arrival) => ({
        provider: arrival.provider,
        body: arrival.body.toString('utf8'),
        hash: arrival.contentHash,
        external_user_id: arrival.externalUserId,
      })),
    );
    const { rows: inserted } = await sql<{ id: string; provider: Provider; dedupe_key: string }>`
      with audit_lock as (${lockAuditTrail})
      insert into deliveries (provider, received_at, body, content_hash, dedupe_key, external_user_id, status,
                              attempts, last_error, processed_at)
      select arrival.provider, ${now}, arrival.body, arrival.hash, arrival.hash, arrival.external_user_id,
             'pending', 0, null, null
      from audit_lock, jsonb_to_recordset(${arrivals}::jsonb)
        as arrival (provider text, body text, hash text, external_user_id text)
      on conflict on constraint deliveries_dedupe_key do nothing
      returning id, provider, dedupe_key
    `.execute(trx);

    // The first arrival of each new row owns it; later identical ones (in this group or before) are duplicates.
    const newRows = new Map(inserted.map((row) => [`${row.provider}:${row.dedupe_key}`, row.id]));
    const results: (RecordedDelivery | null)[] = group.map((arrival) => {
      const key = `${arrival.provider}:${arrival.contentHash}`;
      const id = newRows.get(key);
      if (id === undefined) return null;
      newRows.delete(key);
      return { id, duplicate: false, queue: true };
    });
    const received = group.flatMap((arrival, index) => {
      const result = results[index];
      if (!result) return [];
      return [auditEvent(arrival, 'webhook.received', result.id, now)];
    });
    const again = group.filter((_, index) => results[index] === null);
    // A later statement than the lock's wait, so it sees the appends committed meanwhile.
    const { head, stored } = await this.#readHeadAndStored(trx, again);
    const redelivered = this.#storeAgain(again, stored, now);
    let next = 0;
    for (const [index, result] of results.entries()) {
      if (result === null) results[index] = redelivered.outcomes[next++]?.result ?? null;
    }
    // One append for the group: new rows first, then the ones sent again.
    const requeued = again.flatMap((arrival, index) => {
      const outcome = redelivered.outcomes[index];
      return outcome?.requeued ? [auditEvent(arrival, 'webhook.redelivered', outcome.result.id, now)] : [];
    });
    const audit = chainAuditEvents(head, [...received, ...requeued]);
    await sql`
      with read_again as (
        update deliveries set read_again = true where id in ${listOf(redelivered.readAgain)}
      ), requeue as (
        update deliveries
        set status = 'pending', attempts = 0, last_error = null, received_at = ${now}, lease_until = null
        where id in ${listOf(redelivered.requeue)}
      )
      ${insertAuditRows(audit)}
    `.execute(trx);
    return results as RecordedDelivery[];
  }

  /** The audit trail's head and, locked, the rows of the arrivals that were stored before. */
  async #readHeadAndStored(
    trx: Transaction<DeliveryDB>,
    again: Arrival[],
  ): Promise<{ head: AuditHead | undefined; stored: StoredRow[] }> {
    const { rows } = await sql<
      { head_id: number | null; head_hash: string | null } & { [K in keyof StoredRow]: StoredRow[K] | null }
    >`
      with stored as (
        select id, provider, dedupe_key, status, lease_until from deliveries
        where provider in ${listOf(again.map((arrival) => arrival.provider))}
          and dedupe_key in ${listOf(again.map((arrival) => arrival.contentHash))}
        order by id
        for update
      ), head as (
        select id, hash from audit_events order by id desc limit 1
      )
      select head.id as head_id, head.hash as head_hash, stored.*
      from (select 1) as one left join head on true left join stored on true
    `.execute(trx);
    const first = rows[0];
    const head =
      first?.head_id === null || first?.head_id === undefined || first.head_hash === null
        ? undefined
        : { id: Number(first.head_id), hash: first.head_hash };
    const stored = rows.flatMap((row) =>
      row.id === null || row.provider === null || row.dedupe_key === null || row.status === null
        ? []
        : [{ ...row, id: row.id, provider: row.provider, dedupe_key: row.dedupe_key, status: row.status }],
    );
    return { head, stored };
  }

  /**
   * What becomes of the arrivals whose content was stored before (their rows read and locked): at most two
   * updates, made with the group's audit append.
   * A delivery is a nudge to read the provider, not the news itself: Capa sends the same body for a user's next
   * session. So it is coalesced only with an identical delivery still waiting to be read (not yet leased); once
   * that one was read (or is being read), this one asks for a fresh read. Provider retries stay harmless: a read
   * that finds nothing new changes no case. Arrivals of one group are taken in order, each seeing what the
   * earlier ones did (a second identical arrival after a re-queue is coalesced with it).
   */
  #storeAgain(
    group: Arrival[],
    rows: StoredRow[],
    now: Date,
  ): {
    outcomes: { result: RecordedDelivery; requeued: boolean }[];
    readAgain: Set<string>;
    requeue: Set<string>;
  } {
    const byKey = new Map(rows.map((row) => [`${row.provider}:${row.dedupe_key}`, { ...row }]));
    const readAgain = new Set<string>();
    const requeue = new Set<string>();
    const outcomes = group.map((arrival) => {
      const row = byKey.get(`${arrival.provider}:${arrival.contentHash}`);
      if (!row) throw new Error('a delivery stored before was not found');
      const waiting = row.status === 'pending' && (row.lease_until === null || row.lease_until <= now);
      if (waiting) return { result: { id: row.id, duplicate: true, queue: false }, requeued: false };
      if (row.status === 'pending') {
        // Being read right now, perhaps before the news this delivery brings: read again once that read ends.
        readAgain.add(row.id);
        return { result: { id: row.id, duplicate: true, queue: false }, requeued: false };
      }
      requeue.add(row.id);
      Object.assign(row, { status: 'pending', lease_until: null });
      return { result: { id: row.id, duplicate: true, queue: true }, requeued: true };
    });
    return { outcomes, readAgain, requeue };
  }

  /**
   * Takes a pending delivery for processing: holds it for `ms` so no other worker (in this or another
   * instance) takes it meanwhile. Undefined when it is not pending or someone else holds it.
   */
  lease(id: string, ms: number): Promise<DeliveryRow | undefined> {
    return this.#leases.submit({ id, ms });
  }

  /** The leases asked for while the previous ones were written: one statement per lease length (usually one). */
  async #lease(group: { id: string; ms: number }[]): Promise<(DeliveryRow | undefined)[]> {
    const now = this.#clock();
    const leased = new Map<string, DeliveryRow>();
    for (const ms of new Set(group.map((lease) => lease.ms))) {
      const rows = await this.db
        .updateTable('deliveries')
        .set({ lease_until: new Date(now.getTime() + ms) })
        .where(
          'id',
          'in',
          group.filter((lease) => lease.ms === ms).map((lease) => lease.id),
        )
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
        .where(withoutFlushWait)
        .returningAll()
        .execute();
      for (const row of rows) leased.set(row.id, row);
    }
    // The same id asked for twice in one group is leased once: the first asker holds it.
    return group.map((lease) => {
      const row = leased.get(lease.id);
      leased.delete(lease.id);
      return row;
    });
  }

  /** Extends the lease of a delivery still being processed. */
  async renew(id: string, ms: number): Promise<void> {
    const until = new Date(this.#clock().getTime() + ms);
    await this.db
      .updateTable('deliveries')
      .set({ lease_until: until })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }

  /** Gives a lease back early (processing stopped short of an outcome). */
  async release(id: string): Promise<void> {
    await this.db.updateTable('deliveries').set({ lease_until: null }).where('id', '=', id).execute();
  }

  /** Pending deliveries no worker holds, oldest first. */
  async pendingIds(limit = 10_000): Promise<string[]> {
    const now = this.#clock();
    const rows = await this.db
      .selectFrom('deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .orderBy('received_at')
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }

  /** Ends the processing of a delivery this worker holds; finishes asked for meanwhile share one commit. */
  async finish(id: string, status: Exclude<DeliveryStatus, 'pending'>, error: string | null): Promise<void> {
    await this.#finishes.submit({ id, status, error });
  }

  async #finish(group: Finish[]): Promise<undefined[]> {
    const now = this.#clock();
    // One statement per distinct outcome (usually one: a burst's deliveries mostly end alike).
    const outcomes = new Map<string, { status: Finish['status']; error: string | null; ids: string[] }>();
    for (const { id, status, error } of group) {
      const key = JSON.stringify([status, error]);
      const outcome = outcomes.get(key) ?? { status, error, ids: [] };
      outcome.ids.push(id);
      outcomes.set(key, outcome);
    }
    const write = async (db: Kysely<DeliveryDB>) => {
      for (const { status, error, ids } of outcomes.values()) {
        // A row nudged again while it was being read goes back to pending for a fresh read (the sweep takes it).
        await db
          .updateTable('deliveries')
          .set((eb) => ({
            status: sql<DeliveryStatus>`case when read_again then 'pending' else ${status} end`,
            attempts: eb
              .case()
              .when('read_again', '=', true)
              .then(0)
              .else(eb('attempts', '+', 1))
              .end(),
            last_error: error === null ? null : error.slice(0, maxErrorLength),
            processed_at: status === 'unmatched' ? null : now,
            lease_until: null,
            read_again: false,
          }))
          .where('id', 'in', ids)
          .where(withoutFlushWait)
          .execute();
      }
    };
    if (outcomes.size === 1) await write(this.db);
    else await this.db.transaction().execute(write);
    return group.map(() => undefined);
  }

  /** Counts a failed attempt; the row is held until `delayMs` from now, when its next attempt is due. */
  async retryLater(id: string, error: string, delayMs: number): Promise<number> {
    const now = this.#clock();
    const row = await this.db
      .updateTable('deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_error: error.slice(0, maxErrorLength),
        lease_until: new Date(now.getTime() + delayMs),
      }))
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
    await this.db
      .updateTable('deliveries')
      .set({ status: 'pending', lease_until: null })
      .where('id', '=', id)
      .execute();
  }

  /**
   * An administrator's retry of a failed or unmatched delivery: pending again, with a fresh count of attempts
   * (the worker's backoff starts over). Returns the row before the change, or why there is none.
   */
  async retry(id: string): Promise<DeliveryRow | 'not_found' | 'not_retryable'> {
    const before = await this.db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) return 'not_found';
    const queued = await this.db
      .updateTable('deliveries')
      .set({ status: 'pending', attempts: 0, last_error: null, lease_until: null })
      .where('id', '=', id)
      .where('status', 'in', ['failed', 'unmatched'])
      .returning('id')
      .executeTakeFirst();
    return queued ? before : 'not_retryable';
  }

  /** Queues unmatched deliveries again whose id the directory now knows; returns their ids. */
  async requeueMatched(): Promise<string[]> {
    const rows = await this.db
      .updateTable('deliveries')
      .set({ status: 'pending', last_error: null, lease_until: null })
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
