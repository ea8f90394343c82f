import { afterAll, beforeAll, expect, it } from 'vitest';
import { capaView, connectfiView } from '../../../cases/fixtures';
import { type CaseHarness, caseHarness } from '../../../cases/harness';
import { describeEachEngine } from '../../../helpers/db';

describeEachEngine('"next case" while a provider is not answering', (engine) => {
  let h: CaseHarness;
  beforeAll(async () => {
    h = await caseHarness(engine);
  });
  afterAll(() => h.close());

  it('passes over the cases of a provider whose circuit is open, and hands them out again once it closes', async () => {
    // The Capa case outranks the connectFi one: it has an AML hit.
    const capa = await h.ingest(
      capaView({
        userId: 'outage-1',
        hits: [{ id: 'h1', name: 'LAYLA AL-HASSAN', dateOfBirth: '1951-06-23' }],
      }),
    );
    const connectfi = await h.ingest(connectfiView({ customerId: 'cstap_outage1' }));
    expect(capa.triage.score).toBeGreaterThan(connectfi.triage.score);

    const capaClient = h.app.upstreams.capa;
    const breakerState = capaClient.breakerState;
    capaClient.breakerState = () => 'open';
    try {
      const picked = await h.call('analyst', 'POST', '/api/cases/next');
      expect(picked.statusCode).toBe(200);
      expect(picked.json().case).toMatchObject({ id: connectfi.id, provider: 'connectfi' });
      // With only the paused provider's case left, there is nothing to hand out.
      const none = await h.call('analyst2', 'POST', '/api/cases/next');
      expect(none.json()).toMatchObject({ case: null, held: false });
    } finally {
      capaClient.breakerState = breakerState;
    }
    const resumed = await h.call('analyst2', 'POST', '/api/cases/next');
    expect(resumed.json().case).toMatchObject({ id: capa.id, provider: 'capa' });
  });
});
