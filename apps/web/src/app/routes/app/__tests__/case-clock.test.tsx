import { bareView } from '@review-desk/contracts/testing';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '@/lib/format';
import { caseDetail, caseSummary } from '@/testing/fixtures/cases';
import { mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

describe("the case's clocks", () => {
  it('shows how long the subject has waited at the provider apart from when the desk took it in', async () => {
    const summary = caseSummary({
      providerSince: '2025-11-30T08:00:00.000Z',
      createdAt: '2026-10-31T09:00:00.000Z',
    });
    mockFetch()
      .signedInAs('analyst')
      .get(`/api/cases/${summary.id}`, { body: caseDetail({ view: bareView('capa'), case: summary }) });
    renderApp(`/cases/${summary.id}`);
    expect(
      await screen.findByText(`Waiting since ${formatDateTime('2025-11-30T08:00:00.000Z')} (provider)`),
    ).toBeTruthy();
    expect(
      screen.getByText(`With the desk since ${formatDateTime('2026-10-31T09:00:00.000Z')}`),
    ).toBeTruthy();
  });
});
