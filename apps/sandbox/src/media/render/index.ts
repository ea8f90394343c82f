import type { Canvas } from './canvas';
import { drawCardBack, drawCardFront } from './id-card';
import { lookFor } from './look';
import { encodePng } from './png';
import { drawSelfie } from './selfie';
import { renderSelfieVideo } from './selfie-video';

export type MediaKind = 'front' | 'back' | 'selfie' | 'selfie-video';

export interface MediaSubject {
  /** Seeds the subject's appearance: the same key always gives the same face and colours. */
  key: string;
  fullName: string;
  idNumber?: string;
  birthDate?: string;
  expiryDate?: string;
}

/**
 * Draws one piece of a subject's identity media: the ID card's front or back, a selfie (PNG), or a short
 * selfie video (MP4, H.264). Deterministic: the same kind and subject always give the same bytes.
 */
export function renderMedia(
  kind: MediaKind,
  subject: MediaSubject,
): { contentType: 'image/png' | 'video/mp4'; body: Buffer } {
  const look = lookFor(subject.key);
  switch (kind) {
    case 'front':
      return png(drawCardFront(subject, look));
    case 'back':
      return png(drawCardBack(subject, look));
    case 'selfie':
      return png(drawSelfie(look));
    case 'selfie-video':
      return { contentType: 'video/mp4', body: renderSelfieVideo(look) };
  }
}

function png(canvas: Canvas) {
  return { contentType: 'image/png' as const, body: encodePng(canvas.width, canvas.height, canvas.pixels) };
}
