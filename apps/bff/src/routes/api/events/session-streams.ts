/** The open event streams of each session, so that a session's end ends them, and a session holds only a few. */
export class SessionStreams {
  readonly #bySession = new Map<string, Set<() => void>>();

  constructor(readonly maxPerSession: number) {}

  /** Registers a stream's `end`; ends the session's oldest streams beyond the limit. Returns the unregistration. */
  add(sessionId: string, end: () => void): () => void {
    let open = this.#bySession.get(sessionId);
    if (!open) {
      open = new Set();
      this.#bySession.set(sessionId, open);
    }
    open.add(end);
    // A Set iterates in insertion order: the first is the oldest.
    for (const oldest of [...open].slice(0, Math.max(0, open.size - this.maxPerSession))) oldest();
    return () => {
      const current = this.#bySession.get(sessionId);
      current?.delete(end);
      if (current?.size === 0) this.#bySession.delete(sessionId);
    };
  }

  endSession(sessionId: string): void {
    for (const end of [...(this.#bySession.get(sessionId) ?? [])]) end();
  }

  count(sessionId: string): number {
    return this.#bySession.get(sessionId)?.size ?? 0;
  }
}
