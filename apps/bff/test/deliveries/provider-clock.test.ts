import type { CaseSummary } from '@review-desk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseInputFromView, withDelivery } from '../../src/cases/intake';
import { capaView, connectfiView } from '../cases/fixtures';
import { describeEachEngine } from '../helpers/db';
import {
  capaBody,
  capaSignature,
  type DeliveryHarness,
  deliveryHarness,
  directoryInputs,
  scenarios,
} from './harness';

describeEachEngine("the SLA runs on the provider's clock", (engine) => {
  let h: DeliveryHarness;
  beforeAll(async () => {
    h = await deliveryHarness(engine);
    await h.app.deliveries.directory.upsert(await directoryInputs(h.sandbox));
  });
  afterAll(() => h.close());

  it('starts a Capa case at the session creation, not when the desk heard of it', async () => {
    const subject = (await scenarios(h.sandbox.capaUrl, 'review_needed')).find(
      (row) => row.provider === 'capa' && row.status === 'REVIEW_NEEDED' && row.externalUserId,
    );
    if (!subject?.externalUserId) throw new Error('no seeded REVIEW_NEEDED user');
    const body = capaBody('REVIEW_NEEDED_KYC', subject.externalUserId);
    const delivered = await h.app.inject({
      method: 'POST',
      url: '/webhooks/capa',
      headers: { 'content-type': 'application/json', 'capa-signature': capaSignature(body) },
      payload: body,
    });
    expect(delivered.statusCode).toBe(200);
    await h.app.deliveries.worker.idle();
    const view = await h.app.cases.loadView('capa', subject.id);
    const session = view.verification.provided ? view.verification : { createdAt: null };
    const row = await h.app.db
      .withTables<{ cases: { id: string; subject_id: string } }>()
      .selectFrom('cases')
      .select('id')
      .where('subject_id', '=', subject.id)
      .executeTakeFirstOrThrow();
    const summary: CaseSummary = await h.app.cases.store.getSummary(row.id);
    expect(summary.providerSince).toBe(new Date(session.createdAt ?? '').toISOString());
    expect(Date.parse(summary.providerSince ?? '')).toBeLessThan(Date.parse(summary.createdAt));
    expect(Date.parse(summary.slaDueAt)).toBe(Date.parse(summary.providerSince ?? '') + 24 * 3_600_000);
    expect(summary.slaBreached).toBe(true);
  });
});

describe('when the subject started waiting', () => {
  const received = new Date('2026-02-28T08:00:00.000Z');

  it('takes a Capa review delivery that came before the session creation, and no other event', () => {
    const input = caseInputFromView(capaView({ userId: 'clock-1' }));
    expect(input.providerSince?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(withDelivery(input, { receivedAt: received, event: 'REVIEW_NEEDED_KYC' }).providerSince).toEqual(
      received,
    );
    expect(withDelivery(input, { receivedAt: received, event: 'CREATED_KYC' }).providerSince).toEqual(
      input.providerSince,
    );
    const later = new Date('2026-03-01T11:00:00.000Z');
    expect(withDelivery(input, { receivedAt: later, event: 'REVIEW_NEEDED_KYC' }).providerSince).toEqual(
      input.providerSince,
    );
  });

  it('takes the delivery that showed a connectFi journey in review', () => {
    const input = caseInputFromView(connectfiView({ customerId: 'cstap_clock2' }));
    expect(input.providerSince).toBeNull();
    expect(withDelivery(input, { receivedAt: received, event: null }).providerSince).toEqual(received);
  });
});
