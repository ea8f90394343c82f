import { bareView } from '@review-desk/contracts/testing';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { caseDetail, caseList, caseSummary } from '@/testing/fixtures/cases';
import { mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

const disagreeing = caseSummary({
  state: 'resolved',
  resolution: 'rejected',
  providerDisagreement: {
    deskResolution: 'rejected',
    providerVerdict: 'approved',
    providerStatus: 'VERIFIED',
    detectedAt: '2026-11-02T10:00:00.000Z',
  },
});
const casePath = `/api/cases/${disagreeing.id}`;
const detail = caseDetail({ view: bareView('capa'), case: disagreeing });

describe("the provider's verdict contradicting the desk", () => {
  it('shows a banner at the top of the case; an analyst is told a senior closes it', async () => {
    mockFetch().signedInAs('analyst').get(casePath, { body: detail });
    renderApp(`/cases/${disagreeing.id}`);
    const banner = await screen.findByRole('alert', { name: 'Provider disagrees' });
    expect(banner.textContent).toContain(
      'The desk rejected this case, but Capa has since verified the subject',
    );
    expect(banner.textContent).toContain('Capa says VERIFIED');
    expect(within(banner).queryByRole('button')).toBeNull();
    expect(banner.textContent).toContain('A senior analyst acknowledges it or reopens the case.');
  });

  it('lets a senior acknowledge it with a note', async () => {
    const fetchMock = mockFetch()
      .signedInAs('senior')
      .get(casePath, { body: detail })
      .post(`${casePath}/disagreement`, {
        body: { case: { ...disagreeing, providerDisagreement: null, version: 4 } },
      });
    const { user } = renderApp(`/cases/${disagreeing.id}`);
    const banner = await screen.findByRole('alert', { name: 'Provider disagrees' });
    const acknowledge = within(banner).getByRole('button', { name: 'Acknowledge, keep the decision' });
    expect((acknowledge as HTMLButtonElement).disabled).toBe(true);
    await user.type(
      within(banner).getByRole('textbox', { name: 'Note (why)' }),
      'Forged document; Capa missed it',
    );
    await user.click(acknowledge);
    await waitFor(() => expect(fetchMock.calls('POST', `${casePath}/disagreement`)).toHaveLength(1));
    expect(fetchMock.calls('POST', `${casePath}/disagreement`)[0]?.body).toEqual({
      version: 3,
      action: 'acknowledge',
      note: 'Forged document; Capa missed it',
    });
  });

  it('counts disagreements in the queue and lists them across every state', async () => {
    const fetchMock = mockFetch()
      .signedInAs('analyst')
      .get('/api/cases', {
        body: caseList([disagreeing], { facets: { ...caseList([]).facets!, disagreement: 1 } }),
      });
    const { user } = renderApp('/queue');
    const toggle = await screen.findByRole('button', { name: 'Provider disagrees (1)' });
    await user.click(toggle);
    await waitFor(() =>
      expect(
        fetchMock
          .calls('GET', '/api/cases')
          .some(
            (call) =>
              call.searchParams.get('disagreement') === 'true' &&
              call.searchParams.get('scope') === 'all' &&
              call.searchParams.get('limit') === '50',
          ),
      ).toBe(true),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Provider disagrees (1)' }).getAttribute('aria-pressed'),
      ).toBe('true'),
    );
  });
});
