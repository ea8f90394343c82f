import { randomBase62 } from './ids';

/**
 * connectFi session tokens from /auth/get-token. A token is valid until its dtsExpireAt, read from the injected
 * clock; there is no refresh, so clients fetch a new token before then (or after a 401).
 */
export class TokenIssuer {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly lifetimeSeconds: number,
    private readonly now: () => Date,
  ) {}

  issue(): { token: string; dtsExpireAt: string } {
    const issuedAt = this.now().getTime();
    this.forgetExpired(issuedAt);
    // Always from the operating system's generator, whatever the sandbox's seeded source: a token is a credential.
    const token = randomBase62(64);
    const expiresAt = issuedAt + this.lifetimeSeconds * 1000;
    this.expiries.set(token, expiresAt);
    return { token, dtsExpireAt: new Date(expiresAt).toISOString() };
  }

  isValid(token: string): boolean {
    const expiresAt = this.expiries.get(token);
    return expiresAt !== undefined && this.now().getTime() < expiresAt;
  }

  /** Ends every token issued so far; returns how many were still valid. */
  expireAll(): number {
    const now = this.now().getTime();
    let ended = 0;
    for (const expiresAt of this.expiries.values()) if (now < expiresAt) ended += 1;
    this.expiries.clear();
    return ended;
  }

  private forgetExpired(now: number): void {
    for (const [token, expiresAt] of this.expiries) if (expiresAt <= now) this.expiries.delete(token);
  }
}
