import { Chip } from '@mui/material';
import type { CaseResolution, CaseState } from '@review-desk/contracts';

export const caseStateLabels: Record<CaseState, string> = {
  open: 'Open',
  in_review: 'In review',
  awaiting_second_review: 'Awaiting second review',
  escalated: 'Escalated',
  info_requested: 'Information requested',
  reopened: 'Reopened',
  resolved: 'Resolved',
  superseded: 'Superseded',
};

export const caseResolutionLabels: Record<CaseResolution, string> = {
  approved: 'Approved',
  rejected: 'Rejected',
  resolved_upstream: 'Resolved by the provider',
};

const stateColors: Record<CaseState, 'default' | 'primary' | 'warning' | 'info' | 'success' | 'secondary'> = {
  open: 'default',
  in_review: 'primary',
  awaiting_second_review: 'secondary',
  escalated: 'warning',
  info_requested: 'info',
  reopened: 'warning',
  resolved: 'success',
  superseded: 'default',
};

export function CaseStateChip({
  state,
  resolution,
}: {
  state: CaseState;
  resolution?: CaseResolution | null;
}) {
  const label =
    state === 'resolved' && resolution
      ? `${caseStateLabels.resolved}: ${caseResolutionLabels[resolution]}`
      : caseStateLabels[state];
  const color = resolution === 'rejected' ? 'error' : stateColors[state];
  return <Chip size="small" color={color} label={label} />;
}
