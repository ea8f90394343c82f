import { capaView } from '@review-desk/contracts/testing';
import { describe, expect, it, vi } from 'vitest';
import { renderComponent } from '@/testing/test-utils';
import { preloadSelfieVideo } from '../../api/preload-media';
import { SelfieVideo } from '../media';

describe('SelfieVideo', () => {
  it('shows the player the case loader started, not a second one', () => {
    const view = capaView();
    const source = { provider: view.provider, subjectId: view.subject.id, caseId: 'case-1' };
    const created = vi.spyOn(document, 'createElement');
    preloadSelfieVideo(view, 'case-1');
    const preloaded = created.mock.results.find((result) => result.value instanceof HTMLVideoElement)?.value;
    const { container } = renderComponent(<SelfieVideo media={view.media} source={source} />);
    const video = container.querySelector('video');
    expect(video).toBe(preloaded);
    // Named with its case, so the view's audit row and the case's timeline show it.
    expect(video?.getAttribute('src')).toBe(
      `/api/subjects/capa/${view.subject.id}/media/selfie-video?caseId=case-1`,
    );
    expect(video?.preload).toBe('metadata');
    expect(video?.controls).toBe(true);
  });

  it('records the video as viewed once, when it is first played', () => {
    const view = capaView();
    const onEvidenceViewed = vi.fn();
    const { container } = renderComponent(
      <SelfieVideo
        media={view.media}
        source={{ provider: view.provider, subjectId: 'someone-else' }}
        onEvidenceViewed={onEvidenceViewed}
      />,
    );
    const video = container.querySelector('video');
    video?.dispatchEvent(new Event('play'));
    video?.dispatchEvent(new Event('play'));
    expect(onEvidenceViewed).toHaveBeenCalledTimes(1);
    expect(onEvidenceViewed).toHaveBeenCalledWith('media', 'selfie-video');
  });
});
