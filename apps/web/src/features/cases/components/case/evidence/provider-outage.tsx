import { Alert, AlertTitle, Typography } from '@mui/material';
import type { CaseDetail } from '@review-desk/contracts';
import { formatClock } from '@/lib/format';
import { providerLabels } from '@/lib/providers';
import { providerNotAnswering, viewRetryMs } from '../../../api/get-case';

/** What the reviewer reads when the live verification could not be loaded: plain words, the code below. */
export function outageMessage(detail: CaseDetail): string {
  const provider = providerLabels[detail.case.provider];
  return providerNotAnswering(detail)
    ? `${provider} is not answering; retrying in ${viewRetryMs / 1000} s`
    : (detail.viewError?.message ?? `${provider} sent nothing for this verification`);
}

/** Over the last loaded evidence while the provider fails: how old it is, why, and that decisions wait. */
export function StaleEvidenceNotice({ detail, loadedAt }: { detail: CaseDetail; loadedAt: number }) {
  const provider = providerLabels[detail.case.provider];
  return (
    <Alert severity="warning" role="status">
      <AlertTitle>
        As of {formatClock(loadedAt)}, {provider} is not answering
      </AlertTitle>
      {providerNotAnswering(detail) ? `Retrying in ${viewRetryMs / 1000} s. ` : ''}This is the verification as
      last loaded: decisions and dispositions wait until it loads again.
      {detail.viewError && (
        <Typography variant="caption" component="p" sx={{ mt: 0.5, fontFamily: 'monospace' }}>
          Code {detail.viewError.code} · request {detail.viewError.requestId}
        </Typography>
      )}
    </Alert>
  );
}
