import type { AuthConfigResponse } from '@review-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** How sign-in is offered here: the password form, single sign-on, or both. */
export const getAuthConfig = (signal?: AbortSignal) =>
  api.get<AuthConfigResponse>('/api/auth/config', { signal, expectUnauthorized: true });

export const getAuthConfigQueryOptions = () =>
  queryOptions({
    queryKey: ['auth', 'config'] as const,
    queryFn: ({ signal }) => getAuthConfig(signal),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

export const useAuthConfig = () => useQuery(getAuthConfigQueryOptions());
