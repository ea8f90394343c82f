import type { FlagRequest, FlagResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { casePath, refreshAfterCaseChange } from './case-mutation';

/** Support asks analysts to review the case; the reason becomes a note on it. */
export const flagCase = ({ caseId, request }: { caseId: string; request: FlagRequest }) =>
  api.post<FlagResponse>(casePath(caseId, 'flags'), request);

export function useFlagCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: flagCase,
    onSuccess: async ({ case: summary }) => {
      if (summary) await refreshAfterCaseChange(queryClient, summary);
    },
  });
}
