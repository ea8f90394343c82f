import { bareView, capaView } from '@review-desk/contracts/testing';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { caseDetail, caseList, caseSummary } from '@/testing/fixtures/cases';
import { errorReply, mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

const caseId = caseSummary().id;

describe('support console', () => {
  it('shows support the case in words, withholds the screening, and flags the case with a reason', async () => {
    const detail = caseDetail({ view: { ...bareView('capa'), screeningWithheld: true } });
    const fetchMock = mockFetch()
      .signedInAs('support')
      .get(`/api/cases/${caseId}`, { body: detail })
      .post(`/api/cases/${caseId}/flags`, {
        body: {
          flag: {
            id: '7d1f7f4e-0000-4000-8000-000000000001',
            provider: 'capa',
            subjectId: 'capa-user-1',
            caseId,
            reason: 'Customer called twice',
            raisedBy: { id: 'user-support', displayName: 'Demo support' },
            raisedAt: '2026-10-31T10:00:00.000Z',
            handledBy: null,
            handledAt: null,
          },
          case: caseSummary({ version: 4 }),
        },
      });
    const { user } = renderApp(`/cases/${caseId}`);

    const summary = await screen.findByRole('region', { name: 'For the customer' });
    expect(within(summary).getByText('Under review')).toBeTruthy();
    expect(within(summary).getByText('Our review team')).toBeTruthy();
    expect(within(summary).getByText(/Verification submitted/)).toBeTruthy();
    expect(within(summary).getByRole('list', { name: 'You may say' })).toBeTruthy();
    expect(within(summary).getByRole('list', { name: 'Never say' })).toBeTruthy();

    const screening = screen.getByRole('region', { name: 'Screening' });
    expect(screening.textContent).toContain('Not shown to your role');
    expect(screen.queryByRole('region', { name: 'AML screening' })).toBeNull();

    const form = screen.getByRole('region', { name: 'Flag for review' });
    const submit = within(form).getByRole('button', { name: 'Flag for review' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    await user.type(within(form).getByLabelText(/Reason for the analysts/), '  Customer called twice ');
    await user.click(submit);
    expect(await within(form).findByText('Flagged. An analyst will review it.')).toBeTruthy();
    expect(fetchMock.calls('POST', `/api/cases/${caseId}/flags`)[0]?.body).toEqual({
      reason: 'Customer called twice',
    });
  });

  it('offers support a flag instead of opening a case on a subject, and shows a refused flag', async () => {
    const fetchMock = mockFetch()
      .signedInAs('support')
      .get('/api/subjects/capa/capa-user-1', { body: capaView() })
      .post(
        '/api/subjects/capa/capa-user-1/flags',
        errorReply(400, 'validation_failed', 'reason must be at least 3 characters'),
      );
    const { user } = renderApp('/subjects/capa/capa-user-1');

    const form = await screen.findByRole('region', { name: 'Flag for review' });
    expect(screen.queryByRole('button', { name: 'Open a case' })).toBeNull();
    await user.type(within(form).getByLabelText(/Reason for the analysts/), 'Wants to know why');
    await user.click(within(form).getByRole('button', { name: 'Flag for review' }));
    await waitFor(() =>
      expect(fetchMock.calls('POST', '/api/subjects/capa/capa-user-1/flags')).toHaveLength(1),
    );
    expect((await within(form).findByRole('alert')).textContent).toContain('The flag was not recorded');
  });

  it('offers analysts no flag form and no customer summary', async () => {
    mockFetch()
      .signedInAs('analyst')
      .get(`/api/cases/${caseId}`, { body: caseDetail({ view: bareView('capa') }) });
    renderApp(`/cases/${caseId}`);
    await screen.findByRole('region', { name: 'Decision' });
    expect(screen.queryByRole('region', { name: 'Flag for review' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'For the customer' })).toBeNull();
  });

  it('shows country, nationality and hit types in the queue, and no hit-type column to support', async () => {
    mockFetch()
      .signedInAs('analyst')
      .get('/api/cases', { body: caseList([caseSummary({ hitTypes: ['pep', 'sanction'] })]) });
    const analystView = renderApp('/queue');
    const table = await screen.findByRole('table', { name: 'Case queue' });
    for (const name of ['Country', 'Nationality', 'Hit types'])
      expect(within(table).getByRole('columnheader', { name })).toBeTruthy();
    expect(within(table).getByText('PEP, Sanctions')).toBeTruthy();
    expect(within(table).getByText('MX')).toBeTruthy();
    analystView.unmount();

    mockFetch()
      .signedInAs('support')
      .get('/api/cases', { body: caseList([caseSummary({ hitTypes: [] })]) });
    renderApp('/queue');
    const supportTable = await screen.findByRole('table', { name: 'Case queue' });
    expect(within(supportTable).getByRole('columnheader', { name: 'Country' })).toBeTruthy();
    expect(within(supportTable).queryByRole('columnheader', { name: 'Hit types' })).toBeNull();
  });
});
