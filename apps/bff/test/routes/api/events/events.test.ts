import type { CaseEvent } from '@review-desk/contracts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type App, buildApp } from '../../../../src/app';
import { disableUser } from '../../../../src/auth/users';
import { caseInputFromView } from '../../../../src/cases/intake';
import { manualClock, signIn, testConfig } from '../../../auth/app';
import { capaView } from '../../../cases/fixtures';
import { type CaseHarness, caseHarness } from '../../../cases/harness';
import { describeEachEngine } from '../../../helpers/db';

const WAIT_MS = 5_000;

/** A Server-Sent Events client over fetch: collects `case` events as they stream in. */
async function subscribe(baseUrl: string, cookie: string) {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/events`, { headers: { cookie }, signal: controller.signal });
  if (!response.body) throw new Error('no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const events: CaseEvent[] = [];
  const comments: string[] = [];
  let buffer = '';
  const wake: { waiting: (() => void) | null } = { waiting: null };
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        comments.push(...lines.filter((line) => line.startsWith(':')));
        const data = lines.find((line) => line.startsWith('data: '));
        if (lines.includes('event: case') && data) events.push(JSON.parse(data.slice(6)) as CaseEvent);
        end = buffer.indexOf('\n\n');
      }
      wake.waiting?.();
    }
  })().catch(() => {});

  return {
    response,
    events,
    comments,
    /** The first event matching `predicate`, waiting at most WAIT_MS. */
    async next(predicate: (event: CaseEvent) => boolean): Promise<CaseEvent> {
      const deadline = Date.now() + WAIT_MS;
      for (;;) {
        const found = events.find(predicate);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `no matching event within ${WAIT_MS} ms; saw ${JSON.stringify(events.map((e) => e.type))}`,
          );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake.waiting = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
    /** Settles when the server ends the stream. */
    ended: pump,
    async close() {
      controller.abort();
      await pump;
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeEachEngine('case events', (engine) => {
  let h: CaseHarness;
  let baseUrl: string;
  beforeAll(async () => {
    h = await caseHarness(engine);
    baseUrl = await h.app.listen({ host: '127.0.0.1', port: 0 });
  });
  let closed = false;
  afterAll(async () => {
    if (!closed) await h.close();
    await engine.dispose();
  });

  it('streams a claim made in another session to a signed-in client, and stops when it disconnects', async () => {
    const summary = await h.ingest(capaView({ userId: 'events-1' }));
    const stream = await subscribe(baseUrl, h.as.support.cookie);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await until(() => stream.comments.includes(': connected'));
    expect(h.app.caseEvents.subscriberCount).toBe(1);

    const claim = await h.call('analyst', 'POST', `/api/cases/${summary.id}/claim`, {
      version: summary.version,
    });
    expect(claim.statusCode).toBe(200);
    const event = await stream.next(
      (candidate) => candidate.caseId === summary.id && candidate.type === 'claimed',
    );
    expect(event).toMatchObject({
      version: summary.version + 1,
      case: { id: summary.id, state: 'in_review', assignee: { id: h.as.analyst.userId } },
    });

    await stream.close();
    await until(() => h.app.caseEvents.subscriberCount === 0);
  });

  it('carries the security headers of every reply, and no-store', async () => {
    const stream = await subscribe(baseUrl, h.as.analyst.cookie);
    const headers = stream.response.headers;
    expect(headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('no-referrer');
    expect(headers.get('cache-control')).toContain('no-store');
    await stream.close();
  });

  it('ends the streams of a session when it signs out, and delivers nothing after', async () => {
    const session = await signIn(h.app, 'support', 'support-demo');
    const stream = await subscribe(baseUrl, session.cookie);
    await until(() => stream.comments.includes(': connected'));
    const logout = await h.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(logout.statusCode).toBe(204);
    await stream.ended;
    const summary = await h.ingest(capaView({ userId: 'events-after-logout' }));
    expect(stream.events.some((event) => event.caseId === summary.id)).toBe(false);
  });

  it('lets one session hold only a few streams: a further one ends the oldest', async () => {
    const session = await signIn(h.app, 'senior', 'senior-demo');
    const streams = [];
    for (let index = 0; index < 4; index++) {
      const stream = await subscribe(baseUrl, session.cookie);
      await until(() => stream.comments.includes(': connected'));
      streams.push(stream);
    }
    await streams[0]?.ended;
    const summary = await h.ingest(capaView({ userId: 'events-many-streams' }));
    for (const stream of streams.slice(1)) {
      await stream.next((event) => event.caseId === summary.id);
    }
    for (const stream of streams) await stream.close();
  });

  it('refuses the stream without a session', async () => {
    const response = await fetch(`${baseUrl}/api/events`);
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });

  // PGlite lives inside one process: there is no other instance to hear from.
  if (engine.name === 'postgres') {
    it('carries events between instances over LISTEN/NOTIFY', async () => {
      const other: App = await buildApp(h.config, h.options);
      try {
        const summary = await h.ingest(capaView({ userId: 'events-2' }));
        const stream = await subscribe(baseUrl, h.as.senior.cookie);
        await until(() => stream.comments.includes(': connected'));
        await other.cases.store.claim(summary.id, summary.version, {
          actor: { id: h.as.analyst2.userId, username: 'analyst2', role: 'analyst' },
          requestId: null,
        });
        const event = await stream.next(
          (candidate) => candidate.caseId === summary.id && candidate.type === 'claimed',
        );
        expect(event.case).toMatchObject({ state: 'in_review', assignee: { id: h.as.analyst2.userId } });
        await stream.close();
      } finally {
        await other.close();
      }
    });
  }

  it('ends open streams when the server closes', async () => {
    const stream = await subscribe(baseUrl, h.as.analyst.cookie);
    await until(() => stream.comments.includes(': connected'));
    await h.close();
    closed = true;
    expect(h.app.caseEvents.subscriberCount).toBe(0);
    await stream.ended;
  });
});

describeEachEngine('case event streams and the session', (engine) => {
  const clock = manualClock();
  let app: App;
  let baseUrl: string;
  beforeAll(async () => {
    const config = await testConfig(engine, { sessionIdleMinutes: 30, sessionMaxHours: 12 });
    // A heartbeat every 20 ms and a stream lifetime of 300 ms, so the checks run within a test.
    app = await buildApp(config, {
      quiet: true,
      now: clock.now,
      events: { heartbeatMs: 20, maxStreamMs: 300 },
    });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
    await engine.dispose();
  });

  const ingest = async (userId: string) => {
    const result = await app.cases.store.openOrUpdateCase(caseInputFromView(capaView({ userId })));
    if (!result.case) throw new Error('no case');
    return result.case;
  };

  it('ends a stream once its session has been idle too long, and delivers nothing after', async () => {
    const session = await signIn(app, 'analyst', 'analyst-demo');
    const stream = await subscribe(baseUrl, session.cookie);
    await until(() => stream.comments.includes(': connected'));
    clock.advance(31 * 60_000);
    await stream.ended;
    const summary = await ingest('events-after-idle');
    expect(stream.events.some((event) => event.caseId === summary.id)).toBe(false);
    // The REST API agrees: the session is over.
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode).toBe(
      401,
    );
  });

  it('ends the streams of a user who is disabled', async () => {
    const session = await signIn(app, 'support', 'support-demo');
    const stream = await subscribe(baseUrl, session.cookie);
    await until(() => stream.comments.includes(': connected'));
    await disableUser(app.db, 'support', { userId: null, username: 'test-admin' });
    // Past the few seconds a session is cached for, well within the idle time.
    clock.advance(6_000);
    await stream.ended;
    const summary = await ingest('events-after-disable');
    expect(stream.events.some((event) => event.caseId === summary.id)).toBe(false);
  });

  it('ends a stream at its maximum lifetime even while the session is active', async () => {
    const session = await signIn(app, 'senior', 'senior-demo');
    const stream = await subscribe(baseUrl, session.cookie);
    await until(() => stream.comments.includes(': connected'));
    // 50 minutes of use (past the 45-minute lifetime), never idle for 30.
    let cookie = session.cookie;
    for (let step = 0; step < 5; step++) {
      clock.advance(10 * 60_000);
      const me = await app.inject({ url: '/api/auth/me', headers: { cookie } });
      expect(me.statusCode).toBe(200);
      // The SPA keeps the renewed access token the answer sets.
      const renewed = me.cookies.find((set) => set.name === 'rd_session');
      if (renewed) cookie = cookie.replace(/rd_session=[^;]*/, `rd_session=${renewed.value}`);
    }
    await stream.ended;
    // The browser reconnects, authenticated afresh.
    const again = await subscribe(baseUrl, cookie);
    expect(again.response.status).toBe(200);
    await again.close();
  });

  it('holds at most three streams per session and sends the security headers on each', async () => {
    const session = await signIn(app, 'senior', 'senior-demo');
    const streams = [];
    for (let index = 0; index < 5; index++) {
      const stream = await subscribe(baseUrl, session.cookie);
      await until(() => stream.comments.includes(': connected'));
      expect(
        stream.response.headers.get('x-frame-options') ??
          stream.response.headers.get('content-security-policy'),
      ).toBeTruthy();
      expect(stream.response.headers.get('x-content-type-options')).toBe('nosniff');
      streams.push(stream);
    }
    await streams[0]?.ended;
    await streams[1]?.ended;
    for (const stream of streams) await stream.close();
  });
});
