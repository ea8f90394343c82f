import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedFromSandbox } from '../../../launcher/src/embedded';
import type { CaseTables } from '../../src/cases/schema';
import { describeEachEngine } from '../helpers/db';
import { type DeliveryHarness, deliveryHarness, scenarios } from './harness';

describeEachEngine('embedded start-up', (engine) => {
  let h: DeliveryHarness;
  beforeAll(async () => {
    h = await deliveryHarness(engine);
  });
  afterAll(() => h.close());

  it('fills a fresh desk through real deliveries once, and leaves it alone on the next start', async () => {
    const first = await seedFromSandbox(h.app, h.sandbox);
    await h.app.deliveries.worker.idle();
    const reviewNeeded = (await scenarios(h.sandbox.capaUrl, 'review_needed')).filter(
      (row) => row.status === 'REVIEW_NEEDED',
    );
    const waiting = await scenarios(h.sandbox.connectfiUrl, 'waiting_review');
    // Capa sends no KYB webhook: businesses in KYB review are found by reading them.
    const kybReview = await scenarios(h.sandbox.capaUrl, 'kyb:review_needed');
    expect(kybReview.length).toBeGreaterThan(0);
    expect(first).toMatchObject({
      skipped: false,
      capaDelivered: reviewNeeded.length,
      kybOpened: kybReview.length,
    });
    expect(first.connectfiDelivered).toBeGreaterThanOrEqual(waiting.length);

    const cases = await h.app.db
      .withTables<CaseTables>()
      .selectFrom('cases')
      .select(['provider', 'subject_id'])
      .execute();
    const opened = new Set(cases.map((row) => `${row.provider}:${row.subject_id}`));
    for (const row of [...reviewNeeded, ...waiting, ...kybReview])
      expect(opened).toContain(`${row.provider}:${row.id}`);

    const second = await seedFromSandbox(h.app, h.sandbox);
    expect(second.skipped).toBe(true);
  });
});
