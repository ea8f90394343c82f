import type { CaseDetail, CaseSummary } from '@review-desk/contracts';
import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { casesQueryKey } from './get-cases';

export const caseDetailQueryKey = (caseId: string) => [...casesQueryKey, 'detail', caseId] as const;

export const getCase = (caseId: string, signal?: AbortSignal) =>
  api.get<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}`, { signal });

export const getCaseQueryOptions = (caseId: string) =>
  queryOptions({
    queryKey: caseDetailQueryKey(caseId),
    queryFn: ({ signal }) => getCase(caseId, signal),
  });

export const useCase = (caseId: string) => useQuery(getCaseQueryOptions(caseId));

/**
 * Puts a newer case summary (from a mutation or an event) into the cached detail without a refetch; an older
 * version than the one shown is ignored, since events can arrive late or twice.
 */
export function mergeCaseSummary(queryClient: QueryClient, summary: CaseSummary): void {
  queryClient.setQueryData<CaseDetail>(caseDetailQueryKey(summary.id), (detail) =>
    detail && detail.case.version < summary.version ? { ...detail, case: summary } : detail,
  );
}
