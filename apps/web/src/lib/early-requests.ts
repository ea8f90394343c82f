/**
 * The requests index.html's first script (src/boot/early-requests.ts) starts for the page being opened, before
 * the app's own code has loaded, keyed by URL. The API client takes each one instead of sending the same GET
 * again; a response is taken once, so any later read of the same URL goes to the server.
 */
declare global {
  interface Window {
    reviewDeskEarlyRequests?: Map<string, Promise<Response>>;
  }
}

export function takeEarlyResponse(url: string): Promise<Response> | undefined {
  const started = window.reviewDeskEarlyRequests;
  const response = started?.get(url);
  if (response !== undefined) started?.delete(url);
  return response;
}
