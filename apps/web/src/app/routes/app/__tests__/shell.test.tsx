import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { caseList } from '@/testing/fixtures/cases';
import { mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

const auditRow = {
  id: 41,
  at: '2026-11-01T10:00:00.000Z',
  actor: { id: 'user-analyst', username: 'analyst' },
  action: 'case.claimed',
  caseId: '3f6f2f5e-5a7c-4d55-9a51-2b1d1c0e0001',
  details: { version: 4 },
  requestId: 'req-41',
};

describe('the app shell', () => {
  it('shows the user and role, and keeps the audit trail from analysts', async () => {
    mockFetch()
      .signedInAs('analyst')
      .get('/api/cases', { body: caseList([]) });
    renderApp('/audit');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Audit' })).toBeNull();
    expect(screen.getByText('The audit trail is for senior analysts and administrators.')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Demo analyst/ }).textContent).toContain('Analyst');
  });

  it('gives seniors the audit trail, filtered from the URL', async () => {
    const fetchMock = mockFetch()
      .signedInAs('senior')
      .get('/api/audit', { body: { items: [auditRow], nextCursor: null } });
    renderApp('/audit?action=case.');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Audit' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Audit trail' });
    expect(within(table).getByText('case.claimed')).toBeTruthy();
    expect(within(table).getByText('req-41')).toBeTruthy();
    expect(fetchMock.calls('GET', '/api/audit')[0]?.searchParams.get('action')).toBe('case.');
  });

  it('switches between light and dark and remembers the choice', async () => {
    mockFetch()
      .signedInAs('analyst')
      .get('/api/cases', { body: caseList([]) });
    const { user } = renderApp('/queue');
    const toggle = await screen.findByRole('button', { name: /Use the (dark|light) theme/ });
    const before = toggle.getAttribute('aria-label');
    await user.click(toggle);
    const after = screen
      .getByRole('button', { name: /Use the (dark|light) theme/ })
      .getAttribute('aria-label');
    expect(after).not.toBe(before);
    expect(window.localStorage.getItem('review-desk.color-mode')).toBe(
      before === 'Use the dark theme' ? 'dark' : 'light',
    );
  });

  it('folds the pages into a menu on a phone, the current one marked', async () => {
    const happyDom = (window as unknown as { happyDOM: { setViewport: (size: object) => void } }).happyDOM;
    happyDom.setViewport({ width: 390, height: 844 });
    try {
      mockFetch()
        .signedInAs('analyst')
        .get('/api/cases', { body: caseList([]) });
      const { user, router } = renderApp('/queue');
      const nav = await screen.findByRole('navigation', { name: 'Main' });
      expect(within(nav).queryByRole('link', { name: 'Queue' })).toBeNull();
      // The user's name stays the account button's name, read out though not shown.
      expect(screen.getByRole('button', { name: /Demo analyst/ })).toBeTruthy();
      await user.click(within(nav).getByRole('button', { name: 'Pages' }));
      const items = await screen.findAllByRole('menuitem');
      expect(items.map((item) => item.textContent)).toEqual(['Queue', 'Search', 'Overview']);
      expect(items[0]?.getAttribute('aria-current')).toBe('page');
      await user.click(screen.getByRole('menuitem', { name: 'Overview' }));
      await waitFor(() => expect(router.state.location.pathname).toBe('/overview'));
    } finally {
      happyDom.setViewport({ width: 1024, height: 768 });
    }
  });

  it('signs out from the user menu', async () => {
    const fetchMock = mockFetch()
      .signedInAs('analyst')
      .get('/api/cases', { body: caseList([]) });
    fetchMock.post('/api/auth/logout', { status: 204 });
    const { user, router } = renderApp('/queue');
    await user.click(await screen.findByRole('button', { name: /Demo analyst/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(fetchMock.calls('POST', '/api/auth/logout')).toHaveLength(1);
  });
});
