import type { CaseResponse, DisagreementRequest } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { casePath, refreshAfterCaseChange, refreshOnConflict } from './case-mutation';

export const closeDisagreement = ({ caseId, request }: { caseId: string; request: DisagreementRequest }) =>
  api.post<CaseResponse>(casePath(caseId, 'disagreement'), request);

/** A senior acknowledges the provider's contradicting verdict with a note, or reopens the case. */
export function useCloseDisagreement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: closeDisagreement,
    onError: (error, { caseId }) => refreshOnConflict(queryClient, caseId, error),
    onSuccess: ({ case: summary }) => refreshAfterCaseChange(queryClient, summary),
  });
}
