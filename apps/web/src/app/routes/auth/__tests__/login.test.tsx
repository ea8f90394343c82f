import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { errorReply, meReply, mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

function signInFlow() {
  const fetchMock = mockFetch();
  let signedIn = false;
  fetchMock.get('/api/auth/me', () =>
    signedIn ? meReply('analyst') : errorReply(401, 'unauthorized', 'Sign in'),
  );
  fetchMock.post('/api/auth/login', (request) => {
    const body = request.body as { username: string; password: string };
    if (body.password !== 'analyst-demo')
      return errorReply(401, 'invalid_credentials', 'Wrong username or password');
    signedIn = true;
    return meReply('analyst');
  });
  fetchMock.get('/api/cases', { body: { items: [], nextCursor: null, facets: null } });
  return fetchMock;
}

describe('signing in', () => {
  it('sends a signed-out visitor to sign in, then back to the page and search they asked for', async () => {
    const fetchMock = signInFlow();
    const { user, router } = renderApp('/search?q=lopez');

    await screen.findByRole('heading', { name: 'Review Desk', level: 1 });
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/search?q=lopez')}`);

    await user.type(screen.getByLabelText(/Username/), 'analyst');
    await user.type(screen.getByLabelText(/Password/), 'analyst-demo');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Search', level: 1 })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/search');
    expect(router.state.location.search).toBe('?q=lopez');
    expect(fetchMock.calls('POST', '/api/auth/login')[0]?.body).toEqual({
      username: 'analyst',
      password: 'analyst-demo',
    });
  });

  it.each([
    ['an absolute URL', 'https://evil.example/phish'],
    ['a protocol-relative URL', '//evil.example/phish'],
    ['a backslash trick', '/\\evil.example'],
  ])('refuses %s as next and lands on the queue', async (_name, next) => {
    signInFlow();
    const { user, router } = renderApp(`/login?next=${encodeURIComponent(next)}`);

    await user.type(await screen.findByLabelText(/Username/), 'analyst');
    await user.type(screen.getByLabelText(/Password/), 'analyst-demo');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Queue', level: 1 })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/queue');
  });

  it('says when the credentials are wrong and stays on the page', async () => {
    signInFlow();
    const { user, router } = renderApp('/login');

    await user.type(await screen.findByLabelText(/Username/), 'analyst');
    await user.type(screen.getByLabelText(/Password/), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByRole('alert')).textContent).toContain(
      'The username or password is not right.',
    );
    expect(router.state.location.pathname).toBe('/login');
  });

  it('sends the CSRF token on writes', async () => {
    const fetchMock = signInFlow();
    const { user } = renderApp('/login');
    await user.type(await screen.findByLabelText(/Username/), 'analyst');
    await user.type(screen.getByLabelText(/Password/), 'analyst-demo');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { name: 'Queue', level: 1 });

    await user.click(screen.getByRole('button', { name: 'Next case' }));
    await waitFor(() => expect(fetchMock.calls('POST', '/api/cases/next')).toHaveLength(1));
    expect(fetchMock.calls('POST', '/api/cases/next')[0]?.headers.get('x-csrf-token')).toBe('csrf-analyst');
  });

  it('goes back to sign in when the session expires, remembering where the user was', async () => {
    const fetchMock = mockFetch().signedInAs('analyst');
    fetchMock.get('/api/cases', errorReply(401, 'session_expired', 'Your session has expired'));
    const { router } = renderApp('/queue?provider=capa');

    await screen.findByRole('button', { name: 'Sign in' });
    expect(router.state.location.pathname).toBe('/login');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/queue?provider=capa');
  });
});
