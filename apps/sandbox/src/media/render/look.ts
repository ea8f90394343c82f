import { createHash } from 'node:crypto';
import type { Rgb } from './canvas';

/** How a subject looks across all of their media, so the card photo, selfie and video show the same person. */
export interface Look {
  skin: Rgb;
  hair: Rgb;
  longHair: boolean;
  iris: Rgb;
  clothes: Rgb;
  backdrop: Rgb;
  /** The card issuer's colour: header band and accents. */
  accent: Rgb;
  /** Head width relative to its height. */
  faceAspect: number;
  /** Bytes for patterns that only need to look varied (the card back's barcode). */
  pattern: Uint8Array;
}

const skins: Rgb[] = [
  [255, 219, 186],
  [241, 194, 150],
  [224, 172, 128],
  [198, 134, 90],
  [141, 85, 54],
  [94, 58, 36],
];
const hairs: Rgb[] = [
  [35, 25, 20],
  [90, 56, 37],
  [165, 107, 60],
  [222, 188, 120],
  [160, 160, 160],
  [130, 40, 25],
];
const irises: Rgb[] = [
  [70, 45, 25],
  [40, 90, 150],
  [60, 110, 70],
  [30, 30, 30],
];
const clothes: Rgb[] = [
  [40, 70, 130],
  [150, 40, 50],
  [40, 110, 80],
  [90, 90, 100],
  [200, 140, 40],
  [110, 60, 130],
];
const backdrops: Rgb[] = [
  [214, 228, 240],
  [236, 226, 210],
  [222, 236, 222],
  [236, 220, 228],
  [228, 228, 228],
  [206, 220, 230],
];
const accents: Rgb[] = [
  [25, 80, 150],
  [20, 110, 90],
  [120, 40, 60],
  [60, 60, 120],
  [150, 80, 20],
  [40, 90, 40],
];

export function lookFor(key: string): Look {
  const hash = createHash('sha256').update(key, 'utf8').digest();
  const pick = <T>(choices: readonly T[], byte: number): T => choices[(hash[byte] ?? 0) % choices.length]!;
  return {
    skin: pick(skins, 0),
    hair: pick(hairs, 1),
    longHair: (hash[2] ?? 0) % 2 === 1,
    iris: pick(irises, 3),
    clothes: pick(clothes, 4),
    backdrop: pick(backdrops, 5),
    accent: pick(accents, 6),
    faceAspect: 0.78 + ((hash[7] ?? 0) / 255) * 0.12,
    pattern: hash.subarray(8),
  };
}
