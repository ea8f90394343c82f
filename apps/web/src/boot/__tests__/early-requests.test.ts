import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '@/lib/api-client';

/** Runs index.html's first script as the browser would, at the given address. */
async function openAt(pathname: string, routeModules?: Record<string, string[]>) {
  window.history.replaceState(null, '', pathname);
  document.getElementById('route-modules')?.remove();
  if (routeModules) {
    const data = document.createElement('script');
    data.type = 'application/json';
    data.id = 'route-modules';
    data.textContent = JSON.stringify(routeModules);
    document.head.append(data);
  }
  const fetchMock = vi.fn(async (url: string) => Response.json({ from: 'early', url }));
  vi.stubGlobal('fetch', fetchMock);
  vi.resetModules();
  await import('../early-requests');
  return fetchMock;
}

afterEach(() => {
  delete window.reviewDeskEarlyRequests;
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
});
