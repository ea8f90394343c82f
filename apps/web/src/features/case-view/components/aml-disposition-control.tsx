import { Box, Button, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import {
  type AmlDisposition,
  type AmlListType,
  type Disposition,
  dispositionNeedsRationale,
  dispositionRationaleMinLength,
} from '@review-desk/contracts';
import { useState } from 'react';
import { DispositionBadge, dispositionLabels } from '@/components/disposition-badge';
import { formatDateTime } from '@/lib/format';

export { dispositionLabels } from '@/components/disposition-badge';

/** What the case page hands the AML section when the user may record dispositions in this case. */
export type AmlDispositionControl = {
  dispositions: Disposition[];
  /** Why the controls are disabled (not claimed, …); null when they can be used. */
  disabledReason: string | null;
  pendingHitRef: string | null;
  onDispose: (hitRef: string, disposition: AmlDisposition, rationale?: string) => void;
};

const options: AmlDisposition[] = ['true_match', 'false_positive', 'needs_information'];

type Props = { control: AmlDispositionControl; hitRef: string; hitName: string; listTypes: AmlListType[] };

/**
 * The reviewer's conclusion on one hit. A true match or "needs information" on a sanctions or PEP listing
 * asks for its rationale before it is recorded (the decision policy refuses it without one); a false positive
 * remembered from an earlier case needs one click to confirm.
 */
export function AmlDispositionCell({ control, hitRef, hitName, listTypes }: Props) {
  const current = control.dispositions.find((disposition) => disposition.hitRef === hitRef) ?? null;
  const disabled = control.disabledReason !== null || control.pendingHitRef === hitRef;
  const [draft, setDraft] = useState<AmlDisposition | null>(null);

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
        <DisabledReason reason={control.disabledReason} />
      </Box>
    );
  }

  return (
    <Box sx={{ minWidth: 220 }}>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={draft ?? current?.disposition ?? null}
        disabled={disabled}
        aria-label={`Disposition of ${hitName}`}
        onChange={(_event, value: AmlDisposition | null) => {
          if (value === null || value === current?.disposition) return;
          if (dispositionNeedsRationale(listTypes, value)) setDraft(value);
          else {
            setDraft(null);
            control.onDispose(hitRef, value);
          }
        }}
      >
        {options.map((option) => (
          <ToggleButton key={option} value={option} sx={{ textTransform: 'none', py: 0.25 }}>
            {dispositionLabels[option]}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {draft && (
        <RationaleForm
          hitName={hitName}
          disposition={draft}
          disabled={disabled}
          onCancel={() => setDraft(null)}
          onSubmit={(rationale) => {
            setDraft(null);
            control.onDispose(hitRef, draft, rationale);
          }}
        />
      )}
      {current && !draft && (
        <Box sx={{ mt: 0.5 }}>
          <DispositionBadge disposition={current.disposition} />
          <Typography variant="caption" sx={{ display: 'block' }}>
            by {current.decidedBy.displayName}, {formatDateTime(current.decidedAt)}
          </Typography>
          {current.comment && (
            <Typography variant="caption" sx={{ display: 'block' }}>
              <bdi dir="auto">{current.comment}</bdi>
            </Typography>
          )}
        </Box>
      )}
      <DisabledReason reason={control.disabledReason} />
    </Box>
  );
}

function RationaleForm(props: {
  hitName: string;
  disposition: AmlDisposition;
  disabled: boolean;
  onCancel: () => void;
  onSubmit: (rationale: string) => void;
}) {
  const [rationale, setRationale] = useState('');
  const short = rationale.trim().length < dispositionRationaleMinLength;
  return (
    <Stack spacing={1} sx={{ mt: 1 }}>
      <TextField
        size="small"
        label={`Rationale for ${dispositionLabels[props.disposition].toLowerCase()}`}
        value={rationale}
        multiline
        minRows={2}
        onChange={(event) => setRationale(event.target.value)}
        helperText={`At least ${dispositionRationaleMinLength} characters: a sanctions or PEP listing needs its reason`}
        slotProps={{ htmlInput: { maxLength: 4000, 'aria-label': `Rationale for ${props.hitName}` } }}
      />
      <Stack direction="row" spacing={1}>
        <Button
          size="small"
          variant="contained"
          disabled={props.disabled || short}
          onClick={() => props.onSubmit(rationale.trim())}
        >
          Record {dispositionLabels[props.disposition].toLowerCase()}
        </Button>
        <Button size="small" onClick={props.onCancel}>
          Cancel
        </Button>
      </Stack>
    </Stack>
  );
}

const DisabledReason = ({ reason }: { reason: string | null }) =>
  reason ? (
    <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
      {reason}
    </Typography>
  ) : null;
