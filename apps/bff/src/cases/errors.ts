import type { CaseSummary } from '@review-desk/contracts';
import { ApiError } from '../errors';

export const caseNotFound = () => new ApiError(404, 'not_found', 'Case was not found');

export const versionConflict = (current: CaseSummary) =>
  new ApiError(
    409,
    'version_conflict',
    `The case changed since you loaded it (now version ${current.version}); reload and try again`,
    { case: current },
  );

/** Writes to a case a newer session replaced: the successor is where the work goes on. */
export const caseSuperseded = (current: CaseSummary) =>
  new ApiError(
    409,
    'case_superseded',
    'A newer verification session of this subject replaced this case; continue on the newer case',
    { case: current, supersededBy: current.supersededBy },
  );

export const notClaimed = (current: CaseSummary) =>
  new ApiError(409, 'not_claimed', 'Claim the case before working on it', { case: current });

export const claimedByOther = (current: CaseSummary) =>
  new ApiError(
    409,
    'claimed_by_other',
    `The case is claimed by ${current.assignee?.displayName ?? 'someone else'}`,
    {
      case: current,
    },
  );

export const seniorRequired = () =>
  new ApiError(403, 'senior_required', 'Escalated cases are handled by a senior');
