import { bareView, capaView, hostileView } from '@review-desk/contracts/testing';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { expectHostileStringsAsText } from '@/testing/hostile';
import { renderComponent } from '@/testing/test-utils';
import { FraudSection } from '../fraud-section';

describe('FraudSection', () => {
  it('shows the result, warnings and related-session insights', () => {
    renderComponent(<FraudSection provider="capa" section={capaView().fraud} />);
    expect(screen.getByText('Device seen on 3 other sessions')).toBeTruthy();
    expect(screen.getByText('UNRESOLVED')).toBeTruthy();
    const related = screen.getByRole('region', { name: 'Related-session insights' });
    expect(within(related).getByText('FAILED')).toBeTruthy();
    expect(within(related).getByText('DECLINED')).toBeTruthy();
  });

  it('says when related-session insights were not provided', () => {
    const fraud = capaView().fraud;
    if (!fraud.provided) throw new Error('fixture');
    renderComponent(
      <FraudSection provider="capa" section={{ ...fraud, relatedSessionInsights: { provided: false } }} />,
    );
    const related = screen.getByRole('region', { name: 'Related-session insights' });
    expect(within(related).getByText('Not provided by Capa')).toBeTruthy();
  });

  it('says when the section was not provided', () => {
    renderComponent(<FraudSection provider="capa" section={bareView('capa').fraud} />);
    expect(screen.getByText('Not provided by Capa')).toBeTruthy();
  });

  it('renders hostile strings as text', () => {
    const { container } = renderComponent(<FraudSection provider="capa" section={hostileView().fraud} />);
    expectHostileStringsAsText(container);
  });
});
