import type { DecisionRequest, DecisionResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { casePath, refreshAfterCaseChange, refreshOnConflict } from './case-mutation';

export const decideCase = ({ caseId, decision }: { caseId: string; decision: DecisionRequest }) =>
  api.post<DecisionResponse>(casePath(caseId, 'decision'), decision);

/** The decisions under way, by their mutation: the case's events wait for the decision's own answer. */
export const decideCaseMutationKey = ['cases', 'decide'] as const;

export function useDecideCase(options: { onSuccess?: (response: DecisionResponse) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: decideCaseMutationKey,
    mutationFn: decideCase,
    onError: (error, { caseId }) => refreshOnConflict(queryClient, caseId, error),
    onSuccess: async (response) => {
      // The page moves on (the next case) while the lists and this case reload, not after.
      const refreshing = refreshAfterCaseChange(queryClient, response.case);
      options.onSuccess?.(response);
      await refreshing;
    },
  });
}
