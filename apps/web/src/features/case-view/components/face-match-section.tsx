import { Stack, Typography } from '@mui/material';
import type { FaceMatchSection as FaceMatchSectionData, Provider } from '@review-desk/contracts';
import { CheckDetails } from './check-details';
import { faceMatchBands, ScoreGauge } from './score-gauge';
import { ProvidedSection } from './section-card';

type FaceMatchSectionProps = { provider: Provider; section: FaceMatchSectionData };

export function FaceMatchSection({ provider, section }: FaceMatchSectionProps) {
  return (
    <ProvidedSection title="Face match" provider={provider} section={section}>
      {(faceMatch) => (
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: 'flex-start' }}>
          {faceMatch.score === null ? (
            <Typography variant="body2" color="text.secondary" sx={{ width: 180 }}>
              No score sent
            </Typography>
          ) : (
            <ScoreGauge score={faceMatch.score} label="Face match score" bands={faceMatchBands} />
          )}
          <CheckDetails check={faceMatch} />
        </Stack>
      )}
    </ProvidedSection>
  );
}
