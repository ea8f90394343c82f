import type { CaseView } from '@review-desk/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { CaseTables } from '../../src/cases/schema';
import { verifyAuditChain } from '../../src/db/audit';
import type { SubjectDirectory } from '../../src/deliveries/directory';
import { DeliveryStore } from '../../src/deliveries/intake';
import type { DeliveryDB, DeliveryTables } from '../../src/deliveries/schema';
import type { SubjectSync } from '../../src/deliveries/sync';
import { DeliveryWorker } from '../../src/deliveries/worker';
import { describeEachEngine } from '../helpers/db';
import { capaBody } from './harness';

const quietLog = { error() {}, warn() {} } as unknown as FastifyBaseLogger;

/**
 * Identical deliveries (Capa sends the same body for a user's next session) sent again in bursts: the store
 * takes each burst's repeats together (one read of their rows, one write per kind of change, one audit append),
 * and the worker reads the provider once per burst, not once per copy. Counts are awaited, never slept for.
 */
describeEachEngine('identical webhook deliveries sent again', (engine) => {
  let db: Kysely<DeliveryDB>;
  let store: DeliveryStore;
  let worker: DeliveryWorker;
  /** Provider reads per subject, and a gate the next read waits at while a test holds it closed. */
  const reads = new Map<string, number>();
  let gate: Promise<void> | null = null;
  let finished = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  /** Resolves once `count` deliveries have reached an outcome in all. */
  const finishedCount = (count: number) =>
    new Promise<void>((resolve) => {
      if (finished >= count) resolve();
      else waiters.push({ count, resolve });
    });

  beforeAll(async () => {
    db = (await engine.migrated()).db.withTables<CaseTables & DeliveryTables>();
    store = new DeliveryStore(db);
    const directory = {
      byExternalUserId: async (_provider: string, externalUserId: string) => ({
        subject_id: `subject-${externalUserId}`,
      }),
    } as unknown as SubjectDirectory;
    const loadView = async (_provider: string, subjectId: string) => {
      reads.set(subjectId, (reads.get(subjectId) ?? 0) + 1);
      await gate;
      return { subject: { externalUserId: subjectId } } as unknown as CaseView;
    };
    // What the worker does with the view is the case store's business, not this test's.
    const sync = { sync: async () => ({}) } as unknown as Pick<SubjectSync, 'sync'>;
    worker = new DeliveryWorker(store, { directory, loadView, sync }, quietLog, {
      // No periodic sweep: the test runs it (start() queues the pending rows) where it wants one.
      sweepIntervalMs: 0,
      onFinished: () => {
        finished += 1;
        for (const waiter of waiters.filter((w) => finished >= w.count)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      },
    });
    await worker.start();
  });
  afterEach(() => worker.idle());
  afterAll(() => worker.stop());

  /** Delivers `bodies` at once, as the webhook route does: stored, then handed to the worker when asked. */
  const deliver = async (bodies: string[]) => {
    const recorded = await Promise.all(
      bodies.map((body) => store.record('capa', Buffer.from(body), null, null)),
    );
    for (const result of recorded) if (result.queue) worker.enqueue(result.id);
    return recorded;
  };
  const auditOf = async (deliveryId: string) =>
    (
      await db
        .selectFrom('audit_events')
        .select('action')
        .where(sql<string>`details->>'deliveryId'`, '=', deliveryId)
        .orderBy('id')
        .execute()
    ).map((row) => row.action);

  it('reads the provider once more for a burst of copies that arrives after the first was read', async () => {
    const body = capaBody('REVIEW_NEEDED_KYC', 'next-session');
    const read = finished + 1;
    const [first] = await deliver([body]);
    await finishedCount(read);
    expect(reads.get('subject-next-session')).toBe(1);

    const target = finished + 3;
    const burst = await deliver([
      ...Array.from({ length: 6 }, () => body),
      capaBody('REVIEW_NEEDED_KYC', 'beside-1'),
      capaBody('REVIEW_NEEDED_KYC', 'beside-2'),
    ]);
    // Acknowledged means stored: every answer names the one row, and exactly one copy queued a read.
    expect(burst.slice(0, 6).every((result) => result.id === first?.id && result.duplicate)).toBe(true);
    expect(burst.slice(0, 6).filter((result) => result.queue)).toHaveLength(1);
    await finishedCount(target);
    await worker.idle();

    expect(reads.get('subject-next-session')).toBe(2);
    expect(await auditOf(first?.id ?? '')).toEqual(['webhook.received', 'webhook.redelivered']);
    const row = await db
      .selectFrom('deliveries')
      .select(['status', 'attempts'])
      .where('id', '=', first?.id ?? '')
      .executeTakeFirst();
    expect(row).toEqual({ status: 'processed', attempts: 1 });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('asks for one more read, not one per copy, when copies arrive while the first is being read', async () => {
    const body = capaBody('REVIEW_NEEDED_KYC', 'during-read');
    let open: () => void = () => {};
    gate = new Promise((resolve) => {
      open = resolve;
    });
    const before = finished;
    const [first] = await deliver([body]);
    // The read is under way (held at the gate): the copies are coalesced with it and ask for one more read.
    await expect.poll(() => reads.get('subject-during-read'), { timeout: 30_000 }).toBe(1);
    const copies = await deliver(Array.from({ length: 5 }, () => body));
    expect(copies.every((result) => result.id === first?.id && result.duplicate && !result.queue)).toBe(true);
    gate = null;
    open();

    // The read ends; the row is pending again for its fresh read, which the sweep hands to the worker.
    await finishedCount(before + 1);
    await worker.idle();
    await worker.start();
    await finishedCount(before + 2);
    await worker.idle();
    expect(reads.get('subject-during-read')).toBe(2);
    expect(await auditOf(first?.id ?? '')).toEqual(['webhook.received']);
    const row = await db
      .selectFrom('deliveries')
      .select(['status', 'read_again'])
      .where('id', '=', first?.id ?? '')
      .executeTakeFirst();
    expect(row).toEqual({ status: 'processed', read_again: false });
  });
});
