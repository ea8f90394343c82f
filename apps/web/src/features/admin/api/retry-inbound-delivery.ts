import type { DeliverySummary } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { inboundQueryKey } from './get-inbound-deliveries';
import { unmatchedQueryKey } from './get-unmatched-deliveries';

/** Reads a failed or unmatched provider delivery once more (audited). */
export const retryInboundDelivery = (id: string) =>
  api.post<DeliverySummary>(`/api/deliveries/inbound/${encodeURIComponent(id)}/retry`);

export function useRetryInboundDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryInboundDelivery,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: inboundQueryKey }),
        queryClient.invalidateQueries({ queryKey: unmatchedQueryKey }),
      ]),
  });
}
