import type { AddressInfo } from 'node:net';
import type { CaseSummary } from '@review-desk/contracts';
import type { RunningSandbox } from '@review-desk/sandbox';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app';
import { createUser } from '../../src/auth/users';
import { signIn, type TestSession } from '../auth/app';
import { engines } from '../helpers/db';
import { deskConfig, seedCases, startSandboxForTests } from './desk';

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
  const reviewers: { a: TestSession; b: TestSession }[] = [];

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
    const database = await postgres.database();
    // Built one after the other: both run the migrations at start, and the second finds them done.
    a = await buildApp(await deskConfig(postgres, sandbox, database), { quiet: true });
    b = await buildApp(await deskConfig(postgres, sandbox, database), { quiet: true });
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

  it('never hands one case out twice when both instances serve "next case" at once', async () => {
    await seedCases(b, sandbox, 12);
    const answers = await Promise.all(
      reviewers.flatMap((reviewer) => [
        post(a, reviewer.a, '/api/cases/next'),
        post(b, reviewer.b, '/api/cases/next'),
      ]),
    );
    const handedOut = answers
      .filter((answer) => answer.statusCode === 200)
      .map((answer) => answer.json<{ case: CaseSummary | null }>().case?.id)
      .filter((id): id is string => id !== undefined);
    expect(answers.every((answer) => answer.statusCode === 200 || answer.statusCode === 409)).toBe(true);
    expect(handedOut.length).toBeGreaterThan(0);
    expect(new Set(handedOut).size).toBe(handedOut.length);
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
});
