import type { CaseSummary } from '@review-desk/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { isApiError } from '@/lib/api-client';
import { caseDetailQueryKey, mergeCaseSummary } from './get-case';
import { caseListsQueryKey } from './get-cases';

export const casePath = (caseId: string, action?: string) =>
  `/api/cases/${encodeURIComponent(caseId)}${action ? `/${action}` : ''}`;

/**
 * After any write to a case: take the returned summary at once, then reload the detail (timeline, approval
 * conditions) and mark lists stale so the queue shows the new state.
 */
export async function refreshAfterCaseChange(queryClient: QueryClient, summary: CaseSummary): Promise<void> {
  mergeCaseSummary(queryClient, summary);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: caseDetailQueryKey(summary.id) }),
    queryClient.invalidateQueries({ queryKey: caseListsQueryKey }),
  ]);
}

/** The current case a 409 carries (version conflict, not claimed, claimed by someone else), if any. */
export function conflictingCase(error: unknown): CaseSummary | null {
  if (!isApiError(error) || error.status !== 409) return null;
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('case' in details)) return null;
  const current = details.case;
  return typeof current === 'object' && current !== null && 'id' in current && 'version' in current
    ? (current as CaseSummary)
    : null;
}

/**
 * A 409 means the case moved on: show its current state from the error at once and reload the rest, so the
 * reviewer decides on what is true now.
 */
export async function refreshOnConflict(
  queryClient: QueryClient,
  caseId: string,
  error: unknown,
): Promise<void> {
  if (!isApiError(error) || error.status !== 409) return;
  const current = conflictingCase(error);
  if (current) mergeCaseSummary(queryClient, current);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: caseDetailQueryKey(caseId) }),
    queryClient.invalidateQueries({ queryKey: caseListsQueryKey }),
  ]);
}
