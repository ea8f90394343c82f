import { Box, Button, Typography } from '@mui/material';
import { useState } from 'react';
import { maskIdentifier } from '../utils/mask';
import { OptionalText, UpstreamText } from './upstream-text';

type MaskedIdentifierProps = {
  label: string;
  value: string | null;
  /** Asks the server for the full value; the server records who looked. Without it, no reveal is offered. */
  onReveal?: () => Promise<string | null>;
};

type Revealed =
  | { status: 'hidden' }
  | { status: 'loading' }
  | { status: 'shown'; value: string | null }
  | { status: 'failed' };

/**
 * An identifier shown masked until the reviewer chooses to reveal it. Even a role that receives it in full
 * (seniors) sees it masked first, and the full value always comes from the audited reveal endpoint.
 */
export function MaskedIdentifier({ label, value, onReveal }: MaskedIdentifierProps) {
  const [revealed, setRevealed] = useState<Revealed>({ status: 'hidden' });
  if (value === null || value === '') return <OptionalText value={null} />;

  const reveal = async () => {
    if (onReveal === undefined) return;
    setRevealed({ status: 'loading' });
    try {
      setRevealed({ status: 'shown', value: await onReveal() });
    } catch {
      setRevealed({ status: 'failed' });
    }
  };

  if (revealed.status === 'shown') {
    return (
      <Box component="span" sx={{ display: 'inline-flex', flexDirection: 'column' }}>
        <Box component="span" sx={{ fontFamily: 'monospace' }}>
          <OptionalText value={revealed.value} />
        </Box>
        <Typography variant="caption" color="text.secondary">
          Revealed; recorded in the audit trail.
        </Typography>
        <Button
          size="small"
          sx={{ alignSelf: 'flex-start' }}
          onClick={() => setRevealed({ status: 'hidden' })}
        >
          Hide {label}
        </Button>
      </Box>
    );
  }

  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
      <Box component="span" sx={{ fontFamily: 'monospace' }}>
        <UpstreamText>{maskIdentifier(value)}</UpstreamText>
      </Box>
      {onReveal && (
        <>
          <Button size="small" variant="outlined" onClick={reveal} disabled={revealed.status === 'loading'}>
            Reveal {label}
          </Button>
          <Typography variant="caption" color="text.secondary">
            {revealed.status === 'failed' ? 'Could not reveal; try again.' : 'Revealing is audited.'}
          </Typography>
        </>
      )}
    </Box>
  );
}
