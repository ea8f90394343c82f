// A small, fast, seedable PRNG (sfc32 seeded through a murmur3 finaliser). Every subject gets its own generator
// from (seed, index, stream), so subject i never depends on subjects before it: generation is O(1) per index
// and any index can be produced on its own.

function fmix32(input: number): number {
  let h = input >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mixes integers into one well-distributed 32-bit value. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) h = fmix32(h ^ fmix32(Math.imul(part | 0, 0x27d4eb2d) + 0x165667b1));
  return h;
}

/** A 32-bit hash of a string, to seed a generator from an id (FNV-1a, then mixed). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export class Rng {
  // Typed-array state keeps the 32-bit words unboxed; plain fields would allocate a heap number per update.
  private readonly s = new Int32Array(4);

  constructor(...seedParts: number[]) {
    const base = mixSeed(...seedParts);
    this.s[0] = fmix32(base ^ 0x243f6a88);
    this.s[1] = fmix32(base ^ 0x85a308d3);
    this.s[2] = fmix32(base ^ 0x13198a2e);
    this.s[3] = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const s = this.s;
    const a = s[0] ?? 0;
    const b = s[1] ?? 0;
    const c = s[2] ?? 0;
    const d = s[3] ?? 0;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform in [min, max), rounded to `decimals` places. */
  float(min: number, max: number, decimals: number): number {
    const scale = 10 ** decimals;
    return Math.round((min + this.next() * (max - min)) * scale) / scale;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (last === undefined) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) {
      const [item] = pool.splice(Math.floor(this.next() * pool.length), 1);
      if (item !== undefined) out.push(item);
    }
    return out;
  }

  // Built from char codes in one go: appending one character at a time would leave a rope of `length` nodes
  // per string, which costs about 1 KB per id and dominates memory in large populations.
  private chars(alphabet: string, length: number): string {
    const codes = new Array<number>(length);
    for (let i = 0; i < length; i++)
      codes[i] = alphabet.charCodeAt(Math.floor(this.next() * alphabet.length));
    return String.fromCharCode(...codes);
  }

  hex(length: number): string {
    return this.chars(HEX, length);
  }

  base62(length: number): string {
    return this.chars(BASE62, length);
  }

  digits(length: number): string {
    return this.chars('0123456789', length);
  }

  letters(length: number): string {
    return this.chars(UPPER, length);
  }

  alphanumeric(length: number): string {
    return this.chars(UPPER_DIGITS, length);
  }

  /** A random-looking UUID in the version 4 layout, built as one flat string. */
  uuid(): string {
    const codes = new Array<number>(36);
    for (let i = 0; i < 36; i++) {
      if (i === 8 || i === 13 || i === 18 || i === 23)
        codes[i] = 45; // '-'
      else if (i === 14)
        codes[i] = 52; // '4', the version
      else if (i === 19)
        codes[i] = HEX.charCodeAt(8 + Math.floor(this.next() * 4)); // the variant: 8, 9, a or b
      else codes[i] = HEX.charCodeAt(Math.floor(this.next() * 16));
    }
    return String.fromCharCode(...codes);
  }
}
