import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../../src/app';
import { seedDemoUsers } from '../../../../src/auth/demo-users';
import { createUser } from '../../../../src/auth/users';
import {
  buildTestApp,
  cookieValue,
  decodePayload,
  freshIp,
  handMadeToken,
  login,
  manualClock,
  minutes,
  sessionFrom,
  signIn,
  type TestSession,
  testConfig,
  testJwtSecret,
} from '../../../auth/app';
import { describeEachEngine } from '../../../helpers/db';

const me = (app: App, session: Pick<TestSession, 'cookie'>) =>
  app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });

/** Signs out with the session's own CSRF token, another one, or (null) none. */
const logout = (app: App, session: TestSession, csrf: string | null = session.csrfToken) =>
  app.inject({
    method: 'POST',
    url: '/api/auth/logout',
    headers: { cookie: session.cookie, ...(csrf === null ? {} : { 'x-csrf-token': csrf }) },
  });

describeEachEngine('auth routes', (engine) => {
  const clock = manualClock();
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(
      await testConfig(engine, { sessionIdleMinutes: 30, sessionMaxHours: 2 }),
      clock.now,
    );
  });
  afterAll(() => app.close());

  it('signs a demo user in with an httpOnly, SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    const response = await login(app, 'Analyst', 'analyst-demo');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toEqual({
      id: expect.any(String),
      username: 'analyst',
      displayName: 'Demo Analyst',
      role: 'analyst',
    });
    expect(body.csrfToken).toEqual(expect.any(String));

    const session = response.cookies.find((cookie) => cookie.name === 'rd_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session?.secure).toBeUndefined();
    const csrf = response.cookies.find((cookie) => cookie.name === 'rd_csrf');
    expect(csrf).toMatchObject({ value: body.csrfToken, sameSite: 'Strict', path: '/' });
    expect(csrf?.httpOnly).toBeUndefined();

    const claims = decodePayload(session?.value ?? '');
    expect(claims).toMatchObject({ sub: body.user.id, sid: expect.any(String), role: 'analyst' });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(300);
  });

  it('answers me with the user and the CSRF token', async () => {
    const session = await signIn(app, 'senior', 'senior-demo');
    const response = await me(app, session);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      user: {
        id: expect.any(String),
        username: 'senior',
        displayName: 'Demo Senior Analyst',
        role: 'senior',
      },
      csrfToken: session.csrfToken,
    });
  });

  it('refuses a wrong password and an unknown user with the same 401', async () => {
    const wrong = await login(app, 'support', 'not-the-password');
    const unknown = await login(app, 'nobody-here', 'whatever-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({
      code: 'invalid_credentials',
      message: 'Username or password is incorrect',
    });
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
    expect(wrong.cookies).toEqual([]);
  });

  it('refuses requests without a session', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/cases' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toMatchObject({ code: 'unauthenticated', requestId: expect.any(String) });
  });

  it('answers the session probe of a signed-out browser with no user, and a dead session with 401', async () => {
    const signedOut = await app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(signedOut.statusCode).toBe(200);
    expect(signedOut.json()).toEqual({ user: null });

    const session = await signIn(app, 'analyst', 'analyst-demo');
    expect((await me(app, session)).json().user).toMatchObject({ username: 'analyst', role: 'analyst' });
    expect((await logout(app, session)).statusCode).toBe(204);
    // The browser still sends the old cookie: that session has ended, which the SPA must learn.
    const ended = await me(app, session);
    expect(ended.statusCode).toBe(401);
    expect(ended.json().error.code).toBe('unauthenticated');
  });

  it('signs out: the session ends at once even though its token has not expired', async () => {
    const session = await signIn(app, 'support', 'support-demo');
    expect((await me(app, session)).statusCode).toBe(200);

    const response = await logout(app, session);
    expect(response.statusCode).toBe(204);
    const cleared = response.cookies.filter((cookie) => cookie.value === '');
    expect(cleared.map((cookie) => cookie.name).sort()).toEqual(['rd_csrf', 'rd_session']);

    const after = await me(app, session);
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it('records sign-ins, failures and sign-outs in the audit trail', async () => {
    const session = await signIn(app, 'admin', 'admin-demo');
    await login(app, 'admin', 'wrong-password');
    await logout(app, session);
    const events = await app.db
      .selectFrom('audit_events')
      .select(['action', 'actor_username', 'details'])
      .where('actor_username', '=', 'admin')
      .orderBy('id')
      .execute();
    expect(events.map((event) => event.action)).toEqual(
      expect.arrayContaining(['auth.login', 'auth.login_failed', 'auth.logout']),
    );
    expect(events.find((event) => event.action === 'auth.login_failed')?.details).toMatchObject({
      reason: 'wrong_password',
    });

    await login(app, 'my-password-typed-as-a-name', 'whatever-password');
    const unknown = await app.db
      .selectFrom('audit_events')
      .select(['actor_username', 'details'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(unknown).toMatchObject({ actor_username: '(unknown)', details: { reason: 'unknown_user' } });
    expect(JSON.stringify(unknown)).not.toContain('my-password-typed-as-a-name');
  });

  describe('CSRF', () => {
    it('refuses a cookie-authenticated POST without the token or with a wrong one, and accepts the right one', async () => {
      const session = await signIn(app, 'analyst', 'analyst-demo');
      const missing = await logout(app, session, null);
      expect(missing.statusCode).toBe(403);
      expect(missing.json().error.code).toBe('csrf_failed');

      const other = await signIn(app, 'analyst', 'analyst-demo');
      const wrong = await logout(app, session, other.csrfToken);
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().error.code).toBe('csrf_failed');

      expect((await me(app, session)).statusCode).toBe(200);
      expect((await logout(app, session)).statusCode).toBe(204);
    });
  });

  describe('session lifetime', () => {
    it('renews the token once it is past half its life, and keeps the session alive while used', async () => {
      const session = await signIn(app, 'analyst', 'analyst-demo');
      clock.advance(minutes(1));
      const early = await me(app, session);
      expect(early.statusCode).toBe(200);
      expect(cookieValue(early, 'rd_session')).toBeUndefined();

      clock.advance(minutes(2));
      const renewed = await me(app, session);
      expect(renewed.statusCode).toBe(200);
      const token = cookieValue(renewed, 'rd_session');
      expect(token).toBeDefined();
      expect(Number(decodePayload(token ?? '').iat)).toBe(Math.floor(clock.now() / 1000));
      expect(renewed.cookies.find((cookie) => cookie.name === 'rd_session')).toMatchObject({
        httpOnly: true,
      });
    });

    it('renews an expired token while the session is within its idle time, and ends it after 30 idle minutes', async () => {
      const session = await signIn(app, 'analyst', 'analyst-demo');
      clock.advance(minutes(20));
      const revived = await me(app, session);
      expect(revived.statusCode).toBe(200);
      const renewed = sessionFrom(revived, session.csrfToken);

      clock.advance(minutes(29));
      expect((await me(app, renewed)).statusCode).toBe(200);

      clock.advance(minutes(31));
      const idle = await me(app, renewed);
      expect(idle.statusCode).toBe(401);
      expect(idle.json().error).toMatchObject({
        code: 'unauthenticated',
        details: { reason: 'session_expired' },
      });
    });

    it('ends a session at its absolute limit however active it is', async () => {
      let session = await signIn(app, 'senior', 'senior-demo');
      // Sessions here last 2 hours: used every 20 minutes, it lives to 120 minutes and no further.
      for (let elapsed = 20; elapsed <= 100; elapsed += 20) {
        clock.advance(minutes(20));
        const response = await me(app, session);
        expect(response.statusCode).toBe(200);
        session = sessionFrom(response, session.csrfToken);
      }
      clock.advance(minutes(21));
      const ended = await me(app, session);
      expect(ended.statusCode).toBe(401);
      expect(ended.json().error.details).toEqual({ reason: 'session_expired' });
    });
  });

  describe('tokens the app did not issue, or no longer accepts', () => {
    let session: TestSession;
    let claims: Record<string, unknown>;
    beforeAll(async () => {
      session = await signIn(app, 'admin', 'admin-demo');
      claims = decodePayload(session.token);
    });
    const withToken = (token: string) => me(app, { cookie: `rd_session=${token}` });
    const secret = testJwtSecret;

    it('accepts a hand-made token signed with the right key (the control)', async () => {
      expect((await withToken(handMadeToken({ alg: 'HS256', typ: 'JWT' }, claims, secret))).statusCode).toBe(
        200,
      );
    });

    it('refuses a token that expired longer ago than a session may idle', async () => {
      const iat = Math.floor(clock.now() / 1000) - 3600;
      const expired = handMadeToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat, exp: iat + 300 }, secret);
      expect((await withToken(expired)).statusCode).toBe(401);
    });

    it('refuses a tampered payload', async () => {
      const [header, , signature] = session.token.split('.');
      const payload = Buffer.from(JSON.stringify({ ...claims, role: 'admin', sub: 'someone-else' })).toString(
        'base64url',
      );
      const response = await withToken(`${header}.${payload}.${signature}`);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('unauthenticated');
    });

    it('refuses alg none', async () => {
      expect((await withToken(handMadeToken({ alg: 'none', typ: 'JWT' }, claims, null))).statusCode).toBe(
        401,
      );
    });

    it('refuses a token signed with another key', async () => {
      const forged = handMadeToken(
        { alg: 'HS256', typ: 'JWT' },
        claims,
        'another-secret-of-at-least-32-characters',
      );
      expect((await withToken(forged)).statusCode).toBe(401);
    });

    it('refuses garbage', async () => {
      expect((await withToken('not-a-jwt')).statusCode).toBe(401);
    });
  });

  describe('rate limits', () => {
    it('slows a username down more with each failure from any address, but a stranger cannot lock it out', async () => {
      const waits: number[] = [];
      for (let failure = 0; failure < 7; failure++) {
        let answer = await login(app, 'support', `wrong-${failure}`);
        if (answer.statusCode === 429) {
          expect(answer.json().error.code).toBe('too_many_attempts');
          const wait = Number(answer.headers['retry-after']);
          waits.push(wait);
          clock.advance(wait * 1000);
          answer = await login(app, 'support', `wrong-${failure}`);
        }
        expect(answer.statusCode).toBe(401);
      }
      // Three failures are free; from the fourth on, each failure doubles the wait before the next try.
      expect(waits).toEqual([1, 2, 4]);
      const slowed = await login(app, 'support', 'support-demo');
      expect(slowed.statusCode).toBe(429);
      expect(Number(slowed.headers['retry-after'])).toBe(8);
      // Seven failures from seven addresses lock none of them, nor the user: after the wait, the right
      // password signs in from anywhere.
      clock.advance(8_000);
      expect((await login(app, 'support', 'support-demo')).statusCode).toBe(200);
      expect((await login(app, 'support', 'wrong-again')).statusCode).toBe(401);
      expect((await login(app, 'support', 'support-demo')).statusCode).toBe(200);
    });

    it('locks one address out of one user after 5 failures in 15 minutes, and shows it to admins', async () => {
      const stranger = freshIp();
      for (let failure = 0; failure < 5; failure++) {
        const answer = await login(app, 'senior', `wrong-${failure}`, stranger);
        expect(answer.statusCode).toBe(401);
        // Past the slow-down, which is not what this test is about.
        clock.advance(minutes(1));
      }
      const locked = await login(app, 'senior', 'senior-demo', stranger);
      expect(locked.statusCode).toBe(429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
      expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);

      const admin = await signIn(app, 'admin', 'admin-demo');
      const lockouts = await app.inject({ url: '/api/auth/lockouts', headers: { cookie: admin.cookie } });
      expect(lockouts.statusCode).toBe(200);
      expect(lockouts.json().items).toContainEqual({
        username: 'senior',
        address: stranger,
        kind: 'locked',
        failures: 5,
        retryAfterSeconds: Number(locked.headers['retry-after']),
      });

      // The senior, from their own address, is not locked out.
      expect((await login(app, 'senior', 'senior-demo')).statusCode).toBe(200);
      expect((await login(app, 'senior', 'senior-demo', stranger)).statusCode).toBe(429);
      clock.advance(minutes(15));
      expect((await login(app, 'senior', 'senior-demo', stranger)).statusCode).toBe(200);
      const after = await app.inject({ url: '/api/auth/lockouts', headers: { cookie: admin.cookie } });
      expect(after.json().items.filter((item: { username: string }) => item.username === 'senior')).toEqual(
        [],
      );
    });

    it('limits sign-in attempts per client address to 10 a minute', async () => {
      const ip = freshIp();
      for (let attempt = 0; attempt < 10; attempt++) {
        expect((await login(app, `someone-${attempt}`, 'wrong-password', ip)).statusCode).toBe(401);
      }
      const limited = await login(app, 'analyst', 'analyst-demo', ip);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('too_many_attempts');
      expect(limited.headers['retry-after']).toBeDefined();
      expect((await login(app, 'analyst', 'analyst-demo', freshIp())).statusCode).toBe(200);
    });
  });
});

describeEachEngine('auth with real providers configured', (engine) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(await testConfig(engine, { mode: 'upstream', cookieSecure: true }));
  });
  afterAll(() => app.close());

  it('does not create demo users', async () => {
    expect(await app.db.selectFrom('users').select('username').where('is_demo', '=', true).execute()).toEqual(
      [],
    );
  });

  it('signs real users in, with Secure cookies when so configured', async () => {
    await createUser(
      app.db,
      { username: 'jo', role: 'senior', password: 'jo-has-a-strong-password' },
      { userId: null, username: 'cli:ops' },
    );
    const response = await login(app, 'jo', 'jo-has-a-strong-password');
    expect(response.statusCode).toBe(200);
    for (const name of ['rd_session', 'rd_csrf']) {
      expect(response.cookies.find((cookie) => cookie.name === name)).toMatchObject({
        secure: true,
        sameSite: 'Strict',
      });
    }
  });

  it('refuses demo users even when their rows exist', async () => {
    await seedDemoUsers(app.db);
    const response = await login(app, 'admin', 'admin-demo');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('demo_user_refused');
    expect(response.cookies).toEqual([]);
  });
});
