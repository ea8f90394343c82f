import type { AuditListQuery, AuditListResponse } from '@review-desk/contracts';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const getAudit = (query: AuditListQuery, signal?: AbortSignal) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  return api.get<AuditListResponse>('/api/audit', { query: params, signal });
};

/** The audit trail, newest first, one page after another. */
export const getAuditInfiniteQueryOptions = (query: Omit<AuditListQuery, 'cursor'>) =>
  infiniteQueryOptions({
    queryKey: ['audit', query],
    queryFn: ({ signal, pageParam }) =>
      getAudit(pageParam === null ? query : { ...query, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });

export const useAudit = (query: Omit<AuditListQuery, 'cursor'>) =>
  useInfiniteQuery(getAuditInfiniteQueryOptions(query));
