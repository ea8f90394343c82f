import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphRows } from './font';

export type Rgb = readonly [number, number, number];

/** The colour t of the way from a to b (t = 0 gives a, t = 1 gives b). */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const channel = (i: 0 | 1 | 2) => Math.round(a[i] + (b[i] - a[i]) * t);
  return [channel(0), channel(1), channel(2)];
}

/** A tiny RGB raster with just the primitives the identity media need; drawing outside the bounds is clipped. */
export class Canvas {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  fillRect(x: number, y: number, w: number, h: number, [r, g, b]: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y0 = Math.max(0, Math.round(y));
    const y1 = Math.min(this.height, Math.round(y + h));
    if (x1 <= x0 || y1 <= y0) return;
    const start = (y0 * this.width + x0) * 3;
    const end = (y0 * this.width + x1) * 3;
    for (let at = start; at < end; at += 3) {
      this.pixels[at] = r;
      this.pixels[at + 1] = g;
      this.pixels[at + 2] = b;
    }
    for (let row = y0 + 1; row < y1; row++) {
      this.pixels.copyWithin(start + (row - y0) * this.width * 3, start, end);
    }
  }

  /** Fills the pixels whose centres lie inside the ellipse. */
  fillEllipse(cx: number, cy: number, rx: number, ry: number, colour: Rgb): void {
    const y0 = Math.max(0, Math.floor(cy - ry));
    const y1 = Math.min(this.height - 1, Math.ceil(cy + ry));
    for (let row = y0; row <= y1; row++) {
      const dy = (row + 0.5 - cy) / ry;
      if (dy * dy > 1) continue;
      const half = rx * Math.sqrt(1 - dy * dy);
      this.fillRect(Math.round(cx - half), row, Math.round(cx + half) - Math.round(cx - half), 1, colour);
    }
  }

  fillCircle(cx: number, cy: number, r: number, colour: Rgb): void {
    this.fillEllipse(cx, cy, r, r, colour);
  }

  /** A rectangle with corners rounded to radius r. */
  fillRoundedRect(x: number, y: number, w: number, h: number, r: number, colour: Rgb): void {
    this.fillRect(x + r, y, w - 2 * r, h, colour);
    this.fillRect(x, y + r, w, h - 2 * r, colour);
    for (const [cx, cy] of [
      [x + r, y + r],
      [x + w - r, y + r],
      [x + r, y + h - r],
      [x + w - r, y + h - r],
    ] as const) {
      this.fillCircle(cx, cy, r, colour);
    }
  }

  /** Copies another canvas onto this one with its top-left corner at (x, y): a picture drawn inside a frame. */
  drawCanvas(source: Canvas, x: number, y: number): void {
    const from = Math.max(0, -x);
    const to = Math.min(source.width, this.width - x);
    if (to <= from) return;
    for (let row = 0; row < source.height; row++) {
      const targetY = y + row;
      if (targetY < 0 || targetY >= this.height) continue;
      this.pixels.set(
        source.pixels.subarray((row * source.width + from) * 3, (row * source.width + to) * 3),
        (targetY * this.width + x + from) * 3,
      );
    }
  }

  /** Draws text in the built-in 5×7 font, each font pixel a scale×scale square, one blank column between glyphs. */
  drawText(text: string, x: number, y: number, scale: number, colour: Rgb): void {
    let penX = x;
    for (const char of text) {
      const rows = glyphRows(char);
      for (let row = 0; row < GLYPH_HEIGHT; row++) {
        for (let col = 0; col < GLYPH_WIDTH; col++) {
          if (((rows[row] ?? 0) >> (GLYPH_WIDTH - 1 - col)) & 1) {
            this.fillRect(penX + col * scale, y + row * scale, scale, scale, colour);
          }
        }
      }
      penX += textWidth(char, scale);
    }
  }
}

/** Width in pixels of text drawn with drawText at the given scale (the advance includes the trailing gap). */
export function textWidth(text: string, scale: number): number {
  return [...text].length * (GLYPH_WIDTH + 1) * scale;
}
