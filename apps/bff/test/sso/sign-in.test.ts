import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { engines } from '../helpers/db';
import { signInAtProvider, signingKey } from '../helpers/oidc-provider';
import { callback, type SsoHarness, s256, ssoHarness, ssoSignIn, startSignIn } from './harness';

const engine = engines()[0];
if (!engine) throw new Error('no database engine');

let h: SsoHarness;
beforeAll(async () => {
  h = await ssoHarness(engine);
}, 60_000);
afterAll(async () => {
  await h?.close();
  await engine.dispose();
});
afterEach(() => {
  h.tap.tamper = null;
  h.tap.signWith = null;
});

const me = (cookie: string) => h.app.inject({ url: '/api/auth/me', headers: { cookie } });

const auditActions = async (action: string) =>
  h.app.db.selectFrom('audit_events').selectAll().where('action', '=', action).execute();

describe('single sign-on: the authorization code flow', () => {
  it('signs a person in with PKCE, state and nonce, provisions them with the mapped role, and returns where they were going', async () => {
    const started = await startSignIn(h.app, '/cases/42');
    const params = started.authorizationUrl.searchParams;
    expect(started.authorizationUrl.origin).toBe(h.provider.issuer);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('state')?.length).toBeGreaterThan(20);
    expect(params.get('nonce')?.length).toBeGreaterThan(20);
    expect(params.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));
    expect(started.flowCookie).toMatch(/^rd_oidc=/);

    const back = await signInAtProvider(started.authorizationUrl.toString(), 'alice');
    const response = await callback(h.app, back, started.flowCookie);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/cases/42');
    // The verifier sent for the code is the one the challenge was computed from.
    const tokenRequest = h.tap.tokenRequests.at(-1);
    expect(s256(tokenRequest?.get('code_verifier') ?? '')).toBe(params.get('code_challenge'));

    const session = response.cookies.find((c) => c.name === 'rd_session');
    expect(session?.httpOnly).toBe(true);
    const csrf = response.cookies.find((c) => c.name === 'rd_csrf')?.value;
    const who = await me(`rd_session=${session?.value}; rd_csrf=${csrf}`);
    expect(who.statusCode).toBe(200);
    expect(who.json().user).toMatchObject({
      username: 'alice',
      displayName: 'Alice Martín',
      role: 'analyst',
    });
    const logins = await auditActions('auth.login');
    expect(logins.at(-1)?.details).toMatchObject({ method: 'single_sign_on' });
  });

  it('updates the display name and role at each sign-in, keeping one account per provider subject', async () => {
    const first = await ssoSignIn(h.app, 'sam');
    const id = (await me(first.cookie)).json().user.id;
    const sam = h.provider.accounts.get('sam');
    if (!sam) throw new Error('no sam');
    sam.name = 'Samantha Senior';
    sam.groups = ['kyc-analysts', 'kyc-seniors', 'desk-admins'];
    const second = await ssoSignIn(h.app, 'sam');
    expect((await me(second.cookie)).json().user).toMatchObject({
      id,
      displayName: 'Samantha Senior',
      role: 'admin',
    });
    sam.groups = ['kyc-seniors'];
  });

  it('never lets a provider account take over a local account of the same name', async () => {
    h.provider.accounts.set('admin', {
      name: 'Not the admin',
      email: 'x@example.org',
      groups: ['kyc-analysts'],
    });
    const signedIn = await ssoSignIn(h.app, 'admin');
    const user = (await me(signedIn.cookie)).json().user;
    expect(user.username).not.toBe('admin');
    expect(user.role).toBe('analyst');
  });

  it('refuses an answer whose state is not the one the flow started with', async () => {
    const started = await startSignIn(h.app);
    const back = new URL(await signInAtProvider(started.authorizationUrl.toString(), 'alice'));
    back.searchParams.set('state', 'forged-state');
    const response = await callback(h.app, back.toString(), started.flowCookie);
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('could not be verified');
    expect(response.cookies.find((c) => c.name === 'rd_session')).toBeUndefined();
  });

  it('refuses a code used twice, even with the flow cookie copied', async () => {
    const started = await startSignIn(h.app);
    const back = await signInAtProvider(started.authorizationUrl.toString(), 'alice');
    expect((await callback(h.app, back, started.flowCookie)).statusCode).toBe(302);
    const replay = await callback(h.app, back, started.flowCookie);
    expect(replay.statusCode).toBe(401);
    expect(replay.cookies.find((c) => c.name === 'rd_session')).toBeUndefined();
    // Without the cookie the browser no longer has, the page says to start again.
    const withoutCookie = await callback(h.app, back, '');
    expect(withoutCookie.statusCode).toBe(400);
    expect(withoutCookie.body).toContain('Start again');
  });

  it('accepts a re-signed ID token with unchanged claims (the tampering below is what gets refused)', async () => {
    h.tap.tamper = (claims) => claims;
    expect((await ssoSignIn(h.app, 'alice')).response.statusCode).toBe(302);
  });

  it('refuses an ID token issued to another client', async () => {
    h.tap.tamper = (claims) => ({ ...claims, aud: 'another-application' });
    const { response } = await ssoSignIn(h.app, 'alice');
    expect(response.statusCode).toBe(401);
    expect(response.cookies.find((c) => c.name === 'rd_session')).toBeUndefined();
  });

  it('refuses an expired ID token', async () => {
    const now = Math.floor(Date.now() / 1000);
    h.tap.tamper = (claims) => ({ ...claims, iat: now - 3600, exp: now - 600 });
    expect((await ssoSignIn(h.app, 'alice')).response.statusCode).toBe(401);
  });

  it('refuses an ID token from another issuer, or signed with a key the provider never published', async () => {
    h.tap.tamper = (claims) => ({ ...claims, iss: 'https://evil.example.org' });
    expect((await ssoSignIn(h.app, 'alice')).response.statusCode).toBe(401);
    h.tap.tamper = (claims) => claims;
    h.tap.signWith = signingKey('key-1');
    expect((await ssoSignIn(h.app, 'alice')).response.statusCode).toBe(401);
  });

  it('follows the provider to a new signing key', async () => {
    expect((await ssoSignIn(h.app, 'alice')).response.statusCode).toBe(302);
    h.provider.rotateKeys();
    // Two minutes on: past openid-client's minimum JWKS age, so an unknown key id makes it re-read the set.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    try {
      vi.setSystemTime(Date.now() + 120_000);
      const { response } = await ssoSignIn(h.app, 'alice');
      expect(response.statusCode).toBe(302);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers 403 with a clear page to someone in no mapped group, and creates no account', async () => {
    const { response } = await ssoSignIn(h.app, 'mallory');
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('not in any group that gives access to Review Desk');
    expect(response.cookies.find((c) => c.name === 'rd_session')).toBeUndefined();
    const users = await h.app.db
      .selectFrom('users')
      .select('username')
      .where('username', '=', 'mallory')
      .execute();
    expect(users).toEqual([]);
  });

  it('shows the provider refusing (the person cancelled) as a page, not an error', async () => {
    const started = await startSignIn(h.app);
    const response = await callback(
      h.app,
      `http://127.0.0.1:3999/api/auth/oidc/callback?error=access_denied&error_description=${encodeURIComponent('<b>cancelled</b>')}&state=${started.authorizationUrl.searchParams.get('state')}`,
      started.flowCookie,
    );
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('&#60;b&#62;cancelled');
    expect(response.body).not.toContain('<b>cancelled');
  });

  it('returns only to paths inside the desk', async () => {
    for (const next of ['//evil.example.org/x', 'https://evil.example.org', '/\\evil.example.org']) {
      const started = await startSignIn(h.app, next);
      const back = await signInAtProvider(started.authorizationUrl.toString(), 'alice');
      const response = await callback(h.app, back, started.flowCookie);
      expect(response.headers.location).toBe('/');
    }
  });
});
