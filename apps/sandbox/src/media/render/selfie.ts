import { Canvas, mix, type Rgb, textWidth } from './canvas';
import { drawFace } from './face';
import type { Look } from './look';

export const SELFIE_WIDTH = 320;
export const SELFIE_HEIGHT = 400;

const white: Rgb = [255, 255, 255];
const caption: Rgb = [20, 20, 24];

/** A portrait photo: the subject in front of a plain wall with a window behind one shoulder. */
export function drawSelfie(look: Look): Canvas {
  const canvas = new Canvas(SELFIE_WIDTH, SELFIE_HEIGHT, look.backdrop);
  canvas.fillRect(0, 250, SELFIE_WIDTH, SELFIE_HEIGHT - 250, mix(look.backdrop, [0, 0, 0], 0.12));
  canvas.fillRect(20, 30, 90, 120, mix(look.backdrop, white, 0.6));
  canvas.fillRect(63, 30, 4, 120, mix(look.backdrop, [0, 0, 0], 0.2));
  drawFace(canvas, SELFIE_WIDTH / 2, 190, 170, look);
  drawCaption(canvas, 'SANDBOX SELFIE', 2);
  return canvas;
}

/** One frame of the selfie video: the face sways from side to side and blinks twice. */
export function drawSelfieFrame(
  look: Look,
  width: number,
  height: number,
  frame: number,
  frames: number,
): Canvas {
  const canvas = new Canvas(width, height, look.backdrop);
  const phase = (2 * Math.PI * frame) / frames;
  const blinking = frame % 10 === 6;
  drawFace(canvas, width / 2 + width * 0.14 * Math.sin(phase), height * 0.46, height * 0.46, look, !blinking);
  drawCaption(canvas, 'SANDBOX', 1);
  canvas.fillRect(0, height - 3, Math.round((width * (frame + 1)) / frames), 3, look.accent);
  return canvas;
}

function drawCaption(canvas: Canvas, text: string, scale: number): void {
  const pad = 2 * scale;
  canvas.fillRect(0, 0, textWidth(text, scale) + pad * 2, 7 * scale + pad * 2, caption);
  canvas.drawText(text, pad, pad, scale, white);
}
