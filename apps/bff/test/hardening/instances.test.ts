import type { ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { CaseSummary } from '@review-desk/contracts';
import type { RunningSandbox } from '@review-desk/sandbox';
import { sql } from 'kysely';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app';
import { createUser } from '../../src/auth/users';
import type { CaseTables } from '../../src/cases/schema';
import type { AppConfig } from '../../src/config';
import type { DatabaseConfig } from '../../src/db/database';
import type { DeliveryTables } from '../../src/deliveries/schema';
import { sha256Hex } from '../../src/deliveries/signatures';
import { signIn, type TestSession } from '../auth/app';
import { capaBody, capaSignature, directoryInputs } from '../deliveries/harness';
import { engines } from '../helpers/db';
import { serverEnv, startServer } from '../helpers/server-process';
import { deskConfig, reviewNeededCapaUsers, seedCases, startSandboxForTests } from './desk';

const postgres = engines().find((engine) => engine.name === 'postgres');
if (!postgres)
  console.warn('Two-instance tests did not run: they need PostgreSQL (TEST_DATABASE_URL is empty).');

const REVIEWERS = 8;

/** Two BFF instances on one PostgreSQL schema: claims, "next case" and events hold across them. */
describe.runIf(postgres)('hardening: two BFF instances on one PostgreSQL', () => {
  let sandbox: RunningSandbox;
  let a: App;
  let b: App;
  let urlOf: Map<App, string>;
  let database: DatabaseConfig;
  let config: AppConfig;
  let killed: ChildProcess | null = null;
  const reviewers: { a: TestSession; b: TestSession }[] = [];
  const db = () => b.db.withTables<CaseTables & DeliveryTables>();

  const post = (app: App, session: TestSession, url: string, payload: object = {}) =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload,
    });

  beforeAll(async () => {
    if (!postgres) return;
    sandbox = await startSandboxForTests();
    database = await postgres.database();
    config = await deskConfig(postgres, sandbox, database);
    // Built one after the other: both run the migrations at start, and the second finds them done. They look
    // for deliveries nobody holds (a dead instance's) every 250 ms rather than every 15 s.
    const options = { quiet: true, deliveries: { worker: { sweepIntervalMs: 250 } } };
    a = await buildApp(config, options);
    b = await buildApp(config, options);
    await a.deliveries.directory.upsert(await directoryInputs(sandbox));
    for (let n = 1; n <= REVIEWERS; n++) {
      const user = {
        username: `reviewer-${n}`,
        role: 'analyst',
        displayName: `Reviewer ${n}`,
        password: `reviewer-${n}-password`,
      };
      await createUser(a.db, user, { userId: null, username: 'test-setup' });
      reviewers.push({
        a: await signIn(a, user.username, user.password),
        b: await signIn(b, user.username, user.password),
      });
    }
    urlOf = new Map();
    for (const app of [a, b]) {
      await app.listen({ host: '127.0.0.1', port: 0 });
      urlOf.set(app, `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
    }
  }, 60_000);
  afterAll(async () => {
    killed?.kill('SIGKILL');
    await Promise.allSettled([a?.close(), b?.close()]);
    await sandbox?.close();
    await postgres?.dispose();
  });

  it('lets exactly one of many concurrent claims of one case win, across both instances', async () => {
    const [target] = await seedCases(a, sandbox, 1);
    if (!target) throw new Error('no case to claim');
    const answers = await Promise.all(
      reviewers.map((reviewer, index) =>
        index % 2 === 0
          ? post(a, reviewer.a, `/api/cases/${target.id}/claim`, { version: target.version })
          : post(b, reviewer.b, `/api/cases/${target.id}/claim`, { version: target.version }),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(
      statuses.filter((status) => status === 200),
      JSON.stringify(statuses),
    ).toHaveLength(1);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
  });

  it('never hands one case to two reviewers when both instances serve "next case" at once', async () => {
    await seedCases(b, sandbox, 12);
    // Each reviewer asks both instances at once. A reviewer who already holds a case is given that case again
    // (by either instance); what must never happen is one case held by two reviewers.
    const asked = reviewers.flatMap((reviewer, index) => [
      { index, answer: post(a, reviewer.a, '/api/cases/next') },
      { index, answer: post(b, reviewer.b, '/api/cases/next') },
    ]);
    const answers = await Promise.all(
      asked.map(async ({ index, answer }) => ({ index, answer: await answer })),
    );
    expect(answers.every(({ answer }) => answer.statusCode === 200 || answer.statusCode === 409)).toBe(true);
    const holders = new Map<string, Set<number>>();
    for (const { index, answer } of answers) {
      if (answer.statusCode !== 200) continue;
      const id = answer.json<{ case: CaseSummary | null }>().case?.id;
      if (id === undefined) continue;
      holders.set(id, (holders.get(id) ?? new Set()).add(index));
    }
    expect(holders.size).toBeGreaterThan(0);
    for (const [id, who] of holders) expect(who.size, id).toBe(1);
  });

  it('shows instance B`s event stream a claim made on instance A', async () => {
    const [target] = await seedCases(a, sandbox, 30).then((cases) => cases.filter((c) => c.state === 'open'));
    if (!target) throw new Error('no open case left');
    const watcher = reviewers[0]?.b;
    const claimer = reviewers[1]?.a;
    if (!watcher || !claimer) throw new Error('no reviewers');
    const controller = new AbortController();
    const stream = await request(`${urlOf.get(b)}/api/events`, {
      headers: { cookie: watcher.cookie },
      signal: controller.signal,
    });
    expect(stream.statusCode).toBe(200);
    let seen = '';
    const found = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 5_000);
      stream.body.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        if (seen.includes(target.id) && seen.includes('claimed')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      stream.body.on('error', () => {});
    });
    const claimed = await post(a, claimer, `/api/cases/${target.id}/claim`, { version: target.version });
    expect(claimed.statusCode, claimed.body).toBe(200);
    const delivered = await found;
    controller.abort();
    expect(delivered, seen.slice(0, 500)).toBe(true);
  });

  it('processes a webhook delivered to both instances once', async () => {
    const subjectId = reviewNeededCapaUsers(sandbox).at(-1);
    const externalUserId = sandbox.population.capa.find((user) => user.userId === subjectId)?.externalUserId;
    if (!subjectId || !externalUserId) throw new Error('no REVIEW_NEEDED user');
    const body = capaBody('REVIEW_NEEDED_KYC', externalUserId);
    const answers = await Promise.all(
      [a, b].map(async (app) => {
        const response = await request(`${urlOf.get(app)}/webhooks/capa`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'capa-signature': capaSignature(body) },
          body,
        });
        return { statusCode: response.statusCode, json: (await response.body.json()) as object };
      }),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200]);
    // The copy that arrives second is coalesced with the first while that one waits, or (when the first was
    // already read) stored as a nudge to read the provider again: either way one stored delivery.
    expect(answers.map((answer) => answer.json)).toContainEqual({ received: true, duplicate: false });
    const stored = () =>
      db()
        .selectFrom('deliveries')
        .select(['id', 'status', 'attempts'])
        .where('content_hash', '=', sha256Hex(body))
        .execute();
    // Whichever instance leases it processes it; one whose lease lost the race leaves it to the sweep (250 ms here).
    await expect
      .poll(async () => (await stored()).map((row) => row.status), { timeout: 15_000, interval: 100 })
      .toEqual(['processed']);
    await Promise.all([a.deliveries.worker.idle(), b.deliveries.worker.idle()]);
    const deliveries = await stored();
    expect(deliveries).toEqual([
      { id: expect.any(String), status: 'processed', attempts: expect.any(Number) },
    ]);
    const received = await db()
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'webhook.received')
      .where(sql<string>`details->>'deliveryId'`, '=', deliveries[0]?.id ?? '')
      .execute();
    expect(received.length).toBeGreaterThanOrEqual(1);
    const cases = await db().selectFrom('cases').select('id').where('subject_id', '=', subjectId).execute();
    expect(cases).toHaveLength(1);
  });

  it('keeps serving on one instance when the other closes, with nothing lost', async () => {
    const before = await seedCases(a, sandbox, 40);
    const claimedOnA = before.filter((c) => c.state === 'open').slice(0, 1);
    const reviewer = reviewers[2];
    if (!reviewer) throw new Error('no reviewer');
    for (const c of claimedOnA) {
      const answer = await post(a, reviewer.a, `/api/cases/${c.id}/claim`, { version: c.version });
      expect(answer.statusCode, answer.body).toBe(200);
    }
    await a.close();
    const list = await b.inject({
      method: 'GET',
      url: '/api/cases?limit=200',
      headers: { cookie: reviewer.b.cookie },
    });
    expect(list.statusCode).toBe(200);
    const ids = new Set(list.json<{ items: CaseSummary[] }>().items.map((c) => c.id));
    for (const c of before) expect(ids.has(c.id), c.id).toBe(true);
    for (const c of claimedOnA) {
      const detail = await b.inject({
        method: 'GET',
        url: `/api/cases/${c.id}`,
        headers: { cookie: reviewer.b.cookie },
      });
      expect(detail.statusCode).toBe(200);
      expect(detail.json()).toMatchObject({
        case: { state: 'in_review', assignee: { displayName: 'Reviewer 3' } },
      });
    }
    const next = await post(b, reviewers[3]?.b ?? reviewer.b, '/api/cases/next');
    expect(next.statusCode).toBe(200);
  });

  it('keeps serving when an instance is killed mid-burst, and processes every delivery it acknowledged', {
    timeout: 120_000,
  }, async () => {
    const started = await startServer(serverEnv(sandbox, database, config.connectfi.webhookSecret));
    killed = started.child;
    const exited = new Promise<void>((resolve) => started.child.once('exit', () => resolve()));
    // A slow provider keeps the doomed instance's worker behind its receiver: the kill finds work in flight.
    sandbox.capa.faults.set({ latencyMs: 150 });

    // Users with a KYC session, so that every delivery names someone Capa can answer for.
    const users = sandbox.population.capa.filter((user) => user.kycDetails !== null).slice(0, 60);
    const bodies = users.flatMap((user) =>
      ['CREATED_KYC', 'REVIEW_NEEDED_KYC'].map((event) => capaBody(event, user.externalUserId)),
    );
    const acknowledged = new Set<string>();
    const survivorAnswers: number[] = [];
    const reviewer = reviewers[4];
    if (!reviewer) throw new Error('no reviewer');
    let bursting = true;
    const watching = (async () => {
      while (bursting) {
        const list = await b.inject({
          method: 'GET',
          url: '/api/cases?limit=50',
          headers: { cookie: reviewer.b.cookie },
        });
        survivorAnswers.push(list.statusCode);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    await Promise.allSettled(
      bodies.map(async (body, index) => {
        // Most deliveries go to the instance that will die; some to the survivor.
        const target = index % 4 === 3 ? (urlOf.get(b) as string) : started.url;
        const response = await request(`${target}/webhooks/capa`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'capa-signature': capaSignature(body) },
          body,
        });
        await response.body.dump();
        if (response.statusCode !== 200) return;
        acknowledged.add(sha256Hex(body));
        if (acknowledged.size === 60) started.child.kill('SIGKILL');
      }),
    );
    await exited;
    killed = null;
    bursting = false;
    await watching;
    sandbox.capa.faults.set({ latencyMs: 0 });
    expect(acknowledged.size).toBeGreaterThanOrEqual(60);
    expect(survivorAnswers.length).toBeGreaterThan(0);
    expect(survivorAnswers.every((status) => status === 200)).toBe(true);

    const stored = async () =>
      db().selectFrom('deliveries').select(['content_hash', 'status', 'last_error']).execute();
    const atKill = await stored();
    const storedHashes = new Set(atKill.map((row) => row.content_hash));
    expect([...acknowledged].filter((hash) => !storedHashes.has(hash))).toEqual([]);
    expect(atKill.some((row) => row.status === 'pending')).toBe(true);

    // The survivor takes over what the dead instance held once its lease runs out (10 s at most).
    await expect
      .poll(async () => (await stored()).filter((row) => row.status === 'pending').length, {
        timeout: 60_000,
        interval: 250,
      })
      .toBe(0);
    const after = await stored();
    for (const hash of acknowledged) {
      const row = after.find((stored) => stored.content_hash === hash);
      expect(row, row?.last_error ?? undefined).toMatchObject({ status: 'processed' });
    }
    const next = await b.inject({
      method: 'GET',
      url: '/api/cases?limit=10',
      headers: { cookie: reviewer.b.cookie },
    });
    expect(next.statusCode).toBe(200);
  });
});
