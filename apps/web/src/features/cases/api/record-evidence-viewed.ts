import type { CaseDetail, EvidenceViewedRequest, EvidenceViewedResponse } from '@review-desk/contracts';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
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

/**
 * Puts what an opening answered (the evidence opened, the approval now) into the case on screen. A reload that
 * left before the opening was recorded (after a claim, say) would answer with the approval as it was then and
 * overwrite this one: it is cancelled, and the case reloaded once more after.
 */
export async function applyOpening(
  queryClient: QueryClient,
  caseId: string,
  response: Pick<EvidenceViewedResponse, 'evidenceViewed' | 'approval'>,
  patch: (detail: CaseDetail) => Partial<CaseDetail> = () => ({}),
) {
  const key = caseDetailQueryKey(caseId);
  const reloading = queryClient.isFetching({ queryKey: key }) > 0;
  if (reloading) await queryClient.cancelQueries({ queryKey: key });
  queryClient.setQueryData<CaseDetail>(key, (detail) =>
    detail
      ? {
          ...detail,
          evidenceViewed: response.evidenceViewed,
          approval: response.approval,
          ...patch(detail),
        }
      : detail,
  );
  if (reloading) void queryClient.invalidateQueries({ queryKey: key });
}

export function useRecordEvidenceViewed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: recordEvidenceViewed,
    onSuccess: (response, { caseId }) => applyOpening(queryClient, caseId, response),
  });
}
