import type { Provider, RawSubjectResponse } from '@review-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** The provider's payload exactly as received (seniors and admins; each read is audited). */
export const getRawSubject = (provider: Provider, id: string, signal?: AbortSignal) =>
  api.get<RawSubjectResponse>(`/api/subjects/${provider}/${encodeURIComponent(id)}/raw`, { signal });

export const getRawSubjectQueryOptions = (provider: Provider, id: string) =>
  queryOptions({
    queryKey: ['subjects', provider, id, 'raw'],
    queryFn: ({ signal }) => getRawSubject(provider, id, signal),
    staleTime: 0,
  });

export const useRawSubject = (provider: Provider, id: string, options: { enabled: boolean }) =>
  useQuery({ ...getRawSubjectQueryOptions(provider, id), enabled: options.enabled });
