import { capaView } from '@review-desk/contracts/testing';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analystRef, caseDetail, caseSummary } from '@/testing/fixtures/cases';
import { mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

const caseId = caseSummary().id;
const casePath = `/api/cases/${caseId}`;

function backend(claimed: boolean) {
  const detail = caseDetail({
    view: capaView(),
    ...(claimed ? { case: { state: 'in_review', assignee: analystRef } } : {}),
  });
  return mockFetch().signedInAs('analyst').get(casePath, { body: detail });
}

const decisionPanel = () => screen.findByRole('region', { name: 'Decision' });
const focusedHitRef = () => document.activeElement?.getAttribute('data-hit-ref') ?? null;

describe('reviewing a case by keyboard', () => {
  it('claims with c', async () => {
    const fetchMock = backend(false);
    fetchMock.post(`${casePath}/claim`, {
      body: { case: caseSummary({ state: 'in_review', assignee: analystRef, version: 4 }) },
    });
    const { user } = renderApp(`/cases/${caseId}`);
    await decisionPanel();
    await user.keyboard('c');
    await waitFor(() => expect(fetchMock.calls('POST', `${casePath}/claim`)).toHaveLength(1));
    expect(fetchMock.calls('POST', `${casePath}/claim`)[0]?.body).toEqual({ version: 3 });
  });

  it('moves through sections and hits with j / k, opens a hit with o and disposes of it with 2', async () => {
    const fetchMock = backend(true);
    fetchMock.post(`${casePath}/evidence-viewed`, { status: 500, body: {} });
    fetchMock.post(`${casePath}/dispositions`, { status: 500, body: {} });
    const { user } = renderApp(`/cases/${caseId}`);
    await decisionPanel();
    await user.keyboard('j');
    expect(document.activeElement?.id).toBe('section-header');
    // Down the sections to the first AML hit; the focus is always on a visible stop.
    for (let step = 0; step < 12 && focusedHitRef() === null; step++) await user.keyboard('j');
    expect(focusedHitRef()).toBe('hit-1');
    await user.keyboard('j');
    expect(focusedHitRef()).toBe('#1');
    await user.keyboard('k');
    expect(focusedHitRef()).toBe('hit-1');
    await user.keyboard('o');
    expect(screen.getByRole('button', { name: 'Hide listing details for Juan Perez Lopez' })).toBeTruthy();
    await waitFor(() => expect(fetchMock.calls('POST', `${casePath}/evidence-viewed`)).toHaveLength(1));
    await user.keyboard('2');
    await waitFor(() => expect(fetchMock.calls('POST', `${casePath}/dispositions`)).toHaveLength(1));
    expect(fetchMock.calls('POST', `${casePath}/dispositions`)[0]?.body).toMatchObject({
      hitRef: 'hit-1',
      disposition: 'false_positive',
    });
  });

  it('chooses the outcome with a letter, the reason from the list, and records with Enter', async () => {
    const fetchMock = backend(true);
    fetchMock.post(`${casePath}/decision`, { status: 500, body: {} });
    const { user } = renderApp(`/cases/${caseId}`);
    const panel = await decisionPanel();
    await user.keyboard('r');
    expect((within(panel).getByRole('radio', { name: 'Reject' }) as HTMLInputElement).checked).toBe(true);
    const reason = within(panel).getByRole('combobox', { name: 'Reason' });
    // The focus moves once the enabled list has been drawn (the next frame).
    await waitFor(() => expect(document.activeElement).toBe(reason));
    // No reason yet: Enter opens the list rather than recording.
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('option', { name: 'Document expired' }));
    expect(fetchMock.calls('POST', `${casePath}/decision`)).toHaveLength(0);
    reason.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fetchMock.calls('POST', `${casePath}/decision`)).toHaveLength(1));
    expect(fetchMock.calls('POST', `${casePath}/decision`)[0]?.body).toMatchObject({
      outcome: 'reject',
      reasonCode: 'expired_document',
    });
  });

  it('takes no shortcut while the reviewer types in a field', async () => {
    backend(true);
    const { user } = renderApp(`/cases/${caseId}`);
    const panel = await decisionPanel();
    await user.click(within(panel).getByRole('textbox', { name: /Note for the record/ }));
    await user.keyboard('are 2 j?');
    expect(
      (within(panel).getByRole('textbox', { name: /Note for the record/ }) as HTMLTextAreaElement).value,
    ).toBe('are 2 j?');
    for (const radio of within(panel).getAllByRole('radio'))
      expect((radio as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
  });

  it('lists every shortcut on ?', async () => {
    backend(true);
    const { user } = renderApp(`/cases/${caseId}`);
    await decisionPanel();
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const does of [
      'Claim the case, or release it',
      'Record the decision, once its reason is chosen',
      'Claim and open the next case',
    ])
      expect(within(dialog).getByText(does)).toBeTruthy();
  });
});
