import { Alert, AlertTitle, Box } from '@mui/material';
import type { CaseDetail } from '@review-desk/contracts';
import { formatDateTime } from '@/lib/format';
import { evidenceChangeLabel } from './evidence-changes';
import { outcomeLabels } from './outcome-field';

/**
 * A case sent back because the verification changed between its two decisions: whose decision was void,
 * when, and what changed, so the next reviewer knows what to look at again. Shown until the case is decided anew.
 */
export function VoidedDecision({ detail }: { detail: CaseDetail }) {
  if (detail.review !== null || detail.case.state === 'resolved') return null;
  const voided = detail.decisions.findLast((decision) => decision.supersededAt !== null);
  const later = detail.decisions.some(
    (decision) => voided && decision.supersededAt === null && decision.decidedAt > voided.decidedAt,
  );
  if (!voided?.supersededAt || later) return null;
  return (
    <Alert severity="warning" variant="outlined" role="note" aria-label="Decision voided">
      <AlertTitle>The verification changed: the earlier decision is void</AlertTitle>
      {voided.decidedBy.displayName}'s decision to {outcomeLabels[voided.outcome].toLowerCase()} (
      {formatDateTime(voided.decidedAt)}) was voided on {formatDateTime(voided.supersededAt)}, before its
      second review. What changed:
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {voided.evidenceChanges.map((path) => (
          <li key={path}>{evidenceChangeLabel(path)}</li>
        ))}
      </Box>
    </Alert>
  );
}
