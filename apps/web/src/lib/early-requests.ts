/**
 * The requests index.html's first script (src/boot/early-requests.ts) starts for the page being opened, before
 * the app's own code has loaded, keyed by URL. The API client takes each one instead of sending the same GET
 * again; a response is taken once, so any later read of the same URL goes to the server.
 */
declare global {
  interface Window {
    reviewDeskEarlyRequests?: Map<string, Promise<Response>>;
    /** The selfie video players index.html's first script started for a case page, by their URL. */
    reviewDeskEarlyVideos?: Map<string, HTMLVideoElement>;
  }
}

export function takeEarlyResponse(url: string): Promise<Response> | undefined {
  const started = window.reviewDeskEarlyRequests;
  const response = started?.get(url);
  if (response !== undefined) started?.delete(url);
  return response;
}

/** The selfie video player index.html's first script started for this URL, once. */
export function takeEarlyVideo(src: string): HTMLVideoElement | undefined {
  const started = window.reviewDeskEarlyVideos;
  const video = started?.get(src);
  if (video !== undefined) started?.delete(src);
  return video;
}
