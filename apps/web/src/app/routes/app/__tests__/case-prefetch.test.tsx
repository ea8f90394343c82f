import { bareView } from '@review-desk/contracts/testing';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analystRef, caseDetail, caseSummary } from '@/testing/fixtures/cases';
import { mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

const current = caseSummary();
const next = caseSummary({ id: '7b1d6a52-0000-4000-8000-000000000002', displayName: 'Next Subject' });

describe('the next case, loaded ahead', () => {
  it('loads the case "next case" would open while the reviewer works this one', async () => {
    const fetchMock = mockFetch()
      .signedInAs('analyst')
      .get(`/api/cases/${current.id}`, {
        body: caseDetail({ view: bareView('capa'), case: { state: 'in_review', assignee: analystRef } }),
      })
      .get('/api/cases', { body: { items: [current, next], nextCursor: null, facets: null } })
      .get(`/api/cases/${next.id}`, { body: caseDetail({ view: bareView('capa'), case: next }) });
    renderApp(`/cases/${current.id}`);
    await screen.findByRole('region', { name: 'Decision' }, { timeout: 5000 });
    await waitFor(() => expect(fetchMock.calls('GET', `/api/cases/${next.id}`)).toHaveLength(1));
    const list = fetchMock.calls('GET', '/api/cases')[0];
    expect(Object.fromEntries(list?.searchParams ?? [])).toMatchObject({
      scope: 'work',
      assignee: 'unassigned',
      sort: 'priority',
    });
  });

  it('loads nothing ahead for someone who does not hold the case', async () => {
    const fetchMock = mockFetch()
      .signedInAs('analyst')
      .get(`/api/cases/${current.id}`, { body: caseDetail({ view: bareView('capa') }) });
    renderApp(`/cases/${current.id}`);
    await screen.findByRole('region', { name: 'Decision' }, { timeout: 5000 });
    expect(fetchMock.calls('GET', '/api/cases')).toHaveLength(0);
  });
});
