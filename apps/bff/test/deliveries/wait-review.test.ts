// connectFi's documented WaitReview path, done by the partner against the sandbox with the desk's webhook URL:
// the case reaches the desk's queue on connectFi's callbacks alone, with no manual step.
import type { CaseSummary } from '@review-desk/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signIn, type TestSession } from '../auth/app';
import { describeEachEngine } from '../helpers/db';
import { jpegBytes, onboard, pngBytes, settled } from '../routes/api/cases/documents-harness';
import { type DeliveryHarness, deliveryHarness } from './harness';

describeEachEngine('connectFi WaitReview through the desk', (engine) => {
  let h: DeliveryHarness;
  let analyst: TestSession;
  beforeAll(async () => {
    h = await deliveryHarness(engine);
    analyst = await signIn(h.app, 'analyst', 'analyst-demo');
  });
  afterAll(() => h.close());

  const queueFor = async (customerId: string): Promise<CaseSummary[]> => {
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/cases?q=${encodeURIComponent(customerId)}`,
      headers: { cookie: analyst.cookie },
    });
    expect(response.statusCode).toBe(200);
    return response.json().items;
  };

  it.each(['individual', 'business'] as const)(
    '%s customer: init, identification, two documents generated and uploaded, update; the case is queued',
    async (kind) => {
      // /customer/init (lastName "WaitReview"), then /akepa/identification with the desk's webhook URL.
      const { customerId, entityId } = await onboard(h, kind);
      await settled(h);
      // pending_step_up asks the partner for documents, not the desk for a review.
      expect(await queueFor(customerId)).toEqual([]);

      // The partner's side of the document steps, straight to connectFi.
      const connectfi = h.app.upstreams.connectfi;
      const workflow = kind === 'individual' ? 'PERSONAL' : 'BUSINESS';
      const generate = async (view: string) =>
        (
          (await connectfi.generateDocument({
            workflow,
            name: `licence-${view}`,
            extension: 'png',
            type: 'license',
          })) as { id: string }
        ).id;
      const front = await generate('front');
      const back = await generate('back');
      await connectfi.uploadDocument(front, {
        bytes: pngBytes,
        fileName: 'front.png',
        contentType: 'image/png',
      });
      await connectfi.uploadDocument(back, {
        bytes: jpegBytes,
        fileName: 'back.jpg',
        contentType: 'image/jpeg',
      });
      const journey = await connectfi.updateDocuments(customerId, [
        { entityId, documentId: front, view: 'front' },
        { entityId, documentId: back, view: 'back' },
      ]);
      expect(journey).toMatchObject({ status: 'waiting_review' });

      await settled(h);
      const queued = await queueFor(customerId);
      expect(queued).toHaveLength(1);
      expect(queued[0]).toMatchObject({
        provider: 'connectfi',
        subjectId: customerId,
        subjectType: kind,
        upstreamStatus: 'waiting_review',
        state: 'open',
        origin: 'upstream',
      });
    },
  );
});
