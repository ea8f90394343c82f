import type { SavedView, SaveViewRequest } from '@review-desk/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeEventSource } from '@/testing/fake-event-source';
import { caseList, caseSummary, seniorRef } from '@/testing/fixtures/cases';
import { mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

const first = caseSummary();
const second = caseSummary({
  id: '3f6f2f5e-5a7c-4d55-9a51-2b1d1c0e0002',
  provider: 'connectfi',
  subjectType: 'business',
  subjectId: 'cf-cust-9',
  displayName: 'Acme Exports SA de CV',
  upstreamStatus: 'waiting_review',
});

function queueBackend() {
  return mockFetch()
    .signedInAs('analyst')
    .get('/api/cases', { body: caseList([first, second]) });
}

const pressed = (button: HTMLElement) => button.getAttribute('aria-pressed') === 'true';

describe('the queue', () => {
  it('reads its filters and sort from the URL into the controls and the request', async () => {
    const fetchMock = queueBackend();
    const { user } = renderApp(
      '/queue?provider=capa&state=open&state=in_review&assignee=me&sort=score&direction=asc&q=lop',
    );

    await screen.findByRole('table', { name: 'Case queue' });
    const request = fetchMock.calls('GET', '/api/cases')[0];
    expect(request?.searchParams.get('scope')).toBe('work');
    expect(request?.searchParams.get('provider')).toBe('capa');
    expect(request?.searchParams.getAll('state')).toEqual(['open', 'in_review']);
    expect(request?.searchParams.get('assignee')).toBe('me');
    expect(request?.searchParams.get('sort')).toBe('score');
    expect(request?.searchParams.get('direction')).toBe('asc');
    expect(request?.searchParams.get('q')).toBe('lop');
    expect(pressed(screen.getByRole('button', { name: 'Lowest first' }))).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Filters (3)' }));

    const provider = await screen.findByRole('group', { name: 'Provider' });
    expect(pressed(within(provider).getByRole('button', { name: 'Capa (7)' }))).toBe(true);
    expect(pressed(within(provider).getByRole('button', { name: 'All' }))).toBe(false);
    const assignee = screen.getByRole('group', { name: 'Assignee' });
    expect(pressed(within(assignee).getByRole('button', { name: 'Me (2)' }))).toBe(true);
    const state = screen.getByRole('group', { name: 'State' });
    expect(pressed(within(state).getByRole('button', { name: 'Open (6)' }))).toBe(true);
    expect(pressed(within(state).getByRole('button', { name: 'In review (5)' }))).toBe(true);
    expect(pressed(within(state).getByRole('button', { name: 'Escalated (0)' }))).toBe(false);
    expect((screen.getByLabelText('Subject name or id') as HTMLInputElement).value).toBe('lop');
    const scoreHeader = screen.getByRole('columnheader', { name: /Triage score/ });
    expect(scoreHeader.getAttribute('aria-sort')).toBe('ascending');
  });

  it('puts a changed filter into the URL and asks the server again', async () => {
    const fetchMock = queueBackend();
    const { user, router } = renderApp('/queue?provider=capa');

    await screen.findByRole('table', { name: 'Case queue' });
    await user.click(screen.getByRole('button', { name: 'Filters (1)' }));
    await user.click(
      within(await screen.findByRole('group', { name: 'Assignee' })).getByRole('button', {
        name: 'Unassigned (8)',
      }),
    );

    await waitFor(() =>
      expect(new URLSearchParams(router.state.location.search).get('assignee')).toBe('unassigned'),
    );
    expect(new URLSearchParams(router.state.location.search).get('provider')).toBe('capa');
    await waitFor(() =>
      expect(
        fetchMock
          .calls('GET', '/api/cases')
          .some((request) => request.searchParams.get('assignee') === 'unassigned'),
      ).toBe(true),
    );
  });

  it('puts a sort chosen from a column header into the URL', async () => {
    queueBackend();
    const { user, router } = renderApp('/queue?state=escalated');

    await screen.findByRole('table', { name: 'Case queue' });
    await user.click(within(screen.getByRole('columnheader', { name: /Triage score/ })).getByRole('button'));

    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('sort')).toBe('score'));
    expect(new URLSearchParams(router.state.location.search).get('direction')).toBe('desc');
    expect(new URLSearchParams(router.state.location.search).getAll('state')).toEqual(['escalated']);
  });

  it('opens on the work, in priority order, with the other filters folded away', async () => {
    const fetchMock = queueBackend();
    const { user, router } = renderApp('/queue');

    await screen.findByRole('table', { name: 'Case queue' });
    const request = fetchMock.calls('GET', '/api/cases')[0];
    expect([...(request?.searchParams.keys() ?? [])].sort()).toEqual(['limit', 'scope']);
    expect(request?.searchParams.get('scope')).toBe('work');
    const show = screen.getByRole('group', { name: 'Show' });
    expect(pressed(within(show).getByRole('button', { name: 'My work' }))).toBe(true);
    expect(pressed(screen.getByRole('button', { name: 'Most urgent first' }))).toBe(true);
    const filters = screen.getByRole('button', { name: 'Filters (0)' });
    expect(filters.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('group', { name: 'State' })).toBeNull();

    // Resolved cases are there when asked for: by state, or by showing all cases.
    await user.click(filters);
    expect(filters.getAttribute('aria-expanded')).toBe('true');
    await user.click(
      within(await screen.findByRole('group', { name: 'State' })).getByRole('button', { name: /Resolved/ }),
    );
    await waitFor(() =>
      expect(new URLSearchParams(router.state.location.search).getAll('state')).toEqual(['resolved']),
    );
    await waitFor(() =>
      expect(
        pressed(
          within(screen.getByRole('group', { name: 'Show' })).getByRole('button', { name: 'All cases' }),
        ),
      ).toBe(true),
    );
    await waitFor(() =>
      expect(fetchMock.calls('GET', '/api/cases').at(-1)?.searchParams.get('scope')).toBe('all'),
    );
    expect(screen.getByRole('button', { name: 'Filters (1)' })).toBeTruthy();

    // Back to the work: a state outside it goes.
    await user.click(
      within(screen.getByRole('group', { name: 'Show' })).getByRole('button', { name: 'My work' }),
    );
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('offers support no order or range by the triage score, whose hidden part the screening raised', async () => {
    const fetchMock = mockFetch()
      .signedInAs('support')
      .get('/api/cases', { body: caseList([first, second]) });
    const { user } = renderApp('/queue?sort=score&scoreMin=60&scoreMax=90&provider=capa');

    await screen.findByRole('table', { name: 'Case queue' });
    // A shared or bookmarked address with them asks the server for neither (it would refuse them).
    const request = fetchMock.calls('GET', '/api/cases')[0];
    expect(request?.searchParams.get('provider')).toBe('capa');
    for (const name of ['sort', 'scoreMin', 'scoreMax']) expect(request?.searchParams.has(name)).toBe(false);
    const sortBy = screen.getByRole('combobox', { name: 'Sort by' });
    const options = within(sortBy)
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(options).toEqual(['Priority (SLA, then oldest)', 'Age', 'Last change']);
    const scoreHeader = screen.getByRole('columnheader', { name: /Triage score/ });
    expect(within(scoreHeader).queryByRole('button')).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Filters/ }));
    expect(await screen.findByLabelText('Opened on or after')).toBeTruthy();
    expect(screen.queryByLabelText('Score from')).toBeNull();
    expect(screen.queryByLabelText('Score to')).toBeNull();
  });

  it('offers "Skip to results" as the first Tab stop', async () => {
    queueBackend();
    const { user } = renderApp('/queue');
    await screen.findByRole('table', { name: 'Case queue' });
    await user.tab();
    const skip = document.activeElement as HTMLAnchorElement;
    expect(skip.textContent).toBe('Skip to results');
    expect(skip.getAttribute('href')).toBe('#queue-results');
    expect(document.getElementById('queue-results')?.contains(screen.getByRole('table'))).toBe(true);
  });

  it('shows the columns, including triage factors and the assignee filter buckets', async () => {
    queueBackend();
    renderApp('/queue');
    const table = await screen.findByRole('table', { name: 'Case queue' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const firstRow = rows[1] as HTMLElement;
    expect(within(firstRow).getByText('María Fernanda López')).toBeTruthy();
    expect(within(firstRow).getByText('62')).toBeTruthy();
    expect(within(firstRow).getByText('+30 AML hits')).toBeTruthy();
    expect(within(firstRow).getByText('Unassigned')).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText('connectFi')).toBeTruthy();
  });

  it('shows who claimed a case as soon as the event arrives', async () => {
    queueBackend();
    renderApp('/queue');
    const table = await screen.findByRole('table', { name: 'Case queue' });
    const source = FakeEventSource.latest();
    expect(source?.url).toBe('/api/events');

    source?.emit('case', {
      type: 'claimed',
      caseId: first.id,
      version: first.version + 1,
      case: { ...first, version: first.version + 1, state: 'in_review', assignee: seniorRef },
    });

    expect(await within(table).findByText('Claimed by Demo senior')).toBeTruthy();
  });

  it('saves the current view with the desk, shared with the team, and shows it in words', async () => {
    const fetchMock = queueBackend();
    const saved: SavedView[] = [];
    fetchMock.get('/api/views', () => ({ body: { mine: saved, team: [] } }));
    fetchMock.post('/api/views', (request) => {
      const body = request.body as SaveViewRequest;
      const view: SavedView = {
        id: '5b0c1c2e-0000-4000-8000-000000000001',
        name: body.name,
        search: body.search,
        hiddenColumns: body.hiddenColumns,
        shared: body.shared ?? false,
        owner: { id: 'user-analyst', displayName: 'Demo analyst' },
        createdAt: '2026-03-02T09:00:00.000Z',
        updatedAt: '2026-03-02T09:00:00.000Z',
      };
      saved.push(view);
      return { body: { view } };
    });
    const { user } = renderApp('/queue?provider=capa');
    await screen.findByRole('table', { name: 'Case queue' });

    await user.click(screen.getByRole('button', { name: 'Views' }));
    expect(await screen.findByRole('menuitem', { name: 'No saved views yet' })).toBeTruthy();
    await user.click(screen.getByRole('menuitem', { name: 'Save or manage views…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Saved views' });
    await user.type(within(dialog).getByLabelText('Name for the current view'), 'Capa only');
    await user.click(within(dialog).getByLabelText('Share with the team'));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    const list = await within(dialog).findByRole('list', { name: 'Saved views' });
    expect(within(list).getByText('Capa only')).toBeTruthy();
    expect(
      within(list).getByText(
        'My work · Capa · Priority (SLA, then score), most urgent first · Shared with the team',
      ),
    ).toBeTruthy();
    expect(fetchMock.calls('POST', '/api/views')[0]?.body).toMatchObject({
      name: 'Capa only',
      search: 'provider=capa',
      shared: true,
    });
  });

  it('keeps only the rows on screen in the table once it holds more than a hundred', async () => {
    const many = Array.from({ length: 120 }, (_, index) =>
      caseSummary({
        id: `3f6f2f5e-5a7c-4d55-9a51-2b1d1c0e${String(index).padStart(4, '0')}`,
        displayName: `Subject ${index}`,
      }),
    );
    mockFetch()
      .signedInAs('analyst')
      .get('/api/cases', { body: caseList(many) });
    renderApp('/queue');

    const table = await screen.findByRole('table', { name: 'Case queue' });
    expect(table.getAttribute('aria-rowcount')).toBe('121');
    expect(within(table).getByText('Subject 0')).toBeTruthy();
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeLessThan(121));
    expect(table.getAttribute('aria-rowcount')).toBe('121');
  });

  it('moves with j and k and opens a case with Enter', async () => {
    const fetchMock = queueBackend();
    fetchMock.get(/^\/api\/cases\/[^/]+$/, {
      status: 404,
      body: { error: { code: 'not_found', message: 'x', requestId: 'r' } },
    });
    const { user, router } = renderApp('/queue');
    const table = await screen.findByRole('table', { name: 'Case queue' });
    const [, firstRow, secondRow] = within(table).getAllByRole('row');
    (firstRow as HTMLElement).focus();
    await user.keyboard('j');
    expect(document.activeElement).toBe(secondRow);
    await user.keyboard('k');
    expect(document.activeElement).toBe(firstRow);
    await user.keyboard('j{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe(`/cases/${second.id}`));
  });
});
