import type { DeliverySummary, OutboundDelivery } from '@review-desk/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

const inbound = (id: string, overrides: Partial<DeliverySummary> = {}): DeliverySummary => ({
  id,
  provider: 'capa',
  receivedAt: '2026-11-01T10:00:00.000Z',
  contentHash: `hash-${id}`,
  externalUserId: `ext-${id}`,
  status: 'failed',
  attempts: 5,
  lastError: 'provider unavailable',
  processedAt: null,
  ...overrides,
});

const outbound: OutboundDelivery = {
  id: 'out-1',
  caseId: '3f6f2f5e-5a7c-4d55-9a51-2b1d1c0e0001',
  url: 'https://core.example/decisions',
  status: 'failed',
  attempts: 8,
  lastError: '503 Service Unavailable',
  createdAt: '2026-11-01T11:00:00.000Z',
  deliveredAt: null,
};

function mockDesk() {
  return mockFetch()
    .signedInAs('admin')
    .get('/api/deliveries/inbound', (request) => ({
      body: {
        items:
          request.searchParams.get('status') === 'failed'
            ? [inbound('in-1')]
            : [
                inbound('in-2', {
                  status: 'processed',
                  attempts: 1,
                  lastError: null,
                  processedAt: '2026-11-01T10:00:05.000Z',
                }),
              ],
      },
    }))
    .get('/api/directory/unmatched', {
      body: { items: [inbound('in-3', { status: 'unmatched', lastError: null })] },
    })
    .get('/api/deliveries/outbound', { body: { items: [outbound] } });
}

describe('the deliveries page', () => {
  it('lists failed provider deliveries first and reads one again on Retry', async () => {
    const fetchMock = mockDesk().post('/api/deliveries/inbound/in-1/retry', {
      body: inbound('in-1', { status: 'pending', attempts: 0, lastError: null }),
    });
    const { user } = renderApp('/admin/deliveries');
    const failed = await screen.findByRole('table', { name: 'Failed provider deliveries' });
    expect(within(failed).getByText('provider unavailable')).toBeTruthy();
    await user.click(within(failed).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('The delivery is queued to be read again.')).toBeTruthy();
    expect(fetchMock.calls('POST', '/api/deliveries/inbound/in-1/retry')).toHaveLength(1);

    await user.click(screen.getByRole('tab', { name: 'Processed' }));
    const processed = await screen.findByRole('table', { name: 'Processed provider deliveries' });
    expect(within(processed).getByText('ext-in-2')).toBeTruthy();
    expect(within(processed).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('lists deliveries that match no customer in the directory', async () => {
    mockDesk();
    renderApp('/admin/deliveries');
    const unmatched = await screen.findByRole('table', { name: 'Unmatched deliveries' });
    expect(within(unmatched).getByText('ext-in-3')).toBeTruthy();
  });

  it('sends a failed decision again, with the case as text rather than a link an admin cannot open', async () => {
    const fetchMock = mockDesk().post('/api/deliveries/outbound/out-1/retry', {
      body: { ...outbound, status: 'delivered', attempts: 9, deliveredAt: '2026-11-01T12:00:00.000Z' },
    });
    const { user } = renderApp('/admin/deliveries');
    const table = await screen.findByRole('table', { name: 'Decision deliveries' });
    expect(within(table).getByText(outbound.caseId)).toBeTruthy();
    expect(within(table).queryByRole('link')).toBeNull();
    await user.click(within(table).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('The decision was delivered.')).toBeTruthy();
    await waitFor(() =>
      expect(fetchMock.calls('POST', '/api/deliveries/outbound/out-1/retry')).toHaveLength(1),
    );
  });
});
