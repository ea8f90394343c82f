import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  Paper,
  Stack,
  Typography,
} from '@mui/material';
import { amlListTypeLabels, type CaseDetail, type Decision } from '@review-desk/contracts';
import { DispositionBadge } from '@/components/disposition-badge';
import { formatDateTime } from '@/lib/format';
import { outcomeLabels } from './outcome-field';
import type { DecisionForm } from './use-decision-form';
import { warningLabel } from './warning-labels';

/**
 * The decision under review (a first of two, or an escalation), as the second reviewer must see it: outcome,
 * reason, note, who and when, what was acknowledged, and each hit's disposition with its author and rationale.
 */
export function FirstDecisionCard(props: { detail: CaseDetail; form: DecisionForm; disabled: boolean }) {
  const { detail, form } = props;
  const first = form.first;
  if (!first || !detail.review) return null;
  const changes = detail.review.evidenceChanges;
  const acknowledgedCount = first.acknowledgedWarnings.length + first.acknowledgedGaps.length;
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
      <Acknowledged first={first} detail={detail} />
      <DecidedDispositions first={first} />
      {changes.length > 0 && (
        <Alert severity="error" variant="outlined" role="alert" sx={{ mt: 1 }}>
          <AlertTitle>The verification changed since this decision</AlertTitle>
          Changed: {changes.join(', ')}. Deciding now voids it and sends the case back to the queue.
        </Alert>
      )}
      {first.stage === 'first_of_two' && (
        <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center', flexWrap: 'wrap' }}>
          <Button
            size="small"
            variant="outlined"
            disabled={props.disabled}
            onClick={() => form.setOutcome(first.outcome)}
          >
            Agree: {outcomeLabels[first.outcome].toLowerCase()}
          </Button>
          {acknowledgedCount > 0 && (
            <FormControlLabel
              control={
                <Checkbox
                  checked={form.confirmFirst}
                  disabled={props.disabled}
                  onChange={(event) => form.setConfirmFirst(event.target.checked)}
                />
              }
              label={`Confirm the ${acknowledgedCount} acknowledgement${acknowledgedCount === 1 ? '' : 's'} above`}
            />
          )}
        </Stack>
      )}
    </Paper>
  );
}

function Acknowledged({ first, detail }: { first: Decision; detail: CaseDetail }) {
  const labels = [
    ...first.acknowledgedGaps.map((ref) => detail.approval.gaps.find((gap) => gap.ref === ref)?.label ?? ref),
    ...first.acknowledgedWarnings.map((ref) => {
      const warning = detail.approval.warnings.find((item) => item.ref === ref);
      return warning ? warningLabel(warning) : ref;
    }),
  ];
  if (labels.length === 0) return null;
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="caption">Acknowledged</Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {labels.map((label) => (
          <li key={label}>
            <Typography variant="body2">
              <bdi dir="auto">{label}</bdi>
            </Typography>
          </li>
        ))}
      </Box>
    </Box>
  );
}

function DecidedDispositions({ first }: { first: Decision }) {
  if (first.dispositions.length === 0) return null;
  return (
    <Box
      component="ul"
      sx={{ m: 0, mt: 1, pl: 0, listStyle: 'none' }}
      aria-label="Dispositions of the decision"
    >
      {first.dispositions.map((item) => (
        <Box component="li" key={item.hitRef} sx={{ mb: 0.5 }}>
          <Typography variant="body2" component="span">
            <bdi dir="auto">{item.hitName ?? item.hitRef}</bdi>
            {item.listTypes?.length
              ? ` (${item.listTypes.map((type) => amlListTypeLabels[type]).join(', ')})`
              : ''}{' '}
          </Typography>
          <DispositionBadge disposition={item.disposition} />
          {item.decidedBy && (
            <Typography variant="caption" sx={{ display: 'block' }}>
              by {item.decidedBy.displayName}
              {item.comment ? `: ` : ''}
              {item.comment && <bdi dir="auto">{item.comment}</bdi>}
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
}
