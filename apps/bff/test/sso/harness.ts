import { createHash, createPrivateKey, createSign, type JsonWebKey } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { type App, buildApp } from '../../src/app';
import type { OidcFetch } from '../../src/auth/oidc/provider-client';
import type { AppConfig } from '../../src/config';
import { testConfig } from '../auth/app';
import type { TestEngine } from '../helpers/db';
import { signInAtProvider, startTestProvider, type TestProvider, testClient } from '../helpers/oidc-provider';

/** Where the desk says it is; the app is injected into, so nothing listens there. */
export const publicUrl = 'http://127.0.0.1:3999';

export const accounts = {
  alice: { name: 'Alice Martín', email: 'alice@example.org', groups: ['kyc-analysts', 'everyone'] },
  sam: { name: 'Sam Senior', email: 'sam@example.org', groups: ['kyc-seniors'] },
  mallory: { name: 'Mallory', email: 'mallory@example.org', groups: ['everyone'] },
};

export function ssoConfig(
  provider: TestProvider,
  base: AppConfig,
  overrides: Partial<AppConfig> = {},
): AppConfig {
  return {
    ...base,
    publicUrl,
    oidc: {
      issuer: provider.issuer,
      clientId: testClient.id,
      clientSecret: testClient.secret,
      rolesClaim: 'groups',
      roleMap: [
        { group: 'kyc-analysts', role: 'analyst' },
        { group: 'kyc-seniors', role: 'senior' },
        { group: 'desk-admins', role: 'admin' },
      ],
      providerName: 'Acme SSO',
    },
    ...overrides,
  };
}

/** Rewrites token endpoint answers when `tamper` is set: the desk must refuse what the provider never said. */
export class TokenTap {
  tamper: ((idTokenClaims: Record<string, unknown>) => Record<string, unknown>) | null = null;
  /** The key tampered tokens are signed with; null: the provider's current one. */
  signWith: JsonWebKey | null = null;
  readonly tokenRequests: URLSearchParams[] = [];

  constructor(private readonly provider: TestProvider) {}

  readonly fetch: OidcFetch = async (url, options) => {
    const response = await fetch(url, options as RequestInit);
    if (!url.endsWith('/token')) return response;
    this.tokenRequests.push(new URLSearchParams(String(options.body)));
    if (!this.tamper || !response.ok) return response;
    const body = (await response.json()) as { id_token?: string };
    if (body.id_token)
      body.id_token = this.forge(this.tamper(decode(body.id_token)), this.signWith ?? undefined);
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };

  /** An ID token signed with the provider's current key: valid in every way but the claims given. */
  forge(claims: Record<string, unknown>, key: JsonWebKey = this.provider.keys()[0] as JsonWebKey): string {
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: key.kid })).toString(
      'base64url',
    );
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = createSign('RSA-SHA256')
      .update(`${header}.${payload}`)
      .sign(createPrivateKey({ key, format: 'jwk' }))
      .toString('base64url');
    return `${header}.${payload}.${signature}`;
  }
}

export const decode = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

export const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export interface SsoHarness {
  app: App;
  provider: TestProvider;
  tap: TokenTap;
  clock: { now: () => number; advance(ms: number): void };
  close(): Promise<void>;
}

export async function ssoHarness(
  engine: TestEngine,
  overrides: Partial<AppConfig> = {},
  providerOptions: { accessTokenSeconds?: number } = {},
): Promise<SsoHarness> {
  const provider = await startTestProvider({
    redirectUris: [`${publicUrl}/api/auth/oidc/callback`],
    postLogoutRedirectUris: [`${publicUrl}/login`],
    accounts: structuredClone(accounts),
    ...providerOptions,
  });
  const tap = new TokenTap(provider);
  let offset = 0;
  const clock = {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
  };
  const app = await buildApp(ssoConfig(provider, await testConfig(engine), overrides), {
    quiet: true,
    now: clock.now,
    oidcFetch: tap.fetch,
  });
  return {
    app,
    provider,
    tap,
    clock,
    async close() {
      await app.close();
      await provider.close();
    },
  };
}

const cookiePair = (response: LightMyRequestResponse, name: string) => {
  const cookie = response.cookies.find((c) => c.name === name);
  return cookie ? `${name}=${cookie.value}` : '';
};

export interface StartedSignIn {
  authorizationUrl: URL;
  flowCookie: string;
}

export async function startSignIn(app: App, next = '/queue'): Promise<StartedSignIn> {
  const response = await app.inject({ url: `/api/auth/oidc/login?next=${encodeURIComponent(next)}` });
  if (response.statusCode !== 302) throw new Error(`login start: ${response.statusCode} ${response.body}`);
  return {
    authorizationUrl: new URL(response.headers.location as string),
    flowCookie: cookiePair(response, 'rd_oidc'),
  };
}

/** The desk's callback as the browser would call it, with the flow cookie. */
export function callback(app: App, callbackUrl: string, flowCookie: string) {
  const url = new URL(callbackUrl);
  return app.inject({ url: `${url.pathname}${url.search}`, headers: { cookie: flowCookie } });
}

export interface SignedIn {
  response: LightMyRequestResponse;
  cookie: string;
  csrfToken: string;
}

/** The whole flow for one account: start, the provider's login form, the callback. */
export async function ssoSignIn(app: App, login: string): Promise<SignedIn> {
  const started = await startSignIn(app);
  const back = await signInAtProvider(started.authorizationUrl.toString(), login);
  const response = await callback(app, back, started.flowCookie);
  const session = response.cookies.find((c) => c.name === 'rd_session')?.value;
  const csrf = response.cookies.find((c) => c.name === 'rd_csrf')?.value ?? '';
  return { response, cookie: session ? `rd_session=${session}; rd_csrf=${csrf}` : '', csrfToken: csrf };
}
