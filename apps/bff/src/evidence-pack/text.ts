import bidiFactory from 'bidi-js';
import type { FontBook, FontSlice, Weight } from './fonts';

/**
 * Text for the pack: every string is split into runs of one font slice and one bidi level, so Latin with
 * diacritics, Greek, Arabic and Chinese each get a font that has them. Lines are broken in logical order, then
 * each line's runs are put in visual order (rule L2 of the Unicode bidi algorithm); fontkit shapes each run and
 * lays right-to-left runs out from the right. Each run is drawn as real text, so the PDF stays searchable.
 */

export interface TextStyle {
  size: number;
  weight?: Weight;
  /** Fixed-width (PDF's built-in Courier) for hashes and ids; only printable ASCII uses it. */
  mono?: boolean;
  color?: string;
}

interface Run {
  text: string;
  /** A registered font name: a slice key, or Courier. */
  font: string;
  level: number;
}

const bidi = bidiFactory();
// pdfkit shapes text word by word (for its cache) unless features are named; a right-to-left run must be shaped
// and laid out whole, or its words come out in logical order. An empty list keeps fontkit's default features;
// left-to-right runs keep pdfkit's word cache.
const shaping = (run: Run): { features?: PDFKit.Mixins.OpenTypeFeatures[] } =>
  run.level % 2 === 1 ? { features: [] } : {};
const mono = 'Courier';
// Control characters (NUL included) and unpaired surrogates never reach the PDF; line breaks become spaces.
const printable = (character: string): boolean => {
  const code = character.codePointAt(0) ?? 0;
  return !(code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0xd800 && code <= 0xdfff));
};
const rightToLeft = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const asciiPrintable = /^[\u0020-\u007e]*$/;
// A line breaks after a space, or between any two characters of the scripts written without spaces (CJK).
const tokenPattern =
  /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+\s*|\s+/g;

/** Text as the pack prints it: NFC (so accents are one glyph), no control characters, one line. */
export const clean = (text: string): string =>
  Array.from(text.normalize('NFC').replace(/[\r\n\t]+/g, ' '))
    .filter(printable)
    .join('');

export class Typesetter {
  readonly #registered = new Set<string>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly book: FontBook,
  ) {}

  /** Width of one line of text. */
  width(text: string, style: TextStyle): number {
    return this.#runs(clean(text), style).reduce((sum, run) => sum + this.#runWidth(run, style), 0);
  }

  /** Breaks text into lines no wider than `width`, at spaces, or anywhere in a word that alone is too wide. */
  wrap(text: string, style: TextStyle, width: number): string[] {
    const tokens = clean(text).match(tokenPattern) ?? [];
    const lines: string[] = [];
    let line = '';
    for (const token of tokens) {
      if (this.width(line + token, style) <= width || line.trim() === '') {
        line += token;
      } else {
        lines.push(line.trimEnd());
        line = token.trimStart();
      }
      // A word wider than the line on its own (a hash, a long id) is cut where it overflows.
      while (this.width(line.trimEnd(), style) > width && Array.from(line).length > 1) {
        const characters = Array.from(line);
        let fit = 1;
        while (fit < characters.length && this.width(characters.slice(0, fit + 1).join(''), style) <= width)
          fit++;
        lines.push(characters.slice(0, fit).join(''));
        line = characters.slice(fit).join('');
      }
    }
    if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd());
    return lines;
  }

  /** Draws one line with its baseline at y; returns its width. */
  line(text: string, x: number, baseline: number, style: TextStyle): number {
    const runs = this.#visual(this.#runs(clean(text), style));
    let at = x;
    this.doc.fillColor(style.color ?? '#111111');
    for (const run of runs) {
      this.#use(run.font, style.size);
      this.doc.text(run.text, at, baseline, { lineBreak: false, baseline: 'alphabetic', ...shaping(run) });
      at += this.#runWidth(run, style);
    }
    return at - x;
  }

  #runs(text: string, style: TextStyle): Run[] {
    const key = `${style.weight ?? 400}|${style.mono ? 1 : 0}|${text}`;
    let runs = this.#runCache.get(key);
    if (!runs) {
      runs = this.#split(text, style);
      this.#runCache.set(key, runs);
    }
    return runs;
  }

  readonly #runCache = new Map<string, Run[]>();

  #split(text: string, style: TextStyle): Run[] {
    if (text === '') return [];
    const weight = style.weight ?? 400;
    if (style.mono && asciiPrintable.test(text)) return [{ text, font: mono, level: 0 }];
    // Text without a right-to-left character is all level 0: skip the bidi algorithm.
    const levels = rightToLeft.test(text)
      ? bidi.getEmbeddingLevels(text).levels
      : new Uint8Array(text.length);
    const runs: Run[] = [];
    let index = 0;
    for (const character of text) {
      const level = levels[index] ?? 0;
      index += character.length;
      const codePoint = character.codePointAt(0) ?? 0xfffd;
      const last = runs[runs.length - 1];
      // Spaces, digits and punctuation stay in the font of the run they continue when it has them.
      const keep =
        last && last.level === level && this.#slice(last.font)?.font.hasGlyphForCodePoint(codePoint);
      const slice = keep ? null : this.book.sliceFor(codePoint, weight);
      const font = keep && last ? last.font : (slice ?? this.book.fallback(weight)).key;
      const printed = slice || keep ? character : '\ufffd';
      if (!slice && !keep) this.#remember(this.book.fallback(weight));
      if (slice) this.#remember(slice);
      if (last && last.font === font && last.level === level) last.text += printed;
      else runs.push({ text: printed, font, level });
    }
    return runs;
  }

  /** Rule L2: from the highest level down to the lowest odd one, reverse every sequence at that level or above. */
  #visual(runs: Run[]): Run[] {
    const ordered = runs.map((run) =>
      // fontkit lays out right-to-left scripts itself; a right-to-left run of neutrals only is mirrored here.
      run.level % 2 === 1 && !/[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/.test(run.text)
        ? {
            ...run,
            text: Array.from(run.text, (c) => bidi.getMirroredCharacter(c) ?? c)
              .reverse()
              .join(''),
          }
        : run,
    );
    const highest = Math.max(0, ...ordered.map((run) => run.level));
    const lowestOdd = Math.min(...ordered.map((run) => (run.level % 2 === 1 ? run.level : highest + 1)));
    for (let level = highest; level >= lowestOdd && level > 0; level--) {
      let start = 0;
      while (start < ordered.length) {
        if ((ordered[start]?.level ?? 0) < level) {
          start++;
          continue;
        }
        let end = start;
        while (end < ordered.length && (ordered[end]?.level ?? 0) >= level) end++;
        ordered.splice(start, end - start, ...ordered.slice(start, end).reverse());
        start = end;
      }
    }
    return ordered;
  }

  #runWidth(run: Run, style: TextStyle): number {
    const key = `${run.font}|${style.size}|${run.level % 2}|${run.text}`;
    let width = this.#widths.get(key);
    if (width === undefined) {
      this.#use(run.font, style.size);
      width = this.doc.widthOfString(run.text, shaping(run));
      this.#widths.set(key, width);
    }
    return width;
  }

  readonly #widths = new Map<string, number>();

  readonly #slices = new Map<string, FontSlice>();

  #remember(slice: FontSlice) {
    this.#slices.set(slice.key, slice);
  }

  #slice(key: string): FontSlice | undefined {
    return this.#slices.get(key);
  }

  #use(font: string, size: number) {
    if (font !== mono && !this.#registered.has(font)) {
      const slice = this.#slices.get(font);
      if (!slice) throw new Error(`font ${font} was never chosen`);
      this.doc.registerFont(font, slice.bytes);
      this.#registered.add(font);
    }
    this.doc.font(font).fontSize(size);
  }
}
