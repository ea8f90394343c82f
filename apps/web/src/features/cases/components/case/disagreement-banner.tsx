import { Alert, AlertTitle, Button, Stack, TextField } from '@mui/material';
import type { CaseSummary, DisagreementAction, ProviderDisagreement } from '@review-desk/contracts';
import { useState } from 'react';
import { ErrorState } from '@/components/errors/error-state';
import { formatDateTime } from '@/lib/format';
import { providerLabels } from '@/lib/providers';
import { useCloseDisagreement } from '../../api/close-disagreement';

const deskWords = { approved: 'approved', rejected: 'rejected' } as const;
const providerWords = { approved: 'verified the subject', rejected: 'rejected the subject' } as const;

/** What the provider said against the desk, in words; the provider's own spelling is rendered as text. */
export function disagreementText(summary: CaseSummary, disagreement: ProviderDisagreement): string {
  const provider = providerLabels[summary.provider];
  return `The desk ${deskWords[disagreement.deskResolution]} this case, but ${provider} has since ${
    providerWords[disagreement.providerVerdict]
  } (${provider} says ${disagreement.providerStatus || 'nothing more'}, noticed ${formatDateTime(disagreement.detectedAt)}).`;
}

type BannerProps = { summary: CaseSummary; canClose: boolean };

/** At the top of the case: the provider's verdict contradicts the desk's decision until a senior closes it. */
export function DisagreementBanner({ summary, canClose }: BannerProps) {
  const disagreement = summary.providerDisagreement;
  if (disagreement === null) return null;
  return (
    <Alert severity="warning" role="alert" aria-label="Provider disagrees">
      <AlertTitle>The provider disagrees with the desk's decision</AlertTitle>
      {disagreementText(summary, disagreement)}{' '}
      {canClose
        ? 'Acknowledge it with a note to keep the decision, or reopen the case for a new decision.'
        : 'A senior analyst acknowledges it or reopens the case.'}
      {canClose && <CloseDisagreement summary={summary} />}
    </Alert>
  );
}

function CloseDisagreement({ summary }: { summary: CaseSummary }) {
  const [note, setNote] = useState('');
  const close = useCloseDisagreement();
  const send = (action: DisagreementAction) =>
    close.mutate({ caseId: summary.id, request: { version: summary.version, action, note: note.trim() } });
  const ready = note.trim() !== '' && !close.isPending;
  return (
    <Stack spacing={1} sx={{ mt: 1.5 }}>
      <TextField
        label="Note (why)"
        size="small"
        multiline
        minRows={2}
        value={note}
        onChange={(event) => setNote(event.target.value.slice(0, 4000))}
      />
      <Stack direction="row" spacing={1}>
        <Button variant="contained" color="warning" disabled={!ready} onClick={() => send('acknowledge')}>
          Acknowledge, keep the decision
        </Button>
        <Button variant="outlined" disabled={!ready} onClick={() => send('reopen')}>
          Reopen for a new decision
        </Button>
      </Stack>
      {close.isError && <ErrorState error={close.error} title="The disagreement was not closed" />}
    </Stack>
  );
}
