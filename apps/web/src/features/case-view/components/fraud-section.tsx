import { Box, Stack, Typography } from '@mui/material';
import type { FraudSection as FraudSectionData, Provider } from '@review-desk/contracts';
import { CheckDetails } from './check-details';
import { NotProvidedNotice, ProvidedSection } from './section-card';

type FraudSectionProps = { provider: Provider; section: FraudSectionData };

export function FraudSection({ provider, section }: FraudSectionProps) {
  return (
    <ProvidedSection title="Fraud insights" provider={provider} section={section}>
      {(fraud) => (
        <Stack spacing={2}>
          <CheckDetails check={fraud} />
          <Box component="section" aria-label="Related-session insights">
            <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
              Related-session insights
            </Typography>
            {fraud.relatedSessionInsights.provided ? (
              <CheckDetails check={fraud.relatedSessionInsights} />
            ) : (
              <NotProvidedNotice provider={provider} />
            )}
          </Box>
        </Stack>
      )}
    </ProvidedSection>
  );
}
