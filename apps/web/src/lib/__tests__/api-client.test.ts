import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorReply, mockFetch } from '@/testing/mock-fetch';
import { ApiError, api, onSessionExpired, rememberCsrfToken } from '../api-client';

afterEach(() => rememberCsrfToken(null));

describe('api client', () => {
  it('turns the error envelope into an ApiError with its code, request id and details', async () => {
    mockFetch().get('/api/cases/x', errorReply(409, 'version_conflict', 'Changed', { case: { id: 'x' } }));
    const error = await api.get('/api/cases/x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'version_conflict',
      message: 'Changed',
      requestId: 'req-version_conflict',
      details: { case: { id: 'x' } },
    });
  });

  it('survives a body that is not the envelope', async () => {
    mockFetch().get('/api/x', {
      status: 502,
      body: '<html>Bad gateway</html>',
      headers: { 'x-request-id': 'r-9' },
    });
    const error = await api.get('/api/x').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 502, code: 'unexpected_response', requestId: 'r-9' });
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await api.get('/api/x').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('sends the CSRF token from the cookie on writes only, with same-origin credentials', async () => {
    const fetchMock = mockFetch().get('/api/a', { body: {} }).post('/api/b', { body: {} });
    rememberCsrfToken('from-login');
    // biome-ignore lint/suspicious/noDocumentCookie: the BFF sets this readable cookie; the test plays its part
    document.cookie = 'rd_csrf=from-cookie; path=/';
    await api.get('/api/a');
    await api.post('/api/b', { n: 1 });
    expect(fetchMock.calls('GET', '/api/a')[0]?.headers.get('x-csrf-token')).toBeNull();
    expect(fetchMock.calls('POST', '/api/b')[0]?.headers.get('x-csrf-token')).toBe('from-cookie');
    expect(fetchMock.calls('POST', '/api/b')[0]?.body).toEqual({ n: 1 });
    // biome-ignore lint/suspicious/noDocumentCookie: clean up the cookie set above
    document.cookie = 'rd_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  it('falls back to the token of the last login when there is no cookie', async () => {
    const fetchMock = mockFetch().post('/api/b', { body: {} });
    rememberCsrfToken('from-login');
    await api.post('/api/b');
    expect(fetchMock.calls('POST', '/api/b')[0]?.headers.get('x-csrf-token')).toBe('from-login');
  });

  it('announces an unexpected 401 as an expired session, but not an expected one', async () => {
    mockFetch().get('/api/a', errorReply(401, 'unauthorized', 'Sign in'));
    const listener = vi.fn();
    const stop = onSessionExpired(listener);
    await api.get('/api/a', { expectUnauthorized: true }).catch(() => undefined);
    expect(listener).not.toHaveBeenCalled();
    await api.get('/api/a').catch(() => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
  });
});
