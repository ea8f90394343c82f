// Pre-signed media links, the way a CDN or object store signs them: the path names the subject and the media
// kind, the query carries an expiry (unix seconds) and an HMAC over path and expiry. Anyone holding the link can
// fetch the bytes until it expires; changing any part of it breaks the signature.

import { createHmac, timingSafeEqual } from 'node:crypto';

export const mediaKinds = ['front', 'back', 'selfie', 'selfie-video'] as const;
export type MediaKind = (typeof mediaKinds)[number];

export function isMediaKind(value: string): value is MediaKind {
  return (mediaKinds as readonly string[]).includes(value);
}

export function mediaPath(subjectId: string, kind: MediaKind): string {
  return `/media/${encodeURIComponent(subjectId)}/${kind}`;
}

function signature(key: string, subjectId: string, kind: MediaKind, expires: number): string {
  return createHmac('sha256', key)
    .update(`${mediaPath(subjectId, kind)}\n${expires}`)
    .digest('hex');
}

/** Path and query of a link valid until `expiresAt` (unix seconds). */
export function signMediaPath(key: string, subjectId: string, kind: MediaKind, expiresAt: number): string {
  const expires = Math.floor(expiresAt);
  return `${mediaPath(subjectId, kind)}?expires=${expires}&sig=${signature(key, subjectId, kind, expires)}`;
}

export type MediaLinkCheck = 'valid' | 'unsigned' | 'forged' | 'expired';

/** Checks the signature first (a forged link says so even when it is also stale), then the expiry. */
export function checkMediaLink(
  key: string,
  subjectId: string,
  kind: MediaKind,
  query: { expires?: string; sig?: string },
  nowSeconds: number,
): MediaLinkCheck {
  const { expires, sig } = query;
  if (!expires || !sig) return 'unsigned';
  if (!/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(sig)) return 'forged';
  const expected = Buffer.from(signature(key, subjectId, kind, Number(expires)), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) return 'forged';
  return Number(expires) < nowSeconds ? 'expired' : 'valid';
}
