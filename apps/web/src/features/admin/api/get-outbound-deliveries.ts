import type { OutboundDeliveryListResponse } from '@review-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export type OutboundStatus = OutboundDeliveryListResponse['items'][number]['status'];

export const outboundQueryKey = ['admin', 'deliveries', 'outbound'] as const;

/** Decision webhooks sent to the organisation's systems, newest first; every status unless one is given. */
export const getOutboundDeliveries = (status: OutboundStatus | undefined, signal?: AbortSignal) =>
  api.get<OutboundDeliveryListResponse>('/api/deliveries/outbound', {
    query: new URLSearchParams(status ? { status } : {}),
    signal,
  });

export const useOutboundDeliveries = (status?: OutboundStatus) =>
  useQuery(
    queryOptions({
      queryKey: [...outboundQueryKey, status ?? 'all'],
      queryFn: ({ signal }) => getOutboundDeliveries(status, signal),
      staleTime: 0,
    }),
  );
