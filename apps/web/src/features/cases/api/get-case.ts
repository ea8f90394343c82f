import type { CaseDetail, CaseSummary } from '@review-desk/contracts';
import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { casesQueryKey } from './get-cases';

export const caseDetailQueryKey = (caseId: string) => [...casesQueryKey, 'detail', caseId] as const;

export const getCase = (caseId: string, signal?: AbortSignal) =>
  api.get<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}`, { signal });

/** How long the page waits before reading a verification again while its provider is not answering. */
export const viewRetryMs = 10_000;
const notAnsweringCodes = new Set(['upstream_unavailable', 'upstream_timeout', 'upstream_circuit_open']);

/** The provider did not answer for the live verification (rather than refusing it): worth trying again soon. */
export const providerNotAnswering = (detail: CaseDetail | undefined): boolean =>
  detail?.view === null && notAnsweringCodes.has(detail.viewError?.code ?? '');

export const getCaseQueryOptions = (caseId: string) =>
  queryOptions({
    queryKey: caseDetailQueryKey(caseId),
    queryFn: ({ signal }) => getCase(caseId, signal),
    refetchInterval: (query) => (providerNotAnswering(query.state.data) ? viewRetryMs : false),
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
