import { Stack } from '@mui/material';
import type { LivenessSection as LivenessSectionData, MediaSection, Provider } from '@review-desk/contracts';
import type { MediaSource } from '../api/media-url';
import { CheckDetails } from './check-details';
import { MediaImage, type OnEvidenceViewed, SelfieVideo } from './media';
import { ProvidedSection } from './section-card';

type LivenessSectionProps = {
  provider: Provider;
  section: LivenessSectionData;
  media: MediaSection;
  source: MediaSource;
  onEvidenceViewed?: OnEvidenceViewed;
};

export function LivenessSection({
  provider,
  section,
  media,
  source,
  onEvidenceViewed,
}: LivenessSectionProps) {
  return (
    <ProvidedSection title="Liveness" provider={provider} section={section}>
      {(liveness) => (
        <Stack spacing={2}>
          <CheckDetails check={liveness} />
          <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap' }} useFlexGap>
            <MediaImage media={media} source={source} kind="selfie" onEvidenceViewed={onEvidenceViewed} />
            <SelfieVideo media={media} source={source} onEvidenceViewed={onEvidenceViewed} />
          </Stack>
        </Stack>
      )}
    </ProvidedSection>
  );
}
