import { Alert, AlertTitle, Box, Typography } from '@mui/material';
import { type CaseDetail, fourEyesReasonLabels } from '@review-desk/contracts';
import type { DecisionForm } from './use-decision-form';

/** What still blocks approval, by name, and whether approval will need a second reviewer. */
export function ApprovalStatus({ detail, form }: { detail: CaseDetail; form: DecisionForm }) {
  const { approval } = detail;
  const acknowledgements = approval.warnings.length + approval.gaps.length;
  return (
    <>
      {form.blocking.length > 0 ? (
        <Alert severity="warning" variant="outlined" role="note">
          <AlertTitle>Before approval</AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }} aria-label="Unmet conditions">
            {form.blocking.map((condition) => (
              <li key={`${condition.code}:${condition.ref ?? ''}`}>{condition.label}</li>
            ))}
          </Box>
        </Alert>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {acknowledgements > 0
            ? `Approval needs ${acknowledgements} acknowledgement${acknowledgements === 1 ? '' : 's'} of what the evidence lacks or warns about.`
            : 'Every condition for approval is met.'}
        </Typography>
      )}
      {approval.fourEyes.required && (
        <Alert severity="info" variant="outlined" role="note">
          <AlertTitle>Approval needs a second reviewer, a senior</AlertTitle>
          Because{' '}
          {approval.fourEyes.reasons.map((reason) => fourEyesReasonLabels[reason] ?? reason).join('; ')}.
        </Alert>
      )}
    </>
  );
}
