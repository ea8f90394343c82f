import type { CaseListQuery } from '@review-desk/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getCaseQueryOptions } from './get-case';
import { getCasesQueryOptions } from './get-cases';

/** The cases "next case" would hand out, in its order: unclaimed work, SLA breached first, then score, then age. */
const candidates: CaseListQuery = { scope: 'work', assignee: 'unassigned', sort: 'priority', limit: 3 };

/**
 * While the reviewer works a case, loads the detail of the case "next case" is likely to open, so that after
 * the decision it is on screen at once (the server still decides, and the page revalidates what it shows).
 * Images are not fetched ahead: the media proxy answers no-store, so a browser would download them twice.
 */
export function usePrefetchNextCase(currentCaseId: string, enabled: boolean) {
  const queryClient = useQueryClient();
  const list = useQuery({ ...getCasesQueryOptions(candidates), enabled });
  const nextId = list.data?.items.find((item) => item.id !== currentCaseId)?.id ?? null;
  useEffect(() => {
    if (enabled && nextId) void queryClient.prefetchQuery(getCaseQueryOptions(nextId));
  }, [enabled, nextId, queryClient]);
}
