import type { NextCaseResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { refreshAfterCaseChange } from './case-mutation';

/** Claims the highest-priority open case for the caller; null when the queue is empty. */
export const claimNextCase = () => api.post<NextCaseResponse>('/api/cases/next');

/**
 * The variable is the case the page has already opened, expecting "next case" to hand it out (null when none
 * was): the server still decides, and onSuccess compares.
 */
export function useClaimNextCase(
  options: { onSuccess?: (response: NextCaseResponse, opened: string | null) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (_opened: string | null) => claimNextCase(),
    onSuccess: async (response, opened) => {
      // The case opens at once (from the cache when it was loaded ahead) while it and the lists reload.
      const refreshing = response.case ? refreshAfterCaseChange(queryClient, response.case) : null;
      options.onSuccess?.(response, opened);
      await refreshing;
    },
  });
}
