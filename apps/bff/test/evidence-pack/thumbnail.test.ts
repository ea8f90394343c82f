import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { downscale, THUMBNAIL_PIXELS } from '../../src/evidence-pack/thumbnail';

/** A noisy photo-sized PNG: noise does not compress, as a real phone photo of an ID does not. */
async function photo(width: number, height: number, channels: 3 | 4 = 3): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * channels);
  let seed = 7;
  for (let index = 0; index < pixels.length; index += 1) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    pixels[index] = seed >> 16;
  }
  return sharp(pixels, { raw: { width, height, channels } }).png().toBuffer();
}

describe('the evidence pack thumbnails', () => {
  it('shrinks a large photo into the thumbnail box, keeping its proportions, as a small JPEG', async () => {
    const original = await photo(2400, 1500);
    const small = await downscale(original);
    expect(small).not.toBeNull();
    const meta = await sharp(small as Buffer).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width).toBe(THUMBNAIL_PIXELS.width);
    expect(meta.height).toBe(300);
    expect((small as Buffer).length).toBeLessThan(original.length / 20);
  });

  it('never enlarges a small image, and puts transparency on white', async () => {
    const small = await downscale(await photo(120, 80, 4));
    const meta = await sharp(small as Buffer).metadata();
    expect([meta.width, meta.height, meta.hasAlpha]).toEqual([120, 80, false]);
  });

  it('gives nothing for bytes that are not an image', async () => {
    expect(await downscale(Buffer.from('\x89PNG\r\n\x1a\nnot really a png'))).toBeNull();
  });
});
