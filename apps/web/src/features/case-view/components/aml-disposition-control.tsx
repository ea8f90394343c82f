import { Box, Button, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import type { AmlDisposition, Disposition } from '@review-desk/contracts';
import { formatDateTime } from '@/lib/format';

/** What the case page hands the AML section when the user may record dispositions in this case. */
export type AmlDispositionControl = {
  dispositions: Disposition[];
  /** Why the controls are disabled (not claimed, …); null when they can be used. */
  disabledReason: string | null;
  pendingHitRef: string | null;
  onDispose: (hitRef: string, disposition: AmlDisposition) => void;
};

export const dispositionLabels: Record<AmlDisposition, string> = {
  true_match: 'True match',
  false_positive: 'False positive',
  needs_information: 'Needs information',
};

const options: AmlDisposition[] = ['true_match', 'false_positive', 'needs_information'];

type Props = { control: AmlDispositionControl; hitRef: string; hitName: string };

/** The reviewer's conclusion on one hit; a false positive remembered from an earlier case needs one click to confirm. */
export function AmlDispositionCell({ control, hitRef, hitName }: Props) {
  const current = control.dispositions.find((disposition) => disposition.hitRef === hitRef) ?? null;
  const disabled = control.disabledReason !== null || control.pendingHitRef === hitRef;

  if (current?.remembered && !current.confirmed) {
    const { remembered } = current;
    return (
      <Box sx={{ minWidth: 220 }}>
        <Typography variant="body2">
          Remembered false positive, marked by {remembered.decidedBy.displayName} on{' '}
          {formatDateTime(remembered.decidedAt)}
        </Typography>
        <Button
          size="small"
          variant="outlined"
          disabled={disabled}
          onClick={() => control.onDispose(hitRef, 'false_positive')}
          aria-label={`Confirm false positive for ${hitName}`}
        >
          Confirm false positive
        </Button>
        {control.disabledReason && (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
            {control.disabledReason}
          </Typography>
        )}
      </Box>
    );
  }

  return (
    <Box sx={{ minWidth: 220 }}>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={current?.disposition ?? null}
        disabled={disabled}
        aria-label={`Disposition of ${hitName}`}
        onChange={(_event, value: AmlDisposition | null) => {
          if (value !== null && value !== current?.disposition) control.onDispose(hitRef, value);
        }}
      >
        {options.map((option) => (
          <ToggleButton key={option} value={option} sx={{ textTransform: 'none', py: 0.25 }}>
            {dispositionLabels[option]}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {current && (
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
          {dispositionLabels[current.disposition]} by {current.decidedBy.displayName},{' '}
          {formatDateTime(current.decidedAt)}
        </Typography>
      )}
      {control.disabledReason && (
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
          {control.disabledReason}
        </Typography>
      )}
    </Box>
  );
}
