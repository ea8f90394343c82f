import type { Provider, RawSubjectResponse } from '@review-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** The provider's payload exactly as received (seniors and admins; each read is audited). */
export const getRawSubject = (provider: Provider, id: string, caseId?: string, signal?: AbortSignal) =>
  api.get<RawSubjectResponse>(
    `/api/subjects/${provider}/${encodeURIComponent(id)}/raw${caseId ? `?caseId=${encodeURIComponent(caseId)}` : ''}`,
    { signal },
  );

/** `caseId`: the case page the payload is read from, named in the read's audit row. */
export const getRawSubjectQueryOptions = (provider: Provider, id: string, caseId?: string) =>
  queryOptions({
    queryKey: ['subjects', provider, id, 'raw', caseId ?? null],
    queryFn: ({ signal }) => getRawSubject(provider, id, caseId, signal),
    staleTime: 0,
  });

export const useRawSubject = (
  provider: Provider,
  id: string,
  options: { enabled: boolean; caseId?: string },
) => useQuery({ ...getRawSubjectQueryOptions(provider, id, options.caseId), enabled: options.enabled });
