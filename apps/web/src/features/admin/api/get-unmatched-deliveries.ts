import type { DeliveryListResponse } from '@review-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const unmatchedQueryKey = ['admin', 'deliveries', 'unmatched'] as const;

/** Deliveries naming a customer the organisation's directory does not know: no case could be opened. */
export const getUnmatchedDeliveries = (signal?: AbortSignal) =>
  api.get<DeliveryListResponse>('/api/directory/unmatched', { signal });

export const useUnmatchedDeliveries = () =>
  useQuery(
    queryOptions({
      queryKey: unmatchedQueryKey,
      queryFn: ({ signal }) => getUnmatchedDeliveries(signal),
      staleTime: 0,
    }),
  );
