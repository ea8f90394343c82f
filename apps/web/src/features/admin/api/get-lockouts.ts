import type { LockoutListResponse } from '@review-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** Who is kept from signing in now by failed attempts (per user and address, or slowed per user). */
export const getLockouts = (signal?: AbortSignal) =>
  api.get<LockoutListResponse>('/api/auth/lockouts', { signal });

export const useLockouts = () =>
  useQuery(
    queryOptions({
      queryKey: ['admin', 'lockouts'],
      queryFn: ({ signal }) => getLockouts(signal),
      staleTime: 0,
    }),
  );
