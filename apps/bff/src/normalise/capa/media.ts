import { type MediaKind, type MediaSection, mediaKinds } from '@review-desk/contracts';
import type { AnomalyLog } from '../anomalies';
import { isObject, notProvided } from '../coerce';
import { jsonTypeOf } from '../errors';
import type { Fields } from '../fields';

/** Where each media kind sits in Capa's `media` object. */
export const capaMediaFields = {
  front: 'frontIdImageUrl',
  back: 'backIdImageUrl',
  selfie: 'selfieImageUrl',
  'selfie-video': 'selfieVideoUrl',
} as const satisfies Record<MediaKind, string>;

/**
 * The view only says whether each file exists; the URLs stay on the server, where the media proxy reads them
 * with `capaMediaUrl`. Both use the same test, so "available" always means the proxy can fetch it.
 */
export function readMedia(data: Fields): MediaSection {
  const section = data.section('media', { concealValue: true });
  if (section === null) return notProvided;
  return {
    provided: true,
    files: mediaKinds.map((kind) => ({
      kind,
      available: mediaUrl(section.source, kind, section.log, section.path) !== null,
    })),
  };
}

/** The upstream URL of one media kind in a raw Capa KYC details `data` object, or null. */
export function capaMediaUrl(data: unknown, kind: MediaKind): string | null {
  if (!isObject(data) || !isObject(data.media)) return null;
  return mediaUrl(data.media, kind, null, '');
}

function mediaUrl(
  media: Record<string, unknown>,
  kind: MediaKind,
  log: AnomalyLog | null,
  path: string,
): string | null {
  const field = capaMediaFields[kind];
  const value = media[field];
  if (value === undefined || value === null || value === '') return null;
  // Never echo the value into anomalies: a media locator must not reach the browser.
  if (typeof value !== 'string') {
    log?.add(path, field, 'unexpected_type', `Expected a URL, got ${jsonTypeOf(value)}; file unavailable`);
    return null;
  }
  const url = value.trim();
  const scheme = url.slice(0, 8).toLowerCase();
  if (!(scheme.startsWith('https://') || scheme.startsWith('http://')) || !URL.canParse(url)) {
    log?.add(path, field, 'unexpected_type', 'Not an http(s) URL; file unavailable');
    return null;
  }
  return url;
}
