import type { CaseView, Provider } from '@review-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** The live verification of a subject, read from the provider through the BFF (read-only, not a case). */
export const getSubject = (provider: Provider, id: string, signal?: AbortSignal) =>
  api.get<CaseView>(`/api/subjects/${provider}/${encodeURIComponent(id)}`, { signal });

export const getSubjectQueryOptions = (provider: Provider, id: string) =>
  queryOptions({
    queryKey: ['subjects', provider, id],
    queryFn: ({ signal }) => getSubject(provider, id, signal),
    // Live upstream data: refetch on revisit rather than show a verification that may have changed.
    staleTime: 0,
  });

export const useSubject = (provider: Provider, id: string) => useQuery(getSubjectQueryOptions(provider, id));
