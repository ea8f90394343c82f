import type { Provider } from '@review-desk/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { Reconciler } from '../../src/deliveries/reconcile';
import type { DeliveryTables } from '../../src/deliveries/schema';
import type { SubjectSync } from '../../src/deliveries/sync';
import { capaView, connectfiView, fixtureNow } from '../cases/fixtures';
import { storeFixture } from '../cases/store-fixture';
import { describeEachEngine } from '../helpers/db';

const dayMs = 86_400_000;

describeEachEngine('reconciliation', (engine) => {
  let f: Awaited<ReturnType<typeof storeFixture>>;
  const ids = new Map<string, string>();

  /** Moves a case to a final state at a given time, as a decision or a successor session would. */
  async function finish(subject: string, state: 'resolved' | 'superseded', daysAgo: number) {
    await f.db
      .updateTable('cases')
      .set({
        state,
        resolution: state === 'resolved' ? 'approved' : null,
        resolved_at: new Date(fixtureNow.getTime() - daysAgo * dayMs),
        // A superseded case names the session that replaced it.
        superseded_by: state === 'superseded' ? (ids.get('open-5') ?? null) : null,
      })
      .where('id', '=', ids.get(subject) ?? '')
      .execute();
  }

  beforeAll(async () => {
    f = await storeFixture(engine);
    for (const userId of [
      'open-1',
      'open-2',
      'open-3',
      'open-4',
      'open-5',
      'recent-1',
      'old-1',
      'old-2',
      'gone-1',
    ]) {
      ids.set(userId, (await f.ingest(capaView({ userId }))).id);
    }
    ids.set('cf-old', (await f.ingest(connectfiView({ customerId: 'cf-old' }))).id);
    await finish('recent-1', 'resolved', 3);
    await finish('old-1', 'resolved', 45);
    await finish('old-2', 'resolved', 45);
    await finish('cf-old', 'resolved', 45);
    await finish('gone-1', 'superseded', 1);
    // connectFi sent news of a customer whose case was decided long ago.
    await f.db
      .withTables<DeliveryTables>()
      .insertInto('deliveries')
      .values({
        provider: 'connectfi',
        received_at: new Date(fixtureNow.getTime() - dayMs),
        body: '{}',
        content_hash: 'hash',
        dedupe_key: 'cf-old-1',
        external_user_id: 'cf-old',
        status: 'processed',
        last_error: null,
        processed_at: fixtureNow,
      })
      .execute();
  });
  afterAll(() => engine.dispose());

  it('reads every open, recently resolved and newly delivered subject exactly once, across pages', async () => {
    const read: string[] = [];
    const reconciler = new Reconciler({
      db: f.db.withTables<DeliveryTables>(),
      sync: { sync: async () => ({ changed: false, closed: 0 }) } as unknown as SubjectSync,
      loadView: async (provider: Provider, subjectId: string) => {
        read.push(`${provider}:${subjectId}`);
        return f.loadView(provider, subjectId);
      },
      log: { info: vi.fn(), warn: vi.fn() } as unknown as FastifyBaseLogger,
      pageSize: 2,
      clock: () => fixtureNow,
    });
    const totals = await reconciler.run();
    const subjectOf = (userId: string) => {
      const view = f.views.get(`capa:${userId}`) ?? f.views.get(`connectfi:${userId}`);
      return `${view?.provider}:${view?.subject.id}`;
    };
    const expected = ['open-1', 'open-2', 'open-3', 'open-4', 'open-5', 'recent-1', 'cf-old'].map(subjectOf);
    // Pages of two walk past each page's last subject: nothing read twice, nothing skipped.
    expect([...read].sort()).toEqual([...expected].sort());
    expect(totals).toEqual({ checked: expected.length, changed: 0, closed: 0, failed: 0 });
    expect(read).not.toContain(subjectOf('old-1'));
    expect(read).not.toContain(subjectOf('gone-1'));
  });
});
