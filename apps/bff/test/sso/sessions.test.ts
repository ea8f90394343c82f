import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { login, signIn } from '../auth/app';
import { engines } from '../helpers/db';
import { type SsoHarness, ssoHarness, ssoSignIn } from './harness';

const engine = engines()[0];
if (!engine) throw new Error('no database engine');

const accessTokenSeconds = 120;
let h: SsoHarness;
beforeAll(async () => {
  h = await ssoHarness(engine, {}, { accessTokenSeconds });
}, 60_000);
afterAll(async () => {
  await h?.close();
  await engine.dispose();
});

const me = (cookie: string) => h.app.inject({ url: '/api/auth/me', headers: { cookie } });
const endedBecause = async () =>
  (
    await h.app.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'auth.session_ended')
      .orderBy('id', 'desc')
      .executeTakeFirst()
  )?.details;

describe('single sign-on sessions', () => {
  it('ends the session of someone whose groups no longer map, within the access-token lifetime, and refuses their next sign-in', async () => {
    h.provider.accounts.set('carol', { name: 'Carol', email: 'carol@example.org', groups: ['kyc-analysts'] });
    const carol = await ssoSignIn(h.app, 'carol');
    expect((await me(carol.cookie)).statusCode).toBe(200);

    const account = h.provider.accounts.get('carol');
    if (!account) throw new Error('no carol');
    account.groups = ['everyone'];
    // Within the provider's access-token lifetime the desk does not ask again...
    h.clock.advance((accessTokenSeconds - 10) * 1000);
    expect((await me(carol.cookie)).statusCode).toBe(200);
    // ...once it runs out, it does, and the session ends.
    h.clock.advance(20_000);
    const refused = await me(carol.cookie);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.details).toMatchObject({ reason: 'session_ended' });
    expect(await endedBecause()).toMatchObject({ reason: 'no_mapped_group' });
    expect((await me(carol.cookie)).statusCode).toBe(401);

    expect((await ssoSignIn(h.app, 'carol')).response.statusCode).toBe(403);
  });

  it('ends the session of someone IT disabled at the provider', async () => {
    h.provider.accounts.set('dave', { name: 'Dave', email: 'dave@example.org', groups: ['kyc-seniors'] });
    const dave = await ssoSignIn(h.app, 'dave');
    expect((await me(dave.cookie)).json().user.role).toBe('senior');
    const account = h.provider.accounts.get('dave');
    if (!account) throw new Error('no dave');
    account.disabled = true;
    h.clock.advance((accessTokenSeconds + 5) * 1000);
    expect((await me(dave.cookie)).statusCode).toBe(401);
    expect(await endedBecause()).toMatchObject({ reason: 'provider_refused:invalid_grant' });
  });

  it('keeps a session whose person still has access, asking the provider again each access-token lifetime', async () => {
    const alice = await ssoSignIn(h.app, 'alice');
    for (let round = 0; round < 3; round++) {
      h.clock.advance((accessTokenSeconds + 5) * 1000);
      const answer = await me(alice.cookie);
      expect(answer.statusCode).toBe(200);
    }
  });

  it('signs out at the provider too (RP-initiated logout) and ends the desk session', async () => {
    const alice = await ssoSignIn(h.app, 'alice');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: alice.cookie, 'x-csrf-token': alice.csrfToken },
    });
    expect(response.statusCode).toBe(200);
    const end = new URL(response.json().endSessionUrl);
    expect(end.origin).toBe(h.provider.issuer);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe('http://127.0.0.1:3999/login');
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect((await me(alice.cookie)).statusCode).toBe(401);
    // The provider accepts it: its confirmation page, not an error.
    const page = await fetch(end);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('logout');

    const local = await signIn(h.app, 'analyst', 'analyst-demo');
    const localOut = await h.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: local.cookie, 'x-csrf-token': local.csrfToken },
    });
    expect(localOut.statusCode).toBe(204);
  });

  it('tells the login page how to offer sign-in, and admins the role map', async () => {
    const config = await h.app.inject({ url: '/api/auth/config' });
    expect(config.json()).toEqual({
      localLogin: true,
      singleSignOn: { providerName: 'Acme SSO', loginUrl: '/api/auth/oidc/login' },
    });
    const admin = await signIn(h.app, 'admin', 'admin-demo');
    const settings = await h.app.inject({
      url: '/api/auth/oidc/settings',
      headers: { cookie: admin.cookie },
    });
    expect(settings.statusCode).toBe(200);
    expect(settings.json().singleSignOn).toMatchObject({
      providerName: 'Acme SSO',
      rolesClaim: 'groups',
      redirectUri: 'http://127.0.0.1:3999/api/auth/oidc/callback',
      roleMap: expect.arrayContaining([{ group: 'kyc-analysts', role: 'analyst' }]),
    });
    expect(JSON.stringify(settings.json())).not.toContain('secret');
    const analyst = await signIn(h.app, 'analyst', 'analyst-demo');
    expect(
      (await h.app.inject({ url: '/api/auth/oidc/settings', headers: { cookie: analyst.cookie } }))
        .statusCode,
    ).toBe(403);
  });
});

describe('LOCAL_LOGIN=off', () => {
  it('refuses password sign-in, even for the admin, and says single sign-on is the way in', async () => {
    const off = await ssoHarness(engine, { localLogin: false });
    try {
      const response = await login(off.app, 'admin', 'admin-demo');
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('local_login_off');
      expect((await off.app.inject({ url: '/api/auth/config' })).json().localLogin).toBe(false);
      expect((await ssoSignIn(off.app, 'alice')).response.statusCode).toBe(302);
    } finally {
      await off.close();
    }
  }, 60_000);
});

describe('single sign-on configuration', () => {
  const base = { JWT_SECRET: 'x'.repeat(32) };
  const sso = {
    OIDC_ISSUER: 'https://acme.okta.com/oauth2/default',
    OIDC_CLIENT_ID: 'desk',
    OIDC_CLIENT_SECRET: 'secret',
    OIDC_ROLE_MAP: 'kyc-analysts=analyst, kyc-seniors=senior,support=support,desk-admins=admin',
  };

  it('reads the issuer, client, claim and role map, naming the provider family', () => {
    const { oidc, localLogin } = loadConfig({ ...base, ...sso });
    expect(localLogin).toBe(true);
    expect(oidc).toMatchObject({ providerName: 'Okta', rolesClaim: 'groups', clientId: 'desk' });
    expect(oidc?.roleMap).toHaveLength(4);
    expect(loadConfig({ ...base }).oidc).toBeNull();
    const keycloak = loadConfig({
      ...base,
      ...sso,
      OIDC_ISSUER: 'https://id.example.org/realms/staff',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      LOCAL_LOGIN: 'off',
    });
    expect(keycloak.oidc?.providerName).toBe('Keycloak');
    expect(keycloak.localLogin).toBe(false);
  });

  it('refuses plain http except on loopback, bad maps, and LOCAL_LOGIN=off without single sign-on', () => {
    const refused = (env: Record<string, string>, variable: string) => {
      try {
        loadConfig({ ...base, ...env });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).variable).toBe(variable);
        return;
      }
      throw new Error(`accepted ${JSON.stringify(env)}`);
    };
    refused({ ...sso, OIDC_ISSUER: 'http://id.example.org' }, 'OIDC_ISSUER');
    expect(loadConfig({ ...base, ...sso, OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer).toBe(
      'http://127.0.0.1:9000',
    );
    refused({ ...sso, OIDC_ROLE_MAP: 'kyc-analysts=superuser' }, 'OIDC_ROLE_MAP');
    refused({ ...sso, OIDC_ROLE_MAP: 'kyc-analysts' }, 'OIDC_ROLE_MAP');
    refused({ ...sso, OIDC_CLIENT_SECRET: '' }, 'OIDC_CLIENT_SECRET');
    refused({ LOCAL_LOGIN: 'off' }, 'LOCAL_LOGIN');
    refused({ OIDC_CLIENT_ID: 'desk' }, 'OIDC_ISSUER');
  });
});
