import type { CaseDetail, CaseListQuery } from '@review-desk/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { getCaseQueryOptions } from './get-case';
import { getCasesQueryOptions } from './get-cases';

/**
 * The cases "next case" would hand out, in its order (SLA breached first, then score, then age): unclaimed, in
 * the states it hands to this role (apps/bff/src/cases/next-case.ts). Second reviews and escalations are a
 * senior's.
 */
const candidatesFor = (senior: boolean): CaseListQuery => ({
  assignee: 'unassigned',
  state: senior
    ? ['open', 'reopened', 'in_review', 'escalated', 'awaiting_second_review']
    : ['open', 'reopened', 'in_review'],
  sort: 'priority',
  limit: 3,
});

/**
 * While the reviewer works a case, loads the detail of the case "next case" is likely to open, and hands it
 * to `onLoaded` (the page reads its images ahead), so that after the decision it is on screen at once. The
 * server still decides which case is next (the page opens the one it names). Returns the likely next case's
 * id once its detail is in the cache, else null.
 */
export function usePrefetchNextCase(
  currentCaseId: string,
  options: { enabled: boolean; senior: boolean; onLoaded: (detail: CaseDetail) => void },
): string | null {
  const { enabled, onLoaded } = options;
  const list = useQuery({ ...getCasesQueryOptions(candidatesFor(options.senior)), enabled });
  const nextId = list.data?.items.find((item) => item.id !== currentCaseId)?.id ?? null;
  // Observed rather than prefetched once: the cache keeps it while this page is open.
  const loaded = useQuery({ ...getCaseQueryOptions(nextId ?? ''), enabled: enabled && nextId !== null });
  const onLoadedRef = useRef(onLoaded);
  onLoadedRef.current = onLoaded;
  useEffect(() => {
    if (loaded.data) onLoadedRef.current(loaded.data);
  }, [loaded.data]);
  return nextId !== null && loaded.data ? nextId : null;
}
