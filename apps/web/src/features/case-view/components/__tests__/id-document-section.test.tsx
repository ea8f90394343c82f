import { bareView, capaView, hostileView } from '@review-desk/contracts/testing';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { expectHostileStringsAsText } from '@/testing/hostile';
import { renderComponent } from '@/testing/test-utils';
import { IdDocumentSection } from '../id-document-section';

const source = { provider: 'capa' as const, subjectId: 'capa-user-1' };

describe('IdDocumentSection', () => {
  it('shows every document field, with the document number masked', () => {
    const view = capaView();
    renderComponent(
      <IdDocumentSection provider="capa" section={view.idInfo} media={view.media} source={source} />,
    );
    expect(screen.getByText('María Fernanda López García')).toBeTruthy();
    expect(screen.getByText('INE')).toBeTruthy();
    expect(screen.getByText('Calle 5 de Mayo 10, Ciudad de México')).toBeTruthy();
    expect(screen.queryByText('LOGM900517HDF5678')).toBeNull();
    expect(screen.getByText('•••••5678')).toBeTruthy();
  });

  it('highlights a document that expires soon', () => {
    const view = capaView();
    renderComponent(
      <IdDocumentSection provider="capa" section={view.idInfo} media={view.media} source={source} />,
    );
    expect(screen.getByText('The document expires within 90 days (2026-12-01).')).toBeTruthy();
  });

  it('highlights an expired document', () => {
    const view = capaView();
    if (!view.idInfo.provided) throw new Error('fixture');
    renderComponent(
      <IdDocumentSection
        provider="capa"
        section={{ ...view.idInfo, expiry: 'expired' }}
        media={view.media}
        source={source}
      />,
    );
    expect(screen.getByText('The document expired on 2026-12-01.')).toBeTruthy();
  });

  it('reveals the document number through the case and says it is audited', async () => {
    const view = capaView();
    const onReveal = vi.fn(async () => 'LOGM900517HDF5678');
    const { user } = renderComponent(
      <IdDocumentSection
        provider="capa"
        section={view.idInfo}
        media={view.media}
        source={source}
        onRevealIdNumber={onReveal}
      />,
    );
    expect(screen.getByText('Revealing is audited.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reveal document number' }));
    expect(onReveal).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('LOGM900517HDF5678')).toBeTruthy();
  });

  it('shows front and back images, and the selfie beside the document photo', async () => {
    const view = capaView();
    const onEvidenceViewed = vi.fn();
    const { user } = renderComponent(
      <IdDocumentSection
        provider="capa"
        section={view.idInfo}
        media={view.media}
        source={source}
        onEvidenceViewed={onEvidenceViewed}
      />,
    );
    expect(screen.getAllByRole('img', { name: 'Front of the document' }).length).toBe(2);
    expect(screen.getByRole('img', { name: 'Back of the document' }).getAttribute('src')).toBe(
      '/api/subjects/capa/capa-user-1/media/back',
    );
    const comparison = screen.getByRole('group', { name: 'Selfie beside the document photo' });
    expect(within(comparison).getByRole('img', { name: 'Selfie' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Open back of the document' }));
    const dialog = screen.getByRole('dialog', { name: 'Back of the document' });
    expect(onEvidenceViewed).toHaveBeenCalledWith('media', 'back');
    expect(within(dialog).getByText('2 of 3')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Full screen' }));
    expect(within(dialog).getByRole('button', { name: 'Leave full screen' })).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens the selfie beside the document photo in the viewer, and records both as viewed', async () => {
    const view = capaView();
    const onEvidenceViewed = vi.fn();
    const { user } = renderComponent(
      <IdDocumentSection
        provider="capa"
        section={view.idInfo}
        media={view.media}
        source={source}
        onEvidenceViewed={onEvidenceViewed}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Compare side by side' }));
    const dialog = screen.getByRole('dialog', { name: 'Selfie beside the document photo' });
    expect(within(dialog).getByRole('group', { name: 'Selfie: zoom and pan' })).toBeTruthy();
    expect(within(dialog).getByRole('group', { name: 'Front of the document: zoom and pan' })).toBeTruthy();
    expect(onEvidenceViewed.mock.calls).toEqual([
      ['media', 'selfie'],
      ['media', 'front'],
    ]);
  });

  it('says when the section was not provided', () => {
    const view = bareView('capa');
    renderComponent(
      <IdDocumentSection provider="capa" section={view.idInfo} media={view.media} source={source} />,
    );
    expect(screen.getByText('Not provided by Capa')).toBeTruthy();
  });

  it('renders hostile strings as text', () => {
    const view = hostileView();
    const { container } = renderComponent(
      <IdDocumentSection provider="capa" section={view.idInfo} media={view.media} source={source} />,
    );
    expectHostileStringsAsText(container);
  });
});
