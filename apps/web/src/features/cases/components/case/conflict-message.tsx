import { Alert, AlertTitle } from '@mui/material';
import { ErrorState } from '@/components/errors/error-state';
import { isApiError } from '@/lib/api-client';
import { conflictingCase } from '../../api/case-mutation';
import { caseStateLabels } from '../case-labels';

/**
 * Why a write was refused. A 409 is explained in terms of the case as it is now (already reloaded), so the
 * reviewer can look again and retry; anything else shows the error with its request id.
 */
export function MutationError({ error, action }: { error: unknown; action: string }) {
  if (isApiError(error) && error.status === 409) {
    const current = conflictingCase(error);
    return (
      <Alert severity="warning" role="alert">
        <AlertTitle>The case changed before your {action} was recorded</AlertTitle>
        {error.message}
        {current && (
          <>
            {' '}
            It is now {caseStateLabels[current.state].toLowerCase()}
            {current.assignee ? `, claimed by ${current.assignee.displayName}` : ', unclaimed'}.
          </>
        )}{' '}
        The latest version has been loaded: check it, then try again.
      </Alert>
    );
  }
  return <ErrorState error={error} title={`The ${action} was not recorded`} />;
}
