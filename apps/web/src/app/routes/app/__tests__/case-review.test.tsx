import { type Decision, outcomeRules } from '@review-desk/contracts';
import { bareView } from '@review-desk/contracts/testing';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analystRef, caseDetail, caseSummary, seniorRef } from '@/testing/fixtures/cases';
import { mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

const caseId = caseSummary().id;
const casePath = `/api/cases/${caseId}`;

const faceWarning = {
  ref: 'faceMatch:w1',
  section: 'faceMatch',
  code: 'FACE_MATCH_LOW_CONFIDENCE',
  message: null,
};
const relatedWarning = {
  ref: 'relatedSessions:w2',
  section: 'relatedSessions',
  code: 'RELATED_SESSIONS_FOUND',
  message: null,
};

const firstDecision: Decision = {
  id: 'decision-1',
  outcome: 'approve',
  reasonCode: 'pep_edd_completed',
  reasonLabel: 'PEP: enhanced due diligence completed',
  comment: 'Source of wealth: salary and a documented inheritance',
  decidedBy: analystRef,
  decidedAt: '2026-11-01T10:00:00.000Z',
  stage: 'first_of_two',
  fourEyesReasons: ['pep_true_match'],
  viewHash: 'a'.repeat(64),
  acknowledgedWarnings: ['faceMatch:w1'],
  acknowledgedGaps: [],
  acknowledgementsConfirmedFrom: null,
  dispositions: [
    {
      hitRef: 'hit-1',
      disposition: 'true_match',
      hitName: 'LAYLA AL-HASSAN',
      listTypes: ['pep'],
      comment: 'Same birth date and nationality',
      decidedBy: analystRef,
      decidedAt: '2026-11-01T09:55:00.000Z',
    },
  ],
  reviewOf: null,
  agreesWithFirst: null,
  supersededAt: null,
  evidenceChanges: [],
  reviewedRepresentatives: [],
};

const facts = {
  role: 'senior' as const,
  hits: [{ ref: 'hit-1', name: 'LAYLA AL-HASSAN', listTypes: ['pep' as const] }],
  dispositions: [{ hitRef: 'hit-1', disposition: 'true_match' as const, confirmed: true }],
  firstDecision: { outcome: 'approve' as const },
};

const reviewDetail = () =>
  caseDetail({
    view: bareView('capa'),
    case: { state: 'awaiting_second_review', assignee: seniorRef, firstReviewer: analystRef },
    decisions: [firstDecision],
    review: { decisionId: 'decision-1', evidenceChanges: [] },
    approval: {
      ...caseDetail().approval,
      warnings: [faceWarning],
      outcomes: outcomeRules(facts),
    },
  });

const proposedCard = () => screen.findByRole('region', { name: 'Proposed decision' });
const decisionPanel = () => screen.findByRole('region', { name: 'Decision' });

describe('the second review', () => {
  it('opens with the proposed decision: outcome, reason, note, who, acknowledgements and dispositions', async () => {
    mockFetch().signedInAs('senior').get(casePath, { body: reviewDetail() });
    renderApp(`/cases/${caseId}`);
    const card = await proposedCard();
    expect(within(card).getByRole('heading', { name: 'Proposed decision: Approve' })).toBeTruthy();
    expect(within(card).getByText(/PEP: enhanced due diligence completed · Demo analyst/)).toBeTruthy();
    expect(within(card).getByText('Source of wealth: salary and a documented inheritance')).toBeTruthy();
    const acknowledged = within(card).getByRole('list', { name: 'Acknowledged' });
    expect(acknowledged.textContent).toContain('Face match: the selfie and the document photo match');
    const dispositions = within(card).getByRole('list', { name: 'Dispositions of the decision' });
    expect(within(dispositions).getByLabelText('Disposition: True match')).toBeTruthy();
    expect(dispositions.textContent).toContain('LAYLA AL-HASSAN (PEP)');
    expect(dispositions.textContent).toContain('by Demo analyst: Same birth date and nationality');
  });

  it('agrees in one action, confirming the first acknowledgements as such', async () => {
    const fetchMock = mockFetch().signedInAs('senior').get(casePath, { body: reviewDetail() });
    fetchMock.post(`${casePath}/decision`, (request) => ({
      body: {
        case: caseSummary({ state: 'resolved', resolution: 'approved', version: 5 }),
        decision: { ...firstDecision, ...(request.body as object), id: 'decision-2', stage: 'second_of_two' },
      },
    }));
    const { user } = renderApp(`/cases/${caseId}`);
    const card = await proposedCard();
    await user.click(within(card).getByRole('button', { name: 'Agree: approve' }));
    await user.click(within(card).getByRole('checkbox', { name: 'Confirm the 1 acknowledgement above' }));
    const panel = await decisionPanel();
    // Pasted rather than typed: each keystroke re-renders the page.
    await user.click(within(panel).getByRole('textbox', { name: /Note for the record/ }));
    await user.paste('EDD reviewed: the inheritance is documented');
    await user.click(within(panel).getByRole('switch', { name: 'Open the next case after deciding' }));
    await user.click(within(panel).getByRole('button', { name: 'Record decision' }));
    await waitFor(() => expect(fetchMock.calls('POST', `${casePath}/decision`)).toHaveLength(1));
    expect(fetchMock.calls('POST', `${casePath}/decision`)[0]?.body).toMatchObject({
      outcome: 'approve',
      reasonCode: 'pep_edd_completed',
      confirmFirstAcknowledgements: true,
    });
    // The notification says what happened and links back to the case.
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain('Approve recorded');
    expect(notice.textContent).toContain('it is now resolved');
    expect(within(notice).getByRole('link', { name: 'Open that case' }).getAttribute('href')).toBe(
      `/cases/${caseId}`,
    );
  });

  it('disagrees only with another outcome and a note; the case goes on to a senior as escalated', async () => {
    const fetchMock = mockFetch().signedInAs('senior').get(casePath, { body: reviewDetail() });
    fetchMock.post(`${casePath}/decision`, (request) => ({
      body: {
        case: caseSummary({ state: 'escalated', version: 5 }),
        decision: { ...firstDecision, ...(request.body as object), id: 'decision-2', stage: 'second_of_two' },
      },
    }));
    const { user } = renderApp(`/cases/${caseId}`);
    const card = await proposedCard();
    await user.click(within(card).getByRole('button', { name: 'Disagree' }));
    const panel = await decisionPanel();
    expect((within(panel).getByRole('radio', { name: 'Approve' }) as HTMLInputElement).disabled).toBe(true);
    await user.click(within(panel).getByRole('radio', { name: 'Reject' }));
    await user.click(within(panel).getByRole('combobox', { name: 'Reason' }));
    await user.click(await screen.findByRole('option', { name: 'AML hit is a true match' }));
    const record = within(panel).getByRole('button', { name: 'Record decision' }) as HTMLButtonElement;
    expect(record.disabled).toBe(true);
    expect(within(panel).getByText(/Say why you disagree with the first decision/)).toBeTruthy();
    await user.click(within(panel).getByRole('textbox', { name: /Note for the record/ }));
    await user.paste('Source of funds unproven');
    await user.click(within(panel).getByRole('switch', { name: 'Open the next case after deciding' }));
    expect(record.disabled).toBe(false);
    await user.click(record);
    await waitFor(() => expect(fetchMock.calls('POST', `${casePath}/decision`)).toHaveLength(1));
    expect(fetchMock.calls('POST', `${casePath}/decision`)[0]?.body).toMatchObject({
      outcome: 'reject',
      comment: 'Source of funds unproven',
    });
    expect((await screen.findByRole('status')).textContent).toContain('it is now escalated');
  });
});

describe('after recording a decision', () => {
  it('says what happened even when the next case opens, with a link back to the decided case', async () => {
    const nextId = 'c0ffee00-0000-4000-8000-000000000009';
    const fetchMock = mockFetch().signedInAs('senior').get(casePath, { body: reviewDetail() });
    fetchMock.post(`${casePath}/decision`, (request) => ({
      body: {
        case: caseSummary({ state: 'resolved', resolution: 'approved', version: 5 }),
        decision: { ...firstDecision, ...(request.body as object), id: 'decision-2', stage: 'second_of_two' },
      },
    }));
    fetchMock.post('/api/cases/next', {
      body: { case: caseSummary({ id: nextId, displayName: 'Next Person', assignee: seniorRef }) },
    });
    fetchMock.get(`/api/cases/${nextId}`, {
      body: caseDetail({ case: { id: nextId, displayName: 'Next Person', assignee: seniorRef } }),
    });
    const { user } = renderApp(`/cases/${caseId}`);
    const card = await proposedCard();
    await user.click(within(card).getByRole('button', { name: 'Agree: approve' }));
    await user.click(within(card).getByRole('checkbox', { name: 'Confirm the 1 acknowledgement above' }));
    const panel = await decisionPanel();
    await user.click(within(panel).getByRole('textbox', { name: /Note for the record/ }));
    await user.paste('EDD reviewed: the inheritance is documented');
    expect(
      (within(panel).getByRole('switch', { name: 'Open the next case after deciding' }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    await user.click(within(panel).getByRole('button', { name: 'Record decision' }));
    await waitFor(() => expect(fetchMock.calls('POST', '/api/cases/next')).toHaveLength(1));
    await screen.findByRole('heading', { name: /Next Person/ });
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain('Approve recorded');
    expect(within(notice).getByRole('link', { name: 'Open that case' }).getAttribute('href')).toBe(
      `/cases/${caseId}`,
    );
  });
});

describe('a first decision voided by a change of the verification', () => {
  it('tells the second reviewer what changed, in the words of the page', async () => {
    const detail = reviewDetail();
    mockFetch()
      .signedInAs('senior')
      .get(casePath, {
        body: {
          ...detail,
          review: { decisionId: 'decision-1', evidenceChanges: ['idInfo.birthDate', 'aml'] },
        },
      });
    renderApp(`/cases/${caseId}`);
    const card = await proposedCard();
    expect(within(card).getByRole('alert').textContent).toContain(
      'Changed: ID document: birth date; AML screening.',
    );
  });

  it('shows the case back in the queue with the void decision and what changed', async () => {
    mockFetch()
      .signedInAs('analyst')
      .get(casePath, {
        body: caseDetail({
          view: bareView('capa'),
          case: { state: 'reopened', assignee: null, firstReviewer: null },
          decisions: [
            {
              ...firstDecision,
              supersededAt: '2026-11-01T11:00:00.000Z',
              evidenceChanges: ['journey.entityApplications', 'subject.birthDate'],
            },
          ],
          review: null,
        }),
      });
    renderApp(`/cases/${caseId}`);
    const voided = await screen.findByRole('note', { name: 'Decision voided' });
    expect(voided.textContent).toContain("Demo analyst's decision to approve");
    expect(
      within(voided)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['connectFi journey: entity applications', 'Subject: birth date']);
    expect(screen.queryByRole('region', { name: 'Proposed decision' })).toBeNull();
  });
});

describe('warnings beside their evidence', () => {
  it('acknowledges a warning from its section and from the decision panel alike', async () => {
    mockFetch()
      .signedInAs('analyst')
      .get(casePath, {
        body: caseDetail({
          view: bareView('capa'),
          case: { state: 'in_review', assignee: analystRef },
          approval: { ...caseDetail().approval, warnings: [faceWarning] },
        }),
      });
    const { user } = renderApp(`/cases/${caseId}`);
    const beside = await screen.findByRole('region', { name: 'Warnings to acknowledge' });
    const inSection = within(beside).getByRole('checkbox', { name: /Face match: the selfie/ });
    await user.click(inSection);
    const panel = await decisionPanel();
    await user.click(within(panel).getByRole('radio', { name: 'Approve' }));
    const inPanel = within(panel).getByRole('checkbox', {
      name: /Face match: the selfie/,
    }) as HTMLInputElement;
    expect(inPanel.checked).toBe(true);
    await user.click(inPanel);
    expect((inSection as HTMLInputElement).checked).toBe(false);
  });

  it('links a related-sessions warning to the cases the desk knows of the same person', async () => {
    mockFetch()
      .signedInAs('analyst')
      .get(casePath, {
        body: caseDetail({
          view: bareView('capa'),
          approval: { ...caseDetail().approval, warnings: [relatedWarning] },
          related: [
            {
              caseId: 'c0ffee00-0000-4000-8000-000000000002',
              provider: 'connectfi',
              displayName: 'Layla Al-Hassan',
              state: 'resolved',
              resolution: 'rejected',
              matchedOn: ['name_birth_date'],
              createdAt: '2026-10-01T09:00:00.000Z',
              conflicting: false,
            },
          ],
        }),
      });
    renderApp(`/cases/${caseId}`);
    const beside = await screen.findByRole('region', { name: 'Warnings to acknowledge' });
    expect(within(beside).getByRole('link', { name: 'Layla Al-Hassan' }).getAttribute('href')).toBe(
      '/cases/c0ffee00-0000-4000-8000-000000000002',
    );
  });
});

describe('a provider that stops answering mid-review', () => {
  it('keeps the last loaded verification, marked with its time, and blocks deciding', async () => {
    const live = caseDetail({ case: { state: 'in_review', assignee: analystRef } });
    const failing = {
      ...live,
      view: null,
      viewHash: null,
      viewError: {
        code: 'upstream_circuit_open',
        message: 'Capa is not answering',
        requestId: 'req-42',
        details: { provider: 'capa', kind: 'circuit_open' },
      },
    };
    let reply = live;
    mockFetch()
      .signedInAs('analyst')
      .get(casePath, () => ({ body: reply }));
    const { queryClient } = renderApp(`/cases/${caseId}`);
    await screen.findByRole('region', { name: 'Face match' });
    reply = failing;
    await queryClient.refetchQueries();

    const notice = await screen.findByText(/^As of \d\d:\d\d, Capa is not answering$/);
    const alert = notice.closest('[role="status"]') as HTMLElement;
    expect(alert.textContent).toContain('Retrying in 10 s');
    expect(alert.textContent).toContain('Code upstream_circuit_open');
    expect(screen.getByRole('region', { name: 'Face match' })).toBeTruthy();
    const panel = await decisionPanel();
    expect(within(panel).getByText(/The verification shown is not live/)).toBeTruthy();
    expect(
      (within(panel).getByRole('button', { name: 'Record decision' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('says plainly that the provider is not answering when there is nothing to keep, code below', async () => {
    mockFetch()
      .signedInAs('analyst')
      .get(casePath, {
        body: caseDetail({
          view: null,
          viewHash: null,
          viewError: { code: 'upstream_timeout', message: 'Capa is not answering', requestId: 'req-7' },
        }),
      });
    renderApp(`/cases/${caseId}`);
    const alert = await screen.findByText('Capa is not answering; retrying in 10 s');
    expect(alert.closest('[role="alert"]')?.textContent).toContain('upstream_timeout');
  });
});
