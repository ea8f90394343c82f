import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CaseView, Provider } from '@review-desk/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app';
import type { ActionContext, Actor } from '../../src/cases/core';
import { caseInputFromView } from '../../src/cases/intake';
import { decisionSignatureHeader } from '../../src/deliveries/outbound';
import { hmacHex } from '../../src/deliveries/signatures';
import { signIn, testConfig } from '../auth/app';
import { capaView } from '../cases/fixtures';
import { describeEachEngine } from '../helpers/db';

const secret = 'decision-webhook-secret-for-tests';

interface Received {
  path: string;
  body: string;
  signature: string | undefined;
}

describeEachEngine('decision webhook', (engine) => {
  let app: App;
  let receiver: Server;
  const received: Received[] = [];
  /** Status codes to answer per path, in order; 200 once the script runs out. */
  const script = new Map<string, number[]>();
  const views = new Map<string, CaseView>();
  let reviewer: ActionContext;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        const path = request.url ?? '/';
        const signature = request.headers[decisionSignatureHeader];
        received.push({ path, body, signature: typeof signature === 'string' ? signature : undefined });
        response.statusCode = script.get(path)?.shift() ?? 200;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    const config = await testConfig(engine, {
      decisionWebhook: { url: `http://127.0.0.1:${port}/decisions`, secret },
      reconcileIntervalMinutes: 0,
    });
    app = await buildApp(config, {
      quiet: true,
      cases: {
        loadView: async (provider: Provider, id: string) => {
          const view = views.get(`${provider}:${id}`);
          if (!view) throw new Error(`no fixture view for ${provider}:${id}`);
          return view;
        },
      },
      deliveries: { decisionWebhook: { retryBaseMs: 5, pollMs: 10, maxAttempts: 3 } },
    });
    const analyst = await app.db
      .selectFrom('users')
      .select(['id', 'username', 'role'])
      .where('username', '=', 'analyst')
      .executeTakeFirstOrThrow();
    reviewer = { actor: analyst as Actor, requestId: null };
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  async function approve(userId: string): Promise<string> {
    const view = capaView({ userId });
    views.set(`capa:${userId}`, view);
    const opened = await app.cases.store.openOrUpdateCase(caseInputFromView(view));
    if (!opened.case) throw new Error('no case opened');
    const detail = await app.cases.store.detail(opened.case.id, reviewer, app.cases.loadView);
    const claimed = await app.cases.store.claim(opened.case.id, detail.case.version, reviewer);
    const decided = await app.cases.store.decide(
      opened.case.id,
      {
        version: claimed.version,
        outcome: 'approve',
        reasonCode: 'documents_verified',
        viewHash: detail.viewHash ?? '',
        acknowledgedWarnings: [],
      },
      reviewer,
    );
    expect(decided.case.state).toBe('resolved');
    return opened.case.id;
  }

  async function settle(caseId: string, status: 'delivered' | 'failed') {
    const outbound = app.deliveries.decisionWebhook;
    if (!outbound) throw new Error('decision webhook not configured');
    for (let i = 0; i < 200; i++) {
      const rows = await outbound.list(status);
      if (rows.some((row) => row.case_id === caseId)) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no ${status} delivery for ${caseId}`);
  }

  it('posts a signed decision, retrying until the receiver accepts it', async () => {
    script.set('/decisions', [503, 500]);
    const caseId = await approve('outbound-retried');
    await settle(caseId, 'delivered');
    const attempts = received.filter((request) => request.body.includes(caseId));
    expect(attempts).toHaveLength(3);
    const body = JSON.parse(attempts[2]?.body ?? '{}');
    expect(body).toMatchObject({
      caseId,
      provider: 'capa',
      subjectId: 'outbound-retried',
      outcome: 'approve',
      reasonCode: 'documents_verified',
    });
    expect(Number.isNaN(Date.parse(body.decidedAt))).toBe(false);
    for (const attempt of attempts) expect(attempt.signature).toBe(hmacHex(secret, attempt.body));
  });

  it('gives up after the last attempt and shows the delivery to admins as failed', async () => {
    script.set('/decisions', [500, 500, 500, 500]);
    const caseId = await approve('outbound-failed');
    await settle(caseId, 'failed');
    expect(received.filter((request) => request.body.includes(caseId))).toHaveLength(3);

    const admin = await signIn(app, 'admin', 'admin-demo');
    const response = await app.inject({
      method: 'GET',
      url: '/api/deliveries/outbound?status=failed',
      headers: { cookie: admin.cookie },
    });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { caseId: string; attempts: number; lastError: string }[];
    expect(items.find((item) => item.caseId === caseId)).toMatchObject({
      attempts: 3,
      lastError: 'HTTP 500',
    });
    const analyst = await signIn(app, 'analyst', 'analyst-demo');
    const refused = await app.inject({
      method: 'GET',
      url: '/api/deliveries/outbound?status=failed',
      headers: { cookie: analyst.cookie },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('lets an admin retry a failed delivery once the receiver is back, audited; only a failed one', async () => {
    script.set('/decisions', [500, 500, 500]);
    const caseId = await approve('outbound-retried-by-hand');
    await settle(caseId, 'failed');
    const failed = (await app.deliveries.decisionWebhook?.list('failed'))?.find(
      (row) => row.case_id === caseId,
    );
    if (!failed) throw new Error('no failed delivery');

    const admin = await signIn(app, 'admin', 'admin-demo');
    const retry = (id: string, session = admin) =>
      app.inject({
        method: 'POST',
        url: `/api/deliveries/outbound/${id}/retry`,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      });
    const analyst = await signIn(app, 'analyst', 'analyst-demo');
    expect((await retry(failed.id, analyst)).statusCode).toBe(403);

    const retried = await retry(failed.id);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ id: failed.id, caseId, status: 'pending' });
    await settle(caseId, 'delivered');
    const sent = received.filter((request) => request.body.includes(caseId));
    expect(sent).toHaveLength(4);
    expect(sent[3]?.signature).toBe(hmacHex(secret, sent[3]?.body ?? ''));

    const audit = await app.db
      .selectFrom('audit_events')
      .select(['action', 'actor_username', 'case_id', 'details'])
      .where('action', '=', 'delivery.retried')
      .execute();
    expect(audit).toEqual([
      {
        action: 'delivery.retried',
        actor_username: 'admin',
        case_id: caseId,
        details: { deliveryId: failed.id, attempts: 3 },
      },
    ]);
    const again = await retry(failed.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('delivery_not_failed');
    const unknown = await retry('00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect((await retry('not-a-uuid')).statusCode).toBe(400);
  });
});
