import { bareView, capaView, hostileView } from '@review-desk/contracts/testing';
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { expectHostileStringsAsText } from '@/testing/hostile';
import { renderComponent } from '@/testing/test-utils';
import { ClientReferenceSection } from '../client-reference-section';

describe('ClientReferenceSection', () => {
  it('shows profession, phone and birth country, with the tax id masked', () => {
    renderComponent(<ClientReferenceSection provider="capa" section={capaView().clientReference} />);
    expect(screen.getByText('Architect')).toBeTruthy();
    expect(screen.getByText('+52 55 1234 5678')).toBeTruthy();
    expect(screen.getByText('MX')).toBeTruthy();
    expect(screen.queryByText('LOGM900517AB1')).toBeNull();
    expect(screen.getByText('•••••7AB1')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reveal tax id' })).toBeNull();
  });

  it('keeps a value the server masked as it is', () => {
    const section = capaView().clientReference;
    if (!section.provided) throw new Error('fixture');
    renderComponent(<ClientReferenceSection provider="capa" section={{ ...section, taxId: '•••••7AB1' }} />);
    expect(screen.getByText('•••••7AB1')).toBeTruthy();
  });

  it('reveals the tax id through the audited endpoint', async () => {
    const onReveal = vi.fn(async () => 'LOGM900517AB1');
    const { user } = renderComponent(
      <ClientReferenceSection
        provider="capa"
        section={capaView().clientReference}
        onRevealTaxId={onReveal}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Reveal tax id' }));
    expect(await screen.findByText('LOGM900517AB1')).toBeTruthy();
    expect(screen.getByText('Revealed; recorded in the audit trail.')).toBeTruthy();
  });

  it('says when the section was not provided', () => {
    renderComponent(
      <ClientReferenceSection provider="connectfi" section={bareView('connectfi').clientReference} />,
    );
    expect(screen.getByText('Not provided by connectFi')).toBeTruthy();
  });

  it('renders hostile strings as text', () => {
    const { container } = renderComponent(
      <ClientReferenceSection provider="capa" section={hostileView().clientReference} />,
    );
    expectHostileStringsAsText(container);
  });
});
