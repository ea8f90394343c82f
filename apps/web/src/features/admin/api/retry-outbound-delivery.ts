import type { OutboundDelivery } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { outboundQueryKey } from './get-outbound-deliveries';

/** Sends a failed decision webhook once more, now (audited). */
export const retryOutboundDelivery = (id: string) =>
  api.post<OutboundDelivery>(`/api/deliveries/outbound/${encodeURIComponent(id)}/retry`);

export function useRetryOutboundDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryOutboundDelivery,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: outboundQueryKey }),
  });
}
