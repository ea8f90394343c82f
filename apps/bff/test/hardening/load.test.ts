import type { AddressInfo } from 'node:net';
import { noFaults } from '@review-desk/sandbox';
import { sql } from 'kysely';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/users';
import type { CaseTables } from '../../src/cases/schema';
import type { DeliveryTables } from '../../src/deliveries/schema';
import { sha256Hex } from '../../src/deliveries/signatures';
import { signIn, type TestSession } from '../auth/app';
import { capaBody, capaSignature, directoryInputs } from '../deliveries/harness';
import { engines } from '../helpers/db';
import { type Desk, envelopeProblem, seedCases, startDesk } from './desk';

/**
 * 200 simulated reviewers against one listening BFF for LOAD_TEST_SECONDS (60 by default), while signed Capa
 * webhooks arrive from 4 senders. Capa answers 20% of requests with errors, and slowly, for the middle third of
 * the run.
 */
const SECONDS = Number(process.env.LOAD_TEST_SECONDS || 60);
const WEBHOOK_SENDERS = 4;
const REVIEWERS = 200;
const ACCOUNTS = 20;
const upstreamFailureStatuses = new Set([502, 503, 504]);

interface Answer {
  method: string;
  path: string;
  statusCode: number;
  startedAt: number;
  endedAt: number;
  problem: string | null;
}

interface Approval {
  amlHits: { ref: string }[];
  warnings: { ref: string }[];
}

const engine = engines().at(-1);

describe('hardening: 200 reviewers under load, with upstream faults', () => {
  if (!engine) throw new Error('no test engine');
  let desk: Desk;
  let baseUrl: string;
  const sessions: TestSession[] = [];
  const dispatcher = new Agent({ connections: 64, pipelining: 1 });

  beforeAll(async () => {
    desk = await startDesk(engine);
    await seedCases(desk.app, desk.sandbox, 120);
    await desk.app.deliveries.directory.upsert(await directoryInputs(desk.sandbox));
    for (let n = 1; n <= ACCOUNTS; n++) {
      const user = {
        username: `load-reviewer-${n}`,
        role: n % 5 === 0 ? 'senior' : 'analyst',
        displayName: `Load Reviewer ${n}`,
        password: `load-reviewer-${n}-password`,
      };
      await createUser(desk.app.db, user, { userId: null, username: 'test-setup' });
      // Signed in through inject from distinct addresses: the per-address sign-in limit is not what this measures.
      sessions.push(await signIn(desk.app, user.username, user.password));
    }
    await desk.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(desk.app.server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    await dispatcher.close();
    await desk?.close();
    await engine.dispose();
  });

  it(
    'never answers 5xx beyond upstream failures during faults, loses no webhook, and never decides a case twice',
    async () => {
      const answers: Answer[] = [];
      const started = Date.now();
      const deadline = started + SECONDS * 1000;
      const faultWindow = { from: started + (SECONDS * 1000) / 3, to: started + (SECONDS * 2000) / 3 };
      let decided = 0;

      async function call<T>(
        session: TestSession,
        method: 'GET' | 'POST',
        path: string,
        body?: object,
      ): Promise<{ statusCode: number; json: T | null }> {
        const startedAt = Date.now();
        const response = await request(`${baseUrl}${path}`, {
          method,
          dispatcher,
          headersTimeout: 15_000,
          bodyTimeout: 15_000,
          headers: {
            cookie: session.cookie,
            'x-csrf-token': session.csrfToken,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        const type = String(response.headers['content-type'] ?? '');
        const raw = type.includes('json') ? await response.body.text() : '';
        if (!type.includes('json')) await response.body.dump();
        const statusCode = response.statusCode;
        answers.push({
          method,
          path,
          statusCode,
          startedAt,
          endedAt: Date.now(),
          problem: statusCode >= 400 ? envelopeProblem(statusCode, type, raw) : null,
        });
        return { statusCode, json: raw ? (JSON.parse(raw) as T) : null };
      }

      async function reviewer(index: number): Promise<void> {
        const session = sessions[index % sessions.length];
        if (!session) throw new Error('no session');
        while (Date.now() < deadline) {
          await call(session, 'GET', '/api/cases?limit=20');
          const next = await call<{ case: { id: string; subjectId: string } | null }>(
            session,
            'POST',
            '/api/cases/next',
          );
          const claimed = next.json?.case;
          if (!claimed) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            continue;
          }
          const detail = await call<{ case: { version: number }; viewHash: string; approval: Approval }>(
            session,
            'GET',
            `/api/cases/${claimed.id}`,
          );
          if (detail.statusCode !== 200 || !detail.json) continue;
          await call(
            session,
            'GET',
            `/api/subjects/capa/${encodeURIComponent(claimed.subjectId)}/media/front`,
          );
          let version = detail.json.case.version;
          for (const hit of detail.json.approval.amlHits) {
            const disposition = await call<{ case: { version: number } }>(
              session,
              'POST',
              `/api/cases/${claimed.id}/dispositions`,
              { version, hitRef: hit.ref, disposition: 'true_match' },
            );
            if (disposition.json?.case) version = disposition.json.case.version;
          }
          const decision = await call(session, 'POST', `/api/cases/${claimed.id}/decision`, {
            version,
            outcome: 'reject',
            reasonCode: 'identity_mismatch',
            viewHash: detail.json.viewHash,
            acknowledgedWarnings: detail.json.approval.warnings.map((warning) => warning.ref),
          });
          if (decision.statusCode === 200) decided++;
        }
      }

      // Users Capa can answer for; each sender walks through their deliveries, repeats included (provider retries).
      const webhookBodies = desk.sandbox.population.capa
        .filter((user) => user.kycDetails !== null)
        .flatMap((user) =>
          ['CREATED_KYC', 'REVIEW_NEEDED_KYC'].map((event) => capaBody(event, user.externalUserId)),
        );
      const acknowledged = new Set<string>();
      const webhookAnswers: number[] = [];
      async function webhookSender(offset: number): Promise<void> {
        for (let n = offset; Date.now() < deadline; n += WEBHOOK_SENDERS) {
          const body = webhookBodies[n % webhookBodies.length] as string;
          const response = await request(`${baseUrl}/webhooks/capa`, {
            method: 'POST',
            dispatcher,
            headers: { 'content-type': 'application/json', 'capa-signature': capaSignature(body) },
            body,
          });
          await response.body.dump();
          webhookAnswers.push(response.statusCode);
          if (response.statusCode === 200) acknowledged.add(sha256Hex(body));
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }

      const faults = (async () => {
        await new Promise((resolve) => setTimeout(resolve, faultWindow.from - Date.now()));
        desk.sandbox.capa.faults.set({ errorRate: 0.2, latencyMs: 50 });
        await new Promise((resolve) => setTimeout(resolve, faultWindow.to - Date.now()));
        desk.sandbox.capa.faults.set(noFaults);
      })();
      await Promise.all([
        faults,
        ...Array.from({ length: REVIEWERS }, (_, index) => reviewer(index)),
        ...Array.from({ length: WEBHOOK_SENDERS }, (_, index) => webhookSender(index)),
      ]);

      const failures = answers.filter((answer) => answer.statusCode >= 500);
      for (const failure of failures) {
        const label = `${failure.method} ${failure.path}: ${failure.statusCode}`;
        expect(upstreamFailureStatuses.has(failure.statusCode), label).toBe(true);
        // A request caught by the fault window may end just after it.
        expect(
          failure.endedAt >= faultWindow.from && failure.startedAt <= faultWindow.to + 1_000,
          label,
        ).toBe(true);
      }
      for (const answer of answers.filter((a) => a.statusCode >= 400)) {
        expect(answer.problem, `${answer.method} ${answer.path}`).toBeNull();
      }
      expect(decided).toBeGreaterThan(0);
      expect(answers.length).toBeGreaterThan(REVIEWERS * 2);

      // Every delivery is answered 200 and kept; each is processed once the provider answers again.
      expect(webhookAnswers.length).toBeGreaterThan(WEBHOOK_SENDERS);
      expect(webhookAnswers.every((status) => status === 200)).toBe(true);
      const deliveries = () =>
        desk.app.db
          .withTables<CaseTables & DeliveryTables>()
          .selectFrom('deliveries')
          .select(['content_hash', 'status', 'last_error'])
          .execute();
      await expect
        .poll(async () => (await deliveries()).filter((row) => row.status === 'pending').length, {
          timeout: 60_000,
          interval: 500,
        })
        .toBe(0);
      const stored = new Map((await deliveries()).map((row) => [row.content_hash, row]));
      for (const hash of acknowledged) {
        const row = stored.get(hash);
        expect(row, row?.last_error ?? hash).toMatchObject({ status: 'processed' });
      }

      const twice = await sql<{ case_id: string; stage: string; n: number }>`
        select case_id, stage, count(*)::int as n from case_decisions group by case_id, stage having count(*) > 1
      `.execute(desk.app.db);
      expect(twice.rows).toEqual([]);

      const health = await request(`${baseUrl}/healthz`, { dispatcher });
      await health.body.dump();
      expect(health.statusCode).toBe(200);
    },
    SECONDS * 1000 + 120_000,
  );
});
