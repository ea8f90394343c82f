/**
 * The requests index.html's first script (src/boot/early-requests.ts) starts for the page being opened, before
 * the app's own code has loaded, keyed by URL. The API client takes each one instead of sending the same GET
 * again; a response is taken once, so any later read of the same URL goes to the server.
 */
declare global {
  interface Window {
    reviewDeskEarlyRequests?: Map<string, Promise<Response>>;
    /**
     * What index.html's first script started of a case page's media, by URL: each image's object URL once
     * read and decoded (null if it could not be), the selfie video's player.
     */
    reviewDeskEarlyMedia?: {
      images: Map<string, Promise<string | null>>;
      videos: Map<string, HTMLVideoElement>;
      /** Settles once the media of the case page it was opened at are started (or known not to be). */
      started: Promise<void>;
    };
  }
}

function takeOnce<T>(started: Map<string, T> | undefined, key: string): T | undefined {
  const value = started?.get(key);
  if (value !== undefined) started?.delete(key);
  return value;
}

export const takeEarlyResponse = (url: string) => takeOnce(window.reviewDeskEarlyRequests, url);

/** The image index.html's first script read for this URL (its object URL, or null), once. */
export const takeEarlyImage = (src: string) => takeOnce(window.reviewDeskEarlyMedia?.images, src);

/** The selfie video player index.html's first script started for this URL, once. */
export const takeEarlyVideo = (src: string) => takeOnce(window.reviewDeskEarlyMedia?.videos, src);

/**
 * Settles once index.html's first script has started what it will of the page's media: the app reads a case's
 * media after this, taking those (takeEarlyImage, takeEarlyVideo) rather than asking for the same files
 * again.
 */
export const earlyMediaStarted = (): Promise<void> =>
  window.reviewDeskEarlyMedia?.started ?? Promise.resolve();
