import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseTables } from '../../../src/cases/schema';
import type { DeliveryTables } from '../../../src/deliveries/schema';
import { sha256Hex } from '../../../src/deliveries/signatures';
import { signIn } from '../../auth/app';
import {
  capaBody,
  capaSignature,
  type DeliveryHarness,
  deliveryHarness,
  directoryInputs,
  type ScenarioRow,
  sandboxPost,
  scenarios,
} from '../../deliveries/harness';
import { describeEachEngine } from '../../helpers/db';

describeEachEngine('provider webhooks', (engine) => {
  let h: DeliveryHarness;
  const db = () => h.app.db.withTables<CaseTables & DeliveryTables>();
  const casesOf = (provider: 'capa' | 'connectfi', subjectIds: string[]) =>
    db()
      .selectFrom('cases')
      .select([
        'id',
        'subject_id',
        'state',
        'resolution',
        'display_name',
        'upstream_status',
        'external_user_id',
      ])
      .where('provider', '=', provider)
      .where('subject_id', 'in', subjectIds)
      .execute();
  const deliveriesWithHash = (hash: string) =>
    db().selectFrom('deliveries').selectAll().where('content_hash', '=', hash).execute();
  const postCapa = (body: string, signature: string | undefined) =>
    h.app.inject({
      method: 'POST',
      url: '/webhooks/capa',
      headers: { 'content-type': 'application/json', ...(signature ? { 'capa-signature': signature } : {}) },
      payload: body,
    });

  let reviewNeeded: ScenarioRow[];
  let waitingReview: ScenarioRow[];

  beforeAll(async () => {
    h = await deliveryHarness(engine);
    reviewNeeded = (await scenarios(h.sandbox.capaUrl, 'review_needed')).filter(
      (row) => row.status === 'REVIEW_NEEDED',
    );
    waitingReview = await scenarios(h.sandbox.connectfiUrl, 'waiting_review');
    expect(reviewNeeded.length).toBeGreaterThan(1);
    expect(waitingReview.length).toBeGreaterThan(1);
  });
  afterAll(() => h.close());

  describe('Capa', () => {
    it('refuses a missing or wrong signature with 401 and stores nothing', async () => {
      const body = capaBody('REVIEW_NEEDED_KYC', reviewNeeded[0]?.externalUserId ?? '');
      const missing = await postCapa(body, undefined);
      const forged = await postCapa(body, capaSignature(body, 'not-the-shared-secret'));
      const short = await postCapa(body, 'abc');
      for (const response of [missing, forged, short]) {
        expect(response.statusCode).toBe(401);
        expect(response.json().error.code).toBe('invalid_signature');
      }
      // A signature over different bytes (re-serialised JSON) does not pass either.
      const spaced = await postCapa(body.replace(':', ': '), capaSignature(body));
      expect(spaced.statusCode).toBe(401);
      expect(await deliveriesWithHash(sha256Hex(body))).toHaveLength(0);
    });

    it('keeps a delivery for an unknown customer as unmatched, then opens its case after the directory import', async () => {
      const subject = reviewNeeded[0];
      if (!subject?.externalUserId) throw new Error('no REVIEW_NEEDED user');
      const body = capaBody('REVIEW_NEEDED_KYC', subject.externalUserId);
      const response = await postCapa(body, capaSignature(body));
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ received: true, duplicate: false });
      await h.app.deliveries.worker.idle();
      expect((await deliveriesWithHash(sha256Hex(body)))[0]?.status).toBe('unmatched');

      const headers = await h.adminHeaders();
      const unmatched = await h.app.inject({ method: 'GET', url: '/api/directory/unmatched', headers });
      expect(unmatched.statusCode).toBe(200);
      expect(unmatched.json().items.map((item: { externalUserId: string }) => item.externalUserId)).toContain(
        subject.externalUserId,
      );
      expect(await casesOf('capa', [subject.id])).toHaveLength(0);

      const entries = await directoryInputs(h.sandbox);
      const imported = await h.app.inject({
        method: 'POST',
        url: '/api/directory/import',
        headers,
        payload: { entries },
      });
      expect(imported.statusCode).toBe(200);
      expect(imported.json()).toEqual({ imported: entries.length, requeued: 1 });
      await h.app.deliveries.worker.idle();
      expect((await deliveriesWithHash(sha256Hex(body)))[0]?.status).toBe('processed');
      const cases = await casesOf('capa', [subject.id]);
      expect(cases).toHaveLength(1);
      // The organisation's id, from the webhook, stays on the case: support finds the customer by it.
      expect(cases[0]).toMatchObject({
        state: 'open',
        upstream_status: 'REVIEW_NEEDED',
        external_user_id: subject.externalUserId,
      });
      const support = await signIn(h.app, 'support', 'support-demo');
      const found = await h.app.inject({
        url: `/api/cases?q=${encodeURIComponent(subject.externalUserId)}`,
        headers: { cookie: support.cookie },
      });
      expect(found.json().items.map((item: { id: string }) => item.id)).toEqual([cases[0]?.id]);
    });

    it("fills a case's externalUserId from the directory when no webhook named it", async () => {
      const subject = reviewNeeded[2];
      if (!subject?.externalUserId) throw new Error('no third REVIEW_NEEDED user');
      const headers = await h.adminHeaders();
      const entries = await directoryInputs(h.sandbox);
      await h.app.inject({ method: 'POST', url: '/api/directory/import', headers, payload: { entries } });
      const analyst = await signIn(h.app, 'analyst', 'analyst-demo');
      const opened = await h.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: { cookie: analyst.cookie, 'x-csrf-token': analyst.csrfToken },
        payload: { provider: 'capa', subjectId: subject.id },
      });
      expect([200, 201]).toContain(opened.statusCode);
      const run = await h.app.inject({ method: 'POST', url: '/api/reconcile', headers });
      expect(run.statusCode).toBe(200);
      const [row] = await casesOf('capa', [subject.id]);
      expect(row?.external_user_id).toBe(subject.externalUserId);
    });

    it('refuses a directory import over 5,000 entries or from a non-admin', async () => {
      const entry = { provider: 'capa', externalUserId: 'org-x', subjectId: 'user-x' };
      const headers = await h.adminHeaders();
      const tooMany = await h.app.inject({
        method: 'POST',
        url: '/api/directory/import',
        headers,
        payload: { entries: Array.from({ length: 5001 }, (_, i) => ({ ...entry, subjectId: `u${i}` })) },
      });
      expect(tooMany.statusCode).toBe(400);
      const anonymous = await h.app.inject({
        method: 'POST',
        url: '/api/directory/import',
        payload: { entries: [entry] },
      });
      expect(anonymous.statusCode).toBe(401);
    });

    it('opens a case for every seeded REVIEW_NEEDED user through real signed deliveries', async () => {
      await h.app.upstreams.capa.setWebhookUrl(`${h.url}/webhooks/capa`);
      const replay = await sandboxPost<{ data: { sent: number; delivered: number } }>(
        h.sandbox.capaUrl,
        '/_sandbox/capa/replay-webhooks',
        { filter: 'review_needed' },
      );
      expect(replay.data.delivered).toBe(replay.data.sent);
      await h.app.deliveries.worker.idle();
      const cases = await casesOf(
        'capa',
        reviewNeeded.map((row) => row.id),
      );
      expect(new Set(cases.map((row) => row.subject_id))).toEqual(new Set(reviewNeeded.map((row) => row.id)));
      expect(cases.every((row) => row.state === 'open' && row.display_name)).toBe(true);
    });

    it('refuses a signed body holding a NUL byte with 400 and stores nothing', async () => {
      const body = '{"type":"KYC","event":"REVIEW_NEEDED_KYC","externalUserId":"nul\u0000"}';
      const answer = await postCapa(body, capaSignature(body));
      expect(answer.statusCode).toBe(400);
      expect(answer.json()).toMatchObject({ error: { code: 'invalid_body' } });
      expect(await deliveriesWithHash(sha256Hex(body))).toEqual([]);
    });

    it('refuses a NUL or a lone surrogate spelt as a JSON escape, and a NUL in the query, with 400', async () => {
      const escaped = '{"type":"KYC","event":"REVIEW_NEEDED_KYC","externalUserId":"nul\\u0000"}';
      const surrogate = '{"type":"KYC","event":"REVIEW_NEEDED_KYC","externalUserId":"half\\ud800"}';
      for (const body of [escaped, surrogate]) {
        const answer = await postCapa(body, capaSignature(body));
        expect(answer.statusCode).toBe(400);
        expect(answer.json()).toMatchObject({ error: { code: 'invalid_text' } });
        expect(answer.json().error.message).toContain('body/externalUserId');
        expect(await deliveriesWithHash(sha256Hex(body))).toEqual([]);
      }
      const body = capaBody('REVIEW_NEEDED_KYC', 'query-nul');
      const inQuery = await h.app.inject({
        method: 'POST',
        url: '/webhooks/capa?note=%00',
        headers: { 'content-type': 'application/json', 'capa-signature': capaSignature(body) },
        payload: body,
      });
      expect(inQuery.statusCode).toBe(400);
      expect(inQuery.json()).toMatchObject({ error: { code: 'invalid_text' } });
      expect(await deliveriesWithHash(sha256Hex(body))).toEqual([]);
    });

    it('stores and acts on the same delivery once, answering 200 both times', async () => {
      const subject = reviewNeeded[1];
      if (!subject?.externalUserId) throw new Error('no second REVIEW_NEEDED user');
      const body = capaBody('REVIEW_NEEDED_KYC', subject.externalUserId);
      const before = await casesOf('capa', [subject.id]);
      const [first, second] = await Promise.all([
        postCapa(body, capaSignature(body)),
        postCapa(body, capaSignature(body)),
      ]);
      expect([first?.statusCode, second?.statusCode]).toEqual([200, 200]);
      const third = await postCapa(body, capaSignature(body));
      expect(third.json()).toEqual({ received: true, duplicate: true });
      await h.app.deliveries.worker.idle();
      expect(await deliveriesWithHash(sha256Hex(body))).toHaveLength(1);
      const after = await casesOf('capa', [subject.id]);
      expect(after).toHaveLength(1);
      expect(after.map((row) => row.id)).toEqual(before.map((row) => row.id));
    });

    it('closes the case as resolved upstream when the user is verified after all', async () => {
      const subject = reviewNeeded[2] ?? reviewNeeded[1];
      if (!subject) throw new Error('no REVIEW_NEEDED user');
      await sandboxPost(h.sandbox.capaUrl, `/_sandbox/capa/users/${subject.id}/complete`, {
        result: 'VERIFIED',
      });
      await h.app.deliveries.worker.idle();
      const cases = await casesOf('capa', [subject.id]);
      expect(cases.length).toBeGreaterThan(0);
      expect(cases.every((row) => row.state === 'resolved' && row.resolution === 'resolved_upstream')).toBe(
        true,
      );
    });
  });

  describe('connectFi', () => {
    const connectfiUrl = () => `${h.url}/webhooks/connectfi/${h.app.config.connectfi.webhookSecret}`;

    it('refuses a NUL escaped in the body or sent in the query with 400 and stores nothing', async () => {
      const body = '{"code":"0","data":{"customerId":"cus\\u0000"}}';
      const inBody = await h.app.inject({
        method: 'POST',
        url: `/webhooks/connectfi/${h.app.config.connectfi.webhookSecret}`,
        headers: { 'content-type': 'application/json' },
        payload: body,
      });
      expect(inBody.statusCode).toBe(400);
      expect(inBody.json().error.message).toContain('body/data/customerId');
      const plain = JSON.stringify({ code: '0', data: { customerId: 'query-nul' } });
      const inQuery = await h.app.inject({
        method: 'POST',
        url: `/webhooks/connectfi/${h.app.config.connectfi.webhookSecret}?x=%00`,
        headers: { 'content-type': 'application/json' },
        payload: plain,
      });
      expect(inQuery.statusCode).toBe(400);
      expect(inQuery.json()).toMatchObject({ error: { code: 'invalid_text' } });
      for (const sent of [body, plain]) expect(await deliveriesWithHash(sha256Hex(sent))).toEqual([]);
    });

    it('answers a wrong secret exactly like an unknown route and stores nothing', async () => {
      const body = JSON.stringify({ code: '0', data: { customerId: waitingReview[0]?.id } });
      const before = await db()
        .selectFrom('deliveries')
        .select('id')
        .where('provider', '=', 'connectfi')
        .execute();
      const wrong = await h.app.inject({
        method: 'POST',
        url: `/webhooks/connectfi/${h.app.config.connectfi.webhookSecret}x`,
        headers: { 'content-type': 'application/json' },
        payload: body,
      });
      const unknown = await h.app.inject({ method: 'POST', url: '/webhooks/elsewhere', payload: body });
      expect(wrong.statusCode).toBe(404);
      expect(unknown.statusCode).toBe(404);
      expect(wrong.json().error.code).toBe(unknown.json().error.code);
      const after = await db()
        .selectFrom('deliveries')
        .select('id')
        .where('provider', '=', 'connectfi')
        .execute();
      expect(after).toHaveLength(before.length);
    });

    it('opens a case, named from the directory, for every journey waiting for review', async () => {
      const replay = await sandboxPost<{ data: { attempted: number; delivered: number } }>(
        h.sandbox.connectfiUrl,
        '/_sandbox/connectfi/replay-webhooks',
        { status: 'waiting_review', url: connectfiUrl() },
      );
      expect(replay.data.delivered).toBe(waitingReview.length);
      await h.app.deliveries.worker.idle();
      const cases = await casesOf(
        'connectfi',
        waitingReview.map((row) => row.id),
      );
      expect(new Set(cases.map((row) => row.subject_id))).toEqual(
        new Set(waitingReview.map((row) => row.id)),
      );
      // connectFi's status has no names: they come from the directory.
      expect(cases.every((row) => typeof row.display_name === 'string' && row.display_name.length > 0)).toBe(
        true,
      );
    });

    it('closes a journey resolved upstream through reconciliation, counting provider failures', async () => {
      const subject = waitingReview[0];
      if (!subject) throw new Error('no waiting_review journey');
      // Seeded journeys have no webhookURL: connectFi says nothing, only reconciliation notices.
      await sandboxPost(h.sandbox.connectfiUrl, `/_sandbox/connectfi/customers/${subject.id}/resolve`, {
        outcome: 'Approved',
      });
      const headers = await h.adminHeaders();
      const run = await h.app.inject({ method: 'POST', url: '/api/reconcile', headers });
      expect(run.statusCode).toBe(200);
      expect(run.json()).toMatchObject({ closed: 1, failed: 0 });
      const [closed] = await casesOf('connectfi', [subject.id]);
      expect(closed).toMatchObject({ state: 'resolved', resolution: 'resolved_upstream' });
      const audit = await db()
        .selectFrom('audit_events')
        .select(['action', 'details'])
        .where('case_id', '=', closed?.id ?? '')
        .where('action', '=', 'case.resolved_upstream')
        .execute();
      expect(audit[0]?.details).toMatchObject({ reason: 'resolved upstream' });

      const faults = await fetch(`${h.sandbox.connectfiUrl}/_sandbox/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ errorRate: 1 }),
      });
      expect(faults.status).toBe(200);
      try {
        const failing = await h.app.inject({ method: 'POST', url: '/api/reconcile', headers });
        expect(failing.statusCode).toBe(200);
        // The open cases, and the one resolved a moment ago (within RECONCILE_RESOLVED_DAYS) too.
        expect(failing.json().failed).toBe(waitingReview.length);
      } finally {
        await fetch(`${h.sandbox.connectfiUrl}/_sandbox/faults`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ errorRate: 0 }),
        });
      }
    });
  });

  it('tells admins the webhook URLs to give the providers', async () => {
    const response = await h.app.inject({
      method: 'GET',
      url: '/api/webhooks/urls',
      headers: await h.adminHeaders(),
    });
    expect(response.json()).toEqual({
      capa: `${h.url}/webhooks/capa`,
      connectfi: `${h.url}/webhooks/connectfi/${h.app.config.connectfi.webhookSecret}`,
    });
  });
});
