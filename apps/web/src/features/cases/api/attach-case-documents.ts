import type { DocumentAttachRequest, DocumentAttachResponse } from '@review-desk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { casePath, refreshOnConflict } from './case-mutation';
import { caseDetailQueryKey } from './get-case';
import { caseDocumentsQueryKey } from './get-case-documents';

/** Links uploaded documents to the entity's journey (connectFi /akepa/update). */
export const attachCaseDocuments = ({
  caseId,
  request,
}: {
  caseId: string;
  request: DocumentAttachRequest;
}) => api.post<DocumentAttachResponse>(casePath(caseId, 'documents/attach'), request);

export function useAttachCaseDocuments() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: attachCaseDocuments,
    onError: (error, { caseId }) => refreshOnConflict(queryClient, caseId, error),
    // The journey's new status arrives with connectFi's callback, over /api/events; the timeline now has the
    // attach row, and the list its attached documents.
    onSuccess: (response, { caseId }) => {
      queryClient.setQueryData(caseDocumentsQueryKey(caseId), { documents: response.documents });
      // Not awaited: the reviewer sees the answer at once, and the timeline catches up.
      void queryClient.invalidateQueries({ queryKey: caseDetailQueryKey(caseId) });
    },
  });
}
