import * as client from 'openid-client';
import type { OidcSettings } from './settings';

export type OidcFetch = (url: string, options: client.CustomFetchOptions) => Promise<Response>;

export interface StartedFlow {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface ProviderTokens {
  claims: Record<string, unknown>;
  refreshToken: string | null;
  idToken: string | null;
  /** Seconds the provider's access token lives; when it runs out the desk asks the provider again. */
  expiresIn: number | null;
}

/**
 * The organisation's OpenID provider, through openid-client (certified): discovery, the authorization code
 * flow with PKCE, state and nonce, refresh, and the end-session URL. ID tokens are checked for issuer,
 * audience, expiry and nonce, and their signature against the provider's JWKS (re-read when a token names a
 * key it has not seen, so key rotation needs nothing from us).
 */
export class OidcProviderClient {
  #configuration: Promise<client.Configuration> | null = null;

  constructor(
    private readonly settings: OidcSettings,
    readonly redirectUri: string,
    private readonly fetch?: OidcFetch,
  ) {}

  /** Discovery runs once, at the first sign-in; a failure is retried at the next. */
  configuration(): Promise<client.Configuration> {
    this.#configuration ??= this.#discover().catch((error: unknown) => {
      this.#configuration = null;
      throw error;
    });
    return this.#configuration;
  }

  async #discover(): Promise<client.Configuration> {
    const issuer = new URL(this.settings.issuer);
    const execute = [client.enableNonRepudiationChecks];
    // config.ts accepts plain http only for a loopback issuer (a provider on this machine, as in tests).
    if (issuer.protocol === 'http:') execute.push(client.allowInsecureRequests);
    const configuration = await client.discovery(
      issuer,
      this.settings.clientId,
      { client_secret: this.settings.clientSecret },
      client.ClientSecretPost(this.settings.clientSecret),
      { execute, timeout: 10, ...(this.fetch ? { [client.customFetch]: this.fetch } : {}) },
    );
    if (this.fetch) configuration[client.customFetch] = this.fetch;
    return configuration;
  }

  async start(): Promise<StartedFlow> {
    const configuration = await this.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const supported = configuration.serverMetadata().scopes_supported ?? [];
    // A refresh token is what lets the desk ask the provider again later; most providers issue one only
    // for offline_access, and those that do not know it (Google) would refuse the request.
    const scope = [
      'openid',
      'profile',
      'email',
      ...(supported.includes('offline_access') ? ['offline_access'] : []),
    ];
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: scope.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  async complete(callbackUrl: URL, flow: Omit<StartedFlow, 'url'>): Promise<ProviderTokens> {
    const configuration = await this.configuration();
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    return tokensOf(tokens);
  }

  /** A refresh: the provider says again who the person is now (or refuses, once IT disabled them). */
  async refresh(refreshToken: string, subject: string): Promise<ProviderTokens> {
    const configuration = await this.configuration();
    const tokens = await client.refreshTokenGrant(configuration, refreshToken);
    const refreshed = tokensOf(tokens);
    if (refreshed.idToken === null) {
      // Not every provider sends a new ID token on refresh; its userinfo says the same things.
      const info = await client.fetchUserInfo(configuration, tokens.access_token, subject);
      refreshed.claims = info as unknown as Record<string, unknown>;
    } else if (refreshed.claims.sub !== subject) {
      throw new Error('the refreshed ID token names another subject');
    }
    return { ...refreshed, refreshToken: refreshed.refreshToken ?? refreshToken };
  }

  /** Where to send the browser to end the provider's session too; null when the provider has no such page. */
  async endSessionUrl(idToken: string | null, postLogoutRedirectUri: string): Promise<string | null> {
    const configuration = await this.configuration();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return client
      .buildEndSessionUrl(configuration, {
        client_id: this.settings.clientId,
        post_logout_redirect_uri: postLogoutRedirectUri,
        ...(idToken ? { id_token_hint: idToken } : {}),
      })
      .toString();
  }
}

function tokensOf(
  tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers,
): ProviderTokens {
  return {
    claims: (tokens.claims() ?? {}) as Record<string, unknown>,
    refreshToken: tokens.refresh_token ?? null,
    idToken: tokens.id_token ?? null,
    expiresIn: tokens.expiresIn() ?? null,
  };
}
