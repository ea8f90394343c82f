import type { EnumValue } from '@review-desk/contracts';
import { type AnomalyLog, joinPath } from './anomalies';
import {
  type JsonObject,
  mapObjects,
  toArray,
  toBoolean,
  toEnum,
  toNumber,
  toOptionalObject,
  toSection,
  toStringArray,
  toText,
} from './coerce';
import type { Vocabulary } from './vocabularies';

/** Reads the fields of one upstream object, reporting under its path. */
export class Fields {
  constructor(
    readonly source: JsonObject,
    readonly log: AnomalyLog,
    readonly path: string,
  ) {}

  text(key: string): string | null {
    return toText(this.source[key], this.log, this.path, key);
  }

  number(key: string): number | null {
    return toNumber(this.source[key], this.log, this.path, key);
  }

  boolean(key: string): boolean | null {
    return toBoolean(this.source[key], this.log, this.path, key);
  }

  enumOf(key: string, vocabulary: Vocabulary): EnumValue | null {
    return toEnum(this.source[key], vocabulary, this.log, this.path, key);
  }

  strings(key: string): string[] {
    return toStringArray(this.source[key], this.log, this.path, key);
  }

  /** The value as sent, for fields passed through untouched; null when absent. */
  raw(key: string): unknown {
    const value = this.source[key];
    return value === undefined ? null : value;
  }

  objects<T>(key: string, map: (item: Fields) => T): T[] {
    return mapObjects(this.source[key], this.log, this.path, key, (item, itemPath) =>
      map(new Fields(item, this.log, itemPath)),
    );
  }

  /** An optional sub-object; its absence is not reported. */
  optionalObject(key: string): Fields | null {
    const object = toOptionalObject(this.source[key], this.log, this.path, key);
    return object === null ? null : new Fields(object, this.log, joinPath(this.path, key));
  }

  /** The items of a list passed through untouched. */
  rawList(key: string): unknown[] {
    return toArray(this.source[key], this.log, this.path, key);
  }

  /** A nested section, or null after reporting why it is missing. */
  section(key: string, { concealValue = false } = {}): Fields | null {
    const section = toSection(this.source[key], this.log, this.path, key, concealValue);
    return section === null ? null : new Fields(section, this.log, joinPath(this.path, key));
  }
}
