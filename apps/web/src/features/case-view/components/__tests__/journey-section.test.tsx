import { bareView, connectfiView, hostileView } from '@review-desk/contracts/testing';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
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

  it("opens an entity application's review by keyboard, and shows which were opened", async () => {
    const { user } = renderComponent(
      <JourneySection
        provider="connectfi"
        section={connectfiView().journey}
        viewedEntityIds={new Set(['rep-1'])}
        entityReview={(entityId) => <p>Review of {entityId}</p>}
      />,
    );
    const representatives = screen.getByRole('table', { name: 'Business representatives' });
    expect(within(representatives).getByRole('cell', { name: 'Opened' })).toBeTruthy();
    expect(within(representatives).getByRole('cell', { name: 'Not yet' })).toBeTruthy();
    const open = within(representatives).getByRole('button', { name: 'Open application rep-2' });
    open.focus();
    await user.keyboard('{Enter}');
    expect(open.getAttribute('aria-expanded')).toBe('true');
    const panel = document.getElementById(open.getAttribute('aria-controls') ?? '');
    expect(panel?.textContent).toBe('Review of rep-2');
    await user.keyboard('{Enter}');
    expect(within(representatives).queryByText('Review of rep-2')).toBeNull();
  });

  it("shows the application's own fields where there is no case to review it in", async () => {
    const { user } = renderComponent(
      <JourneySection provider="connectfi" section={connectfiView().journey} />,
    );
    const representatives = screen.getByRole('table', { name: 'Business representatives' });
    await user.click(within(representatives).getByRole('button', { name: 'Open application rep-2' }));
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
