import type { CaseEvent, CaseSummary } from '@review-desk/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ActionContext, Actor } from '../../src/cases/core';
import type { CaseTables } from '../../src/cases/schema';
import { signIn } from '../auth/app';
import { describeEachEngine } from '../helpers/db';
import {
  capaBody,
  capaSignature,
  type DeliveryHarness,
  deliveryHarness,
  directoryInputs,
  type ScenarioRow,
  sandboxPost,
  scenarios,
} from './harness';

const events = { REVIEW_NEEDED: 'REVIEW_NEEDED_KYC', VERIFIED: 'VERIFIED_USER', REJECTED: 'REJECTED_KYC' };

describeEachEngine("the desk is told when the provider's verdict contradicts its decision", (engine) => {
  let h: DeliveryHarness;
  let subjects: ScenarioRow[];
  let analyst: ActionContext;
  let senior: ActionContext;
  let seniorHeaders: Record<string, string>;
  const seen: CaseEvent[] = [];
  const db = () => h.app.db.withTables<CaseTables>();

  /** The customer completes a Capa session with this result, and Capa's webhook reaches the desk. */
  async function complete(subject: ScenarioRow, result: keyof typeof events) {
    await sandboxPost(h.sandbox.capaUrl, `/_sandbox/capa/users/${subject.id}/complete`, { result });
    const body = capaBody(events[result], subject.externalUserId ?? '');
    const delivered = await h.app.inject({
      method: 'POST',
      url: '/webhooks/capa',
      headers: { 'content-type': 'application/json', 'capa-signature': capaSignature(body) },
      payload: body,
    });
    expect(delivered.statusCode).toBe(200);
    await h.app.deliveries.worker.idle();
  }

  const liveCase = async (subject: ScenarioRow) => {
    const row = await db()
      .selectFrom('cases')
      .select('id')
      .where('provider', '=', 'capa')
      .where('subject_id', '=', subject.id)
      .where('state', 'not in', ['resolved', 'superseded'])
      .executeTakeFirstOrThrow();
    return row.id;
  };

  /** An analyst rejects and a senior agrees (rejections take two reviewers). */
  async function reject(caseId: string): Promise<CaseSummary> {
    const { store } = h.app.cases;
    const request = (version: number, viewHash: string) => ({
      version,
      outcome: 'reject' as const,
      reasonCode: 'identity_mismatch' as const,
      viewHash,
      acknowledgedWarnings: [],
    });
    let detail = await store.detail(caseId, analyst, h.app.cases.loadView);
    let claimed = await store.claim(caseId, detail.case.version, analyst);
    const first = await store.decide(caseId, request(claimed.version, detail.viewHash ?? ''), analyst);
    expect(first.case.state).toBe('awaiting_second_review');
    detail = await store.detail(caseId, senior, h.app.cases.loadView);
    claimed = await store.claim(caseId, detail.case.version, senior);
    const second = await store.decide(caseId, request(claimed.version, detail.viewHash ?? ''), senior);
    expect(second.case).toMatchObject({ state: 'resolved', resolution: 'rejected' });
    return second.case;
  }

  const queue = async (query: string) => {
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/cases?${query}`,
      headers: seniorHeaders,
    });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: CaseSummary[]; facets: { disagreement: number } | null };
  };

  const close = (caseId: string, version: number, action: 'acknowledge' | 'reopen', note: string) =>
    h.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/disagreement`,
      headers: seniorHeaders,
      payload: { version, action, note },
    });

  beforeAll(async () => {
    h = await deliveryHarness(engine);
    await h.app.deliveries.directory.upsert(await directoryInputs(h.sandbox));
    subjects = (await scenarios(h.sandbox.capaUrl, 'individual')).filter(
      (row) => row.provider === 'capa' && row.externalUserId,
    );
    const users = await h.app.db
      .selectFrom('users')
      .select(['id', 'username', 'role'])
      .where('username', 'in', ['analyst', 'senior'])
      .execute();
    const context = (name: string) => ({
      actor: users.find((user) => user.username === name) as Actor,
      requestId: null,
    });
    analyst = context('analyst');
    senior = context('senior');
    const session = await signIn(h.app, 'senior', 'senior-demo');
    seniorHeaders = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    h.app.caseEvents.subscribe(
      (event) => seen.push(event),
      () => {},
    );
  });
  afterAll(() => h.close());

  it('flags a rejected case when Capa then verifies the user, and a senior acknowledges it with a note', async () => {
    const subject = subjects[0];
    if (!subject) throw new Error('no Capa user');
    await complete(subject, 'REVIEW_NEEDED');
    const caseId = await liveCase(subject);
    await reject(caseId);
    expect((await queue('disagreement=true')).facets?.disagreement).toBe(0);

    await complete(subject, 'VERIFIED');
    const flagged = await h.app.cases.store.getSummary(caseId);
    expect(flagged).toMatchObject({
      state: 'resolved',
      resolution: 'rejected',
      providerDisagreement: {
        deskResolution: 'rejected',
        providerVerdict: 'approved',
        providerStatus: 'VERIFIED',
      },
    });
    const listed = await queue('disagreement=true');
    expect(listed.items.map((item) => item.id)).toEqual([caseId]);
    expect(listed.facets?.disagreement).toBe(1);
    expect((await queue('provider=connectfi')).facets?.disagreement).toBe(0);
    expect(seen.filter((event) => event.type === 'disagreement').map((event) => event.caseId)).toEqual([
      caseId,
    ]);
    const audited = await db()
      .selectFrom('audit_events')
      .select(['action', 'actor_username'])
      .where('case_id', '=', caseId)
      .where('action', '=', 'case.provider_disagreement')
      .execute();
    expect(audited).toEqual([{ action: 'case.provider_disagreement', actor_username: 'capa-webhook' }]);

    // The same verdict again (a retry, a reconciliation) is not news.
    await complete(subject, 'VERIFIED');
    expect(seen.filter((event) => event.type === 'disagreement')).toHaveLength(1);

    const analystSession = await signIn(h.app, 'analyst', 'analyst-demo');
    const refused = await h.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/disagreement`,
      headers: { cookie: analystSession.cookie, 'x-csrf-token': analystSession.csrfToken },
      payload: { version: flagged.version, action: 'acknowledge', note: 'fine' },
    });
    expect(refused.statusCode).toBe(403);

    const stale = await close(caseId, flagged.version - 1, 'acknowledge', 'The document was forged');
    expect(stale.json().error.code).toBe('version_conflict');
    const acknowledged = await close(caseId, flagged.version, 'acknowledge', 'The document was forged');
    expect(acknowledged.statusCode).toBe(200);
    expect(acknowledged.json().case).toMatchObject({ state: 'resolved', providerDisagreement: null });
    expect((await queue('disagreement=true')).items).toEqual([]);
    const again = await close(caseId, acknowledged.json().case.version, 'acknowledge', 'twice');
    expect(again.json().error.code).toBe('no_disagreement');
    const detail = await h.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: seniorHeaders });
    expect(detail.json().notes.map((note: { text: string }) => note.text)).toContain(
      'The document was forged',
    );

    // Still VERIFIED at Capa: acknowledged, so not raised again.
    await complete(subject, 'VERIFIED');
    expect((await h.app.cases.store.getSummary(caseId)).providerDisagreement).toBeNull();
  });

  it('lets a senior reopen the case for a new decision, which the same verdict does not close', async () => {
    const subject = subjects[1];
    if (!subject) throw new Error('no second Capa user');
    await complete(subject, 'REVIEW_NEEDED');
    const caseId = await liveCase(subject);
    await reject(caseId);
    await complete(subject, 'VERIFIED');
    const flagged = await h.app.cases.store.getSummary(caseId);
    expect(flagged.providerDisagreement?.providerVerdict).toBe('approved');

    const reopened = await close(
      caseId,
      flagged.version,
      'reopen',
      'Capa verified a new session; look again',
    );
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().case).toMatchObject({
      state: 'reopened',
      resolution: null,
      providerDisagreement: null,
    });
    const audited = await db()
      .selectFrom('audit_events')
      .select(['actor_username', 'details'])
      .where('case_id', '=', caseId)
      .where('action', '=', 'case.reopened')
      .executeTakeFirstOrThrow();
    expect(audited).toMatchObject({ actor_username: 'senior', details: { reason: 'provider_disagreement' } });

    // Capa says VERIFIED again: the desk took the decision back, so the case stays in the queue.
    await complete(subject, 'VERIFIED');
    expect((await h.app.cases.store.getSummary(caseId)).state).toBe('reopened');
  });

  it('finds the drift by reconciliation when no webhook came, as the case was resolved recently', async () => {
    const subject = subjects[3];
    if (!subject) throw new Error('no fourth Capa user');
    await complete(subject, 'REVIEW_NEEDED');
    const caseId = await liveCase(subject);
    await reject(caseId);
    // Capa verifies the user, and its webhook is lost.
    await sandboxPost(h.sandbox.capaUrl, `/_sandbox/capa/users/${subject.id}/complete`, {
      result: 'VERIFIED',
    });
    expect((await h.app.cases.store.getSummary(caseId)).providerDisagreement).toBeNull();
    const run = await h.app.inject({
      method: 'POST',
      url: '/api/reconcile',
      headers: await h.adminHeaders(),
    });
    expect(run.statusCode).toBe(200);
    expect((await h.app.cases.store.getSummary(caseId)).providerDisagreement).toMatchObject({
      deskResolution: 'rejected',
      providerVerdict: 'approved',
    });
    const audited = await db()
      .selectFrom('audit_events')
      .select('actor_username')
      .where('case_id', '=', caseId)
      .where('action', '=', 'case.provider_disagreement')
      .execute();
    expect(audited).toEqual([{ actor_username: 'reconciliation' }]);
  });

  it('clears a disagreement when the provider comes round to the desk', async () => {
    const subject = subjects[2];
    if (!subject) throw new Error('no third Capa user');
    await complete(subject, 'REVIEW_NEEDED');
    const caseId = await liveCase(subject);
    await reject(caseId);
    await complete(subject, 'VERIFIED');
    expect((await h.app.cases.store.getSummary(caseId)).providerDisagreement).not.toBeNull();
    await complete(subject, 'REJECTED');
    expect((await h.app.cases.store.getSummary(caseId)).providerDisagreement).toBeNull();
    const cleared = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('case_id', '=', caseId)
      .where('action', '=', 'case.provider_disagreement_cleared')
      .execute();
    expect(cleared).toHaveLength(1);
  });
});
