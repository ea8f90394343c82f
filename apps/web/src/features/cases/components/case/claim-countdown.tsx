import { Typography } from '@mui/material';
import type { CaseSummary } from '@review-desk/contracts';
import { useNow } from '@/hooks/use-now';
import { formatCountdown } from '@/lib/format';

/**
 * How long the reader's claim on the case still runs (work on the case renews it), ticking each second; after
 * it lapses, anyone may take the case.
 */
export function ClaimCountdown({ summary }: { summary: CaseSummary }) {
  const now = useNow(1000);
  if (!summary.claimExpiresAt) return null;
  const lapsed = Date.parse(summary.claimExpiresAt) <= now;
  return (
    <Typography
      variant="caption"
      role="timer"
      aria-label="Claim time left"
      color={lapsed ? 'error' : undefined}
    >
      {lapsed
        ? 'Your claim has lapsed: claim the case again'
        : `Your claim ends in ${formatCountdown(summary.claimExpiresAt, now)} unless you keep working`}
    </Typography>
  );
}
