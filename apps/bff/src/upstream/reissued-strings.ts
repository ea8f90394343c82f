/**
 * Some strings in a provider's answer are issued afresh on every read: Capa signs its media links anew each
 * time it answers Get KYC Details, so two reads of an unchanged verification never have the same bytes. These
 * helpers compare two answers as if those strings were blanked, on the text, without parsing it again.
 *
 * The text around the strings is kept as `segments` (the text before the first string, between each two, and
 * after the last). A new answer has the same content apart from the strings exactly when it is
 * `segments[0] + literal + segments[1] + … + segments[n]` with a JSON string literal in each gap: a JSON lexer is
 * in the same state after the same prefix, so each gap starts a string in both, and what follows each string is
 * the same text again.
 */

/** Where the strings sit: the object at `path` (keys from the top of the answer), members `fields`. */
export interface ReissuedStrings {
  path: readonly string[];
  fields: readonly string[];
}

/** An answer's text split around its reissued strings, and the fields those strings are, in text order. */
export interface ReissuedLayout {
  segments: readonly string[];
  fields: readonly string[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The index just past the closing quote of the string literal opening at `start`, or -1. */
function literalEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The string a literal stands for, or undefined when it is not a valid JSON string. */
function decoded(literal: string): string | undefined {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds the string values at `where` in a JSON text and splits the text around them. Returns undefined when
 * the text has none, or when they do not match `parsed` (the text's own parse), which is checked so that a
 * quirk of the text (a duplicate key, say) can only cost the shortcut, never give a wrong answer.
 */
export function layoutOf(text: string, where: ReissuedStrings, parsed: unknown): ReissuedLayout | undefined {
  const spans = stringSpans(text, where);
  if (spans === undefined || spans.length === 0) return undefined;
  let holder: unknown = parsed;
  for (const key of where.path) holder = (holder as Record<string, unknown> | undefined)?.[key];
  const values = holder as Record<string, unknown> | undefined;
  if (typeof values !== 'object' || values === null) return undefined;
  const strings = where.fields.filter((field) => typeof values[field] === 'string');
  if (strings.length !== spans.length) return undefined;
  const segments: string[] = [];
  let at = 0;
  for (const span of spans) {
    if (decoded(text.slice(span.start, span.end)) !== values[span.field]) return undefined;
    segments.push(text.slice(at, span.start));
    at = span.end;
  }
  segments.push(text.slice(at));
  return { segments, fields: spans.map((span) => span.field) };
}

/**
 * The fresh strings of `text`, in the layout's field order, when `text` is the laid-out answer with other
 * strings in the gaps; otherwise undefined.
 */
export function freshStrings(layout: ReissuedLayout, text: string): string[] | undefined {
  const { segments } = layout;
  const strings: string[] = [];
  let at = 0;
  for (let gap = 0; gap < segments.length - 1; gap++) {
    const segment = segments[gap] as string;
    if (!text.startsWith(segment, at)) return undefined;
    at += segment.length;
    if (text.charCodeAt(at) !== QUOTE) return undefined;
    const end = literalEnd(text, at);
    if (end < 0) return undefined;
    const value = decoded(text.slice(at, end));
    if (value === undefined) return undefined;
    strings.push(value);
    at = end;
  }
  const last = segments[segments.length - 1] as string;
  return text.length - at === last.length && text.endsWith(last) ? strings : undefined;
}

interface Span {
  field: string;
  start: number;
  end: number;
}

/**
 * The string literals that are members `fields` of the object at `path`, in text order: a walk over the
 * text's structure (brackets, braces, commas and strings) that builds no values. The last of duplicate keys
 * wins, as in JSON.parse. Undefined for text that is not a JSON object.
 */
function stringSpans(text: string, where: ReissuedStrings): Span[] | undefined {
  const depth = where.path.length + 1;
  const fields = new Set(where.fields);
  const found = new Map<string, Span>();
  // Per open container: the key of the member being read (null in arrays, or before the first key).
  const keys: (string | null)[] = [];
  const objects: boolean[] = [];
  let expectingKey = false;
  let at = 0;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      const end = literalEnd(text, at);
      if (end < 0) return undefined;
      const level = objects.length;
      if (expectingKey) {
        const key = decoded(text.slice(at, end));
        if (key === undefined) return undefined;
        keys[level - 1] = key;
        expectingKey = false;
      } else if (level === depth && objects[level - 1] === true) {
        const field = keys[level - 1] as string;
        if (fields.has(field) && where.path.every((key, index) => keys[index] === key && objects[index])) {
          found.delete(field);
          found.set(field, { field, start: at, end });
        }
      }
      at = end;
      continue;
    }
    if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      objects.push(code === 0x7b);
      keys.push(null);
      expectingKey = code === 0x7b;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      objects.pop();
      keys.pop();
      expectingKey = false;
    } else if (code === 0x2c /* , */) {
      expectingKey = objects[objects.length - 1] === true;
    }
    at++;
  }
  if (objects.length !== 0) return undefined;
  return [...found.values()].sort((a, b) => a.start - b.start);
}
