import type { CaseDetail, DirectoryRecordResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { caseDetailQueryKey } from './get-case';

/** Opens the directory record of a case's subject: a recorded, audited read, so a mutation rather than a query. */
export const openDirectoryRecord = (caseId: string) =>
  api.get<DirectoryRecordResponse>(`/api/cases/${encodeURIComponent(caseId)}/directory-record`);

export function useOpenDirectoryRecord(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => openDirectoryRecord(caseId),
    onSuccess: (response) => {
      queryClient.setQueryData<CaseDetail>(caseDetailQueryKey(caseId), (detail) =>
        detail ? { ...detail, evidenceViewed: response.evidenceViewed, approval: response.approval } : detail,
      );
    },
  });
}
