import type { CaseDetail, RepresentativeReview as Review } from '@review-desk/contracts';
import { ARABIC_NAME, IMG_TEXT, LONG_NAME, SCRIPT_TEXT } from '@review-desk/contracts/testing';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { caseDetailQueryKey } from '@/features/cases/api/get-case';
import { caseDetail } from '@/testing/fixtures/cases';
import { expectHostileStringsAsText } from '@/testing/hostile';
import { errorReply, mockFetch } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/test-utils';
import { RepresentativeReview } from '../representative-review';

const detail = caseDetail();
const caseId = detail.case.id;
const url = `/api/cases/${caseId}/representatives/rep-1`;

function review(overrides: Partial<Review> = {}): Review {
  return {
    entityId: 'rep-1',
    role: 'business_representative',
    identity: {
      source: 'directory',
      name: 'Ana María Pérez',
      birthDate: '1980-02-29',
      idNumber: '••••5678',
      updatedAt: '2026-12-01T10:00:00.000Z',
    },
    application: { status: 'waiting_review', outcome: null, source: 'connectfi', unavailable: null },
    documents: [
      {
        id: '6f2d9a3e-1b7c-4d8e-9f00-000000000001',
        documentId: 'doc_1',
        entityId: 'rep-1',
        workflow: 'PERSONAL',
        type: 'passport',
        view: 'front',
        note: null,
        fileName: 'passport-front.png',
        format: 'png',
        sizeBytes: 1000,
        sha256: 'a'.repeat(64),
        status: 'attached',
        lastError: null,
        uploadedBy: { id: 'user-analyst', displayName: 'Demo analyst' },
        createdAt: '2026-12-01T10:00:00.000Z',
        uploadedAt: '2026-12-01T10:00:01.000Z',
        attachedAt: '2026-12-01T10:00:02.000Z',
      },
    ],
    relatedCases: [
      {
        caseId: 'c0ffee00-0000-4000-8000-000000000002',
        provider: 'capa',
        displayName: 'ANA MARIA PEREZ',
        state: 'resolved',
        resolution: 'rejected',
        matchedOn: ['id_number', 'name_birth_date'],
        createdAt: '2026-11-01T10:00:00.000Z',
      },
    ],
    evidenceViewed: [],
    approval: { ...detail.approval, unmet: [] },
    ...overrides,
  };
}

function renderReview() {
  const view = renderWithProviders(<RepresentativeReview caseId={caseId} entityId="rep-1" />);
  const withRep: CaseDetail = {
    ...detail,
    entityApplications: [
      { entityId: 'rep-1', role: 'business_representative', status: null, outcome: null, viewed: false },
    ],
  };
  view.queryClient.setQueryData(caseDetailQueryKey(caseId), withRep);
  return view;
}

describe('RepresentativeReview', () => {
  it("shows who the representative is, connectFi's status, the documents and related cases, and marks it reviewed", async () => {
    const fetchMock = mockFetch().signedInAs('analyst');
    fetchMock.get(url, { body: review() });
    const { queryClient } = renderReview();
    expect(screen.getByRole('status').textContent).toMatch(/Loading/);

    const section = await screen.findByRole('region', { name: 'Review of rep-1' });
    const identity = screen.getByLabelText('Identity');
    expect(within(identity).getByText('Ana María Pérez')).toBeTruthy();
    expect(within(section).getByText('1980-02-29')).toBeTruthy();
    expect(within(section).getByText('••••5678')).toBeTruthy();
    expect(within(section).getByText(/The organisation's directory, updated/)).toBeTruthy();
    expect(within(section).getByText('waiting_review')).toBeTruthy();
    expect(within(section).getByText('From connectFi, now')).toBeTruthy();
    const documents = within(section).getByRole('table', { name: 'Documents at connectFi' });
    expect(within(documents).getByText('passport-front.png')).toBeTruthy();
    const related = within(section).getByRole('link', { name: 'ANA MARIA PEREZ' });
    expect(related.getAttribute('href')).toBe('/cases/c0ffee00-0000-4000-8000-000000000002');
    expect(within(section).getByText(/same ID number, same name and birth date/)).toBeTruthy();
    expect(fetchMock.calls('GET', url)).toHaveLength(1);

    // The case on screen now counts the representative as opened.
    await waitFor(() =>
      expect(
        queryClient.getQueryData<CaseDetail>(caseDetailQueryKey(caseId))?.entityApplications[0]?.viewed,
      ).toBe(true),
    );
  });

  it('says what it does not know, and when connectFi could not be read', async () => {
    const fetchMock = mockFetch().signedInAs('analyst');
    fetchMock.get(url, {
      body: review({
        identity: { source: 'none', name: null, birthDate: null, idNumber: null, updatedAt: null },
        application: {
          status: 'pending_step_up',
          outcome: null,
          source: 'stored',
          unavailable: { code: 'upstream_timeout', message: 'connectFi is not answering' },
        },
        documents: [],
        relatedCases: [],
      }),
    });
    renderReview();
    const section = await screen.findByRole('region', { name: 'Review of rep-1' });
    expect(within(section).getByText(/Not in the organisation's directory/)).toBeTruthy();
    expect(
      within(section).getByText(/connectFi could not be read \(connectFi is not answering\)/),
    ).toBeTruthy();
    expect(within(section).getByText('As the case stored it')).toBeTruthy();
    expect(within(section).getByText('No documents were sent to connectFi for this entity.')).toBeTruthy();
    expect(within(section).getByText('No other case about this person.')).toBeTruthy();
  });

  it('shows a refusal with a way to try again, and then the review', async () => {
    const fetchMock = mockFetch().signedInAs('analyst');
    let calls = 0;
    fetchMock.get(url, () => {
      calls += 1;
      return calls === 1
        ? errorReply(404, 'entity_application_not_found', 'The case has no entity application "rep-1"')
        : { body: review() };
    });
    const { user } = renderReview();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The case has no entity application "rep-1"');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('region', { name: 'Review of rep-1' })).toBeTruthy();
  });

  it('renders hostile provider and directory strings as text', async () => {
    const fetchMock = mockFetch().signedInAs('analyst');
    fetchMock.get(url, {
      body: review({
        identity: {
          source: 'directory',
          name: LONG_NAME,
          birthDate: SCRIPT_TEXT,
          idNumber: IMG_TEXT,
          updatedAt: null,
        },
        application: { status: SCRIPT_TEXT, outcome: null, source: 'connectfi', unavailable: null },
        relatedCases: [{ ...review().relatedCases[0]!, displayName: ARABIC_NAME }],
      }),
    });
    const { container } = renderReview();
    await screen.findByRole('region', { name: 'Review of rep-1' });
    expectHostileStringsAsText(container);
  });
});
