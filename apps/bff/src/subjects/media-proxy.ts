import type { Readable } from 'node:stream';
import { pipeline, Transform } from 'node:stream';
import type { MediaKind } from '@review-desk/contracts';
import { ApiError } from '../errors';
import { capaMediaUrl } from '../normalise';
import type { MediaFetcher, MediaResponse } from '../upstream';
import type { SubjectService, SubjectSnapshot } from './subject-service';

/** What the proxy will pass on, per kind; anything else from upstream is refused. */
const allowedTypes: Record<MediaKind, readonly string[]> = {
  front: ['image/png', 'image/jpeg', 'image/webp'],
  back: ['image/png', 'image/jpeg', 'image/webp'],
  selfie: ['image/png', 'image/jpeg', 'image/webp'],
  'selfie-video': ['video/mp4', 'video/webm', 'video/quicktime'],
};

const maxBytes: Record<MediaKind, number> = {
  front: 10 * 1024 * 1024,
  back: 10 * 1024 * 1024,
  selfie: 10 * 1024 * 1024,
  'selfie-video': 100 * 1024 * 1024,
};

// One range only, in the plain forms a <video> element sends; anything else is refused before going upstream.
const rangePattern = /^bytes=(\d{1,15})?-(\d{1,15})?$/;

export interface ProxiedMedia {
  statusCode: 200 | 206;
  contentType: string;
  headers: Record<string, string>;
  body: Readable;
}

function header(response: MediaResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Drops an upstream body we will not pass on. Destroying an undici body makes it emit an abort error; with no
 * listener that error would be uncaught and take the process down, so it is swallowed here on purpose.
 */
function discard(response: MediaResponse): void {
  response.body.on('error', () => {});
  response.body.destroy();
}

/** Expired or revoked pre-signed links answer 403 (S3-style) or 410; a fresh payload carries a fresh link. */
const linkExpired = (statusCode: number) => statusCode === 403 || statusCode === 410;

/**
 * Streams one media file of a subject from the URL in that subject's own upstream payload. A client never
 * supplies a URL: it names the subject and the kind, and the proxy looks the URL up server-side.
 */
export async function proxyMedia(
  subjects: SubjectService,
  fetcher: MediaFetcher,
  snapshotOf: { provider: 'capa'; id: string },
  kind: MediaKind,
  range: string | undefined,
): Promise<ProxiedMedia> {
  if (range !== undefined && !rangePattern.test(range)) {
    throw new ApiError(416, 'range_not_satisfiable', 'Only a single byte range is supported');
  }
  let snapshot = await subjects.recent(snapshotOf.provider, snapshotOf.id);
  let response = await fetchFromSnapshot(snapshot, fetcher, kind, range);
  if (linkExpired(response.statusCode)) {
    discard(response);
    // The link in our snapshot may have expired: read the provider once more for a fresh one.
    snapshot = await subjects.read(snapshotOf.provider, snapshotOf.id);
    response = await fetchFromSnapshot(snapshot, fetcher, kind, range);
  }
  return passOn(response, kind);
}

async function fetchFromSnapshot(
  snapshot: SubjectSnapshot,
  fetcher: MediaFetcher,
  kind: MediaKind,
  range: string | undefined,
): Promise<MediaResponse> {
  const url = capaMediaUrl(snapshot.raw, kind);
  if (url === null)
    throw new ApiError(404, 'media_not_available', `Capa sent no ${kind} file for this subject`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ApiError(502, 'upstream_bad_media', `Capa sent an unusable ${kind} link`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ApiError(502, 'upstream_bad_media', `Capa sent an unusable ${kind} link`);
  }
  return fetcher.fetch(parsed.href, range === undefined ? {} : { range });
}

function passOn(response: MediaResponse, kind: MediaKind): ProxiedMedia {
  const { statusCode } = response;
  if (statusCode === 416) {
    discard(response);
    throw new ApiError(416, 'range_not_satisfiable', 'The requested range is outside the file');
  }
  if (linkExpired(statusCode)) {
    discard(response);
    throw new ApiError(
      502,
      'upstream_media_expired',
      `Capa's ${kind} link has expired and no fresh one was issued`,
    );
  }
  if (statusCode !== 200 && statusCode !== 206) {
    discard(response);
    throw new ApiError(
      502,
      'upstream_bad_media',
      `Capa's media host answered ${statusCode} for the ${kind} file`,
      {
        upstreamStatus: statusCode,
      },
    );
  }
  const contentType = (header(response, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!allowedTypes[kind].includes(contentType)) {
    discard(response);
    throw new ApiError(502, 'upstream_bad_media', `Capa sent the ${kind} file as an unexpected type`);
  }
  const cap = maxBytes[kind];
  const length = Number(header(response, 'content-length') ?? Number.NaN);
  if (Number.isFinite(length) && length > cap) {
    discard(response);
    throw new ApiError(502, 'upstream_media_too_large', `Capa's ${kind} file is larger than allowed`);
  }

  const headers: Record<string, string> = {
    'cache-control': 'no-store',
    'accept-ranges': 'bytes',
    'content-disposition': 'inline',
  };
  if (Number.isFinite(length)) headers['content-length'] = String(length);
  const contentRange = header(response, 'content-range');
  if (statusCode === 206 && contentRange) headers['content-range'] = contentRange;
  const body = byteCap(cap);
  // pipeline, unlike pipe, tears both streams down when either fails (an upstream reset, the cap, a client gone).
  pipeline(response.body, body, () => {});
  return { statusCode, contentType, headers, body };
}

/** Ends the stream with an error once more than `cap` bytes pass, whatever Content-Length claimed. */
function byteCap(cap: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > cap) callback(new Error('media larger than allowed'));
      else callback(null, chunk);
    },
  });
}
