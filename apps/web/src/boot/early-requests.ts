import type {} from '@/lib/early-requests';

/**
 * index.html's first script, a separate entry of a few hundred bytes with no imports: it runs as soon as the
 * document is parsed, while the app's JavaScript (some 700 KB) is still downloading, compiling and running,
 * which takes longer than the requests a page opens with. So it starts them now rather than when the router's
 * loaders run: the session check everywhere, and on a case page the case detail and the page's own chunks.
 * The API client takes these responses (src/lib/early-requests.ts) and handles them as any other; the URLs
 * must be exactly those the app requests (src/features/auth/api/get-me.ts, src/features/cases/api/get-case.ts).
 */
const started = new Map<string, Promise<Response>>();
const start = (url: string) => {
  const response = fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  // A failure is the app's to report when it takes the response; one it never takes is no error.
  response.catch(() => undefined);
  started.set(url, response);
  return response;
};

type EarlyCaseDetail = {
  case: { id: string };
  view: {
    provider: string;
    subject: { id: string };
    media: { provided: boolean; files?: { kind: string; available: boolean }[] };
  } | null;
};

/**
 * The case's images and selfie video, as soon as its detail is in rather than once the app's code has run
 * (which is later): each image read and decoded (an object URL, as src/features/case-view/api/preload-media.ts
 * keeps them), so that the page draws it in its first render, and the video as the player the page then shows.
 * The URLs and the conditions are the page's own (media-url.ts: a file the verification lists as available),
 * so each file is still asked for once, through the same proxy, audited the same way.
 */
function startMedia(detail: EarlyCaseDetail) {
  const view = detail.view;
  if (!view?.media.provided) return;
  for (const file of view.media.files ?? []) {
    if (!file.available) continue;
    const src = `/api/subjects/${view.provider}/${encodeURIComponent(view.subject.id)}/media/${file.kind}?caseId=${encodeURIComponent(detail.case.id)}`;
    if (file.kind === 'selfie-video') {
      const video = document.createElement('video');
      video.preload = 'metadata';
      video.src = src;
      earlyVideos.set(src, video);
    } else if (file.kind === 'front' || file.kind === 'back' || file.kind === 'selfie') {
      earlyImages.set(src, readImage(src));
    }
  }
}

/** The image's object URL once read and decoded; null when it could not be (the page's <img> asks again). */
function readImage(src: string): Promise<string | null> {
  return fetch(src, { credentials: 'same-origin' })
    .then((response) => (response.ok ? response.blob() : null))
    .then((blob) => {
      if (blob === null) return null;
      const url = URL.createObjectURL(blob);
      const image = new Image();
      image.src = url;
      return image.decode().then(() => url);
    })
    .catch(() => null);
}

const earlyImages = new Map<string, Promise<string | null>>();
const earlyVideos = new Map<string, HTMLVideoElement>();
const earlyMedia = { images: earlyImages, videos: earlyVideos, started: Promise.resolve() };
window.reviewDeskEarlyMedia = earlyMedia;

start('/api/auth/me');
const caseId = /^\/cases\/([^/]+)\/?$/.exec(window.location.pathname)?.[1];
if (caseId !== undefined) {
  try {
    // The app waits for this before reading the media itself, so that no file is asked for twice.
    earlyMedia.started = start(`/api/cases/${encodeURIComponent(decodeURIComponent(caseId))}`)
      // Read from a copy, taken as soon as the answer starts (before the app can read the original).
      .then((response) => (response.ok ? response.clone().json() : null))
      .then((detail: EarlyCaseDetail | null) => {
        if (detail) startMedia(detail);
      })
      .catch(() => undefined);
  } catch {
    // A malformed address: the page reports it.
  }
}
window.reviewDeskEarlyRequests = started;

// The lazy chunks of the page at this address (written into index.html at build time, vite.config.ts): fetched
// and compiled now, alongside the entry, instead of once the entry has run and the router asks for them.
const routeModules = document.getElementById('route-modules')?.textContent;
if (routeModules) {
  const byPattern = JSON.parse(routeModules) as Record<string, string[]>;
  for (const [pattern, files] of Object.entries(byPattern)) {
    if (!new RegExp(pattern).test(window.location.pathname)) continue;
    for (const file of files) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.crossOrigin = '';
      link.href = file;
      document.head.append(link);
    }
  }
}
