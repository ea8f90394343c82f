import { Alert, AlertTitle, Paper, Typography } from '@mui/material';
import type { CaseDetail } from '@review-desk/contracts';
import { formatDateTime } from '@/lib/format';
import { evidenceChangeLabel } from './evidence-changes';
import { FirstAcknowledgements, FirstDispositions } from './first-decision-details';
import { outcomeLabels } from './outcome-field';
import { SecondReviewActions } from './second-review-actions';
import type { DecisionForm } from './use-decision-form';

/**
 * The decision under review (a first of two, or an escalation), as the second reviewer must see it: outcome,
 * reason, note, who and when, what was acknowledged, and each hit's disposition with its author and rationale.
 */
export function FirstDecisionCard(props: { detail: CaseDetail; form: DecisionForm; disabled: boolean }) {
  const { detail, form } = props;
  const first = form.first;
  if (!first || !detail.review) return null;
  const changes = detail.review.evidenceChanges;
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} component="section" aria-label="Proposed decision">
      <Typography variant="subtitle2" component="h3">
        {first.stage === 'first_of_two' ? 'Proposed decision' : 'Escalation'}: {outcomeLabels[first.outcome]}
      </Typography>
      <Typography variant="body2">
        {first.reasonLabel} · {first.decidedBy.displayName}, {formatDateTime(first.decidedAt)}
      </Typography>
      {first.comment && (
        <Typography variant="body2" sx={{ mt: 0.5, whiteSpace: 'pre-wrap' }}>
          <bdi dir="auto">{first.comment}</bdi>
        </Typography>
      )}
      <FirstAcknowledgements first={first} detail={detail} />
      <FirstDispositions first={first} />
      {changes.length > 0 && (
        <Alert severity="error" variant="outlined" role="alert" sx={{ mt: 1 }}>
          <AlertTitle>The verification changed since this decision</AlertTitle>
          Changed: {changes.map(evidenceChangeLabel).join('; ')}. Deciding now voids it and sends the case
          back to the queue.
        </Alert>
      )}
      {first.stage === 'first_of_two' && (
        <SecondReviewActions first={first} form={form} disabled={props.disabled} />
      )}
    </Paper>
  );
}
