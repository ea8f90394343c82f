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

/**
 * Whether two Capa KYC `data` objects give the same media section: the same file for each kind is absent,
 * usable or unusable (and unusable for the same reason). The view depends on the links through that alone, so
 * two answers whose links differ only in their signatures (re-signed on every read) give the same view.
 */
export function sameCapaMediaView(a: unknown, b: unknown): boolean {
  const mediaA = isObject(a) && isObject(a.media) ? a.media : null;
  const mediaB = isObject(b) && isObject(b.media) ? b.media : null;
  if (mediaA === null || mediaB === null) return mediaA === mediaB;
  return mediaKinds.every((kind) => {
    const field = capaMediaFields[kind];
    return findingOf(mediaA[field]) === findingOf(mediaB[field]);
  });
}

type Link = { state: 'usable'; url: string } | { state: 'absent' | 'not_a_string' | 'not_a_url' };

/** What the view says of one media field: the link's state, and for a wrong type, which (it is named). */
function findingOf(value: unknown): string {
  const { state } = linkOf(value);
  return state === 'not_a_string' ? `${state}:${jsonTypeOf(value)}` : state;
}

/** What one media field holds: the only reading of a link that the view and the proxy use. */
function linkOf(value: unknown): Link {
  if (value === undefined || value === null || value === '') return { state: 'absent' };
  if (typeof value !== 'string') return { state: 'not_a_string' };
  const url = value.trim();
  const scheme = url.slice(0, 8).toLowerCase();
  if (!(scheme.startsWith('https://') || scheme.startsWith('http://')) || !URL.canParse(url)) {
    return { state: 'not_a_url' };
  }
  return { state: 'usable', url };
}

function mediaUrl(
  media: Record<string, unknown>,
  kind: MediaKind,
  log: AnomalyLog | null,
  path: string,
): string | null {
  const field = capaMediaFields[kind];
  const value = media[field];
  const link = linkOf(value);
  // Never echo the value into anomalies: a media locator must not reach the browser.
  if (link.state === 'not_a_string') {
    log?.add(path, field, 'unexpected_type', `Expected a URL, got ${jsonTypeOf(value)}; file unavailable`);
  } else if (link.state === 'not_a_url') {
    log?.add(path, field, 'unexpected_type', 'Not an http(s) URL; file unavailable');
  }
  return link.state === 'usable' ? link.url : null;
}
