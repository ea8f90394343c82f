import type { AuditEntry } from '@review-desk/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

const caseId = '3f6f2f5e-5a7c-4d55-9a51-2b1d1c0e0001';
const rows: AuditEntry[] = [
  {
    id: 42,
    at: '2026-11-01T10:05:00.000Z',
    actor: { id: 'user-admin', username: 'admin' },
    action: 'delivery.retried',
    caseId,
    subject: null,
    details: { deliveryId: 'out-1', attempts: 8 },
    requestId: 'req-42',
  },
  {
    id: 41,
    at: '2026-11-01T10:00:00.000Z',
    actor: { id: 'user-support', username: 'support' },
    action: 'case.pii_revealed',
    caseId,
    subject: { provider: 'capa', id: 'user-7' },
    details: { field: 'taxId' },
    requestId: 'req-41',
  },
];

describe('the audit page', () => {
  it('reads in words: actions by name and details as labels, not JSON', async () => {
    mockFetch()
      .signedInAs('admin')
      .get('/api/audit', { body: { items: rows, nextCursor: null } });
    renderApp('/audit');
    const table = await screen.findByRole('table', { name: 'Audit trail' });
    expect(within(table).getByText('Retried a decision delivery')).toBeTruthy();
    expect(within(table).getByText('Revealed an identifier')).toBeTruthy();
    expect(within(table).getByText('Delivery')).toBeTruthy();
    expect(within(table).getByText('out-1')).toBeTruthy();
    expect(within(table).queryByText(/\{"/)).toBeNull();
  });

  it('never links an admin to a case page, only to the rows of that case', async () => {
    mockFetch()
      .signedInAs('admin')
      .get('/api/audit', { body: { items: rows, nextCursor: null } });
    renderApp('/audit');
    const table = await screen.findByRole('table', { name: 'Audit trail' });
    const hrefs = within(table)
      .getAllByRole('link')
      .map((link) => link.getAttribute('href') ?? '');
    expect(hrefs.some((href) => href.startsWith('/cases/'))).toBe(false);
    expect(hrefs).toContain(`/audit?caseId=${caseId}`);
    expect(hrefs).toContain('/audit?subject=capa%3Auser-7');
  });

  it('links a senior to the case page', async () => {
    mockFetch()
      .signedInAs('senior')
      .get('/api/audit', { body: { items: rows, nextCursor: null } });
    renderApp('/audit');
    const table = await screen.findByRole('table', { name: 'Audit trail' });
    expect(
      within(table)
        .getAllByRole('link', { name: `Case ${caseId.slice(0, 8)}` })[0]
        ?.getAttribute('href'),
    ).toBe(`/cases/${caseId}`);
  });

  it('asks for a person and a range of days, and exports that same range', async () => {
    const fetchMock = mockFetch()
      .signedInAs('admin')
      .get('/api/audit', { body: { items: rows, nextCursor: null } });
    renderApp('/audit?subject=capa:user-7&from=2026-11-01&to=2026-11-02&action=case.');
    await screen.findByRole('table', { name: 'Audit trail' });
    const query = fetchMock.calls('GET', '/api/audit')[0]?.searchParams;
    expect(query?.get('subject')).toBe('capa:user-7');
    expect(query?.get('action')).toBe('case.');
    const from = new Date(query?.get('from') ?? '');
    const to = new Date(query?.get('to') ?? '');
    // Whole days in the user's own time zone, the end day included.
    expect([from.getFullYear(), from.getMonth(), from.getDate(), from.getHours()]).toEqual([2026, 10, 1, 0]);
    expect([to.getFullYear(), to.getMonth(), to.getDate(), to.getHours()]).toEqual([2026, 10, 3, 0]);

    const csv = new URL(
      screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href') ?? '',
      'http://desk.test',
    );
    expect(csv.pathname).toBe('/api/audit/export');
    expect(Object.fromEntries(csv.searchParams)).toEqual({
      subject: 'capa:user-7',
      action: 'case.',
      from: query?.get('from'),
      to: query?.get('to'),
      format: 'csv',
    });
    expect(screen.getByRole('link', { name: 'Export JSON lines' }).getAttribute('href')).toContain(
      'format=jsonl',
    );
  });

  it('says so and leaves out a person that is not provider:id', async () => {
    const fetchMock = mockFetch()
      .signedInAs('admin')
      .get('/api/audit', { body: { items: [], nextCursor: null } });
    renderApp('/audit?subject=someone');
    expect(await screen.findByText(/A person is written provider:id/)).toBeTruthy();
    await waitFor(() => expect(fetchMock.calls('GET', '/api/audit')).toHaveLength(1));
    expect(fetchMock.calls('GET', '/api/audit')[0]?.searchParams.has('subject')).toBe(false);
  });
});
