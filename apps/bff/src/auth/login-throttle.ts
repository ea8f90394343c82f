/**
 * Failed sign-ins, kept in memory per instance, on two scales:
 * - per user, a slow-down: after a few failures each further one makes the name wait longer before the next
 *   try (1 s, 2 s, 4 s… up to a cap). Anyone can slow a name down this way, so the cap is short.
 * - per user and address, a hard lock: after `lockLimit` failures within the window that address may not try
 *   that name again until the oldest of them leaves the window. A stranger locks out only themself.
 * A success from an address clears the name's slow-down and that address's lock.
 */
export interface LoginThrottleOptions {
  /** Failures per user before the slow-down starts. */
  freeFailures?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Failures per user and address within the window that lock that pair. */
  lockLimit?: number;
  windowMs?: number;
  /** Names and pairs tracked at most; the least recently failed is dropped first. */
  maxTracked?: number;
}

export interface Lockout {
  username: string;
  /** The address that is locked; null for a slow-down, which applies to every address. */
  address: string | null;
  kind: 'locked' | 'slowed';
  /** Failures within the window. */
  failures: number;
  retryAfterMs: number;
}

const nul = String.fromCharCode(0);

export class LoginThrottle {
  readonly #byUser = new Map<string, number[]>();
  readonly #byPair = new Map<string, number[]>();
  readonly #free: number;
  readonly #base: number;
  readonly #max: number;
  readonly #lockLimit: number;
  readonly #window: number;
  readonly #maxTracked: number;

  constructor(options: LoginThrottleOptions = {}) {
    this.#free = options.freeFailures ?? 3;
    this.#base = options.baseDelayMs ?? 1_000;
    this.#max = options.maxDelayMs ?? 30_000;
    this.#lockLimit = options.lockLimit ?? 5;
    this.#window = options.windowMs ?? 15 * 60_000;
    this.#maxTracked = options.maxTracked ?? 10_000;
  }

  /** Milliseconds until `username` may be tried again from `address`; 0 when it may now. */
  retryAfterMs(username: string, address: string, now: number): number {
    return Math.max(this.#slowDownMs(username, now), this.#lockMs(pairKey(username, address), now));
  }

  recordFailure(username: string, address: string, now: number): void {
    this.#record(this.#byUser, username, now);
    this.#record(this.#byPair, pairKey(username, address), now);
  }

  reset(username: string, address: string): void {
    this.#byUser.delete(username);
    this.#byPair.delete(pairKey(username, address));
  }

  /** Names slowed down and addresses locked out now, longest wait first (for admins). */
  lockouts(now: number): Lockout[] {
    const found: Lockout[] = [];
    for (const username of this.#byUser.keys()) {
      const retryAfterMs = this.#slowDownMs(username, now);
      const failures = this.#recent(this.#byUser, username, now).length;
      if (retryAfterMs > 0) found.push({ username, address: null, kind: 'slowed', failures, retryAfterMs });
    }
    for (const key of this.#byPair.keys()) {
      const retryAfterMs = this.#lockMs(key, now);
      if (retryAfterMs === 0) continue;
      const [username = '', address = ''] = key.split(nul);
      const failures = this.#recent(this.#byPair, key, now).length;
      found.push({ username, address, kind: 'locked', failures, retryAfterMs });
    }
    return found.sort((a, b) => b.retryAfterMs - a.retryAfterMs);
  }

  /** The wait the name's failures ask for: doubling with each failure past the free ones, capped. */
  #slowDownMs(username: string, now: number): number {
    const recent = this.#recent(this.#byUser, username, now);
    const past = recent.length - this.#free;
    const last = recent[recent.length - 1];
    if (past <= 0 || last === undefined) return 0;
    const delay = Math.min(this.#max, this.#base * 2 ** Math.min(past - 1, 30));
    return Math.max(0, last + delay - now);
  }

  #lockMs(key: string, now: number): number {
    const recent = this.#recent(this.#byPair, key, now);
    if (recent.length < this.#lockLimit) return 0;
    const oldest = recent[recent.length - this.#lockLimit] ?? now;
    return Math.max(0, oldest + this.#window - now);
  }

  #record(map: Map<string, number[]>, key: string, now: number): void {
    const recent = this.#recent(map, key, now);
    recent.push(now);
    // Re-inserting keeps the map in least-recently-failed order, so the oldest entry is dropped first.
    map.delete(key);
    map.set(key, recent.slice(-Math.max(this.#lockLimit, this.#free + 32)));
    if (map.size > this.#maxTracked) {
      const stalest = map.keys().next().value;
      if (stalest !== undefined) map.delete(stalest);
    }
  }

  #recent(map: Map<string, number[]>, key: string, now: number): number[] {
    return (map.get(key) ?? []).filter((at) => now - at < this.#window);
  }
}

const pairKey = (username: string, address: string) => `${username}${nul}${address}`;
