import type { CaseResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { casePath, refreshAfterCaseChange, refreshOnConflict } from './case-mutation';

export const claimCase = ({ caseId, version }: { caseId: string; version: number }) =>
  api.post<CaseResponse>(casePath(caseId, 'claim'), { version });

export function useClaimCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: claimCase,
    onError: (error, { caseId }) => refreshOnConflict(queryClient, caseId, error),
    onSuccess: ({ case: summary }) => refreshAfterCaseChange(queryClient, summary),
  });
}
