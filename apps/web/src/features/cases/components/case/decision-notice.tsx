import { Alert, Link, Snackbar } from '@mui/material';
import type { DecisionResponse } from '@review-desk/contracts';
import { Link as RouterLink } from 'react-router';
import { paths } from '@/config/paths';
import { caseStateLabels } from '../case-labels';
import { outcomeLabels } from './decision/outcome-field';

/** Says what a recorded decision did (outcome, the case's new state), with a way back to that case. */
export function DecisionNotice({
  response,
  onClose,
}: {
  response: DecisionResponse | null;
  onClose: () => void;
}) {
  return (
    <Snackbar
      open={response !== null}
      onClose={(_event, reason) => {
        if (reason !== 'clickaway') onClose();
      }}
      autoHideDuration={10_000}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
    >
      {response ? (
        <Alert severity="success" variant="filled" onClose={onClose} role="status">
          {outcomeLabels[response.decision.outcome]} recorded for {response.case.displayName ?? 'the case'}:
          it is now {caseStateLabels[response.case.state].toLowerCase()}.{' '}
          <Link component={RouterLink} to={paths.case.getHref(response.case.id)} color="inherit">
            Open that case
          </Link>
        </Alert>
      ) : (
        <span />
      )}
    </Snackbar>
  );
}
