/**
 * Failed sign-ins per username in a sliding window: after `limit` failures within `windowMs` the name is
 * locked until the oldest of them leaves the window. A success clears the name. Kept in memory: it slows
 * guessing against one account; the per-IP limit on the route slows guessing across accounts.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly maxTracked = 10_000,
  ) {}

  /** Milliseconds until the name may try again; 0 when it may now. */
  retryAfterMs(username: string, now: number): number {
    const recent = this.#recent(username, now);
    if (recent.length < this.limit) return 0;
    const oldest = recent[recent.length - this.limit] ?? now;
    return oldest + this.windowMs - now;
  }

  recordFailure(username: string, now: number): void {
    const recent = this.#recent(username, now);
    recent.push(now);
    // Re-inserting keeps the map in least-recently-failed order, so the oldest entry is dropped first.
    this.#failures.delete(username);
    this.#failures.set(username, recent.slice(-this.limit));
    if (this.#failures.size > this.maxTracked) {
      const stalest = this.#failures.keys().next().value;
      if (stalest !== undefined) this.#failures.delete(stalest);
    }
  }

  reset(username: string): void {
    this.#failures.delete(username);
  }

  #recent(username: string, now: number): number[] {
    return (this.#failures.get(username) ?? []).filter((at) => now - at < this.windowMs);
  }
}
