import { type Canvas, mix, type Rgb } from './canvas';
import type { Look } from './look';

const white: Rgb = [250, 250, 250];
const lips: Rgb = [170, 70, 70];

function shade(colour: Rgb, factor: number): Rgb {
  return mix([0, 0, 0], colour, factor);
}

/**
 * Draws a head and shoulders centred on (cx, cy), the head `size` pixels tall. Shoulders reach down to about
 * cy + 1.6 × size, so callers leave room below or let the canvas clip them.
 */
export function drawFace(
  canvas: Canvas,
  cx: number,
  cy: number,
  size: number,
  look: Look,
  eyesOpen = true,
): void {
  const r = size / 2;
  const headRx = r * look.faceAspect;
  if (look.longHair) canvas.fillEllipse(cx, cy + r * 0.45, headRx * 1.25, r * 1.3, look.hair);
  canvas.fillEllipse(cx, cy + r * 2.6, r * 1.9, r * 1.3, look.clothes);
  canvas.fillRect(cx - r * 0.3, cy + r * 0.6, r * 0.6, r * 0.9, shade(look.skin, 0.85));
  canvas.fillEllipse(cx, cy - r * 0.12, headRx * 1.1, r * 1.02, look.hair);
  canvas.fillEllipse(cx, cy + r * 0.08, headRx, r * 0.92, look.skin);

  const eyeY = cy + r * 0.02;
  for (const side of [-1, 1]) {
    const eyeX = cx + side * headRx * 0.4;
    canvas.fillRect(eyeX - r * 0.18, eyeY - r * 0.24, r * 0.36, Math.max(1, r * 0.06), look.hair);
    if (eyesOpen) {
      canvas.fillEllipse(eyeX, eyeY, r * 0.16, r * 0.1, white);
      canvas.fillCircle(eyeX, eyeY, r * 0.075, look.iris);
    } else {
      canvas.fillRect(eyeX - r * 0.16, eyeY, r * 0.32, Math.max(1, r * 0.04), shade(look.skin, 0.55));
    }
  }
  canvas.fillRect(cx - r * 0.05, eyeY + r * 0.12, r * 0.1, r * 0.25, shade(look.skin, 0.8));
  canvas.fillRect(cx - r * 0.25, cy + r * 0.55, r * 0.5, Math.max(1, r * 0.08), lips);
}
