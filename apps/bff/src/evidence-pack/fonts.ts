import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';

/**
 * The pack's fonts: Noto Sans (Latin, Greek, Cyrillic, Vietnamese), Noto Sans Arabic and Noto Sans SC, from
 * their Fontsource packages. Fontsource splits each family into unicode-range slices (one small WOFF file
 * each, listed in the package's unicode.json); the book picks the slice that holds a character and loads it
 * on first use, so a document only parses, and pdfkit only embeds (as a subset), the slices its text needs.
 */

export type Weight = 400 | 700;

/** The families, in fallback order: a character goes to the first slice whose range holds it. */
const families = ['noto-sans', 'noto-sans-arabic', 'noto-sans-sc'] as const;

interface Slice {
  /** The file name's stem, e.g. noto-sans-latin or noto-sans-sc-97. */
  stem: string;
  directory: string;
  ranges: [number, number][];
}

const require = createRequire(import.meta.url);

function parseRanges(list: string): [number, number][] {
  return list.split(',').flatMap((item) => {
    const match = /^U\+([0-9a-f]+)(?:-([0-9a-f]+))?$/i.exec(item.trim());
    if (!match?.[1]) return [];
    const start = Number.parseInt(match[1], 16);
    return [[start, match[2] ? Number.parseInt(match[2], 16) : start] as [number, number]];
  });
}

function slicesOf(family: string): Slice[] {
  // The package's exports name its files/ folder only; unicode.json sits beside it.
  const directory = dirname(require.resolve(`@fontsource/${family}/files/${family}-latin-400-normal.woff`));
  const unicode = JSON.parse(readFileSync(join(directory, '..', 'unicode.json'), 'utf8')) as Record<
    string,
    string
  >;
  return Object.entries(unicode).map(([name, ranges]) => ({
    // Numbered slices are keyed "[97]" and named noto-sans-sc-97-…
    stem: `${family}-${name.replace(/^\[(\d+)\]$/, '$1')}`,
    directory,
    ranges: parseRanges(ranges),
  }));
}

/** A loaded slice: its bytes (for pdfkit) and its parsed font (to ask which characters it has). */
export interface FontSlice {
  /** The name a document registers it under, e.g. noto-sans-latin-700. */
  key: string;
  bytes: Buffer;
  font: fontkit.Font;
}

export class FontBook {
  readonly #slices: Slice[];
  readonly #loaded = new Map<string, FontSlice>();
  /** Which slice holds a code point, once asked. */
  readonly #lookup = new Map<number, Slice | null>();

  constructor() {
    this.#slices = families.flatMap(slicesOf);
  }

  /** The slice for a code point at a weight, or null when no family has it. */
  sliceFor(codePoint: number, weight: Weight): FontSlice | null {
    let slice = this.#lookup.get(codePoint);
    if (slice === undefined) {
      slice =
        this.#slices.find((candidate) =>
          candidate.ranges.some(([start, end]) => codePoint >= start && codePoint <= end),
        ) ?? null;
      this.#lookup.set(codePoint, slice);
    }
    if (!slice) return null;
    const loaded = this.#load(slice, weight);
    return loaded.font.hasGlyphForCodePoint(codePoint) ? loaded : null;
  }

  /** The slice Latin text falls back to (and where U+FFFD, the replacement character, lives). */
  fallback(weight: Weight): FontSlice {
    const slice = this.#slices.find((candidate) => candidate.stem === 'noto-sans-latin');
    if (!slice) throw new Error('Noto Sans has no latin slice');
    return this.#load(slice, weight);
  }

  #load(slice: Slice, weight: Weight): FontSlice {
    const key = `${slice.stem}-${weight}`;
    let loaded = this.#loaded.get(key);
    if (!loaded) {
      const bytes = woffToSfnt(readFileSync(join(slice.directory, `${slice.stem}-${weight}-normal.woff`)));
      const font = fontkit.create(bytes);
      if (!('hasGlyphForCodePoint' in font)) throw new Error(`${key} is a font collection`);
      loaded = { key, bytes, font };
      this.#loaded.set(key, loaded);
    }
    return loaded;
  }
}

/**
 * WOFF 1.0 back to the plain TrueType/OpenType file it wraps (each table zlib-compressed on its own). Done once
 * per slice with Node's zlib: fontkit would otherwise inflate the tables in JavaScript for every document.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') return woff;
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, index) => {
    const entry = 44 + index * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const length = woff.readUInt32BE(entry + 12);
    const stored = woff.subarray(offset, offset + compressed);
    return {
      tag: woff.subarray(entry, entry + 4),
      checksum: woff.readUInt32BE(entry + 16),
      data: compressed < length ? inflateSync(stored) : stored,
    };
  });
  const header = 12 + numTables * 16;
  const size = tables.reduce((sum, table) => sum + Math.ceil(table.data.length / 4) * 4, header);
  const sfnt = Buffer.alloc(size);
  const power = 2 ** Math.floor(Math.log2(numTables));
  woff.copy(sfnt, 0, 4, 8); // the flavour: TrueType or CFF
  sfnt.writeUInt16BE(numTables, 4);
  sfnt.writeUInt16BE(power * 16, 6);
  sfnt.writeUInt16BE(Math.log2(power), 8);
  sfnt.writeUInt16BE(numTables * 16 - power * 16, 10);
  let offset = header;
  tables.forEach((table, index) => {
    const record = 12 + index * 16;
    table.tag.copy(sfnt, record);
    sfnt.writeUInt32BE(table.checksum, record + 4);
    sfnt.writeUInt32BE(offset, record + 8);
    sfnt.writeUInt32BE(table.data.length, record + 12);
    table.data.copy(sfnt, offset);
    offset += Math.ceil(table.data.length / 4) * 4;
  });
  return sfnt;
}

let shared: FontBook | null = null;

/** One book per process: slices are read from disk once and kept (a few MB at most). */
export function fontBook(): FontBook {
  shared ??= new FontBook();
  return shared;
}
