import type { CaseSummary } from '@review-desk/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { caseDetailQueryKey } from '../../../api/get-case';

/**
 * The case events carry the case summary only; when they say connectFi moved the journey on (documents
 * attached), the verification and the timeline on this page are reloaded too, so they agree with the header.
 */
export function useReloadOnJourneyChange(summary: CaseSummary): void {
  const queryClient = useQueryClient();
  const seen = useRef(summary.upstreamStatus);
  useEffect(() => {
    if (seen.current === summary.upstreamStatus) return;
    seen.current = summary.upstreamStatus;
    void queryClient.invalidateQueries({ queryKey: caseDetailQueryKey(summary.id) });
  }, [queryClient, summary.id, summary.upstreamStatus]);
}
