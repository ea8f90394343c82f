import type { MediaKind } from '@review-desk/contracts';
import { isProvided } from '@review-desk/contracts';
import type { LoadView } from '../cases/detail';
import { viewHash } from '../cases/evidence';
import type { EvidencePackContent } from '../cases/evidence-pack';
import { ApiError } from '../errors';
import { proxyMedia } from '../subjects/media-proxy';
import type { SubjectService } from '../subjects/subject-service';
import type { MediaFetcher } from '../upstream';
import { downscale } from './thumbnail';

/** One thumbnail of the pack: the image when it is the one the snapshot showed, else why there is none. */
export interface PackImage {
  kind: MediaKind;
  label: string;
  bytes: Buffer | null;
  note: string;
}

const kinds = [
  ['front', 'ID document, front'],
  ['back', 'ID document, back'],
  ['selfie', 'Selfie'],
] as const;

/** PNG and JPEG are what a PDF embeds; anything else is named rather than converted. */
const embeddable = ['image/png', 'image/jpeg'];

const none = (note: string): PackImage[] =>
  kinds.map(([kind, label]) => ({ kind, label, bytes: null, note }));

/**
 * The ID images and selfie as the evidence snapshot showed them. Capa's media links belong to the current
 * payload, so the images are those of the snapshot only while Capa still returns the same verification (the
 * same viewHash); otherwise, or when a file can no longer be fetched, the pack says so instead.
 */
export async function packImages(
  content: EvidencePackContent,
  sources: { loadView: LoadView; subjects: SubjectService; fetcher: MediaFetcher },
): Promise<PackImage[]> {
  const { loadView, subjects, fetcher } = sources;
  if (content.case.provider !== 'capa') return none('connectFi sends no identity media with the journey.');
  const view = content.view;
  if (!view || !content.viewHash) return none('No evidence snapshot was stored for this case.');
  const subjectId = content.case.subjectId;
  let current: string;
  try {
    current = viewHash(await loadView('capa', subjectId));
  } catch {
    return none('Not available: Capa could not be reached for the images.');
  }
  if (current !== content.viewHash) {
    return none('Not available: the verification at Capa has changed since this snapshot.');
  }
  const files = isProvided(view.media) ? view.media.files : [];
  return Promise.all(
    kinds.map(async ([kind, label]): Promise<PackImage> => {
      if (!files.some((file) => file.kind === kind && file.available)) {
        return { kind, label, bytes: null, note: `Capa sent no ${kind} image.` };
      }
      try {
        const media = await proxyMedia(
          subjects,
          fetcher,
          { provider: 'capa', id: subjectId },
          kind,
          undefined,
        );
        const bytes = await collect(media.body);
        if (!embeddable.includes(media.contentType)) {
          return { kind, label, bytes: null, note: `Not embedded: Capa sent it as ${media.contentType}.` };
        }
        const small = await downscale(bytes);
        if (small === null) {
          return {
            kind,
            label,
            bytes: null,
            note: 'Not embedded: the file Capa sent is not a readable image.',
          };
        }
        return { kind, label, bytes: small, note: 'As shown with this snapshot (downscaled).' };
      } catch (error) {
        const code = error instanceof ApiError ? error.code : 'upstream_unavailable';
        return { kind, label, bytes: null, note: `Not available any more at Capa (${code}).` };
      }
    }),
  );
}

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}
