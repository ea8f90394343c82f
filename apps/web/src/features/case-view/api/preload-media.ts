import type { CaseView } from '@review-desk/contracts';
import { takeEarlyImage, takeEarlyVideo } from '@/lib/early-requests';
import { isMediaAvailable, mediaUrl } from './media-url';

const preloadedVideos = new Map<string, HTMLVideoElement>();

/** A selfie video player for the proxied file: it reads only the metadata until played. */
export function createSelfieVideo(src: string): HTMLVideoElement {
  const video = document.createElement('video');
  video.preload = 'metadata';
  video.src = src;
  return video;
}

/**
 * Starts the selfie video's player as soon as the verification is known, while the page that shows it is
 * still loading its code and rendering. A player needs a good part of the file before it knows the video's
 * size and length (its metadata), more than the page's images; made here, the element that the page then
 * shows (takePreloadedVideo) has been reading since. The same URL, through the same proxy, audited the same way.
 */
export function preloadSelfieVideo(view: CaseView, caseId: string): void {
  if (!isMediaAvailable(view.media, 'selfie-video')) return;
  const src = mediaUrl({ provider: view.provider, subjectId: view.subject.id, caseId }, 'selfie-video');
  if (!preloadedVideos.has(src)) preloadedVideos.set(src, takeEarlyVideo(src) ?? createSelfieVideo(src));
}

/** The player preloadSelfieVideo started for this file, once; later pages make their own. */
export function takePreloadedVideo(src: string): HTMLVideoElement | undefined {
  const video = preloadedVideos.get(src);
  preloadedVideos.delete(src);
  return video;
}

/** An image read ahead: the object URL of its bytes once they are in and decoded, null if that failed. */
type PreloadedImage = { ready: Promise<string | null>; url: string | null | undefined };
const preloadedImages = new Map<string, PreloadedImage>();
// The images of this many cases are kept (the one on screen and the next); older ones are let go.
const keptCases = 2;
const casesWithImages: string[] = [];

/**
 * Reads a case's images ahead, as soon as its verification is known (the case page's loader, or the next
 * case loaded while the reviewer works this one), and decodes them, so that the page draws them at once.
 * The bytes are kept as object URLs (the CSP allows blob: images), because the proxy answers no-store: the
 * HTTP cache keeps nothing, and Chromium hands a no-store preload to no later <img>. Each file is still asked
 * for once, through the same proxy, and audited as a view of that case's media by this user.
 */
export function preloadCaseImages(view: CaseView, caseId: string): void {
  const kinds = (['front', 'back', 'selfie'] as const).filter((kind) => isMediaAvailable(view.media, kind));
  if (kinds.length === 0 || casesWithImages.includes(caseId)) return;
  casesWithImages.push(caseId);
  for (const dropped of casesWithImages.splice(0, Math.max(0, casesWithImages.length - keptCases))) {
    for (const [src, image] of preloadedImages) {
      if (!src.endsWith(`caseId=${encodeURIComponent(dropped)}`)) continue;
      preloadedImages.delete(src);
      // Revoked once read: an <img> already showing it keeps its picture.
      void image.ready.then((url) => url && URL.revokeObjectURL(url));
    }
  }
  for (const kind of kinds) {
    const src = mediaUrl({ provider: view.provider, subjectId: view.subject.id, caseId }, kind);
    const entry: PreloadedImage = { url: undefined, ready: Promise.resolve(null) };
    // Read and decoded already, or under way, when index.html's first script started it (a case page opened).
    entry.ready = (takeEarlyImage(src) ?? readImage(src)).then((url) => {
      entry.url = url;
      return url;
    });
    preloadedImages.set(src, entry);
  }
}

async function readImage(src: string): Promise<string | null> {
  try {
    const response = await fetch(src, { credentials: 'same-origin' });
    if (!response.ok) return null;
    const url = URL.createObjectURL(await response.blob());
    const image = new Image();
    image.src = url;
    await image.decode();
    return url;
  } catch {
    // The page's own <img> asks again and shows its own failure.
    return null;
  }
}

/**
 * What an <img> for `src` should show: the preloaded copy when there is one (undefined while it is still
 * being read, so the page waits for it rather than asking a second time), else `src` itself.
 */
export function preloadedImage(src: string): { url: string | undefined; ready: Promise<unknown> | null } {
  const entry = preloadedImages.get(src);
  if (!entry) return { url: src, ready: null };
  if (entry.url === undefined) return { url: undefined, ready: entry.ready };
  return { url: entry.url ?? src, ready: null };
}
