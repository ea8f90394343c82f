import { bareView, capaView, connectfiView, hostileView } from '@review-desk/contracts/testing';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { expectHostileStringsAsText } from '@/testing/hostile';
import { renderComponent } from '@/testing/test-utils';
import { HeaderSection } from '../header-section';

describe('HeaderSection', () => {
  it('shows the subject, provider, verification result and upstream status', () => {
    const view = connectfiView();
    renderComponent(
      <HeaderSection provider={view.provider} subject={view.subject} verification={view.verification} />,
    );
    const region = screen.getByRole('region', { name: 'Verification' });
    expect(within(region).getByText('Acme Exports SA de CV')).toBeTruthy();
    expect(within(region).getByText('connectFi')).toBeTruthy();
    expect(within(region).getByText('Business')).toBeTruthy();
    expect(within(region).getByText('cf-cust-9')).toBeTruthy();
    expect(within(region).getAllByText('waiting_review').length).toBeGreaterThan(0);
  });

  it('shows the Capa external user id and REVIEW_NEEDED result', () => {
    const view = capaView();
    renderComponent(
      <HeaderSection provider={view.provider} subject={view.subject} verification={view.verification} />,
    );
    expect(screen.getByText('ext-42')).toBeTruthy();
    expect(screen.getByText('REVIEW_NEEDED')).toBeTruthy();
    expect(screen.getByText('•••••5678')).toBeTruthy();
  });

  it('says the verification was not provided instead of leaving it blank', () => {
    const view = bareView('capa');
    renderComponent(
      <HeaderSection provider={view.provider} subject={view.subject} verification={view.verification} />,
    );
    expect(screen.getByText('Not provided by Capa')).toBeTruthy();
    expect(screen.getByText('Name not given')).toBeTruthy();
  });

  it('renders hostile strings as text', () => {
    const view = hostileView();
    const { container } = renderComponent(
      <HeaderSection provider={view.provider} subject={view.subject} verification={view.verification} />,
    );
    expectHostileStringsAsText(container);
  });
});
