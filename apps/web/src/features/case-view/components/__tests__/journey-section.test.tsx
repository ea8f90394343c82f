import { bareView, connectfiView, hostileView } from '@review-desk/contracts/testing';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { expectHostileStringsAsText } from '@/testing/hostile';
import { renderComponent } from '@/testing/test-utils';
import { JourneySection } from '../journey-section';

describe('JourneySection', () => {
  it('shows the application, journey status and the customer KYC status', () => {
    renderComponent(<JourneySection provider="connectfi" section={connectfiView().journey} />);
    expect(screen.getAllByText('app-77').length).toBeGreaterThan(0);
    expect(screen.getByText('agg-3')).toBeTruthy();
    expect(screen.getByText('WAITING_REVIEW')).toBeTruthy();
  });

  it('separates the business customer from its representatives', () => {
    renderComponent(<JourneySection provider="connectfi" section={connectfiView().journey} />);
    const customer = screen.getByRole('table', { name: 'Customer' });
    expect(within(customer).getByText('cf-cust-9')).toBeTruthy();
    expect(within(customer).getByText('Business customer')).toBeTruthy();
    const representatives = screen.getByRole('table', { name: 'Business representatives' });
    expect(within(representatives).getAllByText('Business representative')).toHaveLength(2);
    expect(within(representatives).getByText('approved')).toBeTruthy();
    expect(within(representatives).getByText('on_hold')).toBeTruthy();
    expect(within(representatives).getByText('unrecognised value')).toBeTruthy();
  });

  it('records an entity application as viewed when it is opened, and shows which were opened', async () => {
    const onEvidenceViewed = vi.fn();
    const { user } = renderComponent(
      <JourneySection
        provider="connectfi"
        section={connectfiView().journey}
        viewedEntityIds={new Set(['rep-1'])}
        onEvidenceViewed={onEvidenceViewed}
      />,
    );
    const representatives = screen.getByRole('table', { name: 'Business representatives' });
    expect(within(representatives).getByRole('cell', { name: 'Opened' })).toBeTruthy();
    expect(within(representatives).getByRole('cell', { name: 'Not yet' })).toBeTruthy();
    await user.click(within(representatives).getByRole('button', { name: 'Open application rep-2' }));
    expect(onEvidenceViewed).toHaveBeenCalledWith('entity_application', 'rep-2');
    expect(within(representatives).getByText('Is the customer')).toBeTruthy();
  });

  it('says the journey was not provided by Capa', () => {
    renderComponent(<JourneySection provider="capa" section={bareView('capa').journey} />);
    expect(screen.getByText('Not provided by Capa')).toBeTruthy();
  });

  it('renders hostile strings as text', () => {
    const { container } = renderComponent(
      <JourneySection provider="connectfi" section={hostileView(connectfiView()).journey} />,
    );
    expectHostileStringsAsText(container);
  });
});
