export interface IssuedToken {
  token: string;
  /** Epoch milliseconds after which the provider no longer accepts the token. */
  expiresAt: number;
}

export interface TokenCache {
  /** A token that is not close to expiry; at most one issuance is in flight, shared by every caller. */
  get(): Promise<string>;
  /** Forgets `token` after the provider refused it, unless a newer token has already replaced it. */
  invalidate(token: string): void;
}

export interface TokenCacheConfig {
  issue: () => Promise<IssuedToken>;
  now?: () => number;
}

const MAX_REFRESH_MARGIN_MS = 30_000;

/** Renew 30 s before expiry, or a tenth of the lifetime before it for short-lived tokens. */
function refreshAt(issuedAt: number, expiresAt: number): number {
  const margin = Math.min(MAX_REFRESH_MARGIN_MS, (expiresAt - issuedAt) / 10);
  return expiresAt - Math.max(0, margin);
}

export function createTokenCache(config: TokenCacheConfig): TokenCache {
  const now = config.now ?? Date.now;
  let current: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  const issue = (): Promise<string> => {
    const pending = config
      .issue()
      .then((issued) => {
        current = { token: issued.token, refreshAt: refreshAt(now(), issued.expiresAt) };
        return issued.token;
      })
      .finally(() => {
        if (inFlight === pending) inFlight = undefined;
      });
    inFlight = pending;
    return pending;
  };

  return {
    get() {
      if (current !== undefined && now() < current.refreshAt) return Promise.resolve(current.token);
      return inFlight ?? issue();
    },
    invalidate(token) {
      if (current?.token === token) current = undefined;
    },
  };
}
