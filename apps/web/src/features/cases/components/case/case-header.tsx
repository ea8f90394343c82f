import { Box, Button, Chip, Paper, Stack, Tooltip, Typography } from '@mui/material';
import type { CaseSummary } from '@review-desk/contracts';
import type { ReactNode } from 'react';
import { useNow } from '@/hooks/use-now';
import { formatDateTime, formatTimeLeft } from '@/lib/format';
import { providerLabels } from '@/lib/providers';
import { CaseStateChip } from '../case-labels';
import { ClaimCountdown } from './claim-countdown';
import { MutationError } from './conflict-message';
import type { ClaimControl } from './use-claim-control';

/** The case at a glance: who it is about, where it stands, how urgent it is, who holds it, claim and release. */
export function CaseHeader({
  summary,
  control,
  actions,
}: {
  summary: CaseSummary;
  control: ClaimControl;
  /** More buttons for the header (the keyboard shortcuts). */
  actions?: ReactNode;
}) {
  const now = useNow(15_000);
  const { claim, release, claimable, mine } = control;
  const factors = [...summary.triage.factors].sort((a, b) => b.points - a.points);

  return (
    <Paper variant="outlined" sx={{ px: 2, py: 1.5 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }} useFlexGap>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Typography variant="h5" component="h1" sx={{ overflowWrap: 'anywhere', fontWeight: 600 }}>
            <bdi dir="auto">{summary.displayName ?? 'Name not given'}</bdi>
          </Typography>
          <Stack
            direction="row"
            spacing={1}
            sx={{ mt: 1, flexWrap: 'wrap', alignItems: 'center' }}
            useFlexGap
          >
            <CaseStateChip state={summary.state} resolution={summary.resolution} />
            <Chip size="small" variant="outlined" label={providerLabels[summary.provider]} />
            <Chip size="small" variant="outlined" label={<bdi dir="auto">{summary.upstreamStatus}</bdi>} />
            {summary.origin === 'by_hand' && <Chip size="small" variant="outlined" label="Opened by hand" />}
            {summary.providerSince !== null && (
              <Typography variant="body2" color="text.secondary">
                Waiting since {formatDateTime(summary.providerSince)} (provider)
              </Typography>
            )}
            <Typography variant="body2" color="text.secondary">
              With the desk since {formatDateTime(summary.createdAt)}
            </Typography>
            {actions}
          </Stack>
        </Box>
        <Stack spacing={0.5} sx={{ minWidth: 160 }} aria-label="Triage">
          <Typography variant="caption" color="text.secondary">
            Triage score
          </Typography>
          <Typography variant="h6" component="p" sx={{ fontWeight: 700, lineHeight: 1.2 }}>
            {summary.triage.score}
          </Typography>
          <TriageFactors factors={factors} />
        </Stack>
        <Stack spacing={0.5} sx={{ minWidth: 160 }}>
          <Typography variant="caption" color="text.secondary">
            SLA
          </Typography>
          {summary.resolvedAt ? (
            <Typography variant="body2">Resolved {formatDateTime(summary.resolvedAt)}</Typography>
          ) : (
            <Tooltip title={`Due ${formatDateTime(summary.slaDueAt)}`}>
              <Chip
                color={summary.slaBreached ? 'error' : 'default'}
                label={
                  summary.slaBreached
                    ? `Breached: ${formatTimeLeft(summary.slaDueAt, now)}`
                    : formatTimeLeft(summary.slaDueAt, now)
                }
              />
            </Tooltip>
          )}
        </Stack>
        <Stack spacing={0.5} sx={{ minWidth: 200 }}>
          <Typography variant="caption" color="text.secondary">
            Assignee
          </Typography>
          <Typography variant="body2">
            {summary.assignee ? (mine ? 'You' : summary.assignee.displayName) : 'Unassigned'}
          </Typography>
          {summary.firstReviewer && (
            <Typography variant="caption">First decision by {summary.firstReviewer.displayName}</Typography>
          )}
          {mine && <ClaimCountdown summary={summary} />}
          {mine ? (
            <Button variant="outlined" size="small" disabled={release.isPending} onClick={control.doRelease}>
              Release
            </Button>
          ) : (
            <>
              <Button
                variant="contained"
                size="small"
                disabled={!claimable.allowed || claim.isPending}
                onClick={control.doClaim}
              >
                Claim
              </Button>
              {!claimable.allowed && (
                <Typography variant="caption" color="text.secondary">
                  {claimable.reason}
                </Typography>
              )}
            </>
          )}
        </Stack>
      </Stack>
      {claim.isError && <MutationError error={claim.error} action="claim" />}
      {release.isError && <MutationError error={release.error} action="release" />}
    </Paper>
  );
}

const factorText = (factor: CaseSummary['triage']['factors'][number]) => `+${factor.points} ${factor.label}`;

/** The two weightiest factors of the score; the rest in a tooltip that the keyboard reaches too. */
function TriageFactors({ factors }: { factors: CaseSummary['triage']['factors'] }) {
  const shown = factors.slice(0, 2);
  const rest = factors.slice(2);
  return (
    <>
      {shown.map((factor) => (
        <Typography key={factor.code} variant="caption" sx={{ maxWidth: 280 }}>
          {factorText(factor)}
        </Typography>
      ))}
      {rest.length > 0 && (
        <Tooltip title={rest.map(factorText).join(' · ')}>
          <Chip
            size="small"
            variant="outlined"
            tabIndex={0}
            label={`${rest.length} more`}
            aria-label={`${rest.length} more factors: ${rest.map(factorText).join('; ')}`}
            sx={{ alignSelf: 'flex-start' }}
          />
        </Tooltip>
      )}
    </>
  );
}
