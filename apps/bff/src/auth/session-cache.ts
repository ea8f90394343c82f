import type { SessionRecord } from './sessions';

/**
 * Recently loaded sessions, so an active user's requests don't each read the sessions table. Entries live a
 * few seconds at most: a session revoked by another process (the CLI, another instance) is refused within
 * that time; one revoked here is dropped at once.
 */
export class SessionCache {
  readonly #entries = new Map<string, { session: SessionRecord; loadedAt: number }>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(id: string, now: number): SessionRecord | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (now - entry.loadedAt >= this.ttlMs || now < entry.loadedAt) {
      this.#entries.delete(id);
      return undefined;
    }
    return entry.session;
  }

  set(session: SessionRecord, now: number): void {
    this.#entries.delete(session.id);
    this.#entries.set(session.id, { session, loadedAt: now });
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  delete(id: string): void {
    this.#entries.delete(id);
  }
}
