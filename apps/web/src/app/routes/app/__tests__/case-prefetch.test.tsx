import { bareView } from '@review-desk/contracts/testing';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeEventSource } from '@/testing/fake-event-source';
import { analystRef, caseDetail, caseSummary } from '@/testing/fixtures/cases';
import { errorReply, type MockReply, mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

const current = caseSummary({ state: 'in_review', assignee: analystRef });
// Both cases carry the same warning, so an acknowledgement carried over would show as ticked on the next one.
const faceWarning = {
  ref: 'faceMatch:w1',
  section: 'faceMatch',
  code: 'FACE_MATCH_LOW_CONFIDENCE',
  message: null,
};
const approval = { ...caseDetail().approval, warnings: [faceWarning] };
const next = caseSummary({ id: '7b1d6a52-0000-4000-8000-000000000002', displayName: 'Next Subject' });

/** The analyst holds `current`; "next case" would hand out `next`, whose claim answers `claimReply`. */
function backend(claimReply: Promise<MockReply>) {
  let nextNow = next;
  const claim = claimReply.then((reply) => {
    const claimed = (reply.body as { case?: typeof next } | undefined)?.case;
    if (claimed) nextNow = claimed;
    return reply;
  });
  return (
    mockFetch()
      .signedInAs('analyst')
      .get(`/api/cases/${current.id}`, {
        body: caseDetail({ view: bareView('capa'), case: current, approval }),
      })
      .get('/api/cases', { body: { items: [next], nextCursor: null, facets: null } })
      // Its own verification, so that its page tells itself apart by the name in its header.
      .get(`/api/cases/${next.id}`, () => ({ body: caseDetail({ case: nextNow, approval }) }))
      .post(`/api/cases/${current.id}/decision`, (request) => ({
        body: {
          case: { ...current, state: 'resolved', resolution: 'rejected', assignee: null, version: 4 },
          decision: { ...(request.body as object), id: 'd-1' },
        },
      }))
      .post('/api/cases/next', () => claim)
  );
}

/** Rejects the open case with "open the next case after deciding" on (its default). */
async function rejectCase(user: ReturnType<typeof renderApp>['user']) {
  const panel = await screen.findByRole('region', { name: 'Decision' });
  await user.click(within(panel).getByRole('radio', { name: 'Reject' }));
  await user.click(within(panel).getByRole('combobox', { name: 'Reason' }));
  await user.click(await screen.findByRole('option', { name: 'Document expired' }));
  await user.click(within(panel).getByRole('button', { name: 'Record decision' }));
}

const rejectRadio = () =>
  within(screen.getByRole('region', { name: 'Decision' })).getByRole('radio', {
    name: 'Reject',
  }) as HTMLInputElement;

describe('the next case, loaded ahead', () => {
  it('loads the case "next case" would open while the reviewer works this one', async () => {
    const fetchMock = backend(new Promise(() => {}));
    renderApp(`/cases/${current.id}`);
    await screen.findByRole('region', { name: 'Decision' });
    await waitFor(() => expect(fetchMock.calls('GET', `/api/cases/${next.id}`)).toHaveLength(1));
    const list = fetchMock.calls('GET', '/api/cases')[0];
    expect(list?.searchParams.get('assignee')).toBe('unassigned');
    expect(list?.searchParams.get('sort')).toBe('priority');
    // The states "next case" hands an analyst: not second reviews or escalations, which are a senior's.
    expect(list?.searchParams.getAll('state').sort()).toEqual(['in_review', 'open', 'reopened']);
  });

  it('loads nothing ahead for someone who does not hold the case', async () => {
    const fetchMock = mockFetch()
      .signedInAs('analyst')
      .get(`/api/cases/${current.id}`, { body: caseDetail({ view: bareView('capa') }) });
    renderApp(`/cases/${current.id}`);
    await screen.findByRole('region', { name: 'Decision' });
    expect(fetchMock.calls('GET', '/api/cases')).toHaveLength(0);
  });

  it('opens it as soon as the decision is recorded, and lets the reviewer decide once its claim is in', async () => {
    let answerClaim: (reply: MockReply) => void = () => {};
    const claimed = { ...next, state: 'in_review' as const, assignee: analystRef, version: next.version + 1 };
    const fetchMock = backend(new Promise((resolve) => (answerClaim = resolve)));
    const { user } = renderApp(`/cases/${current.id}`);
    await waitFor(() => expect(fetchMock.calls('GET', `/api/cases/${next.id}`)).toHaveLength(1));
    await rejectCase(user);

    // Drawn from what was loaded ahead while the claim is still unanswered; deciding waits for the claim.
    await screen.findByRole('heading', { name: /Next Subject/ });
    expect(fetchMock.calls('POST', '/api/cases/next')).toHaveLength(1);
    expect(screen.getByText('Claiming this case for you…')).toBeTruthy();
    expect(rejectRadio().disabled).toBe(true);

    answerClaim({ body: { case: claimed } });
    await waitFor(() => expect(rejectRadio().disabled).toBe(false));
    expect(screen.queryByText('Claiming this case for you…')).toBeNull();
  });

  it('says so when the claim of the case opened ahead fails, and keeps deciding closed', async () => {
    const fetchMock = backend(Promise.resolve(errorReply(503, 'unavailable', 'The desk is restarting')));
    const { user } = renderApp(`/cases/${current.id}`);
    await waitFor(() => expect(fetchMock.calls('GET', `/api/cases/${next.id}`)).toHaveLength(1));
    await rejectCase(user);

    await screen.findByRole('heading', { name: /Next Subject/ });
    await screen.findByText('The next case could not be claimed for you');
    expect(rejectRadio().disabled).toBe(true);
  });

  it('leaves nothing of the case left with "n" on the next one: outcome, reason, note, acknowledgements', async () => {
    const claimed = { ...next, state: 'in_review' as const, assignee: analystRef, version: next.version + 1 };
    const fetchMock = backend(Promise.resolve({ body: { case: claimed } }));
    const { user } = renderApp(`/cases/${current.id}`);
    await waitFor(() => expect(fetchMock.calls('GET', `/api/cases/${next.id}`)).toHaveLength(1));
    const panel = await screen.findByRole('region', { name: 'Decision' });
    await user.click(within(panel).getByRole('radio', { name: 'Reject' }));
    await user.click(within(panel).getByRole('combobox', { name: 'Reason' }));
    await user.click(await screen.findByRole('option', { name: 'Document expired' }));
    await user.type(within(panel).getByRole('textbox', { name: /Note for the record/ }), 'Half-written note');
    const beside = screen.getByRole('region', { name: 'Warnings to acknowledge' });
    await user.click(within(beside).getByRole('checkbox', { name: /Face match: the selfie/ }));
    // Left without deciding: the keys act once the focus is out of the form's text field.
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('n');

    await screen.findByRole('heading', { name: /Next Subject/ });
    await waitFor(() => expect(rejectRadio().disabled).toBe(false));
    const nextPanel = screen.getByRole('region', { name: 'Decision' });
    const outcomes = within(nextPanel).getAllByRole('radio') as HTMLInputElement[];
    expect(outcomes.filter((radio) => radio.checked)).toEqual([]);
    expect(within(nextPanel).queryByRole('combobox', { name: 'Reason' })?.textContent ?? '').not.toMatch(
      /Document expired/,
    );
    expect(within(nextPanel).queryByDisplayValue('Half-written note')).toBeNull();
    const warnings = within(screen.getByRole('region', { name: 'Warnings to acknowledge' }));
    expect(
      (warnings.getByRole('checkbox', { name: /Face match: the selfie/ }) as HTMLInputElement).checked,
    ).toBe(false);
  });

  it('shows a change to the case that arrives while its decision is under way, once the decision is answered', async () => {
    let answerDecision: (reply: MockReply) => void = () => {};
    const fetchMock = backend(new Promise(() => {}));
    fetchMock.post(
      `/api/cases/${current.id}/decision`,
      () => new Promise<MockReply>((resolve) => (answerDecision = resolve)),
    );
    const { user } = renderApp(`/cases/${current.id}`);
    await waitFor(() => expect(fetchMock.calls('GET', `/api/cases/${next.id}`)).toHaveLength(1));
    await rejectCase(user);
    await waitFor(() => expect(fetchMock.calls('POST', `/api/cases/${current.id}/decision`)).toHaveLength(1));

    // The provider's status changes before the decision's answer, which then fails: the case stays open, and
    // the change is on it.
    FakeEventSource.latest()?.emit('case', {
      type: 'updated',
      caseId: current.id,
      version: current.version + 1,
      case: { ...current, version: current.version + 1, upstreamStatus: 'RESUBMITTED' },
    });
    answerDecision(errorReply(503, 'unavailable', 'The desk is restarting'));

    expect(await screen.findByText('RESUBMITTED')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: /Next Subject/ })).toBeNull();
  });
});
