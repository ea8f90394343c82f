import { capaBusinessView, hostileView } from '@review-desk/contracts/testing';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { expectHostileStringsAsText } from '@/testing/hostile';
import { renderComponent } from '@/testing/test-utils';
import { BusinessSection } from '../business-section';
import { CaseViewSections } from '../case-view-sections';

const section = () => {
  const business = capaBusinessView().business;
  if (!business) throw new Error('the fixture has a business');
  return business;
};

describe('BusinessSection', () => {
  it('shows the business, its masked tax id and the owners with their shares', () => {
    renderComponent(<BusinessSection provider="capa" section={section()} />);
    expect(screen.getAllByText('Tacos Norte SA de CV').length).toBeGreaterThan(0);
    expect(screen.getByText('MX')).toBeTruthy();
    expect(screen.getByText('•••••2AB1')).toBeTruthy();
    const owners = screen.getByRole('table', { name: 'Beneficial owners' });
    expect(within(owners).getByText('Ana Majority')).toBeTruthy();
    expect(within(owners).getByText('60%')).toBeTruthy();
    // 25% and more must be opened before approval; 15% need not.
    expect(within(owners).getAllByText('Open before approval')).toHaveLength(2);
  });

  it('records an owner as opened and shows which the reviewer has opened', async () => {
    const onEvidenceViewed = vi.fn();
    const { user } = renderComponent(
      <BusinessSection
        provider="capa"
        section={section()}
        viewedOwnerRefs={new Set(['#0'])}
        onEvidenceViewed={onEvidenceViewed}
      />,
    );
    const owners = screen.getByRole('table', { name: 'Beneficial owners' });
    expect(within(owners).getAllByRole('cell', { name: 'Opened' })).toHaveLength(1);
    await user.click(within(owners).getByRole('button', { name: 'Open owner Bruno Quarter' }));
    expect(onEvidenceViewed).toHaveBeenCalledWith('beneficial_owner', '#1');
    expect(within(owners).getByText('Full name')).toBeTruthy();
  });

  it('says when Capa gave no share, and asks for that owner to be opened', () => {
    const odd = { ...section(), beneficialOwners: [{ ref: '#0', fullName: null, ownershipPercent: null }] };
    renderComponent(<BusinessSection provider="capa" section={odd} />);
    expect(screen.getByText('Share not given')).toBeTruthy();
    expect(screen.getByText('Open before approval')).toBeTruthy();
  });

  it('is what a business case shows instead of the sections about a person', () => {
    renderComponent(<CaseViewSections view={capaBusinessView()} />);
    expect(screen.getByRole('region', { name: 'Business' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Face match' })).toBeNull();
    // The header names the business by its tax id, not a birth date or a document.
    const header = screen.getByRole('region', { name: 'Verification' });
    expect(within(header).getByText('Tax id')).toBeTruthy();
    expect(within(header).queryByText('Date of birth')).toBeNull();
  });

  it('renders hostile strings as text', () => {
    const { container } = renderComponent(<CaseViewSections view={hostileView(capaBusinessView())} />);
    expectHostileStringsAsText(container);
  });
});
