import type { CaseView } from '@review-desk/contracts';
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
 * Images are not preloaded: the proxy answers them no-store, and Chromium does not hand a no-store preload that
 * has finished to a later <img>, which downloads the file a second time.
 */
export function preloadSelfieVideo(view: CaseView, caseId: string): void {
  if (!isMediaAvailable(view.media, 'selfie-video')) return;
  const src = mediaUrl({ provider: view.provider, subjectId: view.subject.id, caseId }, 'selfie-video');
  if (!preloadedVideos.has(src)) preloadedVideos.set(src, createSelfieVideo(src));
}

/** The player preloadSelfieVideo started for this file, once; later pages make their own. */
export function takePreloadedVideo(src: string): HTMLVideoElement | undefined {
  const video = preloadedVideos.get(src);
  preloadedVideos.delete(src);
  return video;
}
