import type { Role } from '@review-desk/contracts';
import { bareView } from '@review-desk/contracts/testing';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analystRef, caseDetail, caseSummary, seniorRef } from '@/testing/fixtures/cases';
import { errorReply, mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

const caseId = caseSummary().id;
const casePath = `/api/cases/${caseId}`;

// The verification itself is beside the point here; a bare one keeps the page light.
const detailWith = (overrides: Parameters<typeof caseDetail>[0] = {}) =>
  caseDetail({ view: bareView('capa'), ...overrides });

function caseBackend(role: Role, detail = detailWith()) {
  return mockFetch().signedInAs(role).get(casePath, { body: detail });
}

async function decisionPanel() {
  return screen.findByRole('region', { name: 'Decision' });
}

describe('the decision panel', () => {
  it('offers support staff no decision controls', async () => {
    caseBackend('support');
    renderApp(`/cases/${caseId}`);
    const panel = await decisionPanel();
    expect(within(panel).getByText('Your role (Support) cannot make decisions.')).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Record decision' })).toBeNull();
    expect(within(panel).queryByRole('radio')).toBeNull();
  });

  it('disables the controls for an analyst who has not claimed the case, saying why', async () => {
    caseBackend('analyst');
    renderApp(`/cases/${caseId}`);
    const panel = await decisionPanel();
    expect(within(panel).getByText('Claim the case before deciding.')).toBeTruthy();
    for (const radio of within(panel).getAllByRole('radio'))
      expect((radio as HTMLInputElement).disabled).toBe(true);
    expect(
      (within(panel).getByRole('button', { name: 'Record decision' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('disables the second decision for the reviewer who made the first (four-eyes), saying why', async () => {
    caseBackend(
      'senior',
      detailWith({
        case: { state: 'awaiting_second_review', firstReviewer: seniorRef, assignee: seniorRef },
      }),
    );
    renderApp(`/cases/${caseId}`);
    const panel = await decisionPanel();
    expect(
      within(panel).getByText(
        'Four-eyes rule: you made the first decision, so a different reviewer must make the second.',
      ),
    ).toBeTruthy();
    expect(
      (within(panel).getByRole('button', { name: 'Record decision' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('lists the unmet conditions by name and keeps approval closed until they are met', async () => {
    caseBackend(
      'analyst',
      detailWith({
        case: { state: 'in_review', assignee: analystRef },
        approval: {
          unmet: [
            {
              code: 'aml_hit_undisposed',
              label: 'AML hit “Juan Perez Lopez” has no disposition',
              ref: 'hit-1',
            },
            { code: 'representative_unviewed', label: 'Representative rep-2 was not opened', ref: 'rep-2' },
          ],
          amlHits: [],
          warnings: [],
          gaps: [],
          outcomes: caseDetail().approval.outcomes,
          fourEyes: { required: false, reasons: [] },
        },
      }),
    );
    renderApp(`/cases/${caseId}`);
    const panel = await decisionPanel();
    const unmet = within(panel).getByRole('list', { name: 'Unmet conditions' });
    expect(within(unmet).getByText('AML hit “Juan Perez Lopez” has no disposition')).toBeTruthy();
    expect(within(unmet).getByText('Representative rep-2 was not opened')).toBeTruthy();
    expect((within(panel).getByRole('radio', { name: 'Approve' }) as HTMLInputElement).disabled).toBe(true);
    expect((within(panel).getByRole('radio', { name: 'Reject' }) as HTMLInputElement).disabled).toBe(false);
  });

  it('records a decision by the claim holder with the evidence snapshot it was made on', async () => {
    const fetchMock = caseBackend(
      'analyst',
      detailWith({ case: { state: 'in_review', assignee: analystRef } }),
    );
    fetchMock.post(`${casePath}/decision`, (request) => ({
      body: {
        case: caseSummary({ state: 'resolved', resolution: 'rejected', version: 4 }),
        decision: { ...(request.body as object), id: 'd-1' },
      },
    }));
    const { user } = renderApp(`/cases/${caseId}`);
    const panel = await decisionPanel();
    await user.click(within(panel).getByRole('switch', { name: 'Open the next case after deciding' }));
    await user.click(within(panel).getByRole('radio', { name: 'Reject' }));
    await user.click(within(panel).getByRole('combobox', { name: 'Reason' }));
    await user.click(await screen.findByRole('option', { name: 'Document expired' }));
    await user.click(within(panel).getByRole('button', { name: 'Record decision' }));

    await waitFor(() => expect(fetchMock.calls('POST', `${casePath}/decision`)).toHaveLength(1));
    expect(fetchMock.calls('POST', `${casePath}/decision`)[0]?.body).toEqual({
      version: 3,
      outcome: 'reject',
      reasonCode: 'expired_document',
      acknowledgedWarnings: [],
      acknowledgedGaps: [],
      viewHash: 'a'.repeat(64),
    });
    expect(fetchMock.calls('POST', '/api/cases/next')).toHaveLength(0);
  });

  it('explains a version conflict and loads the case as it now is', async () => {
    const fetchMock = mockFetch().signedInAs('analyst');
    let version = 3;
    fetchMock.get(casePath, () => ({
      body:
        version === 3
          ? detailWith({ case: { state: 'in_review', assignee: analystRef } })
          : detailWith({ case: { state: 'escalated', assignee: seniorRef, version } }),
    }));
    fetchMock.post(`${casePath}/decision`, () => {
      version = 5;
      return errorReply(
        409,
        'version_conflict',
        'The case changed since you loaded it (now version 5); reload and try again',
        {
          case: caseSummary({ state: 'escalated', assignee: seniorRef, version: 5 }),
        },
      );
    });
    const { user } = renderApp(`/cases/${caseId}`);
    const panel = await decisionPanel();
    await user.click(within(panel).getByRole('radio', { name: 'Escalate' }));
    await user.click(within(panel).getByRole('combobox', { name: 'Reason' }));
    await user.click(await screen.findByRole('option', { name: 'Second opinion wanted' }));
    await user.click(within(panel).getByRole('button', { name: 'Record decision' }));

    const alert = await within(panel).findByRole('alert');
    expect(alert.textContent).toContain('The case changed before your decision was recorded');
    expect(alert.textContent).toContain('It is now escalated, claimed by Demo senior.');
    await waitFor(() => expect(fetchMock.calls('GET', casePath).length).toBeGreaterThanOrEqual(2));
    expect(await within(panel).findByText('Escalated cases are decided by a senior analyst.')).toBeTruthy();
  });
});
