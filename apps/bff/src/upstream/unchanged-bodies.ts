/**
 * Recognises a provider answer that is byte-for-byte the one read before, so that the same bytes are not parsed,
 * normalised and serialised again. Every read still goes to the provider; only the work on identical bytes is
 * skipped. A body handed out by a read (the `data` of Capa's or connectFi's envelope) is frozen and remembered
 * with the text it came from, weakly: it lives as long as its holder (the subject service's cache) keeps it.
 */
/** A read that returned `previous` before: when the provider answers the very same bytes, it returns `previous`. */
export interface ReadOptions {
  previous?: unknown;
}

const sources = new WeakMap<object, { text: string; envelope: unknown }>();

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/** Remembers the envelope parsed from `text` and the `data` a read returns from it. Both are frozen. */
export function rememberBody(text: string, envelope: unknown, data: unknown): void {
  if (typeof data !== 'object' || data === null) return;
  deepFreeze(envelope);
  deepFreeze(data);
  sources.set(data, { text, envelope });
}

/**
 * For a read that returned `previous` last time: the envelope to reuse when the provider answers the very same
 * text, so the read returns `previous` itself (the same object: callers may compare by identity).
 */
export function unchangedEnvelope(previous: unknown, text: string): unknown {
  if (typeof previous !== 'object' || previous === null) return undefined;
  const source = sources.get(previous);
  return source !== undefined && source.text === text ? source.envelope : undefined;
}

/** The length of the text a read's body was parsed from, when it is known: for sizing caches. */
export function sourceLength(body: unknown): number | undefined {
  return typeof body === 'object' && body !== null ? sources.get(body)?.text.length : undefined;
}
