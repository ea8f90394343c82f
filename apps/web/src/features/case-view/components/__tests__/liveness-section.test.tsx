import { bareView, capaView, hostileView } from '@review-desk/contracts/testing';
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { expectHostileStringsAsText } from '@/testing/hostile';
import { renderComponent } from '@/testing/test-utils';
import { LivenessSection } from '../liveness-section';

const source = { provider: 'capa' as const, subjectId: 'capa-user-1' };

describe('LivenessSection', () => {
  it('shows the result, the selfie through the media proxy and a video player', () => {
    const view = capaView();
    const { container } = renderComponent(
      <LivenessSection provider="capa" section={view.liveness} media={view.media} source={source} />,
    );
    expect(screen.getByText('PASSED')).toBeTruthy();
    const selfie = screen.getByRole('img', { name: 'Selfie' });
    expect(selfie.getAttribute('src')).toBe('/api/subjects/capa/capa-user-1/media/selfie');
    const video = container.querySelector('video');
    expect(video?.getAttribute('src')).toBe('/api/subjects/capa/capa-user-1/media/selfie-video');
    expect(video?.hasAttribute('controls')).toBe(true);
  });

  it('records evidence viewed when the selfie is opened', async () => {
    const view = capaView();
    const onEvidenceViewed = vi.fn();
    const { user } = renderComponent(
      <LivenessSection
        provider="capa"
        section={view.liveness}
        media={view.media}
        source={source}
        onEvidenceViewed={onEvidenceViewed}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Open selfie' }));
    expect(onEvidenceViewed).toHaveBeenCalledWith('media', 'selfie');
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('says media is not available when the provider has none', () => {
    const view = capaView();
    renderComponent(
      <LivenessSection provider="capa" section={view.liveness} media={{ provided: false }} source={source} />,
    );
    expect(screen.getByText('Selfie: not available')).toBeTruthy();
    expect(screen.getByText('Selfie video: not available')).toBeTruthy();
  });

  it('says when the section was not provided', () => {
    const view = bareView('capa');
    renderComponent(
      <LivenessSection provider="capa" section={view.liveness} media={view.media} source={source} />,
    );
    expect(screen.getByText('Not provided by Capa')).toBeTruthy();
  });

  it('renders hostile strings as text', () => {
    const view = hostileView();
    const { container } = renderComponent(
      <LivenessSection provider="capa" section={view.liveness} media={view.media} source={source} />,
    );
    expectHostileStringsAsText(container);
  });
});
