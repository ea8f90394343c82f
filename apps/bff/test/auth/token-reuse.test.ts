import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app';
import { revokeSession } from '../../src/auth/sessions';
import { VerifiedTokens } from '../../src/auth/verified-tokens';
import { describeEachEngine } from '../helpers/db';
import {
  buildTestApp,
  decodePayload,
  handMadeToken,
  manualClock,
  minutes,
  sessionFrom,
  signIn,
  type TestSession,
  testConfig,
} from './app';

const me = (app: App, session: Pick<TestSession, 'cookie'>) =>
  app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } });

/**
 * A token's signature is checked once and remembered (VerifiedTokens); these are the refusals that must not
 * change for a token the app has already accepted.
 */
describeEachEngine('a token presented again', (engine) => {
  const clock = manualClock();
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(
      await testConfig(engine, { sessionIdleMinutes: 30, accessTokenTtlSeconds: 300 }),
      clock.now,
    );
  });
  afterAll(() => app.close());

  it('is refused within 5 seconds once its session is revoked elsewhere (the CLI, another instance)', async () => {
    const session = await signIn(app, 'analyst', 'analyst-demo');
    expect((await me(app, session)).statusCode).toBe(200);

    await revokeSession(app.db, String(decodePayload(session.token).sid), clock.now());
    clock.advance(5_000);
    const refused = await me(app, session);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.details).toEqual({ reason: 'session_expired' });
  });

  it('is refused once it expired longer ago than a session may idle, while its session lives on', async () => {
    const first = await signIn(app, 'analyst', 'analyst-demo');
    expect((await me(app, first)).statusCode).toBe(200);

    // The session stays active on renewed tokens; the first token (5-minute life) is 35 minutes past expiry.
    let current = first;
    for (let step = 0; step < 2; step++) {
      clock.advance(minutes(20));
      const response = await me(app, current);
      expect(response.statusCode).toBe(200);
      current = sessionFrom(response, current.csrfToken);
    }
    const refused = await me(app, first);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.details).toEqual({ reason: 'session_expired' });
    expect((await me(app, current)).statusCode).toBe(200);
  });

  it('does not lend its acceptance to a token that differs from it', async () => {
    const session = await signIn(app, 'support', 'support-demo');
    expect((await me(app, session)).statusCode).toBe(200);

    const [header, payload, signature = ''] = session.token.split('.');
    // The first character, not the last: the last of a base64url HMAC-SHA256 carries 2 unused bits, so some
    // changes to it decode to the same signature.
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const tampered = await me(app, { cookie: `rd_session=${header}.${payload}.${flipped}` });
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json().error.details).toEqual({ reason: 'invalid_token' });

    const claims = decodePayload(session.token);
    const forged = handMadeToken(
      { alg: 'HS256', typ: 'JWT' },
      claims,
      'another-secret-of-at-least-32-characters',
    );
    expect((await me(app, { cookie: `rd_session=${forged}` })).statusCode).toBe(401);
  });
});

describe('VerifiedTokens', () => {
  const claims = { sub: 'u1', sid: 's1', role: 'analyst' as const, iat: 1, exp: 301 };

  it('forgets a token after its time to live, and the oldest beyond its size', () => {
    const tokens = new VerifiedTokens(60_000, 2);
    tokens.set('a', claims, 0);
    expect(tokens.get('a', 59_999)).toEqual(claims);
    expect(tokens.get('a', 60_000)).toBeUndefined();

    tokens.set('a', claims, 0);
    tokens.set('b', claims, 0);
    tokens.set('c', claims, 0);
    expect(tokens.get('a', 1)).toBeUndefined();
    expect(tokens.get('b', 1)).toEqual(claims);
    expect(tokens.get('c', 1)).toEqual(claims);
  });
});
