import type { CaseDetail, EvidenceViewedRequest, EvidenceViewedResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { casePath } from './case-mutation';
import { caseDetailQueryKey } from './get-case';

export const recordEvidenceViewed = ({
  caseId,
  evidence,
}: {
  caseId: string;
  evidence: EvidenceViewedRequest;
}) => api.post<EvidenceViewedResponse>(casePath(caseId, 'evidence-viewed'), evidence);

export function useRecordEvidenceViewed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordEvidenceViewed,
    onSuccess: async (response, { caseId, evidence }) => {
      const key = caseDetailQueryKey(caseId);
      // A reload that left before this opening was recorded (after a claim, say) would answer with the approval
      // as it was then and overwrite this one: cancel it, and reload once more after.
      const reloading = queryClient.isFetching({ queryKey: key }) > 0;
      if (reloading) await queryClient.cancelQueries({ queryKey: key });
      queryClient.setQueryData<CaseDetail>(key, (detail) =>
        detail
          ? {
              ...detail,
              evidenceViewed: response.evidenceViewed,
              approval: response.approval,
              entityApplications:
                evidence.kind === 'entity_application'
                  ? detail.entityApplications.map((entity) =>
                      entity.entityId === evidence.ref ? { ...entity, viewed: true } : entity,
                    )
                  : detail.entityApplications,
            }
          : detail,
      );
      if (reloading) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
