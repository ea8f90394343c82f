import type { CaseDetail, DispositionRequest, DispositionResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { casePath, refreshAfterCaseChange, refreshOnConflict } from './case-mutation';
import { caseDetailQueryKey } from './get-case';

export const disposeAmlHit = ({ caseId, request }: { caseId: string; request: DispositionRequest }) =>
  api.post<DispositionResponse>(casePath(caseId, 'dispositions'), request);

export function useDisposeAmlHit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disposeAmlHit,
    onError: (error, { caseId }) => refreshOnConflict(queryClient, caseId, error),
    onSuccess: async (response) => {
      // The new approval conditions show at once; the refetch brings the disposition list and timeline.
      queryClient.setQueryData<CaseDetail>(caseDetailQueryKey(response.case.id), (detail) =>
        detail ? { ...detail, approval: response.approval } : detail,
      );
      await refreshAfterCaseChange(queryClient, response.case);
    },
  });
}
