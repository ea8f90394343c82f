import type { AccessClaims } from './access-token';

/**
 * Access tokens whose signature has been checked, with their claims, so that a user's next requests with the
 * same cookie skip the HMAC and the decoding. Keyed by the whole token string, so only that exact token maps
 * to its claims; a token that fails verification is never stored. This remembers only what cannot change
 * about a token (that our key signed these claims): its expiry and its session's liveness are still judged on
 * every request, so a cached token is refused as soon as an uncached one would be.
 */
export class VerifiedTokens {
  readonly #entries = new Map<string, { claims: Readonly<AccessClaims>; verifiedAt: number }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(token: string, now: number): Readonly<AccessClaims> | undefined {
    const entry = this.#entries.get(token);
    if (!entry) return undefined;
    if (now - entry.verifiedAt >= this.ttlMs || now < entry.verifiedAt) {
      this.#entries.delete(token);
      return undefined;
    }
    return entry.claims;
  }

  set(token: string, claims: AccessClaims, now: number): void {
    this.#entries.delete(token);
    this.#entries.set(token, { claims: Object.freeze({ ...claims }), verifiedAt: now });
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}
