import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

function signedOut(config: {
  localLogin: boolean;
  singleSignOn: { providerName: string; loginUrl: string } | null;
}) {
  const fetchMock = mockFetch();
  fetchMock.get('/api/auth/me', { status: 200, body: { user: null } });
  fetchMock.get('/api/auth/config', { body: config });
  return fetchMock;
}

describe('signing in through the organisation', () => {
  it('offers "Sign in with <provider>", keeping where the person was going, beside the password form', async () => {
    signedOut({
      localLogin: true,
      singleSignOn: { providerName: 'Acme SSO', loginUrl: '/api/auth/oidc/login' },
    });
    renderApp('/search?q=lopez');
    const button = await screen.findByRole('link', { name: 'Sign in with Acme SSO' });
    expect(button.getAttribute('href')).toBe(
      `/api/auth/oidc/login?next=${encodeURIComponent('/search?q=lopez')}`,
    );
    expect(screen.getByLabelText(/Username/)).toBeTruthy();
  });

  it('shows only the provider when password sign-in is off', async () => {
    signedOut({
      localLogin: false,
      singleSignOn: { providerName: 'Okta', loginUrl: '/api/auth/oidc/login' },
    });
    renderApp('/queue');
    expect(await screen.findByRole('link', { name: 'Sign in with Okta' })).toBeTruthy();
    expect(screen.queryByLabelText(/Username/)).toBeNull();
  });

  it('shows only the password form without single sign-on', async () => {
    signedOut({ localLogin: true, singleSignOn: null });
    renderApp('/queue');
    expect(await screen.findByLabelText(/Username/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Sign in with/ })).toBeNull();
  });
});
