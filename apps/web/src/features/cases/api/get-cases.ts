import type { CaseListQuery, CaseListResponse } from '@review-desk/contracts';
import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const casesQueryKey = ['cases'] as const;
export const caseListsQueryKey = [...casesQueryKey, 'list'] as const;

/** The list query as URL parameters, arrays as repeated parameters, in a stable order. */
export function caseListSearchParams(query: CaseListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query).sort(([a], [b]) => a.localeCompare(b))) {
    if (value === undefined || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.set(key, String(value));
  }
  return params;
}

export const getCases = (query: CaseListQuery, signal?: AbortSignal) =>
  api.get<CaseListResponse>('/api/cases', { query: caseListSearchParams(query), signal });

/** One page of cases (search results, overview counts). */
export const getCasesQueryOptions = (query: CaseListQuery) =>
  queryOptions({
    queryKey: [...caseListsQueryKey, 'page', query],
    queryFn: ({ signal }) => getCases(query, signal),
  });

export const useCases = (query: CaseListQuery, options: { enabled?: boolean } = {}) =>
  useQuery({ ...getCasesQueryOptions(query), enabled: options.enabled ?? true });

/** The queue: pages follow `nextCursor`; the filters and sort are the key, so changing them starts over. */
export const getCasesInfiniteQueryOptions = (query: Omit<CaseListQuery, 'cursor'>) =>
  infiniteQueryOptions({
    queryKey: [...caseListsQueryKey, 'infinite', query],
    queryFn: ({ signal, pageParam }) =>
      getCases(pageParam === null ? query : { ...query, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });

export const useInfiniteCases = (query: Omit<CaseListQuery, 'cursor'>) =>
  useInfiniteQuery(getCasesInfiniteQueryOptions(query));
