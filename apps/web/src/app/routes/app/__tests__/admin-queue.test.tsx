import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { caseList, caseSummary } from '@/testing/fixtures/cases';
import { mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

describe('the queue for an administrator', () => {
  it('offers only the bulk actions an admin can take, and no way into a case page', async () => {
    const first = caseSummary();
    mockFetch()
      .signedInAs('admin')
      .get('/api/cases', { body: caseList([first]) });
    const { user, router } = renderApp('/queue');
    const table = await screen.findByRole('table', { name: 'Case queue' });
    const bulk = await screen.findByRole('region', { name: 'Bulk actions' });
    // Cases are held by reviewers only: "Assign to me" would fail for an admin.
    expect(within(bulk).queryByRole('button', { name: 'Assign to me' })).toBeNull();
    expect(within(bulk).getByRole('button', { name: 'Release' })).toBeTruthy();
    expect(within(bulk).getByRole('button', { name: 'Escalate' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Next case' })).toBeNull();

    await user.click(within(table).getByText(first.displayName ?? ''));
    expect(router.state.location.pathname).toBe('/queue');
  });

  it('has no Search in the navigation, and the search page says whose it is', async () => {
    mockFetch().signedInAs('admin');
    renderApp('/search?q=lopez');
    expect(await screen.findByText(/it is for reviewers and support/)).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Search' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Audit' })).toBeTruthy();
  });
});
