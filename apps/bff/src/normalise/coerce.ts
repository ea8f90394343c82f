import type { EnumValue } from '@review-desk/contracts';
import { type AnomalyLog, joinPath } from './anomalies';
import { jsonTypeOf } from './errors';
import type { Vocabulary } from './vocabularies';

// Each reader takes the raw value plus where it sits (parent path and key), returns the typed value or null,
// and reports to the log whatever it had to tolerate. None of them throws or copies what it can reuse.

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value of every section a provider did not send: one frozen object, never mutated. */
export const notProvided = Object.freeze({ provided: false as const });

/**
 * A section object, or null after reporting why there is none. `concealValue` keeps a set-aside value out of
 * the report, for sections (media) whose contents must not reach the browser.
 */
export function toSection(
  value: unknown,
  log: AnomalyLog,
  parent: string,
  key: string,
  concealValue = false,
): JsonObject | null {
  if (isObject(value)) return value;
  if (value === undefined) log.add(parent, key, 'missing_section', 'Not in the payload');
  else if (value === null) log.add(parent, key, 'null_section', 'Sent as null');
  else {
    const detail = `Expected an object, got ${jsonTypeOf(value)}; set aside`;
    log.add(parent, key, 'unexpected_type', detail, concealValue ? undefined : value);
  }
  return null;
}

/** An optional sub-object: absence is normal and not reported, only a value of the wrong type is. */
export function toOptionalObject(
  value: unknown,
  log: AnomalyLog,
  parent: string,
  key: string,
): JsonObject | null {
  if (isObject(value)) return value;
  if (value !== undefined && value !== null)
    log.add(parent, key, 'unexpected_type', `Expected an object, got ${jsonTypeOf(value)}; set aside`, value);
  return null;
}

export function toText(value: unknown, log: AnomalyLog, parent: string, key: string): string | null {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') {
    log.add(parent, key, 'unexpected_type', `Expected a string, got a ${typeof value}; shown as text`, value);
    return String(value);
  }
  log.add(parent, key, 'unexpected_type', `Expected a string, got ${jsonTypeOf(value)}; set aside`, value);
  return null;
}

/** Plain decimal text only: Number() would also read "0x1A", "0b1" and "" (as 0). */
const parseDecimal = (text: string): number | null => {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const lower = trimmed.toLowerCase();
  if (lower.includes('x') || lower.includes('b') || lower.includes('o')) return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : null;
};

export function toNumber(value: unknown, log: AnomalyLog, parent: string, key: string): number | null {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    log.add(parent, key, 'unexpected_type', 'Not a finite number; set aside', String(value));
    return null;
  }
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    const parsed = parseDecimal(value);
    if (parsed !== null) {
      log.add(parent, key, 'coerced_number', 'Number sent as a string; parsed', value);
      return parsed;
    }
    log.add(parent, key, 'unexpected_type', 'Expected a number, got text that is not one; set aside', value);
    return null;
  }
  log.add(parent, key, 'unexpected_type', `Expected a number, got ${jsonTypeOf(value)}; set aside`, value);
  return null;
}

export function toBoolean(value: unknown, log: AnomalyLog, parent: string, key: string): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true' || lower === 'false') {
      log.add(parent, key, 'unexpected_type', 'Boolean sent as a string; read as one', value);
      return lower === 'true';
    }
  }
  log.add(parent, key, 'unexpected_type', `Expected a boolean, got ${jsonTypeOf(value)}; set aside`, value);
  return null;
}

/** A value of a documented vocabulary; an undocumented one is kept verbatim with `known: false`. */
export function toEnum(
  value: unknown,
  vocabulary: Vocabulary,
  log: AnomalyLog,
  parent: string,
  key: string,
): EnumValue | null {
  if (typeof value === 'string') {
    const known = vocabulary.lookup(value);
    if (known !== null) return known;
    log.add(parent, key, 'unknown_enum', `Not a documented ${vocabulary.description}; kept as sent`);
    return { value, known: false };
  }
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') {
    const text = String(value);
    log.add(parent, key, 'unexpected_type', `Expected a string, got a ${typeof value}; shown as text`, value);
    return vocabulary.lookup(text) ?? { value: text, known: false };
  }
  log.add(parent, key, 'unexpected_type', `Expected a string, got ${jsonTypeOf(value)}; set aside`, value);
  return null;
}

/** The items of a list. An object standing in for a list (`{"0": …, "1": …}`) gives its values. */
export function toArray(value: unknown, log: AnomalyLog, parent: string, key: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) return [];
  if (isObject(value)) {
    const items = Object.values(value);
    log.add(
      parent,
      key,
      'unexpected_type',
      `Expected a list, got an object; its ${items.length} values used in key order`,
    );
    return items;
  }
  log.add(parent, key, 'unexpected_type', `Expected a list, got ${jsonTypeOf(value)}; set aside`, value);
  return [];
}

/** A list of strings. A single string counts as a one-item list; numbers are shown as text. */
export function toStringArray(value: unknown, log: AnomalyLog, parent: string, key: string): string[] {
  if (typeof value === 'string') {
    log.add(parent, key, 'unexpected_type', 'Expected a list, got one string; shown as a one-item list');
    return [value];
  }
  const items = toArray(value, log, parent, key);
  if (Array.isArray(value) && items.every((item) => typeof item === 'string')) return value as string[];
  const strings: string[] = [];
  const itemParent = joinPath(parent, key);
  for (let index = 0; index < items.length; index++) {
    const text = toText(items[index], log, itemParent, `[${index}]`);
    if (text !== null) strings.push(text);
  }
  return strings;
}

/** Maps the object items of a list; anything else in it is reported and set aside. */
export function mapObjects<T>(
  value: unknown,
  log: AnomalyLog,
  parent: string,
  key: string,
  map: (item: JsonObject, itemPath: string) => T,
): T[] {
  const items = toArray(value, log, parent, key);
  const path = joinPath(parent, key);
  const mapped: T[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (isObject(item)) mapped.push(map(item, `${path}[${index}]`));
    else
      log.add(
        path,
        `[${index}]`,
        'unexpected_type',
        `Expected an object, got ${jsonTypeOf(item)}; set aside`,
        item,
      );
  }
  return mapped;
}
