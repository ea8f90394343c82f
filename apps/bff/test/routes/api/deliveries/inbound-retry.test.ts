import type { DeliverySummary } from '@review-desk/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseTables } from '../../../../src/cases/schema';
import type { DeliveryTables } from '../../../../src/deliveries/schema';
import { sha256Hex } from '../../../../src/deliveries/signatures';
import { signIn } from '../../../auth/app';
import {
  capaBody,
  capaSignature,
  type DeliveryHarness,
  deliveryHarness,
  directoryInputs,
  scenarios,
} from '../../../deliveries/harness';
import { describeEachEngine } from '../../../helpers/db';

describeEachEngine('retrying a provider delivery', (engine) => {
  let h: DeliveryHarness;
  let headers: Record<string, string>;
  let externalUserId: string;
  let subjectId: string;
  const db = () => h.app.db.withTables<CaseTables & DeliveryTables>();
  const delivery = async (hash: string) =>
    db().selectFrom('deliveries').selectAll().where('content_hash', '=', hash).executeTakeFirstOrThrow();
  const retry = (id: string, as = headers) =>
    h.app.inject({ method: 'POST', url: `/api/deliveries/inbound/${id}/retry`, headers: as });

  beforeAll(async () => {
    h = await deliveryHarness(engine);
    headers = await h.adminHeaders();
    const subject = (await scenarios(h.sandbox.capaUrl, 'review_needed')).find(
      (row) => row.status === 'REVIEW_NEEDED' && row.externalUserId,
    );
    if (!subject?.externalUserId) throw new Error('no REVIEW_NEEDED user');
    externalUserId = subject.externalUserId;
    subjectId = subject.id;
  });
  afterAll(() => h.close());

  it('processes a failed delivery again at an admin’s request, audited, and opens the case', async () => {
    const body = capaBody('REVIEW_NEEDED_KYC', externalUserId);
    const posted = await h.app.inject({
      method: 'POST',
      url: '/webhooks/capa',
      headers: { 'content-type': 'application/json', 'capa-signature': capaSignature(body) },
      payload: body,
    });
    expect(posted.statusCode).toBe(200);
    await h.app.deliveries.worker.idle();
    const stored = await delivery(sha256Hex(body));
    expect(stored.status).toBe('unmatched');

    // Retried while the directory still does not know the customer: read again, and unmatched again.
    const early = await retry(stored.id);
    expect(early.statusCode, early.body).toBe(200);
    expect(early.json<DeliverySummary>()).toMatchObject({ id: stored.id, status: 'pending', attempts: 0 });
    await h.app.deliveries.worker.idle();
    expect((await delivery(sha256Hex(body))).status).toBe('unmatched');

    // The directory now knows the customer, and the delivery had failed (a provider outage, say).
    await h.app.deliveries.directory.upsert(await directoryInputs(h.sandbox));
    await db()
      .updateTable('deliveries')
      .set({ status: 'failed', attempts: 5, last_error: 'provider unavailable' })
      .where('id', '=', stored.id)
      .execute();
    const retried = await retry(stored.id);
    expect(retried.statusCode, retried.body).toBe(200);
    await h.app.deliveries.worker.idle();
    expect(await delivery(sha256Hex(body))).toMatchObject({ status: 'processed', last_error: null });
    const cases = await db()
      .selectFrom('cases')
      .select('state')
      .where('subject_id', '=', subjectId)
      .execute();
    expect(cases).toEqual([{ state: 'open' }]);

    const audit = await db()
      .selectFrom('audit_events')
      .select(['action', 'actor_username', 'details'])
      .where('action', '=', 'delivery.requeued')
      .orderBy('id')
      .execute();
    expect(audit).toMatchObject([
      { actor_username: 'admin', details: { deliveryId: stored.id, previousStatus: 'unmatched' } },
      { actor_username: 'admin', details: { deliveryId: stored.id, previousStatus: 'failed', attempts: 5 } },
    ]);

    // Processed now: nothing to retry.
    const again = await retry(stored.id);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'delivery_not_retryable']);
  });

  it('answers 404 for an unknown delivery and 403 to anyone but an admin', async () => {
    const unknown = await retry('00000000-0000-4000-8000-000000000000');
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'delivery_not_found']);
    const senior = await signIn(h.app, 'senior', 'senior-demo');
    const refused = await retry('00000000-0000-4000-8000-000000000000', {
      cookie: senior.cookie,
      'x-csrf-token': senior.csrfToken,
    });
    expect(refused.statusCode).toBe(403);
  });
});
