import type { DeliveryListResponse, DeliverySummary } from '@review-desk/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export type InboundStatus = DeliverySummary['status'];

export const inboundQueryKey = ['admin', 'deliveries', 'inbound'] as const;

/** Provider webhook deliveries in one status, newest first. */
export const getInboundDeliveries = (status: InboundStatus, signal?: AbortSignal) =>
  api.get<DeliveryListResponse>('/api/deliveries/inbound', {
    query: new URLSearchParams({ status }),
    signal,
  });

export const useInboundDeliveries = (status: InboundStatus) =>
  useQuery(
    queryOptions({
      queryKey: [...inboundQueryKey, status],
      queryFn: ({ signal }) => getInboundDeliveries(status, signal),
      staleTime: 0,
    }),
  );
