import type { CaseResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { casePath, refreshAfterCaseChange, refreshOnConflict } from './case-mutation';

export const releaseCase = ({ caseId, version }: { caseId: string; version: number }) =>
  api.post<CaseResponse>(casePath(caseId, 'release'), { version });

export function useReleaseCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: releaseCase,
    onError: (error, { caseId }) => refreshOnConflict(queryClient, caseId, error),
    onSuccess: ({ case: summary }) => refreshAfterCaseChange(queryClient, summary),
  });
}
