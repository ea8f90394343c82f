// The media behind the pre-signed URLs in KYC details, served the way an object store or CDN serves them:
// no API key, the signature and expiry in the query, 403 with an XML error body when either is wrong, byte
// ranges for the video. Rendering is deterministic but not free, so rendered bytes are kept in a bounded LRU.

import type { FastifyInstance, FastifyReply } from 'fastify';
import { checkMediaLink, isMediaKind } from '../media/links';
import { renderMedia } from '../media/render/index';
import type { CapaUserRecord, CapaUsers } from './users';

interface RenderedMedia {
  contentType: string;
  body: Buffer;
}

export class MediaCache {
  private readonly entries = new Map<string, RenderedMedia>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 256,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get(key: string, render: () => RenderedMedia): RenderedMedia {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-inserting moves the entry to the most recently used end of the Map's order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const rendered = render();
    this.entries.set(key, rendered);
    this.bytes += rendered.body.length;
    for (const [oldKey, old] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      if (oldKey === key) break;
      this.entries.delete(oldKey);
      this.bytes -= old.body.length;
    }
    return rendered;
  }
}

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/**
 * One `bytes=` range (RFC 9110): "a-b", "a-" or "-suffix". null means serve the whole body: no header, a
 * header we do not understand, or several ranges (which a server may answer with the full representation).
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || (last !== '' && Number(last) < start)) return 'unsatisfiable';
  return { start, end };
}

function s3Error(reply: FastifyReply, statusCode: number, code: string, message: string) {
  return reply
    .code(statusCode)
    .type('application/xml')
    .send(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    );
}

function mediaSubject(record: CapaUserRecord) {
  const id = record.kycDetails?.idInfo;
  return {
    key: record.kycDetails?.verificationSessionId ?? record.userId,
    fullName: id?.fullName ?? record.profile.fullName,
    ...(id?.idNumber ? { idNumber: id.idNumber } : {}),
    ...(id?.birthDate ? { birthDate: id.birthDate } : {}),
    ...(id?.idExpiryDate ? { expiryDate: id.idExpiryDate } : {}),
  };
}

export interface MediaRouteOptions {
  users: CapaUsers;
  signingKey: string;
  now: () => Date;
  cache: MediaCache;
}

export function registerMediaRoutes(
  app: FastifyInstance,
  { users, signingKey, now, cache }: MediaRouteOptions,
): void {
  app.get<{ Params: { userId: string; kind: string }; Querystring: { expires?: string; sig?: string } }>(
    '/media/:userId/:kind',
    async (request, reply) => {
      const { userId, kind } = request.params;
      if (!isMediaKind(kind)) return s3Error(reply, 404, 'NoSuchKey', 'The specified key does not exist.');
      const check = checkMediaLink(
        signingKey,
        userId,
        kind,
        request.query,
        Math.floor(now().getTime() / 1000),
      );
      if (check === 'unsigned') return s3Error(reply, 403, 'AccessDenied', 'Request is not signed');
      if (check === 'forged') {
        return s3Error(
          reply,
          403,
          'SignatureDoesNotMatch',
          'The request signature we calculated does not match the signature you provided.',
        );
      }
      if (check === 'expired') return s3Error(reply, 403, 'AccessDenied', 'Request has expired');

      const record = users.get(userId);
      if (!record?.kycDetails || !record.media.includes(kind)) {
        return s3Error(reply, 404, 'NoSuchKey', 'The specified key does not exist.');
      }
      const subject = mediaSubject(record);
      const media = cache.get(`${subject.key}:${kind}`, () => renderMedia(kind, subject));
      const size = media.body.length;
      reply
        .header('accept-ranges', 'bytes')
        .header('cache-control', 'private, max-age=300')
        .type(media.contentType);
      const range = parseRange(request.headers.range, size);
      if (range === 'unsatisfiable') {
        return reply.code(416).header('content-range', `bytes */${size}`).send();
      }
      if (range) {
        return reply
          .code(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
          .send(media.body.subarray(range.start, range.end + 1));
      }
      return reply.send(media.body);
    },
  );
}
