/** A picture as 8-bit Y, Cb and Cr planes with 4:2:0 chroma (each chroma plane half the width and height). */
export interface YuvPicture {
  width: number;
  height: number;
  y: Uint8Array;
  cb: Uint8Array;
  cr: Uint8Array;
}

/**
 * Converts RGB pixels to limited-range BT.601 YCbCr 4:2:0, padding to width × height by repeating the last
 * column and row (the encoder crops the padding off again). Limited range also keeps every sample above zero.
 */
export function rgbToYuv420(
  rgb: Uint8Array,
  sourceWidth: number,
  sourceHeight: number,
  width: number,
  height: number,
): YuvPicture {
  const y = new Uint8Array(width * height);
  const cb = new Uint8Array((width / 2) * (height / 2));
  const cr = new Uint8Array((width / 2) * (height / 2));
  // Byte offsets of each output row and column in the source; the padding repeats the last ones.
  const rows = Int32Array.from(
    { length: height },
    (_, row) => Math.min(row, sourceHeight - 1) * sourceWidth * 3,
  );
  const cols = Int32Array.from({ length: width }, (_, col) => Math.min(col, sourceWidth - 1) * 3);

  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const p = rows[row]! + cols[col]!;
      y[row * width + col] = ((66 * rgb[p]! + 129 * rgb[p + 1]! + 25 * rgb[p + 2]! + 128) >> 8) + 16;
    }
  }
  // Each chroma sample covers a 2×2 block of pixels: convert their sum, then divide by 4 × 256 in the shift.
  const sum = (a: number, b: number, c: number, d: number) => rgb[a]! + rgb[b]! + rgb[c]! + rgb[d]!;
  for (let row = 0; row < height / 2; row++) {
    const top = rows[row * 2]!;
    const bottom = rows[row * 2 + 1]!;
    for (let col = 0; col < width / 2; col++) {
      const p00 = top + cols[col * 2]!;
      const p01 = top + cols[col * 2 + 1]!;
      const p10 = bottom + cols[col * 2]!;
      const p11 = bottom + cols[col * 2 + 1]!;
      const r = sum(p00, p01, p10, p11);
      const g = sum(p00 + 1, p01 + 1, p10 + 1, p11 + 1);
      const b = sum(p00 + 2, p01 + 2, p10 + 2, p11 + 2);
      const i = row * (width / 2) + col;
      cb[i] = ((-38 * r - 74 * g + 112 * b + 512) >> 10) + 128;
      cr[i] = ((112 * r - 94 * g - 18 * b + 512) >> 10) + 128;
    }
  }
  return { width, height, y, cb, cr };
}
