import { Alert, Paper, Stack, Typography } from '@mui/material';
import type { CaseDetail, DecisionResponse, SessionUser } from '@review-desk/contracts';
import { useId } from 'react';
import { permissions } from '@/lib/authorization';
import { decisionAvailability } from '../../utils/case-permissions';
import { MutationError } from './conflict-message';
import { AcknowledgementsField } from './decision/acknowledgements-field';
import { ApprovalStatus } from './decision/approval-status';
import { DecisionSubmit } from './decision/decision-submit';
import { FirstDecisionCard } from './decision/first-decision-card';
import { OutcomeField } from './decision/outcome-field';
import { ReasonNoteFields } from './decision/reason-note-fields';
import { useDecisionForm } from './decision/use-decision-form';
import { VoidedDecision } from './decision/voided-decision';
import type { Acknowledgements } from './warnings/use-acknowledgements';

export { outcomeLabels } from './decision/outcome-field';

type DecisionPanelProps = {
  detail: CaseDetail;
  user: SessionUser;
  acknowledgements: Acknowledgements;
  /** Why deciding is blocked for now (the evidence shown is not live); null when it is not. */
  blockedReason?: string | null;
  openNextAfterDecision: boolean;
  onOpenNextAfterDecisionChange: (value: boolean) => void;
  onDecided: (response: DecisionResponse) => void;
};

/**
 * The reviewer's decision. A second decision opens with the one it reviews. Every control the user may not
 * use is disabled with the reason beside it (role, claim, four-eyes, the decision policy); approval lists
 * what still blocks it, by name, as the API reports it.
 */
export function DecisionPanel(props: DecisionPanelProps) {
  const { detail, user } = props;
  const availability = decisionAvailability(user, detail.case);
  const blocked = props.blockedReason ?? null;
  const form = useDecisionForm(
    detail,
    availability.allowed && blocked === null,
    props.acknowledgements,
    props.onDecided,
  );
  const headingId = useId();
  const disabled = !availability.allowed || blocked !== null || form.decide.isPending;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby={headingId}>
      <Typography id={headingId} variant="h6" component="h2" gutterBottom>
        Decision
      </Typography>
      {!availability.allowed && !permissions.decide(user.role) ? (
        <Typography variant="body2" color="text.secondary">
          {availability.reason}
        </Typography>
      ) : (
        <Stack spacing={2} component="form" onSubmit={form.submit} aria-label="Record a decision">
          <VoidedDecision detail={detail} />
          <FirstDecisionCard detail={detail} form={form} disabled={disabled} />
          {(!availability.allowed || blocked) && (
            <Alert severity="info" variant="outlined" role="note">
              {blocked ?? (availability.allowed ? null : availability.reason)}
            </Alert>
          )}
          <OutcomeField id={headingId} detail={detail} form={form} disabled={disabled} />
          <ApprovalStatus detail={detail} form={form} />
          {form.outcome === 'approve' && (
            <AcknowledgementsField detail={detail} form={form} disabled={disabled} />
          )}
          <ReasonNoteFields form={form} disabled={disabled} />
          {form.needsSnapshot && detail.viewHash === null && (
            <Alert severity="error" variant="outlined" role="note">
              The verification could not be loaded, so there is no evidence snapshot to decide on.
            </Alert>
          )}
          <DecisionSubmit
            form={form}
            openNext={props.openNextAfterDecision}
            onOpenNextChange={props.onOpenNextAfterDecisionChange}
          />
          {form.decide.isError && <MutationError error={form.decide.error} action="decision" />}
        </Stack>
      )}
    </Paper>
  );
}
