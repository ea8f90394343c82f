import { capaBusinessView } from '@review-desk/contracts/testing';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analystRef, caseDetail, caseSummary } from '@/testing/fixtures/cases';
import { mockFetch } from '@/testing/mock-fetch';
import { renderApp } from '@/testing/test-utils';

const caseId = caseSummary().id;

describe('a Capa business case', () => {
  it('shows the business and its owners, and the rail counts the owners still to open', async () => {
    const detail = caseDetail({
      view: capaBusinessView(),
      case: { subjectType: 'business', displayName: 'Tacos Norte SA de CV', assignee: analystRef },
    });
    detail.approval.unmet = [
      { code: 'owner_unviewed', label: 'Beneficial owner Ana Majority (60%) has not been opened', ref: '#0' },
      {
        code: 'owner_unviewed',
        label: 'Beneficial owner Bruno Quarter (25%) has not been opened',
        ref: '#1',
      },
    ];
    mockFetch().signedInAs('analyst').get(`/api/cases/${caseId}`, { body: detail });
    renderApp(`/cases/${caseId}`);

    const business = await screen.findByRole('region', { name: 'Business' });
    const owners = within(business).getByRole('table', { name: 'Beneficial owners' });
    expect(within(owners).getAllByText('Open before approval')).toHaveLength(2);
    expect(within(owners).getAllByRole('cell', { name: 'Not yet' })).toHaveLength(3);
    const rail = screen.getByRole('navigation', { name: 'Sections of the case' });
    expect(within(rail).getByText(/2 owners not opened/)).toBeTruthy();
    // The checks of a person do not apply to a business.
    expect(within(rail).queryByText('Face match')).toBeNull();
  });
});
