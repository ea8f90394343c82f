import { generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/**
 * A real OpenID provider in this process (the `oidc-provider` package), for single sign-on tests: one
 * confidential client for the desk, accounts in groups, its own login form (devInteractions: any password),
 * refresh tokens, RP-initiated logout, and key rotation on demand.
 */
export interface TestAccount {
  name: string;
  email: string;
  groups: string[];
  disabled?: boolean;
}

export const testClient = { id: 'review-desk', secret: 'review-desk-client-secret-0123456789' };

export interface TestProvider {
  issuer: string;
  accounts: Map<string, TestAccount>;
  /** The private keys the provider signs with, newest first (tests forge tokens with them). */
  keys(): JsonWebKey[];
  /** A new signing key, published and used from now on; the old one stays published. */
  rotateKeys(): void;
  close(): Promise<void>;
}

export function signingKey(kid: string): JsonWebKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
}

export async function startTestProvider(options: {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  accounts: Record<string, TestAccount>;
  accessTokenSeconds?: number;
}): Promise<TestProvider> {
  const accounts = new Map(Object.entries(options.accounts));
  let keys = [signingKey('key-1')];
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const build = () => {
    const configuration: Configuration = {
      clients: [
        {
          client_id: testClient.id,
          client_secret: testClient.secret,
          redirect_uris: options.redirectUris,
          post_logout_redirect_uris: options.postLogoutRedirectUris,
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      jwks: { keys: keys as Configuration['jwks'] extends { keys: infer K } | undefined ? K : never },
      cookies: { keys: ['test-provider-cookie-key'] },
      claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'], email: ['email'] },
      scopes: ['openid', 'offline_access', 'profile', 'email'],
      // Claims in the ID token itself, as Okta, Entra ID and Keycloak put the groups there.
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
      ttl: { AccessToken: options.accessTokenSeconds ?? 300, IdToken: 300, RefreshToken: 3600 },
      pkce: { required: () => true },
      async findAccount(_ctx, id) {
        const account = accounts.get(id);
        if (!account || account.disabled) return undefined;
        return {
          accountId: id,
          claims: async () => ({
            sub: id,
            name: account.name,
            email: account.email,
            preferred_username: id,
            groups: account.groups,
          }),
        };
      },
      // The desk is a first-party application: no consent screen, like a company's own provider.
      async loadExistingGrant(ctx) {
        const oidc = ctx.oidc;
        const accountId = oidc.session?.accountId;
        if (!oidc.client || !accountId) return undefined;
        const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client.clientId);
        if (grantId) return oidc.provider.Grant.find(grantId);
        const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId });
        grant.addOIDCScope('openid profile email offline_access');
        await grant.save();
        return grant;
      },
      issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    };
    const provider = new Provider(issuer, configuration);
    provider.on('server_error', (_ctx, error) => console.error('test provider error', error));
    return provider.callback();
  };

  let handle = build();
  server.on('request', (request, response) => handle(request, response));
  return {
    issuer,
    accounts,
    keys: () => keys,
    rotateKeys() {
      keys = [signingKey(`key-${keys.length + 1}`), ...keys];
      handle = build();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cookies per origin, enough to walk a redirect chain by hand. */
export class CookieJar {
  readonly #cookies = new Map<string, Map<string, string>>();

  store(url: string, response: Response) {
    const origin = new URL(url).origin;
    const jar = this.#cookies.get(origin) ?? new Map<string, string>();
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) jar.delete(name);
      else jar.set(name, value);
    }
    this.#cookies.set(origin, jar);
  }

  header(url: string): string {
    const jar = this.#cookies.get(new URL(url).origin);
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join('; ') : '';
  }
}

/**
 * Signs in at the provider the way a browser would, from the provider's authorization URL up to (not
 * including) the redirect back to the desk, whose URL is returned: login form, password, consent skipped.
 */
export async function signInAtProvider(authorizationUrl: string, login: string, jar = new CookieJar()) {
  let url = authorizationUrl;
  for (let step = 0; step < 10; step++) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
    jar.store(url, response);
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url).toString();
      if (!next.startsWith(new URL(authorizationUrl).origin)) return next;
      url = next;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action || !html.includes('name="login"'))
      throw new Error(`unexpected provider page: ${html.slice(0, 300)}`);
    const submit = new URL(action, url).toString();
    const posted = await fetch(submit, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(submit), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any password' }),
    });
    jar.store(submit, posted);
    url = new URL(posted.headers.get('location') ?? '', submit).toString();
  }
  throw new Error('the provider kept redirecting');
}
