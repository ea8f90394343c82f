import type { NextCaseResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { refreshAfterCaseChange } from './case-mutation';

/** Claims the highest-priority open case for the caller; null when the queue is empty. */
export const claimNextCase = () => api.post<NextCaseResponse>('/api/cases/next');

export function useClaimNextCase(options: { onSuccess?: (response: NextCaseResponse) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: claimNextCase,
    onSuccess: async (response) => {
      // The case opens at once (from the cache when it was loaded ahead) while it and the lists reload.
      const refreshing = response.case ? refreshAfterCaseChange(queryClient, response.case) : null;
      options.onSuccess?.(response);
      await refreshing;
    },
  });
}
