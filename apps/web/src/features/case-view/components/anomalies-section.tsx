import { Alert, Box, Typography } from '@mui/material';
import type { Anomaly, Provider } from '@review-desk/contracts';
import { providerLabels } from '@/lib/providers';
import { UpstreamText } from './upstream-text';

const kindLabels: Record<Anomaly['kind'], string> = {
  missing_section: 'Missing section',
  null_section: 'Empty section',
  coerced_number: 'Number sent as text',
  unknown_enum: 'Unrecognised value',
  unexpected_type: 'Unexpected type',
  subject_mismatch: 'Different subject',
};

/**
 * What was odd in the provider's payload. Shown so a reviewer knows where the view had to be tolerant;
 * a subject mismatch is an error because the data may belong to someone else.
 */
export function AnomaliesSection({ provider, anomalies }: { provider: Provider; anomalies: Anomaly[] }) {
  const relevant = anomalies.filter((anomaly) => anomaly.kind !== 'missing_section');
  if (relevant.length === 0) return null;
  const mismatch = relevant.some((anomaly) => anomaly.kind === 'subject_mismatch');
  return (
    <Box component="section" aria-label="Payload irregularities">
      <Alert severity={mismatch ? 'error' : 'info'} variant="outlined" role="note">
        <Typography variant="subtitle2" component="h2">
          {providerLabels[provider]} sent {relevant.length} irregular{' '}
          {relevant.length === 1 ? 'value' : 'values'}
        </Typography>
        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
          {relevant.map((anomaly) => (
            <Typography component="li" variant="body2" key={`${anomaly.path}:${anomaly.kind}`}>
              <strong>{kindLabels[anomaly.kind]}</strong> at <code>{anomaly.path}</code>:{' '}
              <UpstreamText>{anomaly.detail}</UpstreamText>
            </Typography>
          ))}
        </Box>
      </Alert>
    </Box>
  );
}
