import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormLabel,
  MenuItem,
  Paper,
  Radio,
  RadioGroup,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import {
  type CaseDetail,
  type DecisionOutcome,
  type DecisionRequest,
  decisionOutcomes,
  type ReasonCode,
  reasonCodes,
  type SessionUser,
} from '@review-desk/contracts';
import { type FormEvent, useId, useState } from 'react';
import { noteFieldProps } from '@/components/note-field';
import { permissions } from '@/lib/authorization';
import { useDecideCase } from '../../api/decide-case';
import { decisionAvailability } from '../../utils/case-permissions';
import { MutationError } from './conflict-message';

export const outcomeLabels: Record<DecisionOutcome, string> = {
  approve: 'Approve',
  reject: 'Reject',
  escalate: 'Escalate',
  request_information: 'Request information',
};

const reasonsOf = (outcome: DecisionOutcome) =>
  Object.entries(reasonCodes[outcome]) as [ReasonCode, string][];

type DecisionPanelProps = {
  detail: CaseDetail;
  user: SessionUser;
  openNextAfterDecision: boolean;
  onOpenNextAfterDecisionChange: (value: boolean) => void;
  onDecided: () => void;
};

/**
 * The reviewer's decision. Every control the user may not use is disabled with the reason beside it (role,
 * claim, four-eyes); approval lists what still blocks it, by name, as the API reports it.
 */
export function DecisionPanel({
  detail,
  user,
  openNextAfterDecision,
  onOpenNextAfterDecisionChange,
  onDecided,
}: DecisionPanelProps) {
  const availability = decisionAvailability(user, detail.case);
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null);
  const [reasonCode, setReasonCode] = useState<ReasonCode | ''>('');
  const [comment, setComment] = useState('');
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<string>>(new Set());
  const decide = useDecideCase({
    onSuccess: () => {
      setOutcome(null);
      setReasonCode('');
      setComment('');
      setAcknowledged(new Set());
      onDecided();
    },
  });
  const headingId = useId();
  const { approval } = detail;

  if (!availability.allowed && !permissions.decide(user.role)) {
    return (
      <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby={headingId}>
        <Typography id={headingId} variant="h6" component="h2" gutterBottom>
          Decision
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {availability.reason}
        </Typography>
      </Paper>
    );
  }

  const disabled = !availability.allowed || decide.isPending;
  const approvalBlocked = approval.unmet.length > 0;
  const needsEvidenceSnapshot = outcome === 'approve' || outcome === 'reject';
  const allWarningsAcknowledged = approval.warnings.every((warning) => acknowledged.has(warning.ref));
  const canSubmit =
    !disabled &&
    outcome !== null &&
    reasonCode !== '' &&
    (outcome !== 'approve' || (!approvalBlocked && allWarningsAcknowledged)) &&
    (!needsEvidenceSnapshot || detail.viewHash !== null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit) return;
    const decision: DecisionRequest = {
      version: detail.case.version,
      outcome,
      reasonCode,
      acknowledgedWarnings: outcome === 'approve' ? [...acknowledged] : [],
      ...(comment.trim() === '' ? {} : { comment: comment.trim() }),
      ...(needsEvidenceSnapshot && detail.viewHash ? { viewHash: detail.viewHash } : {}),
    };
    decide.mutate({ caseId: detail.case.id, decision });
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby={headingId}>
      <Typography id={headingId} variant="h6" component="h2" gutterBottom>
        Decision
      </Typography>
      <Stack spacing={2} component="form" onSubmit={submit} aria-label="Record a decision">
        {!availability.allowed && (
          <Alert severity="info" variant="outlined" role="note">
            {availability.reason}
          </Alert>
        )}
        {/* Each option carries its own disabled state; the group's label stays readable. */}
        <FormControl>
          <FormLabel id={`${headingId}-outcome`}>Outcome</FormLabel>
          <RadioGroup
            aria-labelledby={`${headingId}-outcome`}
            value={outcome ?? ''}
            onChange={(event) => {
              const next = decisionOutcomes.find((value) => value === event.target.value) ?? null;
              setOutcome(next);
              setReasonCode('');
            }}
          >
            {decisionOutcomes.map((value) => (
              <FormControlLabel
                key={value}
                value={value}
                control={<Radio />}
                label={outcomeLabels[value]}
                disabled={disabled || (value === 'approve' && approvalBlocked)}
              />
            ))}
          </RadioGroup>
        </FormControl>

        {approvalBlocked ? (
          <Alert severity="warning" variant="outlined" role="note">
            <AlertTitle>Before approval</AlertTitle>
            <Box component="ul" sx={{ m: 0, pl: 2.5 }} aria-label="Unmet conditions">
              {approval.unmet.map((condition) => (
                <li key={`${condition.code}:${condition.ref ?? ''}`}>{condition.label}</li>
              ))}
            </Box>
          </Alert>
        ) : (
          <Typography variant="body2" color="text.secondary">
            Every condition for approval is met.
          </Typography>
        )}
        {approval.fourEyes.required && (
          <Alert severity="info" variant="outlined" role="note">
            <AlertTitle>Approval needs a second reviewer</AlertTitle>
            {approval.fourEyes.reasons.join('; ')}
          </Alert>
        )}

        {outcome === 'approve' && approval.warnings.length > 0 && (
          <FormControl component="fieldset" disabled={disabled}>
            <FormLabel component="legend">Acknowledge the check warnings</FormLabel>
            {approval.warnings.map((warning) => (
              <FormControlLabel
                key={warning.ref}
                control={
                  <Checkbox
                    checked={acknowledged.has(warning.ref)}
                    onChange={(event) => {
                      const next = new Set(acknowledged);
                      if (event.target.checked) next.add(warning.ref);
                      else next.delete(warning.ref);
                      setAcknowledged(next);
                    }}
                  />
                }
                label={
                  <bdi dir="auto">
                    {warning.section}: {warning.code ?? 'warning'}
                    {warning.message ? ` — ${warning.message}` : ''}
                  </bdi>
                }
              />
            ))}
          </FormControl>
        )}

        <TextField
          select
          label="Reason"
          value={reasonCode}
          disabled={disabled || outcome === null}
          onChange={(event) => {
            const next = outcome
              ? reasonsOf(outcome).find(([code]) => code === event.target.value)
              : undefined;
            setReasonCode(next ? next[0] : '');
          }}
          helperText={outcome === null ? 'Choose an outcome first' : undefined}
          // The hint says how to enable the field, so it is not greyed out with it.
          slotProps={{ formHelperText: { disabled: false } }}
        >
          {(outcome ? reasonsOf(outcome) : []).map(([code, label]) => (
            <MenuItem key={code} value={code}>
              {label}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label="Note for the record (optional)"
          {...noteFieldProps}
          value={comment}
          disabled={disabled}
          onChange={(event) => setComment(event.target.value)}
          slotProps={{ htmlInput: { maxLength: 4000 } }}
        />
        {needsEvidenceSnapshot && detail.viewHash === null && (
          <Alert severity="error" variant="outlined" role="note">
            The verification could not be loaded, so there is no evidence snapshot to decide on.
          </Alert>
        )}
        <FormControlLabel
          control={
            <Switch
              checked={openNextAfterDecision}
              onChange={(event) => onOpenNextAfterDecisionChange(event.target.checked)}
            />
          }
          label="Open the next case after deciding"
        />
        <Button type="submit" variant="contained" disabled={!canSubmit}>
          {decide.isPending ? 'Recording…' : 'Record decision'}
        </Button>
        {decide.isError && <MutationError error={decide.error} action="decision" />}
      </Stack>
    </Paper>
  );
}
