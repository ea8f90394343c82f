import { capaView } from '@review-desk/contracts/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mediaUrl } from '@/features/case-view/api/media-url';
import {
  preloadCaseImages,
  preloadedImage,
  preloadSelfieVideo,
  takePreloadedVideo,
} from '@/features/case-view/api/preload-media';
import { api } from '@/lib/api-client';
import { earlyMediaStarted } from '@/lib/early-requests';

/** Runs index.html's first script as the browser would, at the given address. */
async function openAt(
  pathname: string,
  routeModules?: Record<string, string[]>,
  respond: (url: string) => Response = (url) => Response.json({ from: 'early', url }),
) {
  window.history.replaceState(null, '', pathname);
  document.getElementById('route-modules')?.remove();
  if (routeModules) {
    const data = document.createElement('script');
    data.type = 'application/json';
    data.id = 'route-modules';
    data.textContent = JSON.stringify(routeModules);
    document.head.append(data);
  }
  const fetchMock = vi.fn(async (url: string) => respond(url));
  vi.stubGlobal('fetch', fetchMock);
  vi.resetModules();
  await import('../early-requests');
  return fetchMock;
}

afterEach(() => {
  delete window.reviewDeskEarlyRequests;
  delete window.reviewDeskEarlyMedia;
  for (const link of document.head.querySelectorAll('link[rel="modulepreload"]')) link.remove();
  window.history.replaceState(null, '', '/');
});

describe('early requests', () => {
  it('starts the session check and the case detail of a case page with same-origin credentials', async () => {
    const fetchMock = await openAt('/cases/case%201');
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/api/auth/me', '/api/cases/case%201']);
    for (const [, init] of fetchMock.mock.calls as unknown as [string, RequestInit][]) {
      expect(init.credentials).toBe('same-origin');
    }
  });

  it('hands each response to the API client once; a second read goes to the server', async () => {
    await openAt('/cases/c-1');
    const later = vi.fn(async () => Response.json({ from: 'server' }));
    vi.stubGlobal('fetch', later);
    expect(await api.get('/api/cases/c-1')).toEqual({ from: 'early', url: '/api/cases/c-1' });
    expect(await api.get('/api/cases/c-1')).toEqual({ from: 'server' });
    expect(later).toHaveBeenCalledTimes(1);
  });

  it('preloads the chunks of the page at this address only', async () => {
    await openAt('/cases/c-1', {
      '^/cases/[^/]+/?$': ['/assets/case-abc.js', '/assets/dialog-abc.js'],
      '^/audit/?$': ['/assets/audit-abc.js'],
    });
    const preloads = [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')];
    expect(preloads.map((link) => link.getAttribute('href'))).toEqual([
      '/assets/case-abc.js',
      '/assets/dialog-abc.js',
    ]);
  });

  it('starts only the session check elsewhere', async () => {
    const fetchMock = await openAt('/queue');
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/api/auth/me']);
  });

  it("starts a case's images and selfie video once its detail is in, at the URLs the page shows", async () => {
    const view = capaView();
    // A file the verification lists as unavailable is not asked for.
    if (view.media.provided) {
      view.media.files = view.media.files.map((file) => ({ ...file, available: file.kind !== 'back' }));
    }
    const detail = { case: { id: 'case 1' }, view };
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:front-or-selfie');
    const decode = vi.spyOn(HTMLImageElement.prototype, 'decode').mockResolvedValue(undefined);
    const fetchMock = await openAt('/cases/case%201', undefined, (url) =>
      url.startsWith('/api/cases/') ? Response.json(detail) : new Response('image'),
    );
    const source = { provider: view.provider, subjectId: view.subject.id, caseId: 'case 1' };
    // What the app waits for before reading a case's media itself (src/app/router.tsx): by then they are started.
    await earlyMediaStarted();
    expect([...(window.reviewDeskEarlyMedia?.images.keys() ?? [])]).toEqual([
      mediaUrl(source, 'front'),
      mediaUrl(source, 'selfie'),
    ]);
    await vi.waitFor(() => expect(decode).toHaveBeenCalledTimes(2));
    expect(fetchMock.mock.calls.slice(2).map(([url]) => url)).toEqual([
      mediaUrl(source, 'front'),
      mediaUrl(source, 'selfie'),
    ]);
    // The app still reads the detail itself, whole.
    expect(await api.get('/api/cases/case%201')).toEqual(detail);
    // The page's preloads take what was started: the images read and decoded, the video's player.
    preloadCaseImages(view, 'case 1');
    await preloadedImage(mediaUrl(source, 'front')).ready;
    expect(preloadedImage(mediaUrl(source, 'front')).url).toBe('blob:front-or-selfie');
    expect(fetchMock).toHaveBeenCalledTimes(4);
    const early = window.reviewDeskEarlyMedia?.videos.get(mediaUrl(source, 'selfie-video'));
    expect(early?.getAttribute('src')).toBe(mediaUrl(source, 'selfie-video'));
    expect(early?.preload).toBe('metadata');
    preloadSelfieVideo(view, 'case 1');
    expect(takePreloadedVideo(mediaUrl(source, 'selfie-video'))).toBe(early);
  });

  it('starts no media when the case could not be read', async () => {
    const fetchMock = await openAt('/cases/c-1', undefined, () => Response.json({}, { status: 401 }));
    await expect(api.get('/api/cases/c-1')).rejects.toThrow();
    await earlyMediaStarted();
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/api/auth/me', '/api/cases/c-1']);
    expect(window.reviewDeskEarlyMedia?.images.size).toBe(0);
    expect(window.reviewDeskEarlyMedia?.videos.size).toBe(0);
  });
});
