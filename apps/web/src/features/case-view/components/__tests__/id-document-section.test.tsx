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
    const dialog = screen.getByRole('dialog');
    expect(onEvidenceViewed).toHaveBeenCalledWith('media', 'back');
    await user.click(within(dialog).getByRole('button', { name: 'Rotate right' }));
    await user.click(within(dialog).getByRole('button', { name: 'Zoom in' }));
    const image = within(dialog).getByRole('img', { name: 'Back of the document' });
    expect(image.style.transform).toBe('scale(1.25) rotate(90deg)');
    await user.click(within(dialog).getByRole('button', { name: 'Full screen' }));
    expect(within(dialog).getByRole('button', { name: 'Leave full screen' })).toBeTruthy();
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
