// The pack's thumbnails are downscaled before they are embedded: pdfkit embeds an image as it is given, so a
// 4000-pixel phone photo would make a 3-image pack several megabytes; fit only scales how it is drawn.

import sharp from 'sharp';

/** The pack draws thumbnails in a 160 × 110 pt box; three pixels a point keeps the text of an ID readable. */
export const THUMBNAIL_PIXELS = { width: 480, height: 330 } as const;

// One image at a time per request is plenty here; libvips' own cache would only hold memory between packs.
sharp.cache(false);

/**
 * A JPEG of the image, no larger than the thumbnail box (never enlarged), turned upright by its EXIF
 * orientation, transparency on white. Null when the bytes are not an image sharp can read.
 */
export async function downscale(bytes: Buffer): Promise<Buffer | null> {
  try {
    return await sharp(bytes, { failOn: 'error', limitInputPixels: 100_000_000 })
      .rotate()
      .resize({ ...THUMBNAIL_PIXELS, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer();
  } catch {
    return null;
  }
}
