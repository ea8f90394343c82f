import { type Kysely, sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { CaseTables } from '../../src/cases/schema';
import { verifyAuditChain } from '../../src/db/audit';
import { DeliveryStore } from '../../src/deliveries/intake';
import type { DeliveryDB, DeliveryTables } from '../../src/deliveries/schema';
import { describeEachEngine } from '../helpers/db';
import { capaBody } from './harness';

describeEachEngine('the webhook delivery store', (engine) => {
  let db: Kysely<DeliveryDB>;
  let now = new Date('2026-11-23T09:00:00Z');
  let store: DeliveryStore;

  beforeAll(async () => {
    db = (await engine.migrated()).db.withTables<CaseTables & DeliveryTables>();
    store = new DeliveryStore(db, { clock: () => now });
  });

  const record = (body: string) => store.record('capa', Buffer.from(body), null, null);
  const auditOf = (deliveryId: string) =>
    db
      .selectFrom('audit_events')
      .select('action')
      .where(sql<string>`details->>'deliveryId'`, '=', deliveryId)
      .execute();

  it('stores every delivery of a burst once, with its audit row, and flags the repeats', async () => {
    const bodies = Array.from({ length: 60 }, (_, n) => capaBody('REVIEW_NEEDED_KYC', `burst-${n % 45}`));
    const recorded = await Promise.all(bodies.map(record));

    const firstOf = new Map<string, (typeof recorded)[number]>();
    for (const [index, body] of bodies.entries()) {
      const result = recorded[index];
      if (!result) throw new Error('an arrival got no answer');
      const first = firstOf.get(body);
      if (first) {
        expect(result).toEqual({ id: first.id, duplicate: true, queue: false });
      } else {
        expect(result).toMatchObject({ duplicate: false, queue: true });
        firstOf.set(body, result);
      }
    }
    const rows = await db.selectFrom('deliveries').select(['id', 'body', 'status']).execute();
    expect(rows).toHaveLength(45);
    expect(new Set(rows.map((row) => row.body))).toEqual(new Set(bodies));
    for (const row of rows) expect(await auditOf(row.id)).toEqual([{ action: 'webhook.received' }]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('stores the good deliveries of a burst when one of them cannot be stored', async () => {
    // PostgreSQL text cannot hold a NUL character: that arrival fails, the ones written with it must not.
    const bodies = ['{"externalUserId":"nul-\u0000"}', ...[1, 2, 3].map((n) => capaBody('X', `beside-${n}`))];
    const settled = await Promise.allSettled(bodies.map(record));
    expect(settled.map((result) => result.status)).toEqual([
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    const stored = await db
      .selectFrom('deliveries')
      .select('body')
      .where('body', 'in', bodies.slice(1))
      .execute();
    expect(stored).toHaveLength(3);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('stores two identical deliveries sent at once to two instances once, and says which was first', async () => {
    const other = new DeliveryStore(db, { clock: () => now });
    const body = capaBody('REVIEW_NEEDED_KYC', 'twice-at-once');
    const results = await Promise.all([record(body), other.record('capa', Buffer.from(body), null, null)]);

    expect(results.map((result) => result.duplicate).sort()).toEqual([false, true]);
    expect(results[0]?.id).toBe(results[1]?.id);
    const rows = await db.selectFrom('deliveries').select('id').where('body', '=', body).execute();
    expect(rows).toEqual([{ id: results[0]?.id }]);
    expect(await auditOf(results[0]?.id as string)).toEqual([{ action: 'webhook.received' }]);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('answers no arrival of a group that cannot be committed, and keeps none of its rows', async () => {
    // The group's audit append fails (as a full disk or a lost connection would): the deliveries written
    // before it in the same transaction must go with it, and no sender may be told it was stored.
    await sql`
      create function refuse_webhook_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'webhook.received' then raise exception 'audit refused'; end if;
        return new;
      end $$
    `.execute(db);
    await sql`
      create trigger refuse_webhook_audit before insert on audit_events
      for each row execute function refuse_webhook_audit()
    `.execute(db);
    try {
      const bodies = [1, 2, 3].map((n) => capaBody('REVIEW_NEEDED_KYC', `refused-${n}`));
      const settled = await Promise.allSettled(bodies.map(record));
      for (const result of settled) {
        expect(result).toMatchObject({
          status: 'rejected',
          reason: { message: expect.stringMatching(/audit refused/) },
        });
      }
      expect(await db.selectFrom('deliveries').select('id').where('body', 'in', bodies).execute()).toEqual(
        [],
      );
    } finally {
      await sql`drop trigger refuse_webhook_audit on audit_events`.execute(db);
      await sql`drop function refuse_webhook_audit()`.execute(db);
    }
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('lets one worker at a time hold a pending delivery, until its lease runs out', async () => {
    const { id } = await record(capaBody('REVIEW_NEEDED_KYC', 'leased'));
    expect(await store.pendingIds()).toContain(id);

    expect(await store.lease(id, 10_000)).toMatchObject({ id, status: 'pending' });
    expect(await store.lease(id, 10_000)).toBeUndefined();
    expect(await store.pendingIds()).not.toContain(id);

    now = new Date(now.getTime() + 9_000);
    await store.renew(id, 10_000);
    now = new Date(now.getTime() + 9_000);
    expect(await store.lease(id, 10_000)).toBeUndefined();

    // The holder died: nobody renews, and the lease runs out.
    now = new Date(now.getTime() + 10_000);
    expect(await store.pendingIds()).toContain(id);
    expect(await store.lease(id, 10_000)).toMatchObject({ id });

    await store.finish(id, 'processed', null);
    expect(await store.lease(id, 10_000)).toBeUndefined();
    expect(await store.pendingIds()).not.toContain(id);
  });

  it('leases each delivery of a burst to one asker, and records each outcome of a burst', async () => {
    const ids = (
      await Promise.all([1, 2, 3, 4, 5].map((n) => record(capaBody('REVIEW_NEEDED_KYC', `grouped-${n}`))))
    ).map((recorded) => recorded.id);
    // Asked for at once (as the worker's slots do), the leases share writes; the id asked for twice goes once.
    const leases = await Promise.all([...ids, ids[0] as string].map((id) => store.lease(id, 10_000)));
    expect(leases.map((row) => row?.id)).toEqual([...ids, undefined]);

    const [processed, unmatched, failed, alsoProcessed, stillHeld] = ids as [
      string,
      string,
      string,
      string,
      string,
    ];
    await Promise.all([
      store.finish(processed, 'processed', null),
      store.finish(unmatched, 'unmatched', null),
      store.finish(failed, 'failed', 'not_found (HTTP 404)'),
      store.finish(alsoProcessed, 'processed', null),
    ]);
    const rows = await db
      .selectFrom('deliveries')
      .select(['id', 'status', 'last_error', 'attempts', 'lease_until'])
      .where('id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(processed)).toMatchObject({
      status: 'processed',
      last_error: null,
      attempts: 1,
      lease_until: null,
    });
    expect(byId.get(unmatched)).toMatchObject({ status: 'unmatched', attempts: 1, lease_until: null });
    expect(byId.get(failed)).toMatchObject({
      status: 'failed',
      last_error: 'not_found (HTTP 404)',
      attempts: 1,
    });
    expect(byId.get(alsoProcessed)).toMatchObject({ status: 'processed', attempts: 1 });
    expect(byId.get(stillHeld)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(byId.get(stillHeld)?.lease_until).not.toBeNull();
  });

  it('holds a delivery that waits for its next attempt until that attempt is due', async () => {
    const { id } = await record(capaBody('REVIEW_NEEDED_KYC', 'retried'));
    expect(await store.lease(id, 10_000)).toBeDefined();
    expect(await store.retryLater(id, 'timeout', 4_000)).toBe(1);
    now = new Date(now.getTime() + 3_000);
    expect(await store.pendingIds()).not.toContain(id);
    now = new Date(now.getTime() + 1_000);
    expect(await store.pendingIds()).toContain(id);
  });
});
