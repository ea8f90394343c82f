import { Canvas, mix, type Rgb, textWidth } from './canvas';
import { drawFace } from './face';
import type { MediaSubject } from './index';
import type { Look } from './look';
import { mrzLines } from './mrz';
import { printable, truncate } from './text';

export const CARD_WIDTH = 480;
export const CARD_HEIGHT = 300;

const table: Rgb = [205, 208, 214];
const ink: Rgb = [30, 32, 40];
const label: Rgb = [105, 110, 120];
const stamp: Rgb = [200, 30, 40];
const stripe: Rgb = [25, 25, 28];
const white: Rgb = [255, 255, 255];

/** The card's body: the issuer colour washed out towards white, like a printed security background. */
function paper(look: Look): Rgb {
  return mix(look.accent, [250, 250, 250], 0.88);
}

function blankCard(look: Look): Canvas {
  const canvas = new Canvas(CARD_WIDTH, CARD_HEIGHT, table);
  canvas.fillRoundedRect(8, 8, CARD_WIDTH - 16, CARD_HEIGHT - 16, 16, paper(look));
  return canvas;
}

function drawSandboxStamp(canvas: Canvas, x: number, y: number, background: Rgb): void {
  const width = textWidth('SANDBOX', 2) + 10;
  canvas.fillRect(x, y, width, 26, stamp);
  canvas.fillRect(x + 2, y + 2, width - 4, 22, background);
  canvas.drawText('SANDBOX', x + 6, y + 6, 2, stamp);
}

export function drawCardFront(subject: MediaSubject, look: Look): Canvas {
  const canvas = blankCard(look);
  const body = paper(look);
  canvas.fillRoundedRect(8, 8, CARD_WIDTH - 16, 64, 16, look.accent);
  canvas.fillRect(8, 56, CARD_WIDTH - 16, 16, look.accent);
  canvas.drawText('IDENTITY CARD', 28, 22, 3, white);
  canvas.drawText('SANDBOX REPUBLIC', CARD_WIDTH - 28 - textWidth('SANDBOX REPUBLIC', 1), 30, 1, white);

  const photo = new Canvas(130, 168, look.backdrop);
  drawFace(photo, 65, 70, 80, look);
  canvas.fillRect(24, 86, 138, 176, label);
  canvas.drawCanvas(photo, 28, 90);

  const fields: [string, string | undefined][] = [
    ['NAME', subject.fullName],
    ['DOCUMENT NO', subject.idNumber],
    ['DATE OF BIRTH', subject.birthDate],
    ['DATE OF EXPIRY', subject.expiryDate],
  ];
  const valueChars = Math.floor((CARD_WIDTH - 24 - 180) / textWidth(' ', 2));
  fields.forEach(([name, value], i) => {
    const y = 90 + i * 42;
    canvas.drawText(name, 180, y, 1, label);
    canvas.drawText(truncate(printable(value || '-'), valueChars), 180, y + 12, 2, ink);
  });
  canvas.drawText('SPECIMEN - NOT A REAL DOCUMENT', 28, 272, 1, stamp);
  drawSandboxStamp(canvas, CARD_WIDTH - 24 - textWidth('SANDBOX', 2) - 10, 256, body);
  return canvas;
}

export function drawCardBack(subject: MediaSubject, look: Look): Canvas {
  const canvas = blankCard(look);
  const body = paper(look);
  canvas.fillRect(8, 30, CARD_WIDTH - 16, 44, stripe);

  // Barcode-like bars: each pattern bit picks a thin or thick bar, so every subject gets their own code.
  let x = 28;
  for (const byte of look.pattern) {
    for (let bit = 7; bit >= 0 && x < 300; bit--) {
      const width = (byte >> bit) & 1 ? 4 : 2;
      canvas.fillRect(x, 92, width, 70, ink);
      x += width + 2 + ((byte >> ((bit + 3) % 8)) & 1) * 2;
    }
  }
  canvas.drawText(truncate(printable(subject.idNumber || '-'), 16), 28, 168, 1, ink);
  drawSandboxStamp(canvas, CARD_WIDTH - 24 - textWidth('SANDBOX', 2) - 10, 92, body);
  canvas.drawText('SANDBOX REPUBLIC', CARD_WIDTH - 24 - textWidth('SANDBOX REPUBLIC', 1), 130, 1, label);

  canvas.fillRect(8, 192, CARD_WIDTH - 16, 84, white);
  const lineX = (CARD_WIDTH - textWidth('<'.repeat(30), 2)) / 2;
  mrzLines(subject).forEach((line, i) => {
    canvas.drawText(line, lineX, 200 + i * 26, 2, ink);
  });
  return canvas;
}
