import { freshStrings, layoutOf, type ReissuedLayout, type ReissuedStrings } from './reissued-strings';

/**
 * Recognises a provider answer that is the one read before, so that the same content is not parsed,
 * normalised and serialised again. Every read still goes to the provider; only the work on an unchanged answer
 * is skipped. "The same" is byte-for-byte, apart from strings the provider issues afresh on every read (Capa's
 * signed media links, `reissued`): an answer that differs only there is the previous one with those strings
 * replaced, built without a parse. A body handed out by a read (the `data` of Capa's or connectFi's envelope)
 * is frozen and remembered with the text it came from, weakly: it lives as long as its holder (the subject
 * service's cache) keeps it.
 */
/** A read that returned `previous` before: when the provider answers the very same bytes, it returns `previous`. */
export interface ReadOptions {
  previous?: unknown;
}

export type { ReissuedStrings } from './reissued-strings';

interface Source {
  text: string;
  envelope: unknown;
  /** Where `data` sits in the envelope. */
  dataKey: string;
  reissued?: { where: ReissuedStrings; layout: ReissuedLayout };
}

const sources = new WeakMap<object, Source>();
/** A body built from a previous one with fresh reissued strings: the previous body. */
const reissuedFrom = new WeakMap<object, object>();

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

/**
 * Remembers the envelope parsed from `text` and the `data` a read returns from it (`envelope[dataKey]`). Both
 * are frozen. With `reissued`, the text is also laid out around those strings for the next read to compare.
 */
export function rememberBody(
  text: string,
  envelope: unknown,
  data: unknown,
  options: { dataKey?: string; reissued?: ReissuedStrings } = {},
): void {
  if (typeof data !== 'object' || data === null) return;
  deepFreeze(envelope);
  deepFreeze(data);
  const dataKey = options.dataKey ?? 'data';
  const where = options.reissued;
  const layout =
    where === undefined ? undefined : layoutOf(text, { ...where, path: [dataKey, ...where.path] }, envelope);
  sources.set(data, { text, envelope, dataKey, ...(where && layout ? { reissued: { where, layout } } : {}) });
}

/**
 * For a read that returned `previous` last time: the envelope to use for `text` without parsing it. The very
 * same text gives the same envelope, so the read returns `previous` itself (callers may compare by identity);
 * a text that differs only in reissued strings gives a copy with the fresh strings, whose `data` is remembered
 * in turn and answers `sameApartFromReissued`. Anything else: undefined (parse it).
 */
export function unchangedEnvelope(previous: unknown, text: string): unknown {
  if (typeof previous !== 'object' || previous === null) return undefined;
  const source = sources.get(previous);
  if (source === undefined) return undefined;
  if (source.text === text) return source.envelope;
  const { reissued } = source;
  if (reissued === undefined || text.length === 0) return undefined;
  const strings = freshStrings(reissued.layout, text);
  if (strings === undefined) return undefined;
  const holder = withStrings(previous, reissued.where.path, reissued.layout.fields, strings);
  if (holder === undefined) return undefined;
  const data = holder as object;
  const envelope = Object.freeze({ ...(source.envelope as object), [source.dataKey]: data });
  sources.set(data, { ...source, text, envelope });
  reissuedFrom.set(data, previous);
  return envelope;
}

/** Whether `body` is `previous` with only its reissued strings read afresh (what `unchangedEnvelope` built). */
export function sameApartFromReissued(body: unknown, previous: unknown): boolean {
  return typeof body === 'object' && body !== null && reissuedFrom.get(body) === previous;
}

/**
 * A frozen copy of `value` with `strings` as the members `fields` of the object at `path`: new objects along
 * the path, the rest shared (it is frozen). Keys keep their order, as a parse of the new text would give them.
 */
function withStrings(
  value: unknown,
  path: readonly string[],
  fields: readonly string[],
  strings: readonly string[],
): object | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const copy: Record<string, unknown> = { ...value };
  if (path.length === 0) {
    fields.forEach((field, index) => {
      copy[field] = strings[index];
    });
  } else {
    const [key, ...rest] = path as [string, ...string[]];
    const inner = withStrings(copy[key], rest, fields, strings);
    if (inner === undefined) return undefined;
    copy[key] = inner;
  }
  return Object.freeze(copy);
}

/** The length of the text a read's body was parsed from, when it is known: for sizing caches. */
export function sourceLength(body: unknown): number | undefined {
  return typeof body === 'object' && body !== null ? sources.get(body)?.text.length : undefined;
}
