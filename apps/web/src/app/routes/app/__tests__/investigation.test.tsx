import { bareView, capaView } from '@review-desk/contracts/testing';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { caseDetail, caseList, caseSummary } from '@/testing/fixtures/cases';
import { errorReply, mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

describe('investigation', () => {
  it('finds known cases by name and opens a subject by id', async () => {
    const fetchMock = mockFetch()
      .signedInAs('support')
      .get('/api/cases', { body: caseList([caseSummary()]) })
      .get('/api/subjects/connectfi/cf-cust-9', { body: bareView('connectfi') });
    const { user, router } = renderApp('/search?q=lopez');

    const results = await screen.findByRole('table', { name: 'Matching cases' });
    expect(fetchMock.calls('GET', '/api/cases')[0]?.searchParams.get('q')).toBe('lopez');
    expect(within(results).getByRole('link', { name: 'María Fernanda López' }).getAttribute('href')).toBe(
      `/cases/${caseSummary().id}`,
    );

    await user.click(screen.getByRole('radio', { name: 'connectFi customer id' }));
    const idField = screen.getByLabelText('connectFi customer id', { selector: 'input[type="text"]' });
    await user.clear(idField);
    await user.type(idField, 'cf-cust-9');
    await user.click(screen.getByRole('button', { name: 'Open subject' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/subjects/connectfi/cf-cust-9'));
    expect(await screen.findAllByText('Not provided by connectFi')).not.toHaveLength(0);
  });

  it('shows a subject read-only and opens a case for it', async () => {
    const created = caseSummary({ origin: 'by_hand' });
    const fetchMock = mockFetch()
      .signedInAs('analyst')
      .get('/api/subjects/capa/capa-user-1', { body: capaView() })
      .post('/api/cases', { status: 201, body: { case: created, created: true } })
      .get(`/api/cases/${created.id}`, {
        body: caseDetail({ case: { origin: 'by_hand' }, view: bareView('capa') }),
      })
      .post('/api/subjects/capa/capa-user-1/reveal', {
        body: { field: 'idNumber', value: 'LOGM900517HDF5678' },
      });
    const { user, router } = renderApp('/subjects/capa/capa-user-1');

    expect(await screen.findByRole('region', { name: 'Face match' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Decision' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Reveal document number' }));
    expect(await screen.findByText('LOGM900517HDF5678')).toBeTruthy();
    expect(fetchMock.calls('POST', '/api/subjects/capa/capa-user-1/reveal')[0]?.body).toEqual({
      field: 'idNumber',
    });

    await user.click(screen.getByRole('button', { name: 'Open a case' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/cases/${created.id}`));
    expect(fetchMock.calls('POST', '/api/cases')[0]?.body).toEqual({
      provider: 'capa',
      subjectId: 'capa-user-1',
    });
  });

  it('says plainly when the provider has no such subject, with the request id', async () => {
    mockFetch()
      .signedInAs('analyst')
      .get('/api/subjects/capa/nobody', errorReply(404, 'subject_not_found', 'Capa has no user nobody'));
    renderApp('/subjects/capa/nobody');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Capa has no subject with this id');
    expect(alert.textContent).toContain('req-subject_not_found');
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
