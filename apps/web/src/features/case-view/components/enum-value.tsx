import { Chip, Stack } from '@mui/material';
import type { EnumValue } from '@review-desk/contracts';
import { OptionalText, UpstreamText } from './upstream-text';

type Tone = 'success' | 'error' | 'warning' | 'default';

const tones: Record<string, Tone> = {
  passed: 'success',
  clean: 'success',
  approved: 'success',
  verified: 'success',
  completed: 'success',
  resolved: 'success',
  false_positive: 'success',
  failed: 'error',
  declined: 'error',
  rejected: 'error',
  denied: 'error',
  true_positive: 'error',
  review_needed: 'warning',
  review: 'warning',
  waiting_review: 'warning',
  pending: 'warning',
  unresolved: 'warning',
  pending_journey_application_review: 'warning',
  data_request: 'warning',
};

export const toneOf = (value: EnumValue): Tone =>
  value.known && value.normalised !== undefined ? (tones[value.normalised] ?? 'default') : 'default';

/**
 * An enumerated provider value, verbatim. A value outside the provider's documented vocabulary is still
 * shown as sent, flagged "unrecognised value" so a reviewer knows not to read meaning into its colour.
 */
export function EnumValueDisplay({ value, empty }: { value: EnumValue | null; empty?: string }) {
  if (value === null) return <OptionalText value={null} empty={empty} />;
  return (
    <Stack
      direction="row"
      spacing={0.5}
      sx={{ alignItems: 'center', flexWrap: 'wrap', display: 'inline-flex' }}
    >
      <Chip
        size="small"
        color={toneOf(value)}
        variant={value.known ? 'filled' : 'outlined'}
        label={<UpstreamText>{value.value}</UpstreamText>}
      />
      {!value.known && <Chip size="small" color="warning" variant="outlined" label="unrecognised value" />}
    </Stack>
  );
}
