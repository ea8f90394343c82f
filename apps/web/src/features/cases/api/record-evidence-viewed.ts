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
    onSuccess: (response, { caseId, evidence }) => {
      queryClient.setQueryData<CaseDetail>(caseDetailQueryKey(caseId), (detail) =>
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
    },
  });
}
